"""Markdown releases with YAML front matter (Hugo and Jekyll posts): publisher metadata and plain text.

The front matter of a `.md` is the publisher's own metadata, so it goes to `meta` (keyed by contract
field, each value with the raw-file line of its key), not to `overrides`. The body is parsed as
CommonMark (plus GFM tables and strikethrough, which Hugo's Goldmark and Jekyll's kramdown both
render) into plain-text blocks: no emphasis markers, no images, links only as 'text (url)' when the
URL is absolute http(s), raw HTML reduced to its text, template tags of the site generator removed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from generator.errors import ReleaseError
from generator.extract.dates import parse_date
from generator.model import Found, RawDocument
from generator.readers.common import decode, find_key_lines, raw_document, split_front_matter
from generator.readers.html_body import drop_title_heading
from generator.readers.markdown_body import markdown_blocks, strip_templates
from generator.urls import ABSOLUTE_URL
from generator.whitespace import collapse

HOW = "front matter"

# Front-matter keys (lower-cased: Hugo reads keys case-insensitively) for each contract field,
# strongest first. Topics are gathered from all their keys; the other fields take the first present.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "publishdate", "pubdate"),
    "author": ("authors", "author"),
    "topics": ("tags", "topics", "categories"),
    "source": ("source",),
    # jekyll-seo-tag and most themes name the original of a republished post `canonical_url`.
    "source_url": ("source_url", "canonical_url"),
    "summary": ("summary", "description", "excerpt"),
}

# A top-level key of the front matter, bare or quoted (Hugo and Jekyll posts write both).
TOP_LEVEL_KEY = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([^\s:#'"][^:]*?))\s*:(?:\s|$)""")


def read(raw: bytes, path: str) -> RawDocument:
    """A `.md` post: front matter → `meta`, CommonMark body → plain-text `blocks`."""
    decoded = decode(raw, path)
    text = decoded.text
    header, body, first_line = split_front_matter(text, path)
    # Raw-file line of each key, case-folded as Hugo reads them (the header starts on line 2).
    key_lines = find_key_lines(text.split("\n")[1 : max(first_line - 2, 1)], TOP_LEVEL_KEY, first=2, fold_case=True)
    meta = front_matter_meta(header, key_lines, path)
    blocks = markdown_blocks(body, first_line)
    title = meta.get("title")
    blocks = drop_title_heading(blocks, title.value if title else None)
    return raw_document(
        path, "markdown", body.split("\n"), first_line, meta=meta, blocks=tuple(blocks), problems=decoded.problems
    )


# --- front matter -------------------------------------------------------------------------------


def front_matter_meta(header: Mapping[str, Any], key_lines: Mapping[str, int], path: str) -> dict[str, Found[Any]]:
    """Contract fields from a post's front matter, each with the line of its key."""
    data = {key.lower(): value for key, value in header.items()}
    meta: dict[str, Found[Any]] = {}

    def first(field: str) -> tuple[str, Any] | None:
        for key in FIELD_KEYS[field]:
            if data.get(key) not in (None, "", []):
                return key, data[key]
        return None

    for field in ("title", "source", "summary"):
        entry = first(field)
        if entry is not None:
            text = _text(entry, key_lines, path)
            if text:
                meta[field] = Found(text, key_lines.get(entry[0]), HOW)
    entry = first("source_url")
    if entry is not None:
        url = _text(entry, key_lines, path)
        if ABSOLUTE_URL.match(url):
            meta["source_url"] = Found(url, key_lines.get(entry[0]), HOW)
    entry = first("date")
    if entry is not None:
        meta["date"] = Found(_date(entry, key_lines, path), key_lines.get(entry[0]), HOW)
    entry = first("author")
    if entry is not None:
        # Hugo's `authors: [jherman]` are the site's author ids, kept as written: only an authors
        # registry can name them (generator.enrich.authors), and a name guessed from one is wrong.
        names = tuple(dict.fromkeys(_strings(entry[1], ("name", "display_name"))))
        if names:
            meta["author"] = Found(names, key_lines.get(entry[0]), HOW)
    topics: list[str] = []
    topic_line: int | None = None
    for key in FIELD_KEYS["topics"]:
        values = _strings(data.get(key), ("name", "title"))
        if values and topic_line is None:
            topic_line = key_lines.get(key)
        topics.extend(values)
    if topics:
        meta["topics"] = Found(tuple(dict.fromkeys(topics)), topic_line, HOW)
    return meta


def _text(entry: tuple[str, Any], key_lines: Mapping[str, int], path: str) -> str:
    key, value = entry
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        # Hugo and WordPress exports write typography as entities ("USA.gov&#8217;s"); the site
        # shows the character, and so must the page we make (which escapes every '&').
        return collapse(html.unescape(str(value)))
    raise ReleaseError(
        path,
        key_lines.get(key),
        f"front matter '{key}' must be text, not {type(value).__name__}",
        f"write it on one line: '{key}: …' (quote it if it contains a colon)",
        code="bad-front-matter",
    )


def _date(entry: tuple[str, Any], key_lines: Mapping[str, int], path: str) -> dt.date:
    key, value = entry
    date = parse_date(value, metadata=True)
    if date is None:
        raise ReleaseError(
            path,
            key_lines.get(key),
            f"front matter '{key}' is not a date: {str(value)!r}",
            f"write the date with a four-digit year, e.g. '{key}: 2017-06-29'",
            code="bad-date",
        )
    return date


def _strings(value: Any, name_keys: Sequence[str]) -> list[str]:
    """A string or a list of strings (or of mappings with a name) → the non-empty strings."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = next((item[k] for k in name_keys if isinstance(item.get(k), str)), None)
        if isinstance(item, str | int | float) and not isinstance(item, bool) and collapse(str(item)):
            out.append(collapse(str(item)))
    return out


__all__ = ["FIELD_KEYS", "HOW", "front_matter_meta", "markdown_blocks", "read", "strip_templates"]
