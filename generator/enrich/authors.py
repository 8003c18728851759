"""The authors registry, `authors.yml`: which names a release's authors get, and what their pages say.

Publishers name authors by ids ("jherman", "gray-brooks": Hugo's author slugs, CMS user names) that
only their own registry turns into names. A name guessed from an id ("Jherman") would be a wrong
byline, and in an archive a wrong field is worse than an empty one: an id becomes a name only through
an entry's `slugs`, and an id that no entry lists is left out, with a warning. Written names ("Jane
Smith") are kept, or become the registered name when an entry lists them (`aliases`: "V David
Zvenyach" → "Dave Zvenyach"). An entry also describes its author on the author's page: role,
organisation, a short bio, a web address.

`load_authors` reads and validates the file (every problem names its line); `AuthorRegistry.resolve`
turns a release's author values into names; `once_per_id` keeps one warning per unknown id for the
whole archive.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import Problem, warning
from generator.kinds import term_slug
from generator.urls import is_safe_url, usable_url

# A publisher's author id: lower-case words joined by hyphens or underscores, no spaces (Hugo's
# `authors: [gray-brooks]`, WordPress user names). A written name has a capital or a space.
PUBLISHER_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")

KEYS = ("name", "aliases", "slugs", "role", "organisation", "bio", "url")
TEXT_KEYS = frozenset({"name", "role", "organisation", "bio", "url"})
UNKNOWN_ID = "unknown-author-id"
"""The code of the warning for an author id that the registry does not know."""

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True, kw_only=True)
class Author:
    """One registered author: the name pages show, the other ways releases name them, and the
    facts their page gives (any of which may be missing: left out rather than guessed)."""

    name: str
    aliases: tuple[str, ...] = ()
    slugs: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None
    bio: str | None = None
    url: str | None = None

    @property
    def slug(self) -> str:
        return term_slug(self.name)


@dataclass(frozen=True)
class AuthorRegistry:
    """The entries of `authors.yml`, and every way of naming them (case-folded) → the registered name."""

    entries: tuple[Author, ...] = ()
    index: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Author]:
        return iter(self.entries)

    def resolve(self, values: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the author names, the publisher ids that no entry lists) of a release's author values.

        A registered name, alias or slug gives the entry's name; any other written name stays as
        written; any other publisher id gives no name at all."""
        names: list[str] = []
        unknown: list[str] = []
        for value in values:
            text = " ".join(value.split())
            if not text:
                continue
            name = self.index.get(text.casefold())
            if name is not None:
                names.append(name)
            elif is_publisher_id(text):
                unknown.append(text)
            else:
                names.append(text)
        return tuple(dict.fromkeys(names)), tuple(dict.fromkeys(unknown))


def is_publisher_id(text: str) -> bool:
    """Whether an author value is a publisher's id ('jherman') rather than a written name."""
    return bool(PUBLISHER_ID.match(text))


def unknown_id_warning(path: str, line: int | None, author_id: str) -> Problem:
    return warning(
        path, line, "unknown-author-id", f"author '{author_id}' is a publisher id, not a name",
        "add it to archive/authors.yml",
    )


def once_per_id(problems: Sequence[Problem]) -> list[Problem]:
    """`problems` with one `unknown-author-id` warning per id (the first; it says how many releases
    use the id when more than one does): an id is fixed once in authors.yml, not once per release."""
    counts = Counter(p.message for p in problems if p.code == UNKNOWN_ID)
    out: list[Problem] = []
    for problem in problems:
        if problem.code != UNKNOWN_ID:
            out.append(problem)
            continue
        count = counts.pop(problem.message, 0)
        if count > 1:
            out.append(Problem(
                path=problem.path, line=problem.line, severity=problem.severity, code=problem.code,
                message=f"{problem.message} (used by {count} releases)", hint=problem.hint,
            ))
        elif count:
            out.append(problem)
    return out


# --- loading --------------------------------------------------------------------------------------


def load_authors(path: Path, shown: str) -> tuple[AuthorRegistry, list[Problem]]:
    """Read and validate `path` (named `shown` in messages); a missing file is an empty registry.

    Problems are errors naming the line: unknown keys, values of the wrong kind, a name, alias or
    slug listed twice, two names that would share one page. A bad entry is left out; a file that
    is not YAML gives an empty registry."""
    if not path.exists():
        return AuthorRegistry(), []
    loader = _Loader(shown)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        loader.problem(mark.line + 1 if mark else None, f"cannot read the vocabulary: {exc}", "fix the YAML syntax")
        return AuthorRegistry(), loader.problems
    if root is None:
        return AuthorRegistry(), []
    if not isinstance(root, yaml.SequenceNode):
        loader.problem(1, "the vocabulary must be a YAML list of entries", "start each entry with '- name: …'")
        return AuthorRegistry(), loader.problems
    for number, node in enumerate(root.value, start=1):
        loader.entry(number, node)
    return AuthorRegistry(tuple(loader.authors), {key: name for key, (name, _) in loader.keys.items()}), loader.problems


class _Loader:
    """The entries read so far, the keys they take, and the problems found."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.authors: list[Author] = []
        self.keys: dict[str, tuple[str, int]] = {}
        """Case-folded name, alias or slug → (the entry's name, its line)."""
        self.names: set[str] = set()
        self.slugs: dict[str, str] = {}
        """Page slug → the name that has it."""
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str, hint: str, code: str = "bad-vocabulary") -> None:
        self.problems.append(Problem(path=self.shown, line=line, code=code, message=message, hint=hint))

    def entry(self, number: int, node: yaml.Node) -> None:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            self.problem(line, f"entry {number} is not a mapping of keys", "start each entry with '- name: …'")
            return
        values: dict[str, tuple[str, ...]] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines[key] = key_node.start_mark.line + 1
            if key not in KEYS:
                close = difflib.get_close_matches(key, KEYS, n=1)
                self.problem(lines[key], f"unknown key '{key}' in an author entry",
                             (f"did you mean '{close[0]}'? " if close else "") + "use: " + ", ".join(KEYS))
                continue
            texts = self._texts(key, value_node)
            if texts:
                values[key] = texts
        name = values.get("name", ("",))[0]
        if not name:
            self.problem(line, f"entry {number} has no 'name'", "give every entry a 'name: …'")
            return
        if name in self.names:
            self.problem(lines["name"], f"'{name}' is listed twice", "merge the two entries", "duplicate-term")
            return
        self.names.add(name)
        slugs = tuple(s for s in values.get("slugs", ()) if self._is_slug(s, lines["slugs"]))
        listed_twice = False
        for text in (name, *values.get("aliases", ()), *slugs):
            other = self.keys.setdefault(text.casefold(), (name, lines["name"]))
            if other[0] != name:
                listed_twice = True
                self.problem(lines["name"], f"'{text}' is listed twice: under '{other[0]}' (line {other[1]}) "
                             f"and under '{name}'", "keep it in one entry", "duplicate-term")
        other_name = self.slugs.setdefault(term_slug(name), name)
        if other_name != name and not listed_twice:
            self.problem(lines["name"], f"'{name}' and '{other_name}' both become the page slug '{term_slug(name)}'",
                         "rename one of them or merge them with 'aliases'", "slug-clash")
        url = values.get("url", (None,))[0]
        # The page links it: one whole http(s) address, nothing a link or an attribute could end at.
        if url is not None and not (usable_url(url) and is_safe_url(url)):
            self.problem(lines["url"], f"the url of '{name}' is not a web address: {url!r}",
                         "give the full address, starting with https://")
            url = None
        self.authors.append(Author(
            name=name, aliases=values.get("aliases", ()), slugs=slugs, role=_first(values, "role"),
            organisation=_first(values, "organisation"), bio=_first(values, "bio"), url=url,
        ))

    def _texts(self, key: str, node: yaml.Node) -> tuple[str, ...]:
        """The text of a value (a list of texts for aliases and slugs); empty, with a problem, when
        it is of another kind. An empty value (`bio:`) is no value."""
        line = node.start_mark.line + 1
        items = node.value if isinstance(node, yaml.SequenceNode) and key not in TEXT_KEYS else [node]
        texts: list[str] = []
        for item in items:
            if isinstance(item, yaml.ScalarNode) and item.tag == _NULL:
                continue
            if not isinstance(item, yaml.ScalarNode) or item.tag != _STR:
                kind = "text" if key in TEXT_KEYS else "a text or a list of texts"
                self.problem(line, f"'{key}' must be {kind}", f"write it as {key}: …" + (" (quote it)" if
                             isinstance(item, yaml.ScalarNode) else ""))
                return ()
            text = " ".join(str(item.value).split())
            if text:
                texts.append(text)
        return tuple(dict.fromkeys(texts))

    def _is_slug(self, text: str, line: int) -> bool:
        if is_publisher_id(text):
            return True
        self.problem(line, f"slug '{text}' is not a publisher id", "slugs are ids such as 'jherman'; "
                     "put written names under 'aliases'")
        return False


def _first(values: dict[str, tuple[str, ...]], key: str) -> str | None:
    return values[key][0] if key in values else None
