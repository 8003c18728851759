"""Where things are and how the site is addressed: read from `mkdocs.yml`, so there is one config.

The settings the generator reads are declared once, below, as typed options in the style of
MkDocs' own `config_options`: each has its key, its default, what it is for, and the check a given
value must pass. `Settings.load` validates `mkdocs.yml` against them the way MkDocs validates its
config: every invalid value and every unknown key under `extra.press_archive` is collected, and a
`SettingsError` names each one (`mkdocs.yml: extra.press_archive.per_page: expected a positive
integer`). A key that is missing, or present without a value, takes its option's default.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from generator.errors import SettingsError
from generator.urls import usable_url

FAST_PATH_SWITCH = "PRESS_ARCHIVE_FAST_PATH"
"""Environment variable that turns the MkDocs fast path off when "0" (generator/mkdocs_hooks.py)."""
STAGING = {"@html": ".staging/html", "@search": ".staging/search", "@redirects": ".staging/redirects"}
"""Generated trees outside docs/ (folders under the project root), by the prefix that names them
in a generated file's path: the body HTML that the fast path hands MkDocs (`@html/releases/<id>.json`),
the lean search documents that Pagefind indexes (`@search/releases/<id>/index.html`) and the redirect
pages of renamed releases, copied into the built site after MkDocs (`@redirects/<old address>/index.html`)."""
CONFIG_FILE = "mkdocs.yml"
"""The project's config file, under its root; messages name it so."""

T = TypeVar("T")


class ValidationError(Exception):
    """Raised by `Option.validate` with what was expected (`expected a positive integer`)."""


@dataclass(frozen=True)
class Option(ABC, Generic[T]):
    """One setting of mkdocs.yml: its key, its default, what it is for, and the check of a value."""

    name: str
    default: T
    help: str

    @abstractmethod
    def validate(self, value: object) -> T:
        """The value to use for a given (non-null) value; raises `ValidationError` otherwise."""


@dataclass(frozen=True)
class PositiveInt(Option[int]):
    """A whole number of at least 1 (not a boolean, a float or a string of digits)."""

    def validate(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError("expected a positive integer")
        return value


@dataclass(frozen=True)
class Text(Option[str]):
    """A non-empty string."""

    def validate(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("expected a non-empty string")
        return value


@dataclass(frozen=True)
class Flag(Option[bool]):
    """true or false (YAML's booleans; not a string or a number)."""

    def validate(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("expected true or false")
        return value


@dataclass(frozen=True)
class URL(Option[str]):
    """An absolute http(s) address, or "" for none; a `folder` URL ends with one slash, any other
    with none (as MkDocs' `URL(is_dir=True)` does for site_url)."""

    folder: bool = False

    def validate(self, value: object) -> str:
        if value == "":
            return ""
        if not isinstance(value, str) or not usable_url(value):
            raise ValidationError("expected an absolute http:// or https:// URL")
        return value.rstrip("/") + ("/" if self.folder else "")


SITE_NAME = Text("site_name", "Press Archive", "The archive's name: page titles, the home page and the feeds.")
SITE_URL = URL("site_url", "", "Where the site is published; the feeds' links are absolute from it.", folder=True)
REPO_URL = URL("repo_url", "", "The repository of the archive; each page links to its raw file there (none if empty).")
DOCS_DIR = Text("docs_dir", "docs", "The folder, under the project root, that the generated pages are written into.")
SITE: tuple[Option[Any], ...] = (SITE_NAME, SITE_URL, REPO_URL, DOCS_DIR)
"""Top-level keys of mkdocs.yml that the generator reads (MkDocs checks them, and all the others, too)."""

PER_PAGE = PositiveInt("per_page", 50, "Releases per page of a year's, topic's, author's or source's list.")
FEED_SIZE = PositiveInt("feed_size", 50, "Entries in each Atom feed (the archive's and each term's).")
HOME_SIZE = PositiveInt("home_size", 20, "Latest releases listed on the home page.")
BRANCH = Text("branch", "main", "Branch of repo_url whose raw files the pages link to.")
REPO_FACTS = Flag("repo_facts", False, "Show repo_url's stars and forks, fetched from GitHub by each reader's browser.")
PRESS_ARCHIVE: tuple[Option[Any], ...] = (PER_PAGE, FEED_SIZE, HOME_SIZE, BRANCH, REPO_FACTS)
"""`extra.press_archive`: the generator's own settings. No other key is allowed there."""


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; the generator needs none of them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The validated settings of one project; `Settings.load` reads them from its mkdocs.yml.

    The defaults are the options' (`PER_PAGE.default` …), for a project without mkdocs.yml and for
    code that builds Settings directly."""

    root: Path
    archive: Path
    docs: Path
    site_name: str = SITE_NAME.default
    site_url: str = SITE_URL.default
    repo_url: str = REPO_URL.default
    repo_branch: str = BRANCH.default
    per_page: int = PER_PAGE.default
    feed_size: int = FEED_SIZE.default
    home_size: int = HOME_SIZE.default

    @classmethod
    def load(cls, root: Path, archive: Path | None = None, docs: Path | None = None) -> Settings:
        """The settings of the project in `root` (its mkdocs.yml; the defaults when it has none);
        `archive` and `docs` replace the folders it names. Raises `SettingsError`."""
        site, own = validate(_read_config(root / CONFIG_FILE))
        return cls(
            root=root,
            archive=archive or root / "archive",
            docs=docs or root / site[DOCS_DIR.name],
            site_name=site[SITE_NAME.name],
            site_url=site[SITE_URL.name],
            repo_url=site[REPO_URL.name],
            repo_branch=own[BRANCH.name],
            per_page=own[PER_PAGE.name],
            feed_size=own[FEED_SIZE.name],
            home_size=own[HOME_SIZE.name],
        )


def _read_config(path: Path) -> object:
    """The parsed mkdocs.yml ({} when there is none); unreadable or malformed → `SettingsError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise SettingsError([f"{CONFIG_FILE}: cannot read the file: {reason}"]) from None
    try:
        return yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader that ignores tags
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{CONFIG_FILE}:{mark.line + 1}" if mark is not None else CONFIG_FILE
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise SettingsError([f"{where}: not valid YAML: {problem}"]) from None


def validate(config: object) -> tuple[dict[str, Any], dict[str, Any]]:
    """The values of the top-level options (`SITE`) and of `extra.press_archive` (`PRESS_ARCHIVE`)
    in a parsed mkdocs.yml, by key; raises `SettingsError` listing every problem."""
    errors: list[str] = []
    config = _mapping(config, "", errors)
    extra = _mapping(config.get("extra"), "extra", errors)
    own = _mapping(extra.get("press_archive"), "extra.press_archive", errors)
    site = _check(config, SITE, "", errors)
    values = _check(own, PRESS_ARCHIVE, "extra.press_archive.", errors)
    known = {option.name for option in PRESS_ARCHIVE}
    errors += [
        f"{CONFIG_FILE}: extra.press_archive.{key}: unknown setting (known: {', '.join(sorted(known))})"
        for key in own
        if key not in known
    ]
    if errors:
        raise SettingsError(errors)
    return site, values


def _mapping(value: object, where: str, errors: list[str]) -> Mapping[Any, Any]:
    """`value` when it is a mapping, {} when null (missing, or a key without a value)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        errors.append(f"{CONFIG_FILE}: {where + ': ' if where else ''}expected a mapping of settings")
        return {}
    return value


def _check(
    section: Mapping[Any, Any], options: Sequence[Option[Any]], prefix: str, errors: list[str]
) -> dict[str, Any]:
    """The value of each option in `section`: its default when missing or null."""
    values: dict[str, Any] = {}
    for option in options:
        value = section.get(option.name)
        try:
            values[option.name] = option.default if value is None else option.validate(value)
        except ValidationError as error:
            errors.append(f"{CONFIG_FILE}: {prefix}{option.name}: {error}")
    return values
