"""The field registry: what each front-matter field of a release is and what it is for.

A field is declared once, as an attribute of `generator.model.Release` whose metadata is a `Field`
(made by `declare`): its name and type are the attribute's, the rest is here. Every consumer reads
the registry instead of naming fields: the front matter (`front_matter`), override validation
(`generator.extract.overrides`), the JSON Schema and the templates' Open Graph, JSON-LD and search
spans (`generator.contract`, generated and checked in), the page header (`generator.render.page`),
the search documents (`generator.render.search_document`), the `check --summary` table and the
incremental key (`cache_key`). Adding a field is one declaration in `Release` plus the extractor
that finds its value.

Ranks order a field among the others in one consumer where that order is not the front matter's
(the page header lists place before outlet; Open Graph puts the description before the date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Override = Literal["text", "date", "names", "url", "paths"]
"""How a raw file's front matter may set a field: one line of text, a date, a list of names, an
http(s) address, or a list of old site paths."""
Show = Literal["date", "terms", "text", "original"]
"""How the page header shows a value: a date linked to its year, names linked to their browse
pages, plain text, or a link to the original release."""
Shape = Literal["text", "date", "list", "Person", "Organization", "Place"]
"""How JSON-LD holds a value: as it is, as an ISO date, as a list, or as schema.org objects of that
type with the value as `name` (one per item of a list)."""
Stage = Literal["extract", "enrich", "pipeline"]
"""Which stage sets a field: extraction (from the text, the format's metadata and the raw file's
overrides, in `generator.extract`), enrichment (against the archive's vocabularies, in
`generator.enrich`), or the pipeline itself (where the release came from and how it was read)."""
Kind = Literal["string", "date", "names", "mapping"]
"""The field's type, read from its annotation in `Release`."""

METADATA_KEY = "press_archive"


@dataclass(frozen=True)
class Header:
    """A row of the page header: `label`, at `rank`; fields with the same label share a row."""

    label: str
    rank: int
    show: Show = "text"


@dataclass(frozen=True)
class Span:
    """A hidden Pagefind span: `kind` is meta, filter or sort; `year` takes the year of a date."""

    kind: Literal["meta", "filter", "sort"]
    name: str
    year: bool = False


@dataclass(frozen=True)
class Search:
    """The field's search spans, written at `rank` among the fields' spans."""

    rank: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class OpenGraph:
    """`<meta>` tags of the page head: (attribute, name) pairs such as ("property", "og:title"),
    at `rank` among the head's tags (one tag per item of a list)."""

    rank: int
    tags: tuple[tuple[Literal["property", "name"], str], ...]


@dataclass(frozen=True)
class JsonLd:
    """The field's schema.org property in the page's NewsArticle."""

    name: str
    shape: Shape = "text"


@dataclass(frozen=True, kw_only=True)
class Field:
    """One front-matter field, as `Release` declares it (see `declare`)."""

    name: str = ""
    kind: Kind = "string"
    doc: str
    stage: Stage = "extract"
    required: bool = False
    always: bool = False
    override: Override | None = None
    provenance: bool = False
    noun: str = ""
    header: Header | None = None
    browse: str | None = None
    open_graph: OpenGraph | None = None
    json_ld: JsonLd | None = None
    search: Search | None = None
    key: bool = True
    schema: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def label(self) -> str:
        """What people call the field in messages and tables (`noun`, else its name)."""
        return self.noun or self.name


def declare(doc: str, **spec: Any) -> dict[str, Field]:
    """The metadata of a `Release` attribute that is a front-matter field.

    `doc` says what the field holds (it becomes the JSON Schema's description). The keywords are
    `Field`'s: `stage` (which stage sets it; default extraction), `required` (always written,
    never empty), `always` (always written, possibly empty), `override` (how a raw file's front
    matter may set it; None: it may not), `provenance` (`extracted:` may say how it was
    obtained), `noun` (its name in messages), `header`, `browse` (the browse kind whose pages its
    values link to), `open_graph`, `json_ld`, `search`, `key` (part of the incremental key;
    default True) and `schema` (more JSON Schema keywords)."""
    return {METADATA_KEY: Field(doc=doc, **spec)}


def registry(model: type) -> tuple[Field, ...]:
    """The fields of `model` that carry a `Field`, in declaration (= front-matter) order, each
    with its name and its kind from the attribute's annotation."""
    hints = typing.get_type_hints(model)
    found = []
    for attribute in dataclasses.fields(model):
        spec = attribute.metadata.get(METADATA_KEY)
        if isinstance(spec, Field):
            found.append(dataclasses.replace(spec, name=attribute.name, kind=_kind(hints[attribute.name])))
    return tuple(found)


def _kind(annotation: Any) -> Kind:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    origin = typing.get_origin(annotation) or annotation
    if origin is dt.date:
        return "date"
    if origin is tuple:
        return "names"
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return "mapping"
    if origin is str:
        return "string"
    raise TypeError(f"a front-matter field cannot have the type {annotation!r}")


def front_matter(release: object, fields: tuple[Field, ...]) -> dict[str, Any]:
    """The page's front matter: the fields in order; empty values left out unless `always`
    (templates and readers of `releases.json` iterate over `author` and `topics` without checking)."""
    data: dict[str, Any] = {}
    for field in fields:
        value = getattr(release, field.name)
        if not (value or field.required or field.always):
            continue
        if field.kind == "names":
            value = list(value)
        elif field.kind == "mapping":
            value = dict(sorted(value.items()))
        data[field.name] = value
    return data


def cache_key(release: object, fields: tuple[Field, ...]) -> str:
    """What lists and feeds show of a release, as text: every field in the key (the body is not)."""
    values = []
    for field in fields:
        if field.key:
            value = getattr(release, field.name)
            values.append(tuple(value.items()) if field.kind == "mapping" else value)
    return repr((getattr(release, "id", None), *values))
