"""The glossary's terms, and links from each page's first use of each term to its definition.

docs/glossary.md is a definition list. A term line is the term, optionally followed by other ways the
pages write it, in parentheses: `Percentile (p50, p99)`, `Round trip (RTT, round-trip time)`. A term
written in backticks (`SO_REUSEADDR`) is matched in inline code instead of in prose.

On every other page, the first time a term (or one of its other spellings, or a plural) appears in the
prose, it becomes a link to the glossary, with the definition's first sentence as a tooltip. Never inside
code, headings, links, the titles of admonitions, or collapsed blocks. Nothing on the page needs editing.
"""

from __future__ import annotations

import html as htmllib
import os
import re
from dataclasses import dataclass

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GLOSSARY = os.path.join(ROOT, "docs", "glossary.md")


@dataclass
class Term:
    name: str
    anchor: str
    forms: list[str]
    in_code: bool
    summary: str


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return text.replace("`", "").replace("*", "")


def load(path: str = GLOSSARY) -> list[Term]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    terms = []
    for i, line in enumerate(lines[:-1]):
        if not line.strip() or line.startswith((" ", ":", "#")) or not lines[i + 1].startswith(":"):
            continue
        m = re.match(r"^(?P<name>.+?)(?:\s+\((?P<also>[^)]*)\))?\s*$", line)
        name = m.group("name").strip()
        also = [a.strip() for a in (m.group("also") or "").split(",") if a.strip()]
        in_code = name.startswith("`")
        body = [lines[i + 1][1:].strip()]
        for more in lines[i + 2:]:
            if not more.startswith("    "):
                break
            body.append(more.strip())
        text = _plain(" ".join(body))
        summary = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        forms = [name.strip("`")] + [a.strip("`") for a in also]
        terms.append(Term(name.strip("`"), slug(name.strip("`")), forms, in_code, summary))
    return terms


# Inside these, text is not prose: never link there.
SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "summary", "dt", "details",
        "svg", "button", "label", "title", "figcaption", "kbd"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"}
TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)


class Linker:
    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.by_form: dict[str, list[tuple[str, Term]]] = {}
        prose_forms = []
        for t in terms:
            for form in t.forms:
                if t.in_code:
                    continue
                self.by_form.setdefault(form.lower(), []).append((form, t))
                prose_forms.append(form)
        prose_forms.sort(key=len, reverse=True)
        alternation = "|".join(re.escape(f) for f in prose_forms)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?:s|es)?(?![\w-])", re.I)
        self.code_terms = {f: t for t in terms if t.in_code for f in t.forms}

    def _lookup(self, found: str) -> Term | None:
        for candidate in (found, found[:-1] if found.endswith("s") else None, found[:-2] if found.endswith("es") else None):
            if not candidate:
                continue
            for form, term in self.by_form.get(candidate.lower(), []):
                # An acronym in a form (RTT, AOI, the ACK of "delayed ACK") must be written in capitals.
                if any(len(w) > 1 and w.isupper() and w not in candidate for w in re.findall(r"[A-Za-z]+", form)):
                    continue
                return term
        return None

    def link(self, html: str, glossary_url: str) -> tuple[str, list[str]]:
        """The page's HTML with first uses linked, and the anchors it linked, in order."""
        done: set[str] = set()
        linked: list[str] = []
        stack: list[str] = []
        out: list[str] = []
        close_link_after_code = False

        def opening(term: Term) -> str:
            title = htmllib.escape(term.summary, quote=True)
            return f'<a class="glossary" href="{glossary_url}#{term.anchor}" title="{title}">'

        def use(term: Term | None) -> bool:
            if term is None or term.anchor in done:
                return False
            done.add(term.anchor)
            linked.append(term.anchor)
            return True

        for part in TOKEN.split(html):
            if not part:
                continue
            if part.startswith("<!--"):
                out.append(part)
                continue
            if part.startswith("<"):
                m = re.match(r"<\s*(/)?\s*([a-zA-Z0-9]+)", part)
                if m:
                    closing, tag = m.group(1), m.group(2).lower()
                    if closing:
                        names = [t.split(".")[0] for t in stack]
                        if tag in names:
                            while stack and stack.pop().split(".")[0] != tag:
                                pass
                        if tag == "code" and close_link_after_code:
                            part += "</a>"
                            close_link_after_code = False
                    elif tag not in VOID and not part.endswith("/>"):
                        cls = re.search(r'class="([^"]*)"', part)
                        title = cls and "admonition-title" in cls.group(1).split()
                        stack.append(f"{tag}.admonition-title" if title else tag)
                out.append(part)
                continue
            outside = [t for t in stack if t in SKIP or t.endswith(".admonition-title")]
            if not outside:
                part = self._link_text(part, opening, use)
            elif outside == ["code"] and stack[-1] == "code" and out and out[-1].startswith("<code"):
                # Inline code that is exactly a code term (`SO_REUSEADDR`): the link goes around it.
                if use(self.code_terms.get(htmllib.unescape(part))):
                    out[-1] = opening(self.code_terms[htmllib.unescape(part)]) + out[-1]
                    close_link_after_code = True
            out.append(part)
        return "".join(out), linked

    def _link_text(self, text: str, opening, use) -> str:
        pieces = []
        pos = 0
        for m in self.pattern.finditer(text):
            term = self._lookup(m.group(0))
            if not use(term):
                continue
            pieces += [text[pos:m.start()], opening(term), m.group(0), "</a>"]
            pos = m.end()
        pieces.append(text[pos:])
        return "".join(pieces)


def anchor_definitions(html: str, terms: list[Term]) -> str:
    """Gives each <dt> of the glossary page the id the links point at."""
    by_name = {t.name: t for t in terms}

    def add_id(m: re.Match[str]) -> str:
        inner = m.group(1)
        text = htmllib.unescape(re.sub(r"<[^>]+>", "", inner))
        name = re.sub(r"\s+\([^)]*\)\s*$", "", text).strip()
        term = by_name.get(name)
        if term is None:
            return m.group(0)
        return f'<dt id="{term.anchor}">{inner} <a class="headerlink" href="#{term.anchor}" title="Permanent link">¶</a></dt>'

    return re.sub(r"<dt>(.*?)</dt>", add_id, html, flags=re.S)
