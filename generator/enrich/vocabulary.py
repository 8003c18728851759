"""The archive's vocabularies: `topics.yml` (topic names, aliases, tags) and `sources.yml` (organisations).

Loaded once per run and compiled into matchers, so matching a release is one regex scan per
case-mode rather than one per alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from generator.errors import Problem, ReleaseError


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


@lru_cache(maxsize=65536)
def term_slug(name: str) -> str:
    """URL slug of a topic, author or source name: stable, ASCII, lower-case (unicode transliterated)."""
    # Dots go before slugifying so that "U.S. Department of Defense" reads us-department-of-defense.
    return slugify(name.replace(".", ""), max_length=80, word_boundary=True) or "term"


@dataclass
class Matcher:
    """Whole-word matching of many names at once: acronym aliases (all capitals) match case-sensitively,
    the others case-insensitively, so "AIDS" the disease never matches "aids" the verb."""

    by_key: dict[str, str] = field(default_factory=dict)
    exact: re.Pattern[str] | None = None
    folded: re.Pattern[str] | None = None
    lowered: re.Pattern[str] | None = None

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
        matcher.exact = _trie(exact)
        matcher.folded = _alternation(folded, re.IGNORECASE)
        # Matching lower-cased text against lower-cased aliases is several times faster than one
        # IGNORECASE alternation of hundreds of aliases; the IGNORECASE form is kept for the rare
        # text whose lower-casing changes its length (positions would no longer line up).
        matcher.lowered = _trie([a.lower() for a in folded])
        return matcher

    def find(self, text: str) -> list[tuple[int, str]]:
        """(position, term name) of every match in `text`, in order of position."""
        hits: list[tuple[int, str]] = []
        if self.exact is not None:
            hits += [(m.start(), self.by_key[m.group(0)]) for m in self.exact.finditer(text)]
        lowered = text.lower()
        if self.lowered is not None and len(lowered) == len(text):
            found = self.lowered.finditer(lowered)
        elif self.folded is not None:
            found = self.folded.finditer(text)
        else:
            found = iter(())
        hits += [(m.start(), self.by_key[_normal(m.group(0)).casefold()]) for m in found]
        return sorted(hits)


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


_SPACE = " "
"""Trie token for the whitespace between two words of an alias (matches any run of whitespace)."""


def _trie(aliases: list[str]) -> re.Pattern[str] | None:
    """The case-sensitive alternation of `_alternation`, compiled as a trie: the same matches (the
    longest alias that matches at a position, with the same word guards), but the regex engine
    follows one path of characters instead of trying hundreds of aliases at every word start.

    Aliases that match at one position all lie on one path of the trie (the text spells it), so
    trying the longer continuation first and backtracking to a shorter alias when the guard after
    it fails finds what longest-first alternation finds.
    """
    if not aliases:
        return None
    root: dict[str, Any] = {}
    for alias in set(aliases):
        node = root
        for index, word in enumerate(alias.split()):
            if index:
                node = node.setdefault(_SPACE, {})
            for char in word:
                node = node.setdefault(char, {})
        node[""] = {}  # an alias ends here
    # The guard before an alias sits after its first character, so that each alternative starts
    # with a literal and the engine can skip ahead to possible first characters.
    first = [re.escape(c) + r"(?<!\w.)" + _trie_node(child) for c, child in sorted(root.items())]
    return re.compile("(?:" + "|".join(first) + r")(?![\w])")


def _trie_node(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [
        (r"\s+" if token == _SPACE else re.escape(token)) + _trie_node(child)
        for token, child in sorted(node.items())
        if token
    ]
    if not branches:
        return ""
    inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{inner})?"
    return inner


@dataclass(frozen=True)
class Vocabulary:
    topics: tuple[Term, ...]
    sources: tuple[Term, ...]
    topic_matcher: Matcher
    source_matcher: Matcher

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
    """Read `topics.yml` and `sources.yml` of an archive; problems name the file and line."""
    problems: list[Problem] = []
    topics = _load_terms(archive / "topics.yml", archive, problems)
    sources = _load_terms(archive / "sources.yml", archive, problems)
    problems += _slug_clashes(topics, archive / "topics.yml", archive)
    problems += _slug_clashes(sources, archive / "sources.yml", archive)
    vocabulary = Vocabulary(
        topics=tuple(topics),
        sources=tuple(sources),
        topic_matcher=Matcher.build(topics),
        source_matcher=Matcher.build(sources),
    )
    return vocabulary, problems


def _safe_load(text: str) -> Any:
    """yaml.safe_load through libyaml when available (ten times faster on a large vocabulary); on
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
