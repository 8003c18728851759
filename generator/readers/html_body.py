"""The body of a saved newsroom page: furniture removed (`clean_tree`), then the main text walked
into plain-text blocks (`element_blocks`), by trafilatura's extraction or from `<article>`/`<main>`.
Shared with the Markdown reader (raw HTML blocks) and the e-mail reader (HTML parts)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document, Extractor

from generator.model import Block, BlockKind
from generator.urls import ABSOLUTE_URL
from generator.whitespace import collapse

XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")

# Characters that lxml refuses in text and attribute values (C0 controls other than tab and line
# ends, lone surrogates, non-characters): a browser drops or replaces them, and so do we.
XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Page furniture that must never become release text: navigation, cookie and consent banners,
# share buttons, "related news" boxes, sidebars — by element, ARIA role, or a word of its class/id
# ("cookie-banner", "block-related", but not "unrelated" or "shareholders"). The article itself and
# its ancestors are spared, since themes put such words in the class of <body> or a layout wrapper.
FURNITURE_TAGS = frozenset({"nav", "aside", "footer"})

FURNITURE_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "dialog", "alertdialog"})

FURNITURE_NAME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|related|share|sharing|social|newsletter|subscribe|breadcrumbs?"
    r"|sidebar)(?:$|[\s_-])",
    re.IGNORECASE,
)

# Formatting tags that carry nothing when empty.
EMPTY_UNWRAPPED = frozenset({"strong", "b", "em", "i", "u", "span", "font", "a"})

ARTICLE_XPATH = "//article | //main | //*[@role='main' or @role='article']"

# Where the release sits when trafilatura finds nothing, most specific first.
CONTAINER_XPATHS = ("//article", "//main", "//*[@role='main']", "//*[@role='article']", "//body")

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Elements whose content is never release text.
SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "img",
        "picture",
        "video",
        "audio",
        "canvas",
        "form",
        "button",
        "select",
        "textarea",
        "input",
        "head",
        "title",
        "meta",
        "link",
        "graphic",
    }
)

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
        *HEADINGS,
    }
)

CELLS = frozenset({"td", "th"})

CELL_SEPARATOR = " | "

# trafilatura's XML output names its elements after TEI; mapped onto their HTML equivalents.
TEI_TAGS = {
    "head": "h2",
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "lb": "br",
    "hi": "span",
    "ref": "a",
    "row": "tr",
    "cell": "td",
    "code": "pre",
    "del": "span",
}


# --- body ------------------------------------------------------------------------------------


def clean_tree(tree: lxml.html.HtmlElement) -> None:
    """Prepare the page for text extraction, in place: drop navigation, banners, share and
    related-news boxes; unwrap empty formatting tags (trafilatura's precision mode loses the text
    after an empty `<strong></strong>`, which justice.gov puts after its "WASHINGTON" datelines)."""
    spared: set[Any] = set()
    for element in tree.xpath(ARTICLE_XPATH):
        spared.add(element)
        spared.update(element.iterancestors())
    doomed: list[Any] = []
    empty: list[Any] = []
    for element in tree.iter(etree.Element):
        if element.tag in EMPTY_UNWRAPPED and not element.text and len(element) == 0:
            empty.append(element)
        elif element not in spared and is_furniture(element):
            doomed.append(element)
    for element in empty:
        element.drop_tag()
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def is_furniture(element: Any) -> bool:
    """Whether an element is page furniture: by its tag, its ARIA role or a word of its class/id."""
    return (
        element.tag in FURNITURE_TAGS
        or element.get("role") in FURNITURE_ROLES
        or bool(FURNITURE_NAME.search(f"{element.get('class', '')} {element.get('id', '')}"))
    )


def html_text_blocks(text: str) -> list[Block]:
    """The release text of an HTML document (an e-mail's HTML part): furniture removed, main text."""
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", XML_INCOMPATIBLE.sub("", text), count=1))
    except etree.ParserError:
        return []
    clean_tree(tree)
    return _main_text_blocks(tree) or _container_blocks(tree)


def _main_text_blocks(tree: lxml.html.HtmlElement) -> list[Block]:
    """Blocks of trafilatura's main text (precision first, no comments, no tables)."""
    document = trafilatura.bare_extraction(tree, options=_extraction_options())
    if not isinstance(document, Document) or document.body is None:
        return []
    return element_blocks(document.body, tags=TEI_TAGS, href="target", use_lines=False)


@cache
def _extraction_options() -> Extractor:
    """The options `bare_extraction(favor_precision=True, include_comments=False,
    include_tables=False, include_links=True)` would make, made once: it reads them out of its
    configuration on every call otherwise, and never changes them."""
    return Extractor(output_format="python", precision=True, comments=False, tables=False, links=True)


def _container_blocks(tree: lxml.html.HtmlElement) -> list[Block]:
    """The fallback: text of the page's article/main container (furniture is already removed)."""
    for xpath in CONTAINER_XPATHS:
        for container in tree.xpath(xpath):
            blocks = element_blocks(container)
            if blocks:
                return blocks
    return []


def drop_title_heading(blocks: list[Block], title: object, *, header_words: int = 0) -> list[Block]:
    """Leave out the heading that repeats the title (the page shows the title), if nothing but
    other headings comes before it. With `header_words`, short blocks before it (at most that many
    words: a page's "Office of Public Affairs", "FOR IMMEDIATE RELEASE", a date line) count as the
    page header above the headline and are left out with it."""
    if not isinstance(title, str) or not title:
        return blocks
    wanted = _comparable(title)
    for index, block in enumerate(blocks):
        if block.kind == "heading" and _comparable(block.text) == wanted:
            before = [b for b in blocks[:index] if b.kind == "heading" or not header_words]
            return before + blocks[index + 1 :]
        if block.kind != "heading" and len(block.text.split()) > header_words:
            break
    return blocks


def _comparable(text: str) -> str:
    # "October 31, 2012: Public Meeting" repeats the title "October 31, 2012 Public Meeting".
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def element_blocks(
    root: Any,
    *,
    line_offset: int = 0,
    tags: Mapping[str, str] | None = None,
    href: str = "href",
    use_lines: bool = True,
) -> list[Block]:
    """Plain-text blocks of an element tree: headings, paragraphs, list items (nested lists
    flattened), quotes; table rows become one paragraph with cells separated by ' | '.

    Line breaks split paragraphs (a `<br>` in a release separates lines of an address or a contact
    block). Scripts, styles, images and form controls are dropped; a link to an absolute http(s)
    URL becomes 'text (url)'. `tags` renames elements first (trafilatura's TEI-like names), `href`
    is the link attribute, and with `use_lines` each block's line is the element's source line plus
    `line_offset`.
    """
    writer = _BlockWriter(line_offset if use_lines else None)
    writer.walk(root, "paragraph", tags or {}, href)
    writer.flush("paragraph")
    return writer.blocks


class _BlockWriter:
    """Collects inline text until a block boundary, then writes it out as one Block."""

    def __init__(self, line_offset: int | None) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.line: int | None = None
        self.line_offset = line_offset
        self.flushes = 0

    def text(self, text: str | None, element: Any) -> None:
        if not text:
            return
        if self.line is None and text.strip() and self.line_offset is not None:
            source = element.sourceline
            self.line = source + self.line_offset if source else None
        self.parts.append(text)

    def flush(self, kind: BlockKind) -> None:
        text = collapse("".join(self.parts))
        if text:
            self.blocks.append(Block(kind=kind, text=text, line=self.line))
        self.parts = []
        self.line = None
        self.flushes += 1

    def walk(self, element: Any, context: BlockKind, tags: Mapping[str, str], href: str) -> None:
        raw_tag = element.tag
        if not isinstance(raw_tag, str):
            return  # comments and processing instructions
        tag = raw_tag.rsplit("}", 1)[-1].lower()
        tag = tags.get(tag, tag)
        if tag in SKIPPED:
            return
        if tag == "br":
            self.flush(context)
            return
        if tag in BLOCK_TAGS:
            self.flush(context)
            kind = _block_kind(tag, context)
            self.text(element.text, element)
            self._children(element, kind, tags, href)
            self.flush(kind)
            return
        if tag in CELLS and self.parts and "".join(self.parts).strip():
            self.parts.append(CELL_SEPARATOR)
        start, flushes = len(self.parts), self.flushes
        self.text(element.text, element)
        self._children(element, context, tags, href)
        if tag == "a" and self.flushes == flushes:
            url = (element.get(href) or "").strip()
            label = collapse("".join(self.parts[start:]))
            if ABSOLUTE_URL.match(url) and label and label != url:
                self.parts.append(f" ({url})")

    def _children(self, element: Any, kind: BlockKind, tags: Mapping[str, str], href: str) -> None:
        for child in element:
            self.walk(child, kind, tags, href)
            self.text(child.tail, child)


def _block_kind(tag: str, context: BlockKind) -> BlockKind:
    if tag in HEADINGS:
        return "heading"
    if tag == "li":
        return "list_item"
    if tag == "blockquote":
        return "quote"
    return context
