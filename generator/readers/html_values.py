"""Values found in a page's metadata, cleaned: people's names (`split_names`, `as_written`),
organisations named as authors (`_organisation_authors`), titles without the site's name
(`strip_site_suffix`), tags.
Dates are read by `generator.extract.dates.parse_date`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generator.enrich.authors import is_publisher_id
from generator.whitespace import collapse
from generator.words import AUTHOR, word_search

TITLE_SEPARATOR = re.compile(r"\s+(?:\||::|»|·|–|—|-)\s+")

# An "author" that is an organisation or its press desk ("Fabrikam Communications", "Contoso Health
# Inc.", "Department for Transport"): the issuer speaking, which belongs to `source`, not a byline.
ORGANISATION_NAME = word_search(AUTHOR)


def _organisation_authors(value: Any) -> tuple[str, ...]:
    """Names of JSON-LD authors typed Organization (or Person-less entries named like one)."""
    if isinstance(value, list):
        return _unique(name for item in value for name in _organisation_authors(item))
    if isinstance(value, dict):
        types = value.get("@type")
        type_set = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
        name = value.get("name")
        if (
            isinstance(name, str)
            and collapse(name)
            and ("Organization" in type_set or (not type_set & {"Person"} and ORGANISATION_NAME.search(name)))
        ):
            return (collapse(name),)
    return ()


def _names(value: Any, *, people_only: bool) -> tuple[str, ...]:
    """Display names from a JSON-LD Person/Organization value, a string, or a list of them."""
    if isinstance(value, list):
        return _unique(name for item in value for name in _names(item, people_only=people_only))
    if isinstance(value, str):
        return tuple(split_names(value)) if people_only else (collapse(value),) if collapse(value) else ()
    if isinstance(value, dict):
        types = value.get("@type")
        type_set = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
        if people_only and type_set and "Person" not in type_set:
            return ()
        name = value.get("name")
        if isinstance(name, str) and collapse(name):
            return (collapse(name),)
    return ()


def split_names(text: str) -> list[str]:
    """'Jane Doe and John Roe' / 'Jane Doe; John Roe' → names; a comma splits only full names."""
    text = collapse(text)
    parts = [p.strip() for p in re.split(r"\s*;\s*|\s+and\s+|\s*&\s*", text) if p.strip()]
    names: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        # "Jane Doe, John Roe" is two people; "Jane Doe, PhD" is one.
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            names.extend(pieces)
        elif part:
            names.append(part)
    return names


def _clear_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Keywords only when they look like a tag list: a few short phrases, not a sentence or SEO dump."""
    tags = _unique(collapse(v) for v in values)
    if not tags or len(tags) > 15:
        return ()
    if any(len(tag) > 40 or len(tag.split()) > 5 for tag in tags):
        return ()
    return tags


def as_written(name: str, page_text: str) -> str | None:
    """A name that trafilatura read, as the page writes it, or None.

    trafilatura capitalises what it takes for a name, so a publisher's author id comes back as a
    guessed name ('jherman' → 'Jherman', 'gray-brooks' → 'Gray-Brooks'). A name the page holds as
    such is kept; one the page holds only as an id is given back as that id, which only the
    authors registry may name (`generator.enrich.authors`); any other is left out."""
    if name in page_text:
        return name
    lowered = name.lower()
    if is_publisher_id(lowered) and re.search(rf"(?<![\w-]){re.escape(lowered)}(?![\w-])", page_text):
        return lowered
    return None


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def strip_site_suffix(title: str, site_names: set[str]) -> str:
    """'Headline | OPA | Department of Justice' → 'Headline' when the tail parts name the site."""
    title = collapse(title)
    while True:
        parts = TITLE_SEPARATOR.split(title)
        if len(parts) < 2 or parts[-1].casefold() not in site_names:
            return title
        separators = list(TITLE_SEPARATOR.finditer(title))
        title = title[: separators[-1].start()].strip()
