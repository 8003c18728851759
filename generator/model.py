"""The typed records the pipeline passes along: RawDocument (what a reader saw) and Release (a page).

`Release` is also the field registry: each front-matter field is declared there once, in
front-matter order, with what each consumer does with it (`generator.fields`). `FIELDS` is that
table; the front matter, override validation, the JSON Schema, the page header, the search spans
and the incremental key all come from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from generator.errors import Problem
from generator.fields import Header, JsonLd, OpenGraph, Search, Span, declare, front_matter, registry

T = TypeVar("T")

BlockKind = Literal["paragraph", "heading", "list_item", "quote"]

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
    """One release as published: its id, the front-matter fields in contract order, then the body.

    Each front-matter field is declared here once: its metadata (`generator.fields.declare`) says
    what every consumer does with it. `FIELDS` below is that table.
    """

    id: str
    title: str = field(metadata=declare(
        "Headline, or derived from the lede (then extracted.title is 'lede').",
        required=True, override="text", provenance=True,
        open_graph=OpenGraph(1, (("property", "og:title"),)), json_ld=JsonLd("headline"),
        search=Search(1, (Span("meta", "title"),)),
        schema={"minLength": 1, "pattern": "\\S"},
    ))
    date: dt.date = field(metadata=declare(
        "Release date: from the dateline, header lines, page metadata, or the file name.",
        required=True, override="date", provenance=True, header=Header("Date", 1, "date"),
        open_graph=OpenGraph(5, (("property", "article:published_time"),)),
        json_ld=JsonLd("datePublished", "date"),
        search=Search(2, (Span("meta", "date"), Span("sort", "date"), Span("filter", "year", year=True))),
    ))
    author: tuple[str, ...] = field(default=(), metadata=declare(
        "Normalised author names, without 'By:'; possibly empty.",
        always=True, override="names", provenance=True, header=Header("By", 2, "terms"), browse="authors",
        json_ld=JsonLd("author", "Person"), search=Search(4, (Span("filter", "author"),)),
        schema={"items": {"type": "string", "minLength": 1, "pattern": "^\\S(.*\\S)?$"}},
    ))
    source: str | None = field(default=None, metadata=declare(
        "The organisation that issued the release (a sources.yml name when known).",
        stage="enrich", override="text", provenance=True, header=Header("Source", 3, "terms"), browse="sources",
        json_ld=JsonLd("publisher", "Organization"),
        search=Search(3, (Span("meta", "source"), Span("filter", "source"))),
    ))
    source_url: str | None = field(default=None, metadata=declare(
        "The original release's address; only http(s).",
        override="url", provenance=True, noun="source URL", header=Header("Source", 3, "original"),
        json_ld=JsonLd("isBasedOn"),
        schema={"pattern": "^https?://[^\\s<>\"'`]+$"},
    ))
    outlet: str | None = field(default=None, metadata=declare(
        "The republisher named in the dateline, e.g. ENEWSPF.",
        override="text", provenance=True, header=Header("Published by", 5),
    ))
    place: str | None = field(default=None, metadata=declare(
        "The dateline's place.",
        override="text", provenance=True, header=Header("Place", 4), json_ld=JsonLd("locationCreated", "Place"),
    ))
    topics: tuple[str, ...] = field(default=(), metadata=declare(
        "Vocabulary topic names (topics.yml), in stable order; possibly empty.",
        stage="enrich", always=True, override="names", provenance=True, browse="topics",
        open_graph=OpenGraph(6, (("property", "article:tag"),)), json_ld=JsonLd("keywords", "list"),
        search=Search(5, (Span("filter", "topic"),)),
    ))
    people: tuple[str, ...] = field(default=(), metadata=declare(
        "People the release quotes, by the full name it gives them (no titles), in order of first quotation.",
        override="names", header=Header("Quoted", 6, "terms"), browse="people", json_ld=JsonLd("mentions", "Person"),
        schema={"items": {"type": "string", "minLength": 1, "pattern": "^\\S(.*\\S)?$"}},
    ))
    summary: str | None = field(default=None, metadata=declare(
        "First sentence(s) of the lede, or the publisher's own summary.",
        override="text", provenance=True,
        open_graph=OpenGraph(4, (("property", "og:description"), ("name", "description"))),
        json_ld=JsonLd("description"),
        schema={"maxLength": 300},
    ))
    raw: str = field(default="", metadata=declare(
        "The raw file, relative to the project root (POSIX separators).",
        stage="pipeline", required=True,
        schema={"pattern": "^(?![/\\\\])(?!.*(^|/)\\.\\.(/|$)).+$"},
    ))
    extracted: Mapping[str, str] = field(default_factory=dict, metadata=declare(
        "How uncertain fields were obtained: field name → method (lede, filename, files, mention …); a saved "
        "page's date: json-ld, meta, time, visible or htmldate.",
        stage="pipeline",
    ))
    redirect_from: tuple[str, ...] = field(default=(), metadata=declare(
        "Old site paths of this page (a renamed raw file keeps its old URL).",
        override="paths", schema={"items": {"type": "string", "minLength": 1}},
    ))
    body: tuple[Block, ...] = ()
    roles: Mapping[str, str] = field(default_factory=dict)
    """Person quoted → the role this release gives them, as written (RULES.md of the people labels).
    Not front matter, like the body: a role belongs to one release, so the person's page shows it
    beside that release, while `people` holds the names that pages and browse link by."""

    def to_front_matter(self) -> dict[str, Any]:
        """The page's YAML front matter: the registry's fields in order, empty ones left out."""
        return front_matter(self, FIELDS)


FIELDS = registry(Release)
"""The field registry: every front-matter field of a release page, in front-matter order."""
BY_NAME = {f.name: f for f in FIELDS}
OVERRIDABLE = tuple(f.name for f in FIELDS if f.override)
"""Fields a raw file's front matter may set, in front-matter order."""


def chronological(releases: Sequence[Release]) -> list[Release]:
    """The archive's order: oldest first, ties broken by id so that it never depends on the order
    files were found in (previous/next links, related releases)."""
    return sorted(releases, key=lambda r: (r.date, r.id))


def newest_first(releases: Sequence[Release]) -> list[Release]:
    """The order of every list a reader sees (home, years, terms, feeds, `releases.json`): newest
    first, ties broken by id."""
    return sorted(releases, key=lambda r: (-r.date.toordinal(), r.id))
