"""Browse kinds: the ways a reader goes through the archive besides search, one record each.

A `Kind` says where its pages live (`docs/<name>/`), what they are called, and which field of a
release gives its terms. Everything that lists the kinds follows from `KINDS`: the generated
folders of docs/ (`generator.render.paths.GENERATED`, so also what `press-archive clean` removes and
what `.gitignore` must hold), the home page's counts and links, the list and term pages, the
render units, and the checks that mkdocs.yml's nav has each kind (tests/test_kinds.py).

A term's slug (`term_slug`) is its folder under its kind's pages, and also what makes two names one
term: the vocabularies match names by their slug, so two names that would share a page are the same
topic, author or source.

Adding a kind (as people quoted was) is one record here, with its field declared in
`generator.model.Release` with `browse="<name>"`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from slugify import slugify

from generator.model import BY_NAME, Release


@dataclass(frozen=True, kw_only=True)
class Kind:
    """One browse kind.

    `name` is its folder under docs/ and in the site's URLs, `title` its name in the nav and on
    its list page, `singular` one of its terms ("topic"). `field` is the `Release` field whose
    values are its terms (None for years, whose pages are a calendar, not terms);
    `vocabulary` names the archive vocabulary (`topics.yml`, `sources.yml`, `authors.yml`) whose entries
    describe its terms, if there is one."""

    name: str
    title: str
    singular: str
    field: str | None = None
    vocabulary: str | None = None

    def terms(self, release: Release) -> Sequence[str]:
        """The release's terms of this kind, in the release's order."""
        if self.field is None:
            return (str(release.date.year),)
        value = getattr(release, self.field)
        if BY_NAME[self.field].kind == "names":
            return tuple(value)
        return (value,) if value else ()


@lru_cache(maxsize=65536)
def term_slug(name: str) -> str:
    """URL slug of a topic, author or source name: stable, ASCII, lower-case (unicode transliterated)."""
    # Dots go before slugifying so that "U.S. Department of Defense" reads us-department-of-defense.
    return slugify(name.replace(".", ""), max_length=80, word_boundary=True) or "term"


YEARS = Kind(name="years", title="Years", singular="year")
TOPICS = Kind(name="topics", title="Topics", singular="topic", field="topics", vocabulary="topics")
AUTHORS = Kind(name="authors", title="Authors", singular="author", field="author", vocabulary="authors")
SOURCES = Kind(name="sources", title="Sources", singular="source", field="source", vocabulary="sources")
# People quoted share the authors' registry: a person in authors.yml is one person whether they wrote
# a release or were quoted in one, and their page gives the registry's role and bio.
PEOPLE = Kind(name="people", title="People", singular="person", field="people", vocabulary="authors")

KINDS = (YEARS, TOPICS, AUTHORS, PEOPLE, SOURCES)
"""Every browse kind, in the nav's order."""
TERM_KINDS = tuple(kind for kind in KINDS if kind.field)
"""The kinds made of terms (a list page, and a page and a feed for each term)."""
BY_KIND = {kind.name: kind for kind in KINDS}
