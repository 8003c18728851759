"""Release text is data, never markup: escape it so Markdown and HTML show it exactly as submitted.

Every character that Python-Markdown or the enabled extensions treat as syntax anywhere in a line
becomes a numeric character reference, which the Markdown parser passes through and the browser
shows as the character itself; characters that are syntax only at the start of a line are escaped
there. Only http(s) URLs become links. Hand-written: no library escapes for Python-Markdown plus
its extensions (markdown-it's `escape_markdown` targets another dialect).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from generator.urls import LINKED_URL_RE
from generator.urls import is_safe_url as is_safe_url  # where page.py imports it from
from generator.whitespace import collapse

# Syntax anywhere in a line: emphasis, code, links, attribute lists, tables, abbreviations,
# footnotes, HTML and entities, tilde/caret/mark extensions, heading closers.
INLINE_SPECIALS = "\\`*_{}[]<>&|~^#=:$"
_TABLE = {ord(c): f"&#{ord(c)};" for c in INLINE_SPECIALS}
_TABLE[ord("<")] = "&lt;"
_TABLE[ord(">")] = "&gt;"
_TABLE[ord("&")] = "&amp;"
_BY_CHAR = {chr(code): text for code, text in _TABLE.items()}
_SPECIAL_RE = re.compile("[" + re.escape(INLINE_SPECIALS) + "]")


def _escape_chars(text: str) -> str:
    """`text.translate(_TABLE)`, several times faster on prose: translate looks every character up
    in a dict, the regex skips in C to the few special ones."""
    return _SPECIAL_RE.sub(lambda match: _BY_CHAR[match.group()], text)
# Syntax only at a line start: lists ("- ", "+ ", "1. ", "1) "), block quotes, headings, rules,
# fenced code, snippets ("--8<--"), definition lists (": ").
_LINE_START_RE = re.compile(r"^(\d+)([.)])|^([-+!%.'\"])")
_URL_TRAILING = ".,;:!?)’”"


# Each page is written twice (its Markdown, and the HTML of the fast path), and titles, names and
# sources recur in every list that shows their release: the escaped text is kept for the next call.
@lru_cache(maxsize=65536)
def escape_text(text: str) -> str:
    """Escape a single-line piece of text (whitespace collapsed) for inline Markdown."""
    return _escape_chars(collapse(text))


def escape_line(text: str) -> str:
    """Escape text that will stand at the start of a Markdown line (a paragraph or heading)."""
    escaped = escape_text(text)
    return _LINE_START_RE.sub(_escape_start, escaped, count=1)


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}&#{ord(match.group(2))};"
    return f"&#{ord(match.group(3))};"


def markdown_link(text: str, href: str) -> str:
    """A Markdown link from escaped text and a URL made safe by `_href`."""
    return f"[{text}]({href})"


def html_link(text: str, href: str) -> str:
    """The HTML that Python-Markdown writes for `markdown_link(text, href)`: the escaped text is
    already valid HTML (character references), the address is attribute-escaped."""
    return f'<a href="{href.replace("&", "&amp;")}">{text}</a>'


def escape_with_links(text: str, make_link: Callable[[str, str], str] = markdown_link) -> str:
    """Escape a paragraph and turn the http(s) URLs in it into links (nothing else becomes a link).
    `make_link` writes a link as Markdown (the page) or as HTML (the fast path's body)."""
    pieces = _pieces(text)
    if len(pieces) == 1:
        return pieces[0][0]
    joined = "".join(make_link(piece, href) if href else piece for piece, href in pieces)
    return joined if pieces[0][1] else _LINE_START_RE.sub(_escape_start, joined, count=1)


@lru_cache(maxsize=1024)
def _pieces(text: str) -> tuple[tuple[str, str], ...]:
    """A paragraph escaped, as (escaped text, "") and (escaped URL, its href) pieces; one piece,
    the escaped line, when it holds no URL. Kept for the next call: each paragraph is written as
    Markdown and then as HTML."""
    pieces: list[tuple[str, str]] = []
    position = 0
    collapsed = collapse(text)
    for match in LINKED_URL_RE.finditer(collapsed):
        url = match.group(0).rstrip(_URL_TRAILING)
        # Keep a closing parenthesis that belongs to the URL, as in Wikipedia addresses.
        while url.count("(") > url.count(")") and collapsed[match.start() + len(url) :].startswith(")"):
            url += ")"
        end = match.start() + len(url)
        before = _escape_chars(collapsed[position : match.start()])
        if before.endswith("!"):
            before = before[:-1] + "&#33;"  # "!" + "[url](url)" would be an image
        if before:
            pieces.append((before, ""))
        pieces.append((_escape_chars(url), _href(url)))
        position = end
    if position == 0:
        return ((escape_line(collapsed), ""),)
    pieces.append((_escape_chars(collapsed[position:]), ""))
    return tuple(pieces)


def _href(url: str) -> str:
    """A URL safe inside Markdown's `( )`: parentheses, spaces and quotes percent-encoded."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace('"', "%22").replace("'", "%27")
