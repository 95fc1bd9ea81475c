"""The docs site's build hook (mkdocs.yml, `hooks:`). Two jobs, so that pages need no special markup:

1. Listings: a fence whose only line is `--8<-- "path#name"` becomes that region or member of the real
   file, with its marked lines highlighted and the whole file in a collapsed block; `--8<-- "a" "b"` becomes
   the diff of two files (listings.py). A name that no longer resolves fails the build.
2. Glossary: the first use of each glossary term in a page's prose links to its definition (glossary.py).

CONTRIBUTING.md ("Code on the pages") says how to use them.
"""

import os
import sys

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import glossary  # noqa: E402
import listings  # noqa: E402

_linker: glossary.Linker | None = None
_terms: list[glossary.Term] = []


def on_pre_build(config, **kwargs):
    global _linker, _terms
    _terms = glossary.load(os.path.join(config["docs_dir"], "glossary.md"))
    _linker = glossary.Linker(_terms)


def on_page_markdown(markdown, page, config, files, **kwargs):
    try:
        return listings.expand(markdown, page.file.src_path)
    except listings.ListingError as e:
        raise PluginError(f"listing: {e}") from None


def on_page_content(html, page, config, files, **kwargs):
    if page.file.src_path == "glossary.md":
        return glossary.anchor_definitions(html, _terms)
    target = files.get_file_from_path("glossary.md")
    if target is None or _linker is None:
        return html
    linked, _ = _linker.link(html, get_relative_url(target.url, page.url))
    return linked
