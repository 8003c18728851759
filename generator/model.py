"""The typed records the pipeline passes along: RawDocument (what a reader saw) and Release (a page).

Field order of `Release` is the front-matter order of the contract in DESIGN.md; `to_front_matter`
is the only place that decides which keys a page carries, so the renderer, `show` and the JSON
schema test all agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from generator.errors import Problem

T = TypeVar("T")

BlockKind = Literal["paragraph", "heading", "list_item", "quote"]

#: Fields a raw file's front matter may override, in front-matter order.
OVERRIDABLE = (
    "title",
    "date",
    "author",
    "source",
    "source_url",
    "outlet",
    "place",
    "topics",
    "summary",
    "redirect_from",
)


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value an extractor found, where (raw-file line) and how (recorded in `extracted:`)."""

    value: T
    line: int | None = None
    how: str = "text"


@dataclass(frozen=True, kw_only=True)
class Block:
    """One piece of body text. `text` is plain text (never markup); the renderer escapes it."""

    kind: BlockKind
    text: str
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class RawDocument:
    """What a reader hands to extraction: the release text with its way back to raw-file lines.

    `lines` are the text lines below any front matter, without line ends; `first_line` is the raw
    file's line number of `lines[0]`. `meta` holds metadata the format itself carries (HTML meta
    tags, Markdown front matter, e-mail headers) keyed by contract field name; `overrides` holds the
    archive's own corrections (front matter of a plain-text raw file), which win over everything.
    `blocks` is set by readers of structured formats whose body is already split into blocks.
    `defaults` holds weaker metadata that only fills what the text itself does not give (an
    e-mail's `Date` header loses to a dateline in the body); `problems` are the reader's warnings
    (a legacy encoding, repaired mojibake).
    """

    path: str
    id: str
    format: str
    lines: tuple[str, ...]
    first_line: int = 1
    meta: Mapping[str, Found[Any]] = field(default_factory=dict)
    overrides: Mapping[str, Any] = field(default_factory=dict)
    override_lines: Mapping[str, int] = field(default_factory=dict)
    blocks: tuple[Block, ...] | None = None
    defaults: Mapping[str, Found[Any]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def line_no(self, index: int) -> int:
        """Raw-file line number of `lines[index]`."""
        return self.first_line + index


@dataclass(frozen=True, kw_only=True)
class Release:
    """One release as published: the front-matter fields in contract order, then the body."""

    id: str
    title: str
    date: dt.date
    author: tuple[str, ...] = ()
    source: str | None = None
    source_url: str | None = None
    outlet: str | None = None
    place: str | None = None
    topics: tuple[str, ...] = ()
    summary: str | None = None
    raw: str = ""
    extracted: Mapping[str, str] = field(default_factory=dict)
    redirect_from: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()

    def to_front_matter(self) -> dict[str, Any]:
        """The page's YAML front matter: contract keys in order; empty values omitted.

        `author` and `topics` are always present (possibly empty lists) because templates and
        consumers of `releases.json` iterate over them without checking.
        """
        data: dict[str, Any] = {"title": self.title, "date": self.date}
        data["author"] = list(self.author)
        for key in ("source", "source_url", "outlet", "place"):
            value = getattr(self, key)
            if value:
                data[key] = value
        data["topics"] = list(self.topics)
        if self.summary:
            data["summary"] = self.summary
        data["raw"] = self.raw
        if self.extracted:
            data["extracted"] = dict(sorted(self.extracted.items()))
        if self.redirect_from:
            data["redirect_from"] = list(self.redirect_from)
        return data
