"""Listings for the docs pages: a named part of a real source file, or the diff of two files.

A page asks for them inside an ordinary fence, with the snippet line it already knows plus a selector:

    ```csharp
    --8<-- "chapters/03-serializer/Pickle/PickleWriter.cs#WriteReference" mark="_memo.TryAdd"
    ```

    ```diff
    --8<-- "chapters/05-game-loop/Snake/Variants/AlwaysRunningHub.cs" "chapters/05-game-loop/Snake/Variants/OnDemandHub.cs"
    ```

The selector after `#` is, in this order of preference:
  - the name of a region marked in the file (`#region name` ... `#endregion`, C#'s own directive);
  - the name of a member or type (`WriteReference`, `PickleWriter`), a nested one (`PickleWriter.WriteList`),
    or one overload (`Write(string`: the declaration must contain that text).
The listing shows those lines (doc comment and attributes included, common indent removed, region lines
left out), highlights the lines that contain each `mark` (a mark that matches nothing is an error, so a
highlight cannot go stale silently), and is followed by the whole file in a collapsed block (unless
`whole="no"`). Anything that does not resolve raises ListingError, which fails `mkdocs build`.

This module is used by the mkdocs hook (hooks.py) and by the page checks (check_pages.py), so both see
exactly the same expanded page.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class ListingError(Exception):
    """A listing that cannot be built: the page must be fixed (or the source's region restored)."""


# ---------------------------------------------------------------------------------------------------------
# Reading C#: a mask of the text where comments and literals are blanked, so braces and names can be found
# with plain scanning. Newlines are kept, so line numbers stay the same.
# ---------------------------------------------------------------------------------------------------------

def code_mask(text: str) -> str:
    out = list(text)
    n = len(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    def skip_code(i: int, until_brace: bool) -> int:
        """Scans code from i; with until_brace, stops after the `}` that closes an interpolation hole."""
        depth = 0
        while i < n:
            c = text[i]
            nxt = text[i + 1] if i + 1 < n else ""
            if c == "/" and nxt == "/":
                end = text.find("\n", i)
                end = n if end < 0 else end
                blank(i, end)
                i = end
            elif c == "/" and nxt == "*":
                end = text.find("*/", i + 2)
                end = n if end < 0 else end + 2
                blank(i, end)
                i = end
            elif c == "'":
                j = i + 1
                while j < n and text[j] != "'" and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                blank(i + 1, j)
                i = j + 1
            elif c in "$@\"":
                j = i
                interp = verbatim = False
                while j < n and text[j] in "$@":
                    interp |= text[j] == "$"
                    verbatim |= text[j] == "@"
                    j += 1
                if j < n and text[j] == '"':
                    i = skip_string(j, interp, verbatim)
                else:
                    i = j if j > i else i + 1
            elif until_brace and c == "{":
                depth += 1
                i += 1
            elif until_brace and c == "}":
                if depth == 0:
                    return i + 1
                depth -= 1
                i += 1
            else:
                i += 1
        return i

    def skip_string(q: int, interp: bool, verbatim: bool) -> int:
        """q is the opening quote; returns the index after the closing quote, blanking the contents."""
        quotes = 0
        while q + quotes < n and text[q + quotes] == '"':
            quotes += 1
        if quotes >= 3:  # raw string literal: ends at the same run of quotes
            end = text.find('"' * quotes, q + quotes)
            end = n if end < 0 else end
            blank(q + quotes, end)
            return end + quotes
        i = q + 1
        start = i
        while i < n:
            c = text[i]
            if verbatim and c == '"' and i + 1 < n and text[i + 1] == '"':
                i += 2
            elif not verbatim and c == "\\":
                i += 2
            elif c == '"':
                blank(start, i)
                return i + 1
            elif interp and c == "{":
                if i + 1 < n and text[i + 1] == "{":
                    i += 2
                    continue
                # The hole is code, but it sits inside the string: blank it whole, braces included.
                i = skip_code(i + 1, until_brace=True)
            elif c == "\n" and not verbatim:
                break
            else:
                i += 1
        blank(start, i)
        return i

    skip_code(0, until_brace=False)
    return "".join(out)


MODIFIERS = (r"(?:(?:public|private|protected|internal|static|sealed|override|virtual|abstract|async|readonly|"
             r"partial|unsafe|extern|new|const|required|file|volatile|implicit|explicit|ref|fixed)\s+)*")
STATEMENTS = (r"(?!(?:return|await|throw|var|new|yield|case|if|else|while|for|foreach|using|lock|switch|goto|"
              r"when|in|out|is|as|not|and|or|from|select|where|let|using|do|try|catch|finally|checked|"
              r"unchecked|nameof|typeof|sizeof|default|break|continue)\b)")


def _declaration_patterns(name: str) -> list[re.Pattern[str]]:
    n = re.escape(name)
    return [
        # a type: class, struct, record, interface, enum, delegate
        re.compile(rf"^\s*(?:\[.*\]\s*)*{MODIFIERS}(?:class|struct|record(?:\s+struct|\s+class)?|interface|enum)\s+{n}\b"),
        re.compile(rf"^\s*(?:\[.*\]\s*)*{MODIFIERS}delegate\s+[\w<>\[\],.?() ]+?\s+{n}\s*[<(]"),
        # a method, property, field, event or operator: a type, then the name
        re.compile(rf"^\s*(?:\[.*\]\s*)*{MODIFIERS}{STATEMENTS}(?:event\s+)?[\w.]+(?:<[^;{{=]*?>)?(?:\[[,\s]*\])*\??"
                   rf"(?:\s*\([^;{{]*?\))?\s+{n}\s*(?:<[^>(]*>\s*)?(?:\(|\{{|=>|=(?!=)|;|$)"),
        # a tuple-returning method: (int A, int B) Name(
        re.compile(rf"^\s*{MODIFIERS}\([^;{{]*\)\??\s+{n}\s*(?:<[^>(]*>\s*)?\("),
        # a constructor (needs a modifier, so `new Name(` never looks like one)
        re.compile(rf"^\s*(?:public|private|protected|internal|static)\s+{MODIFIERS}{n}\s*\("),
    ]


@dataclass
class Source:
    path: str  # relative to the repository root
    lines: list[str]
    masked: list[str]

    @staticmethod
    def load(path: str) -> "Source":
        full = os.path.join(ROOT, path)
        if not os.path.isfile(full):
            raise ListingError(f"{path}: no such file")
        with open(full, encoding="utf-8-sig") as f:
            text = f.read()
        masked = code_mask(text) if path.endswith(".cs") else text
        return Source(path, text.split("\n"), masked.split("\n"))


REGION_START = re.compile(r"#region\s+(\S+)")
REGION_END = re.compile(r"#endregion\b")


def _find_region(src: Source, name: str) -> tuple[int, int] | None:
    """Lines strictly between `#region name` and its `#endregion`, as [first, last] (0-based), or None."""
    for i, line in enumerate(src.lines):
        m = REGION_START.search(line)
        if m and m.group(1) == name:
            depth = 0
            for j in range(i + 1, len(src.lines)):
                if REGION_START.search(src.lines[j]):
                    depth += 1
                elif REGION_END.search(src.lines[j]):
                    if depth == 0:
                        return i + 1, j - 1
                    depth -= 1
            raise ListingError(f"{src.path}: #region {name} has no #endregion")
    return None


def _member_end(src: Source, line: int, col: int) -> int:
    """The last line of the declaration whose name ends at (line, col) in the masked text."""
    text = "\n".join(src.masked)
    offsets = [0]
    for l in src.masked:
        offsets.append(offsets[-1] + len(l) + 1)
    i = offsets[line] + col
    n = len(text)
    paren = 0

    def line_of(pos: int) -> int:
        lo, hi = 0, len(offsets) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offsets[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def to_semicolon(j: int) -> int:
        depth = 0
        while j < n:
            c = text[j]
            if c in "({[":
                depth += 1
            elif c in ")}]":
                depth -= 1
            elif c == ";" and depth <= 0:
                return j
            j += 1
        raise ListingError(f"{src.path}:{line + 1}: no ';' ends this declaration")

    while i < n:
        c = text[i]
        if c in "([":
            paren += 1
        elif c in ")]":
            paren -= 1
        elif paren == 0 and c == "=" and i + 1 < n and text[i + 1] == ">":
            return line_of(to_semicolon(i + 2))
        elif paren == 0 and c == "=" and text[i + 1: i + 2] != "=" and text[i - 1: i] not in "=!<>":
            return line_of(to_semicolon(i + 1))
        elif paren == 0 and c == ";":
            return line_of(i)
        elif paren == 0 and c == "{":
            depth = 0
            j = i
            while j < n:
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            else:
                raise ListingError(f"{src.path}:{line + 1}: unbalanced braces")
            # A property with an initializer: `{ get; } = value;`
            rest = text[j + 1: offsets[line_of(j) + 1]].strip() if line_of(j) + 1 < len(offsets) else ""
            if rest.startswith("="):
                return line_of(to_semicolon(j + 1))
            return line_of(j)
        i += 1
    raise ListingError(f"{src.path}:{line + 1}: the declaration never ends")


def _member_start(src: Source, line: int) -> int:
    """Moves up over the doc comment, attributes and comments attached to the declaration on `line`."""
    start = line
    while start > 0:
        above = src.lines[start - 1].strip()
        if above.startswith("///") or above.startswith("//") or (above.startswith("[") and above.endswith("]")):
            start -= 1
        else:
            break
    return start


def _find_member(src: Source, selector: str, within: tuple[int, int]) -> tuple[int, int, int] | None:
    """(declaration line, first line, last line) of the member `selector` between the lines `within`."""
    # `Write(string` or `Loads<T>`: one overload, the one whose declaration contains that text.
    name = re.match(r"[^(<]*", selector).group(0)
    overload = selector != name
    patterns = _declaration_patterns(name)
    hits = []
    lo, hi = within
    for i in range(lo, hi + 1):
        masked = src.masked[i]
        for p in patterns:
            m = p.search(masked)
            if m:
                if overload and selector not in re.sub(r"\s+", " ", src.lines[i]).replace(name + " (", name + "("):
                    break
                # the name closest to the end of the match is the declared one
                col = masked.rfind(name, 0, m.end()) + len(name)
                hits.append((i, col))
                break
    if not hits:
        return None  # type: ignore[return-value]
    spans = [(line, _member_start(src, line), _member_end(src, line, col)) for line, col in hits]
    # A type and its constructor share a name: the type, which contains the constructor, is meant
    # (`Relay.Relay` names the constructor).
    outer = [s for s in spans if all(s[1] <= o[1] and o[2] <= s[2] for o in spans)]
    if len(spans) > 1 and len(outer) != 1:
        where = ", ".join(str(s[0] + 1) for s in spans)
        raise ListingError(f"{src.path}: '{selector}' is declared {len(hits)} times (lines {where}); "
                           f"name one overload, e.g. #{name}(int, or mark a #region")
    return (outer or spans)[0]


def select(src: Source, selector: str) -> tuple[int, int]:
    """The [first, last] lines (0-based) that `selector` names in `src`; ListingError if none."""
    region = _find_region(src, selector)
    if region is not None:
        return region
    within = (0, len(src.lines) - 1)
    head = re.match(r"[^(<]*", selector).group(0)
    parts = head.split(".")
    parts[-1] += selector[len(head):]
    found = None
    for k, part in enumerate(parts):
        found = _find_member(src, part, within)
        if found is None:
            scope = ".".join(parts[:k]) or src.path
            raise ListingError(f"{src.path}: no region or member named '{part}' in {scope} "
                               f"(renamed or deleted? the page asks for #{selector})")
        within = (found[0] + 1, found[2])  # inside its body, not its own declaration line
    return found[1], found[2]  # type: ignore[index]


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(widths) if widths else 0
    return [l[cut:] if l.strip() else "" for l in lines]


@dataclass
class Listing:
    path: str
    selector: str
    code: list[str]
    marked: list[int]  # 1-based lines of `code` to highlight
    whole: list[str]


def build_listing(path: str, selector: str, marks: list[str]) -> Listing:
    src = Source.load(path)
    first, last = select(src, selector)
    numbered = [(i, src.lines[i]) for i in range(first, last + 1)
                if not (REGION_START.search(src.lines[i]) or REGION_END.search(src.lines[i]))]
    code = _dedent([l for _, l in numbered])
    while code and not code[-1].strip():
        code.pop()
    marked: set[int] = set()
    for mark in marks:
        if mark.startswith("#"):
            inner = select(src, mark[1:])
            hit = [k + 1 for k, (i, _) in enumerate(numbered) if inner[0] <= i <= inner[1]]
        else:
            hit = [k + 1 for k, l in enumerate(code) if mark in l]
        if not hit:
            raise ListingError(f"{path}#{selector}: mark \"{mark}\" matches no line of the listing")
        marked.update(hit)
    whole = src.lines[:-1] if src.lines and src.lines[-1] == "" else src.lines
    return Listing(path, selector, code, sorted(marked), whole)


def build_diff(before: str, after: str, context: int = 3) -> tuple[list[str], list[str], list[str]]:
    a, b = Source.load(before), Source.load(after)
    strip = lambda ls: ls[:-1] if ls and ls[-1] == "" else ls
    diff = list(difflib.unified_diff(strip(a.lines), strip(b.lines), fromfile=before, tofile=after,
                                     n=context, lineterm=""))
    if not diff:
        raise ListingError(f"{before} and {after} are the same: there is no diff to show")
    return diff, strip(a.lines), strip(b.lines)


# ---------------------------------------------------------------------------------------------------------
# The page side: find the fences that ask for a listing and replace them with plain Markdown.
# ---------------------------------------------------------------------------------------------------------

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<lang>[\w+#-]*)(?P<attrs>.*)$")
SCISSORS = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+(?P<args>".*)$')
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
OPTION = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def _short(path: str) -> str:
    m = re.match(r"chapters/[^/]+/(.+)", path)
    return m.group(1) if m else path


def _fence(indent: str, lang: str, attrs: str, lines: list[str]) -> list[str]:
    fence = "```"
    while any(l.lstrip().startswith(fence) for l in lines):
        fence += "`"
    return [f"{indent}{fence}{lang}{attrs}"] + [f"{indent}{l}" if l else "" for l in lines] + [f"{indent}{fence}"]


def _details(indent: str, summary: str, blocks: list[tuple[str, list[str]]]) -> list[str]:
    out = ["", f'{indent}??? abstract "{summary}"', ""]
    for lang, lines in blocks:
        out += _fence(indent + "    ", lang, "", lines) + [""]
    return out


def expand(markdown: str, page: str = "") -> str:
    """The page with every listing fence replaced by its code (and its collapsed whole file)."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if m and i + 2 < len(lines) and SCISSORS.match(lines[i + 1]) \
                and lines[i + 2].strip() == m.group("fence"):
            args = SCISSORS.match(lines[i + 1]).group("args")
            quoted = QUOTED.findall(args.split(' mark=')[0].split(' whole=')[0].split(' title=')[0])
            options = OPTION.findall(args)
            if len(quoted) == 2 or (quoted and "#" in quoted[0]):
                try:
                    out += _render(m, quoted, options)
                except ListingError as e:
                    raise ListingError(f"{page}:{i + 2}: {e}") from None
                i += 3
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _render(m: re.Match[str], quoted: list[str], options: list[tuple[str, str]]) -> list[str]:
    indent, lang, attrs = m.group("indent"), m.group("lang") or "text", m.group("attrs")
    marks = [v.replace('\\"', '"') for k, v in options if k == "mark"]
    whole = dict(options).get("whole", "yes") != "no"
    title = dict(options).get("title")
    if len(quoted) == 2:
        before, after = quoted
        diff, a, b = build_diff(before, after)
        t = title or f"{_short(before)} → {_short(after)}"
        block = _fence(indent, "diff", f' title="{t}"{attrs}', diff)
        if whole:
            src_lang = "csharp" if before.endswith(".cs") else "text"
            block += _details(indent, f"The whole files: {_short(before)} and {_short(after)}",
                              [(src_lang, a), (src_lang, b)])
        return block
    path, _, selector = quoted[0].partition("#")
    listing = build_listing(path, selector, marks)
    t = title or f"{_short(path)}: {selector}"
    hl = f' hl_lines="{" ".join(map(str, listing.marked))}"' if listing.marked else ""
    block = _fence(indent, lang, f' title="{t}"{hl}{attrs}', listing.code)
    if whole:
        block += _details(indent, f"The whole file: {_short(path)} ({len(listing.whole)} lines)",
                          [(lang, listing.whole)])
    return block
