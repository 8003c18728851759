"""Saved newsroom pages (`.html`): the publisher's metadata from the page, the release from its body.

Metadata is read strongest first — JSON-LD, Open Graph and other `<meta>` tags (with RDFa and
microdata attributes in the body), the canonical link, then the article's own `<h1>` and `<time>` —
and trafilatura's metadata only fills what is still missing. The body comes from trafilatura's
main-text extraction, walked into plain-text blocks; when that finds nothing, the text of
`<article>`/`<main>` is used. Navigation, banners and "related news" boxes are removed first
(`clean_tree`). The page is parsed once, by lxml; trafilatura works on its own copy of that tree.

This module reads the file: it decodes the page by its declared charset and puts the parts
together. The metadata cascade is `html_metadata` (reading what `html_page` finds in the markup,
cleaned by `html_values`); the body is `html_body`, whose block walker the Markdown and e-mail
readers share. Named `html_file`, not `html`, so that it never shadows the standard library's `html`.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from generator.errors import ReleaseError
from generator.model import Found, RawDocument
from generator.readers.common import Decoded, codec_alias, decode, decode_as, raw_document
from generator.readers.html_body import (
    XML_DECLARATION,
    XML_INCOMPATIBLE,
    _container_blocks,
    _main_text_blocks,
    clean_tree,
    drop_title_heading,
)
from generator.readers.html_dates import searched_date
from generator.readers.html_metadata import _trafilatura_metadata, extract_page_metadata

# The encoding declaration is looked for where browsers look: in the first 1024 bytes (WHATWG
# "prescan"); we allow a little more because saved pages often carry a long comment first.
PRESCAN_BYTES = 4096

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Lines above a page's headline that are its header, not the release ("Office of Public Affairs").
PAGE_HEADER_WORDS = 8

NO_TEXT_HINT = (
    "save the whole page as HTML (not a screenshot or a script-built shell), or paste the release text into a .txt file"
)


def read(raw: bytes, path: str) -> RawDocument:
    """A saved newsroom page: metadata from JSON-LD/meta tags/`<h1>`, body blocks from the main text."""
    decoded = decode_html(raw, path)
    text = XML_INCOMPATIBLE.sub("", decoded.text)
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except etree.ParserError:
        raise ReleaseError(path, None, "no release text found in the page", NO_TEXT_HINT, code="no-text") from None
    meta, problems = extract_page_metadata(tree, path)
    # trafilatura and htmldate read the tree before cleaning: a date in a removed banner still counts.
    # htmldate's date is a search of the whole page, the weakest statement: a default, after a
    # dateline opening the release ("SACRAMENTO — June 14, 2023 — …") and the file name's date.
    searched = searched_date(tree) if "date" not in meta else None
    if "title" not in meta or "date" not in meta:
        meta = {**_trafilatura_metadata(tree, meta), **meta}
    clean_tree(tree)
    blocks = _main_text_blocks(tree)
    if not blocks:
        blocks = _container_blocks(tree)
    title = meta.get("title")
    blocks = drop_title_heading(blocks, title.value if title else None, header_words=PAGE_HEADER_WORDS)
    if not blocks:
        raise ReleaseError(path, None, "no release text found in the page", NO_TEXT_HINT, code="no-text")
    if "title" not in meta and blocks[0].kind == "heading" and len(blocks) > 1:
        # A page without usable metadata: its first heading above the text is the headline.
        meta = {**meta, "title": Found(blocks[0].text, blocks[0].line, "heading")}
        blocks = blocks[1:]
    lines = "\n\n".join(block.text for block in blocks).split("\n")
    return raw_document(
        path, "html", lines, 1, meta=meta, defaults={"date": searched} if searched else {}, blocks=tuple(blocks),
        problems=(*decoded.problems, *problems),
    )


# --- decoding ---------------------------------------------------------------------------------


def decode_html(raw: bytes, path: str) -> Decoded:
    """Decode a page by its BOM, else its `<meta charset>`/http-equiv declaration, else as UTF-8."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(raw, path)
    match = META_CHARSET.search(raw[:PRESCAN_BYTES])
    if match is None:
        return decode(raw, path)
    label = match.group(1).decode("ascii").lower()
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        raise ReleaseError(
            path,
            raw[: match.start()].count(b"\n") + 1,
            f"unknown character encoding '{label}' declared in the page",
            're-save the page as UTF-8 and declare <meta charset="utf-8">',
            code="undecodable",
        ) from None
    # Every spelling of Latin-1 and ASCII ("latin1", "ISO-8859-1" …) counts, as it does for browsers.
    encoding = codec_alias(encoding)
    if encoding in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        # A UTF-16 page cannot declare itself in ASCII bytes; browsers read such a label as UTF-8.
        return decode(raw, path)
    return decode_as(raw, encoding, path, "re-save the page as UTF-8, or fix the charset the page declares")
