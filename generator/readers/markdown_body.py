"""The body of a Markdown release: CommonMark (plus GFM tables and strikethrough) into plain-text
blocks, with the site generator's template tags removed and raw HTML reduced to its text.
`readers/markdown.py` reads the front matter and hands the body here."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.model import Block, BlockKind
from generator.readers.html_body import XML_INCOMPATIBLE, element_blocks
from generator.urls import ABSOLUTE_URL
from generator.whitespace import collapse

# Hugo shortcodes: `{{< name attr="…" >}}`, `{{% name %}}`, closing `{{< /name >}}`, comments
# `{{</* … */>}}` (quoted attribute values may contain `>` or `}}`); then Liquid (Jekyll) and
# Go-template tags `{% include x.html %}` and output `{{ site.baseurl }}`.
TEMPLATE_TAG = re.compile(
    r"""(?P<shortcode>\{\{[<%]\s*(?P<closing>/?)\s*(?P<name>[\w./-]*)"""
    r"""(?P<attributes>(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`])*?)[>%]\}\})"""
    r"""|\{%-?\s*(?P<liquid>[\w]*).*?%\}|\{\{.*?\}\}""",
    re.DOTALL,
)
# Built-in tags that print the URL of another page: Hugo's `ref`/`relref`, Jekyll's `link`/`post_url`.
URL_TAGS = frozenset({"ref", "relref", "link", "post_url"})
SHORTCODE_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^']*)'|(\S+))""")

# Shortcodes whose attributes carry release text that the site shows as a pull quote:
# name → (attribute with the quotation, attribute with its attribution or None). Digital.gov's
# `{{< quote-block text="…" cite="…" >}}` is the one in our corpus.
QUOTE_SHORTCODES: dict[str, tuple[str, str | None]] = {"quote-block": ("text", "cite")}
ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

# An indented "code block" that starts with a tag is HTML that a blank line cut out of its HTML
# block (`<td>` lines after a whitespace-only line): nobody indents a release to show code.
LOOKS_LIKE_HTML = re.compile(r"\s*</?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>")
# Emphasis markers that CommonMark left unmatched ("Security **", "done.__"), next to a space or an
# end: markup the author meant, never text.
STRAY_EMPHASIS = re.compile(r"(?<![*_])(?:(?<!\S)(?:\*{2,3}|_{2,3})|(?:\*{2,3}|_{2,3})(?!\S))(?![*_])")

# Inline HTML whose content is never text.
SKIPPED_INLINE = frozenset({"script", "style", "noscript", "template", "iframe", "textarea", "svg", "object"})
HTML_TAG = re.compile(r"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)([^>]*?)(/?)\s*>$", re.DOTALL)
HTML_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# markdown-it leaves `[x](javascript:…)` as literal text; we want the link text alone, like the
# sanitised page shows, so every URL is accepted here and `_Inline` keeps only http(s) ones.
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]


# --- body ---------------------------------------------------------------------------------------


def strip_templates(body: str) -> str:
    """Remove Hugo shortcodes and Liquid tags, keeping line numbers and the text between paired ones.

    A tag alone on its line becomes an empty HTML comment rather than a blank line, so that it does
    not end the HTML block or list around it; a tag inside a line just disappears. Tags that print a
    URL (`URL_TAGS`) become '#', so the link around them keeps its text. A shortcode that carries a
    pull quote (`QUOTE_SHORTCODES`) on a line of its own becomes a Markdown block quote of its text,
    escaped so that the quotation stays literal.
    """

    def replace(match: re.Match[str]) -> str:
        source, closing = match.group(0), match.group("closing")
        name = match.group("name") or match.group("liquid")
        attributes = match.group("attributes") or ""
        if name in URL_TAGS and not closing:
            return "#"
        alone = _alone_on_line(match)
        if alone and not closing and name in QUOTE_SHORTCODES and match.group("shortcode") and "\n" not in source:
            text_attr, cite_attr = QUOTE_SHORTCODES[name]
            attrs = _attributes(attributes)
            quote = attrs.get(text_attr, "")
            cite = attrs.get(cite_attr, "") if cite_attr else ""
            if quote:
                return "> " + _escape(quote) + (" — " + _escape(cite) if cite else "")
        if alone or "\n" in source:
            return "<!--" + "\n" * source.count("\n") + "-->"
        return ""

    return TEMPLATE_TAG.sub(replace, body)


def _alone_on_line(match: re.Match[str]) -> bool:
    text = match.string
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    after = text[match.end() :] if line_end < 0 else text[match.end() : line_end]
    return not text[line_start : match.start()].strip() and not after.strip()


def _attributes(text: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in SHORTCODE_ATTRIBUTE.finditer(text):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attrs[match.group(1)] = value.replace('\\"', '"')
    return attrs


def _escape(text: str) -> str:
    return ASCII_PUNCTUATION.sub(r"\\\1", collapse(text))


def markdown_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Plain-text blocks of a Markdown body; `first_line` is the raw-file line of the body's start."""
    tokens = _PARSER.parse(strip_templates(body))
    blocks: list[Block] = []
    lists = quotes = 0
    in_heading = False
    row: list[str] | None = None
    row_line: int | None = None
    html_run: list[Token] = []
    for token in tokens:
        if html_run and token.type != "html_block" and not _is_html_code(token):
            blocks.extend(_html_blocks(html_run, first_line))
            html_run = []
        line = first_line + token.map[0] if token.map else None
        match token.type:
            case "bullet_list_open" | "ordered_list_open":
                lists += 1
            case "bullet_list_close" | "ordered_list_close":
                lists -= 1
            case "blockquote_open":
                quotes += 1
            case "blockquote_close":
                quotes -= 1
            case "heading_open":
                in_heading = True
            case "heading_close":
                in_heading = False
            case "tr_open":
                row, row_line = [], line
            case "tr_close":
                text = " | ".join(cell for cell in row or [] if cell)
                if text:
                    blocks.append(Block(kind="paragraph", text=text, line=row_line))
                row = None
            case "inline" if row is not None:
                row.append(" ".join(text for text, _ in _Inline(token.children or []).pieces()))
            case "inline":
                kind: BlockKind = (
                    "heading" if in_heading else "list_item" if lists else "quote" if quotes else "paragraph"
                )
                for text, offset in _Inline(token.children or []).pieces():
                    blocks.append(Block(kind=kind, text=text, line=line + offset if line else None))
            case "code_block" if _is_html_code(token):
                html_run.append(token)
            case "fence" | "code_block":
                text = collapse(token.content)
                if text:
                    code_line = line + 1 if line and token.type == "fence" else line
                    blocks.append(Block(kind="paragraph", text=text, line=code_line))
            case "html_block":
                html_run.append(token)
    if html_run:
        blocks.extend(_html_blocks(html_run, first_line))
    return blocks


def _is_html_code(token: Token) -> bool:
    return token.type == "code_block" and LOOKS_LIKE_HTML.match(token.content) is not None


def _html_blocks(run: Sequence[Token], first_line: int) -> list[Block]:
    """Blocks of consecutive raw HTML blocks, parsed together so that a table split by blank
    lines (`<table>`, blank, `<tr>`, …) is still one table."""
    first = run[0].map[0] if run[0].map else 0
    source = ""
    for token in run:
        # pad with the blank lines between the blocks, so that lxml's source lines stay exact
        gap = (token.map[0] - first if token.map else 0) - source.count("\n")
        source += "\n" * max(gap, 0) + token.content
    start = first_line + first
    source = XML_INCOMPATIBLE.sub("", source)
    try:
        root = lxml.html.fragment_fromstring(source, create_parent="div")
    except etree.ParserError:  # nothing but a doctype or the like: no text
        return []
    except AssertionError:
        # lxml asserts one <body> in a fragment: a whole page pasted into a post has its own.
        try:
            root = lxml.html.document_fromstring(source).find("body")
        except etree.ParserError:
            return []
    return element_blocks(root, line_offset=start - 1) if root is not None else []


class _Inline:
    """Plain text of one inline token's children, split into pieces at hard line breaks."""

    def __init__(self, children: Sequence[Token]) -> None:
        self.children = children
        self.done: list[tuple[str, int]] = []
        self.parts: list[str] = []
        self.offset = 0  # lines below the block's first line, at the current child
        self.start: int | None = None  # offset of the current piece's first text
        self.links: list[tuple[str, int, int]] = []  # (url, start in parts, piece number)

    def pieces(self) -> list[tuple[str, int]]:
        """(text, line offset from the block's first line) for each piece that has text."""
        skipping: str | None = None
        for child in self.children:
            breaks = 1 if child.type in ("softbreak", "hardbreak") else child.content.count("\n")
            if skipping is not None:
                tag = _html_tag(child) if child.type == "html_inline" else None
                if tag is not None and tag[0] and tag[1] == skipping:
                    skipping = None
            else:
                match child.type:
                    case "text":
                        self._text(STRAY_EMPHASIS.sub("", child.content))
                    case "code_inline":
                        self._text(child.content)
                    case "softbreak":
                        self._text(" ")
                    case "hardbreak":
                        self._break()
                    case "link_open":
                        self._open_link(child.attrGet("href"))
                    case "link_close":
                        self._close_link()
                    case "html_inline":
                        skipping = self._html(child)
            self.offset += breaks
        self._break()
        return self.done

    def _text(self, text: str) -> None:
        if self.start is None and text.strip():
            self.start = self.offset
        self.parts.append(text)

    def _break(self) -> None:
        text = collapse("".join(self.parts))
        if text:
            self.done.append((text, self.start or 0))
        self.parts = []
        self.start = None

    def _open_link(self, href: object) -> None:
        self.links.append((str(href or "").strip(), len(self.parts), len(self.done)))

    def _close_link(self) -> None:
        if not self.links:
            return
        url, start, piece = self.links.pop()
        if piece != len(self.done):
            return  # the link spanned a line break; its text stays, the URL is left out
        label = collapse("".join(self.parts[start:]))
        if label and ABSOLUTE_URL.match(url) and label != url:
            self.parts.append(f" ({url})")

    def _html(self, token: Token) -> str | None:
        """Handle one inline HTML tag; returns the tag name whose content is to be skipped."""
        tag = _html_tag(token)
        if tag is None:
            return None  # a comment or something that is not a tag: drop it
        closing, name, attributes, self_closing = tag
        if name == "br":
            self._break()
        elif name == "a" and closing:
            self._close_link()
        elif name == "a":
            href = HTML_HREF.search(attributes)
            url = next((g for g in href.groups() if g is not None), "") if href else ""
            self._open_link(html.unescape(url))
        elif name in SKIPPED_INLINE and not closing and not self_closing:
            return name
        return None


def _html_tag(token: Token) -> tuple[bool, str, str, bool] | None:
    match = HTML_TAG.match(token.content.strip())
    if match is None:
        return None
    return bool(match.group(1)), match.group(2).lower(), match.group(3), bool(match.group(4))
