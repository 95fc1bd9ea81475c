#!/usr/bin/env python3
"""Checks of the docs pages that mkdocs cannot make. CI runs them all (.ci/run); run one while you write:

    python3 .ci/docs/check_pages.py                       every check, every page
    python3 .ci/docs/check_pages.py figures               one check (listings, figures, voice, traces, glossary)
    python3 .ci/docs/check_pages.py figures --page chapters/05-game-loop.md
                                                          one page, strictly (a pending page fails too)

listings  The lines of code in each page's main flow (outside collapsed blocks), against a budget.
figures   Every figure quoted in the prose of a section that shows a measured file (docs/measurements/)
          must appear, exactly as written, in one of the measured files the page includes.
voice     Pages speak to students about the course: no "the issue", no notes they cannot open.
traces    Each figure of docs/traces/ is what timeline.py draws from its trace today.
glossary  The glossary has at least 60 terms.

A page listed as pending below is reported but does not fail CI: its listings are not converted yet, or
its bench prose is being rewritten. Take a page off its list when it is done; from then on CI holds it.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import glossary  # noqa: E402
import listings  # noqa: E402
import timeline  # noqa: E402

ROOT = listings.ROOT
DOCS = os.path.join(ROOT, "docs")

LISTING_BUDGET = 350
# Pages whose "How it works" includes parts of files (regions, members, diffs) instead of whole files.
LISTINGS_ENFORCED = {
    "chapters/01-echo.md", "chapters/02-threads.md", "chapters/03-serializer.md", "chapters/04-chat.md", "chapters/05-game-loop.md",
    "chapters/06-offloading.md", "chapters/07-netcode.md", "chapters/08-agar.md",
}

# Pages whose bench prose quotes figures the measured files do not hold. The benches are being
# re-measured and the prose rewritten; each page leaves this list when its prose matches its files.
FIGURES_PENDING: set[str] = set()

# Pages that still speak about our notes rather than to students, in prose being rewritten elsewhere.
VOICE_PENDING: set[str] = set()

GLOSSARY_MINIMUM = 60

OUTPUT_LANGUAGES = {"text", "sh", "console", "shell", ""}


def pages() -> list[str]:
    found = [os.path.relpath(p, DOCS) for p in glob.glob(os.path.join(DOCS, "**", "*.md"), recursive=True)]
    return sorted(found)


def read(page: str) -> str:
    with open(os.path.join(DOCS, page), encoding="utf-8") as f:
        return f.read()


# ---------------------------------------------------------------------------------------------------------
# listings
# ---------------------------------------------------------------------------------------------------------

SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')
COLLAPSED = re.compile(r"^(\s*)\?\?\?\+?\s")


def _snippet_lines(path: str) -> int:
    with open(os.path.join(ROOT, path), encoding="utf-8-sig") as f:
        text = f.read()
    return len(text.rstrip("\n").split("\n"))


def count_listings(page: str) -> dict[str, int]:
    """Lines of code and of output, in the main flow and in collapsed blocks, as the reader gets them."""
    lines = listings.expand(read(page), page).split("\n")
    counts = {"code": 0, "output": 0, "collapsed": 0}
    collapsed_indent: int | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip())
        if collapsed_indent is not None and line.strip() and indent <= collapsed_indent:
            collapsed_indent = None
        m = COLLAPSED.match(line)
        if m and collapsed_indent is None:
            collapsed_indent = len(m.group(1))
        fence = listings.FENCE_OPEN.match(line)
        if fence:
            close = fence.group("fence")
            lang = fence.group("lang")
            n = 0
            i += 1
            while i < len(lines) and lines[i].strip() != close:
                snippet = SNIPPET.match(lines[i])
                n += _snippet_lines(snippet.group(1)) if snippet else 1
                i += 1
            key = "collapsed" if collapsed_indent is not None else ("output" if lang in OUTPUT_LANGUAGES else "code")
            counts[key] += n
        i += 1
    return counts


def check_listings(only: str | None) -> bool:
    ok = True
    print(f"listings: code lines in the main flow (budget {LISTING_BUDGET} where enforced), "
          f"program output, and lines in collapsed blocks")
    print(f"  {'page':34} {'code':>6} {'output':>7} {'collapsed':>10}  status")
    for page in pages():
        if only and page != only:
            continue
        c = count_listings(page)
        if not any(c.values()):
            continue
        enforced = page in LISTINGS_ENFORCED or page == only
        over = c["code"] > LISTING_BUDGET
        status = ("OVER BUDGET" if enforced else "over budget (not converted yet)") if over else "ok"
        if over and enforced:
            ok = False
        print(f"  {page:34} {c['code']:6} {c['output']:7} {c['collapsed']:10}  {status}")
    return ok


# ---------------------------------------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------------------------------------

MEASURED = re.compile(r'^\s*-{1,}8<-{1,}\s+"(docs/measurements/[^"]+)"')
HEADING = re.compile(r"^(#{1,6})\s")
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
UNITS = (r"(?:ms|µs|us|ns|s|seconds?|milliseconds?|microseconds?|KB/s|MB/s|KB|MB|GB|KiB|MiB|GiB|"
         r"bytes|B|[A-Za-z]+/s|%|x|×|times(?!\s+(?:a|per)\s))")
FIGURE = re.compile(rf"(?<![\w.,]){NUMBER}(?:\s?{UNITS}(?![\w])|(?=\s?(?:x|×)(?!\w)))|(?<![\w.,])\d+\.\d+(?![\w])")
RANGE_BEFORE = re.compile(rf"({NUMBER})\s?(?:{UNITS})?\s*(?:to|and|or|-|–)\s*[+-]?$")


def measured_sections(text: str) -> list[tuple[list[str], list[str]]]:
    """For each section that includes a measured file: its prose lines and the files it includes."""
    lines = text.split("\n")
    sections = []
    for i, line in enumerate(lines):
        m = MEASURED.match(line)
        if not m:
            continue
        # The section: from the heading above the include to the next heading of the same or a higher level.
        start = i
        while start > 0 and not HEADING.match(lines[start]):
            start -= 1
        level = len(HEADING.match(lines[start]).group(1)) if HEADING.match(lines[start]) else 1
        end = i + 1
        while end < len(lines):
            h = HEADING.match(lines[end])
            if h and len(h.group(1)) <= level:
                break
            end += 1
        if sections and sections[-1][2] == (start, end):
            sections[-1][1].append(m.group(1))
            continue
        sections.append((lines[start + 1:end], [m.group(1)], (start, end)))
    return [(prose, files) for prose, files, _ in sections]


def prose_of(lines: list[str]) -> str:
    """The sentences a student reads: no fences, no headings, no code spans, no link targets."""
    kept = []
    fence = None
    for line in lines:
        f = listings.FENCE_OPEN.match(line)
        if fence is None and f:
            fence = f.group("fence")
            continue
        if fence is not None:
            if line.strip() == fence:
                fence = None
            continue
        if HEADING.match(line) or MEASURED.match(line):
            continue
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)   # an image's alt text is prose too
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\(#[^)]*\)", " ", text)
    return text


def figures_in(prose: str) -> list[tuple[str, str]]:
    """(figure as written, number to look for) for every figure in the prose."""
    found = []
    for m in FIGURE.finditer(prose):
        written = m.group(0)
        number = re.match(NUMBER, written).group(0)
        found.append((written, number))
        before = RANGE_BEFORE.search(prose[max(0, m.start() - 40):m.start()])
        if before:
            found.append((before.group(0).strip() + " " + written, before.group(1)))
    return found


def in_file(number: str, text: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", text) is not None


def check_figures(only: str | None) -> bool:
    ok = True
    print("figures: figures quoted in the prose of each section that shows a measured file, "
          "checked against the measured files the page includes")
    for page in pages():
        if only and page != only:
            continue
        text = read(page)
        sections = measured_sections(text)
        if not sections:
            continue
        files = sorted({f for _, fs in sections for f in fs})
        measured = "\n".join(open(os.path.join(ROOT, f), encoding="utf-8").read() for f in files)
        stale = []
        checked = 0
        for prose_lines, _ in sections:
            for written, number in figures_in(prose_of(prose_lines)):
                checked += 1
                if not in_file(number, measured):
                    stale.append(written)
        strict = page not in FIGURES_PENDING or page == only
        verdict = "ok" if not stale else ("FAILED" if strict else "pending (bench prose being rewritten)")
        print(f"  {page}: {checked} figures, {len(stale)} not in {', '.join(os.path.basename(f) for f in files)}: {verdict}")
        for s in stale:
            print(f"      not measured: {s!r}")
        if stale and strict:
            ok = False
    return ok


# ---------------------------------------------------------------------------------------------------------
# voice
# ---------------------------------------------------------------------------------------------------------

NOT_FOR_STUDENTS = re.compile(r"\b[Tt]he issue\b|\bissue's\b|SEED-FLAWS|\bthe lead\b")


def check_voice(only: str | None) -> bool:
    ok = True
    print("voice: pages speak to students (no \"the issue\", no links to notes outside the site)")
    for page in pages():
        if only and page != only:
            continue
        hits = [(n + 1, l.strip()) for n, l in enumerate(read(page).split("\n")) if NOT_FOR_STUDENTS.search(l)]
        if not hits:
            continue
        strict = page not in VOICE_PENDING or page == only
        print(f"  {page}: {'FAILED' if strict else 'pending (prose being rewritten)'}")
        for n, l in hits:
            print(f"      line {n}: {l[:110]}")
        ok = ok and not strict
    return ok


# ---------------------------------------------------------------------------------------------------------
# traces and glossary
# ---------------------------------------------------------------------------------------------------------

def check_traces(only: str | None) -> bool:
    ok = True
    traces = sorted(glob.glob(os.path.join(DOCS, "traces", "*.trace")))
    print(f"traces: {len(traces)} figures redrawn from their traces")
    for path in traces:
        svg = path[:-len(".trace")] + ".svg"
        drawn = timeline.draw(timeline.read(path))
        current = open(svg, encoding="utf-8").read() if os.path.exists(svg) else None
        name = os.path.relpath(svg, ROOT)
        if drawn != current:
            ok = False
            print(f"  {name}: FAILED, not what its trace draws: run `python3 .ci/docs/timeline.py {os.path.relpath(path, ROOT)}`")
        else:
            print(f"  {name}: ok")
    return ok


def check_glossary(only: str | None) -> bool:
    terms = glossary.load()
    ok = len(terms) >= GLOSSARY_MINIMUM
    print(f"glossary: {len(terms)} terms (at least {GLOSSARY_MINIMUM}): {'ok' if ok else 'FAILED'}")
    return ok


CHECKS = {"listings": check_listings, "figures": check_figures, "voice": check_voice,
          "traces": check_traces, "glossary": check_glossary}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("check", nargs="?", choices=[*CHECKS, "all"], default="all")
    parser.add_argument("--page", help="one page, relative to docs/ (e.g. chapters/05-game-loop.md), checked strictly")
    args = parser.parse_args()
    if args.page and args.page not in pages():
        parser.error(f"--page {args.page}: no such page under docs/")
    chosen = CHECKS if args.check == "all" else {args.check: CHECKS[args.check]}
    results = []
    for name, check in chosen.items():
        try:
            results.append(check(args.page))
        except listings.ListingError as e:
            print(f"  FAILED: {e}")
            results.append(False)
    if not all(results):
        print("check_pages: FAILED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
