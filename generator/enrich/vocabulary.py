"""The archive's vocabularies: `topics.yml` (topic names, aliases, tags), `sources.yml` (organisations)
and `authors.yml` (read by `generator.enrich.authors`).

Loaded once per run and compiled into matchers, so matching a release is one pass of an automaton
over its text rather than one search per alias.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from generator.enrich.authors import AuthorRegistry, load_authors
from generator.enrich.offices import Office, is_office, load_offices
from generator.errors import Problem, ReleaseError
from generator.kinds import term_slug

# The files `load_vocabulary` reads: the release cache's key covers each (generator/loading.py).
VOCABULARY_FILES = ("topics.yml", "sources.yml", "authors.yml")


@dataclass(frozen=True, kw_only=True)
class Term:
    """A topic or a source: its display name, the ways releases name it, and reader-facing facts."""

    name: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    url: str | None = None
    description: str | None = None

    @property
    def slug(self) -> str:
        return term_slug(self.name)


@dataclass
class Matcher:
    """Whole-word matching of many names at once: acronym aliases (all capitals) match case-sensitively,
    the others case-insensitively, so "AIDS" the disease never matches "aids" the verb.

    Each alias matches as a whole word (no letter, digit or underscore on either side), a space in
    it matches any run of whitespace, and where several aliases match at one place the longest
    wins; matches do not overlap and are taken from left to right ("Islamic State of Iraq and
    Syria" is one match, not also "Islamic State"), acronyms and the others each on their own.
    That is what a regex alternation of the aliases, longest first, between word guards finds
    (`_alternation`); an Aho-Corasick automaton (pyahocorasick) of the lower-cased aliases finds
    every alias in one pass over the lower-cased text instead, and `find` keeps the matches that
    the regex would.
    """

    by_key: dict[str, str] = field(default_factory=dict)
    automaton: Any | None = None
    """Lower-cased alias → (its length, the term of the case-insensitive alias spelled so or None,
    (the acronym alias spelled so in capitals, its term) or None)."""
    exact_aliases: tuple[str, ...] = ()
    folded_aliases: tuple[str, ...] = ()
    """The aliases as written, for the rare text whose lower-casing changes its length (positions
    would no longer line up): that text is matched by the regex alternations."""
    apart: bool = False
    """An acronym's lower-casing changes its length: every text is matched by the alternations."""

    @classmethod
    def build(cls, terms: Iterable[Term], *, include_name: bool = True) -> Matcher:
        matcher = cls()
        exact: list[str] = []
        folded: list[str] = []
        for term in terms:
            names = ((term.name,) if include_name else ()) + term.aliases
            for alias in names:
                alias = " ".join(alias.split())
                if not alias:
                    continue
                if _is_acronym(alias):
                    matcher.by_key.setdefault(alias, term.name)
                    exact.append(alias)
                else:
                    matcher.by_key.setdefault(alias.casefold(), term.name)
                    folded.append(alias)
        entries: dict[str, tuple[int, str | None, tuple[str, str] | None]] = {}
        for alias in folded:
            low = " ".join(alias.lower().split())
            name = matcher.by_key.get(low.casefold()) or matcher.by_key[alias.casefold()]
            entries[low] = (len(low), name, None)
        for alias in exact:
            low = alias.lower()
            matcher.apart = matcher.apart or len(low) != len(alias)
            entries[low] = (len(low), entries.get(low, (0, None, None))[1], (alias, matcher.by_key[alias]))
        if entries:
            matcher.automaton = ahocorasick.Automaton()
            for low, entry in entries.items():
                matcher.automaton.add_word(low, entry)
            matcher.automaton.make_automaton()
        matcher.exact_aliases = tuple(exact)
        matcher.folded_aliases = tuple(folded)
        return matcher

    @cached_property
    def exact(self) -> re.Pattern[str] | None:
        """The alternation of the acronym aliases (compiled on first use)."""
        return _alternation(list(self.exact_aliases), 0)

    @cached_property
    def folded(self) -> re.Pattern[str] | None:
        """The case-insensitive alternation of the other aliases (compiled on first use)."""
        return _alternation(list(self.folded_aliases), re.IGNORECASE)

    def find(self, text: str) -> list[tuple[int, str]]:
        """(position, term name) of every match in `text`, in order of position."""
        if self.automaton is None:
            return []
        if self.apart:
            return self._find_apart(text)
        spaced, after, shifts = _spaced(text)
        low = spaced.lower()
        # Lower-casing keeps positions unless a character becomes several ("İ" → "i̇"): then regexes.
        if len(low) != len(spaced):
            return self._find_apart(text)
        last = len(low) - 1
        exact: list[tuple[int, int, str]] = []
        folded: list[tuple[int, int, str]] = []
        for end, (length, name, acronym) in self.automaton.iter(low):
            start = end - length + 1
            # Word guards: no letter, digit or underscore (what \w matches) just before or after;
            # on the lower-cased text for the case-insensitive aliases, on the text for acronyms.
            if name is not None and not (
                (start and (low[start - 1].isalnum() or low[start - 1] == "_"))
                or (end < last and (low[end + 1].isalnum() or low[end + 1] == "_"))
            ):
                folded.append((start, -length, name))
            if acronym is not None and spaced.startswith(acronym[0], start) and not (
                (start and (spaced[start - 1].isalnum() or spaced[start - 1] == "_"))
                or (end < last and (spaced[end + 1].isalnum() or spaced[end + 1] == "_"))
            ):
                exact.append((start, -length, acronym[1]))
        hits = _leftmost(exact) + _leftmost(folded)
        if after:
            hits = [(start + _shift(after, shifts, start), name) for start, name in hits]
        return sorted(hits)

    def _find_apart(self, text: str) -> list[tuple[int, str]]:
        """`find` by the regex alternations, acronyms and the others apart."""
        hits: list[tuple[int, str]] = []
        if self.exact is not None:
            hits += [(m.start(), self.by_key[_normal(m.group(0))]) for m in self.exact.finditer(text)]
        if self.folded is not None:
            hits += [(m.start(), self._folded_name(m.group(0))) for m in self.folded.finditer(text)]
        return sorted(hits)

    def _folded_name(self, matched: str) -> str:
        """The term of the case-insensitive alias that `matched` is."""
        name = self.by_key.get(_normal(matched).casefold())
        if name is not None:
            return name
        # "İ" matches "i" case-insensitively but casefolds to two characters: find the alias.
        for alias in self.folded_aliases:
            pattern = _alternation([alias], re.IGNORECASE)
            if pattern is not None and pattern.fullmatch(matched):
                return self.by_key[alias.casefold()]
        raise KeyError(matched)


def _leftmost(found: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """Of (start, -length, name) matches, the longest at the leftmost place, then the same after
    its end, and so on: the matches a regex scan of the text takes."""
    found.sort()
    hits: list[tuple[int, str]] = []
    reach = 0
    for start, negative, name in found:
        if start >= reach:
            hits.append((start, name))
            reach = start - negative
    return hits


def _normal(text: str) -> str:
    return " ".join(text.split())


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(alias) <= 8


def _alternation(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    # Longest first so "Islamic State of Iraq and Syria" wins over "Islamic State"; spaces in an
    # alias match any run of whitespace; \b-like guards that also work next to punctuation.
    parts = [r"\s+".join(re.escape(w) for w in a.split()) for a in sorted(set(aliases), key=lambda a: (-len(a), a))]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", flags)


_LONG_SPACE = re.compile(r"\s\s+")
_OTHER_SPACE = re.compile(r"[^\S ]")
_SPACES = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
"""The characters `\\s` matches besides space and line feed (none lies above U+3000)."""


def _spaced(text: str) -> tuple[str, list[int], list[int]]:
    """`text` with each run of whitespace as one space (as aliases are spelled), and where it is
    shorter: positions in it after which `shifts` characters were taken out (both empty when none)."""
    spaced = text.replace("\n", " ")
    if "  " not in spaced and not any(space in spaced for space in _SPACES):
        # The common case (a body's paragraphs joined by line feeds): positions are unchanged.
        return spaced, [], []
    after: list[int] = []
    shifts: list[int] = []
    parts: list[str] = []
    at = gone = 0
    for match in _LONG_SPACE.finditer(text):
        start, end = match.span()
        parts += (text[at:start], " ")
        after.append(start - gone + 1)
        gone += end - start - 1
        shifts.append(gone)
        at = end
    parts.append(text[at:])
    return _OTHER_SPACE.sub(" ", "".join(parts)), after, shifts


def _shift(after: list[int], shifts: list[int], position: int) -> int:
    index = bisect.bisect_right(after, position)
    return shifts[index - 1] if index else 0


@dataclass(frozen=True)
class Vocabulary:
    topics: tuple[Term, ...]
    sources: tuple[Term, ...]
    topic_matcher: Matcher
    source_matcher: Matcher
    authors: AuthorRegistry = field(default_factory=AuthorRegistry)
    offices: tuple[Office, ...] = ()

    @classmethod
    def empty(cls) -> Vocabulary:
        return cls((), (), Matcher.build(()), Matcher.build(()))

    @cached_property
    def topic_index(self) -> dict[str, str]:
        """Slug of every topic name, alias and publisher tag → the topic's name (built once)."""
        index: dict[str, str] = {}
        for term in self.topics:
            for key in (term.name, *term.aliases, *term.tags):
                index.setdefault(term_slug(key), term.name)
        return index

    @cached_property
    def source_index(self) -> dict[str, Term]:
        """Slug of every source name and alias → the source (built once)."""
        index: dict[str, Term] = {}
        for term in self.sources:
            for key in (term.name, *term.aliases):
                index.setdefault(term_slug(key), term)
        return index

    def topic(self, name: str) -> Term | None:
        return next((t for t in self.topics if t.name == name), None)

    def source(self, name: str) -> Term | None:
        return next((s for s in self.sources if s.name == name), None)


def load_vocabulary(archive: Path) -> tuple[Vocabulary, list[Problem]]:
    """Read `topics.yml`, `sources.yml` and `authors.yml` of an archive; problems name the file and line."""
    problems: list[Problem] = []
    topics_file, sources_file, authors_file = (archive / name for name in VOCABULARY_FILES)
    topics = _load_terms(topics_file, archive, problems)
    sources = _load_terms(sources_file, archive, problems)
    problems += _slug_clashes(topics, topics_file, archive)
    problems += _slug_clashes(sources, sources_file, archive)
    authors, author_problems = load_authors(authors_file, _display(authors_file, archive))
    offices = load_offices(sources_file, _display(sources_file, archive), problems)
    vocabulary = Vocabulary(topics=tuple(topics), sources=tuple(sources), offices=offices, authors=authors,
                            topic_matcher=Matcher.build(topics), source_matcher=Matcher.build(sources))
    return vocabulary, problems + author_problems


def _safe_load(text: str) -> Any:
    """yaml.safe_load through libyaml when available (much faster on a large vocabulary); on
    an error PyYAML's own parser runs again, so messages and line numbers stay the same."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        try:
            return yaml.load(text, Loader=loader)  # noqa: S506 - CSafeLoader is the safe loader
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def _display(path: Path, archive: Path) -> str:
    try:
        return path.relative_to(archive.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _load_terms(path: Path, archive: Path, problems: list[Problem]) -> list[Term]:
    shown = _display(path, archive)
    if not path.exists():
        return []
    try:
        data = _safe_load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ReleaseError(
            shown, mark.line + 1 if mark else None, f"cannot read the vocabulary: {exc}", "fix the YAML syntax"
        ) from None
    if not isinstance(data, list):
        raise ReleaseError(
            shown, 1, "the vocabulary must be a YAML list of entries", "start each entry with '- name: …'"
        )
    terms: list[Term] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        if is_office(entry, path):  # an officeholder's office (generator.enrich.offices), not an organisation
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append(
                Problem(
                    path=shown,
                    line=None,
                    code="bad-vocabulary",
                    message=f"entry {index + 1} has no 'name'",
                    hint="give every entry a 'name: …'",
                )
            )
            continue
        name = " ".join(entry["name"].split())
        if name in seen:
            problems.append(
                Problem(
                    path=shown,
                    line=_line_of(path, name),
                    code="duplicate-term",
                    message=f"'{name}' is listed twice",
                    hint="merge the two entries",
                )
            )
            continue
        seen.add(name)
        terms.append(
            Term(
                name=name,
                aliases=_strings(entry.get("aliases")),
                tags=_strings(entry.get("tags")),
                domains=tuple(d.lower().lstrip(".") for d in _strings(entry.get("domains"))),
                files=_strings(entry.get("files")),
                url=entry.get("url") if isinstance(entry.get("url"), str) else None,
                description=" ".join(str(entry["description"]).split()) if entry.get("description") else None,
            )
        )
    return terms


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str | int) and str(v).strip())
    return ()


def _line_of(path: Path, name: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if name in line and "name" in line:
            return number
    return None


def _slug_clashes(terms: list[Term], path: Path, archive: Path) -> list[Problem]:
    """Two names that slugify alike would share a page: an error, never a silent merge."""
    by_slug: dict[str, str] = {}
    problems = []
    for term in terms:
        other = by_slug.setdefault(term.slug, term.name)
        if other != term.name:
            problems.append(
                Problem(
                    path=_display(path, archive),
                    line=_line_of(path, term.name),
                    code="slug-clash",
                    message=f"'{term.name}' and '{other}' both become the page slug '{term.slug}'",
                    hint="rename one of them or merge them with 'aliases'",
                )
            )
    return problems
