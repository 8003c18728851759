"""One lean search document per release: what Pagefind indexes, without MkDocs and its theme.

Of a release page built by MkDocs + Material, Pagefind keeps the title, the body and the hidden
filter/sort/meta spans of `overrides/main.html` (its exclude selectors drop the header, topic
chips, cross-links and permalink signs). The generator writes exactly those, about a third of the
page, into `SEARCH_TREE/releases/<id>/index.html`, a tree whose paths are the site's URLs, so that
Pagefind can index it while MkDocs is still rendering. Pagefind spends less CPU on it; its memory
is the same (it holds the index of the words, not the HTML). The figures are in
benchmarks/RESULTS.md.

The document must give the index of the built page: the same words in the same order and blocks
(so the same excerpts, word counts and ranking), the same title, date and source meta and the
same filter values — tests/test_search_documents.py and tests/browser/test_search_documents.py
compare the two indexes. So each block is in the element the page has (h1, h2, p, ul/li,
blockquote/p), and its text is spelled byte for byte as in the page (body URLs as their text):
Pagefind reads text undecoded when it ends a block with a full stop (after a block whose last
*raw* character is a letter, digit, quote, `)`, `$` or `*`), so `"` written as `&quot;`, or `:`
left unescaped where the page has `&#58;`, would change the words of the index. The page's text is
`generator.render.escape` of the release text, which Python-Markdown passes through unchanged.

Release text comes from strangers and is data: in element content it goes through that escaping
(`&`, `<` and `>` become references, as do Markdown's specials), in attribute values through
`html.escape` with quotes; no release text can open an element or leave an attribute.
"""

from __future__ import annotations

from html import escape

from generator.model import FIELDS, Release
from generator.render.escape import escape_line, escape_text
from generator.render.paths import release_html
from generator.settings import STAGING

SEARCH_PREFIX = "@search"
"""How generated files name the staging tree: `@search/releases/<id>/index.html` (settings.STAGING)."""
SEARCH_TREE = STAGING[SEARCH_PREFIX]
"""The staging tree of search documents, relative to the project root (git-ignored): the
generator keeps it in step with docs/, the indexer reads it."""

SEARCHED = tuple((f, f.search) for f in sorted(FIELDS, key=lambda f: f.search.rank if f.search else 0) if f.search)
"""The fields that give search spans, in the order the spans are written (the registry's `search`)."""
_HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
_OPEN = "</title></head><body><main data-pagefind-body>\n"
_CLOSE = "</main></body></html>\n"
_SPAN = '<span hidden data-pagefind-{kind}="{name}[data-value]" data-value="{value}"></span>\n'
_BLOCKS = {
    "paragraph": ("<p>", "</p>\n"),
    "heading": ("<h2>", "</h2>\n"),
    "list_item": ("<li>", "</li>\n"),
    "quote": ("<blockquote><p>", "</p></blockquote>\n"),
}


def document_path(release_id: str) -> str:
    """The document's path in the staging tree: the release page's file, as in the built site."""
    return release_html(release_id)


def _span(kind: str, name: str, value: str) -> str:
    return _SPAN.format(kind=kind, name=name, value=escape(value, quote=True))


def search_document(release: Release) -> bytes:
    """The release's search document (UTF-8 HTML): spans as `overrides/main.html` writes them (the
    front-matter values as they are), then the title and the body as text in block elements."""
    parts = [_HEAD, escape(release.title, quote=True), _OPEN]
    for field, search in SEARCHED:
        value = getattr(release, field.name)
        for item in value if field.kind == "names" else (value,) if value else ():
            text = str(item)  # a date as YYYY-MM-DD
            parts.extend(_span(s.kind, s.name, text[:4] if s.year else text) for s in search.spans)
    # As `render_release` and `block_markdown` escape them: the page's h1 is `# escape_text(title)`,
    # its subheadings `## escape_text(text)`, the other blocks start a line (`escape_line`; URLs
    # become links there, whose text is the same).
    parts += ["<h1>", escape_text(release.title), "</h1>\n"]
    in_list = False
    for block in release.body:
        text = escape_text(block.text) if block.kind == "heading" else escape_line(block.text)
        if not text:  # an empty block renders as nothing in the page
            continue
        is_item = block.kind == "list_item"
        if is_item != in_list:
            parts.append("<ul>\n" if is_item else "</ul>\n")
            in_list = is_item
        start, end = _BLOCKS[block.kind]
        parts += [start, text, end]
    if in_list:
        parts.append("</ul>\n")
    parts.append(_CLOSE)
    # As the page is encoded (generator/render/fast_path.py): text the page can hold, so can this.
    return "".join(parts).encode("utf-8", "surrogatepass")

