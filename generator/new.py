"""Add a release to the archive: a correctly named raw file, with the bytes exactly as received.

`press-archive new` reads a release (a file or standard input), extracts it the way `check` does
to learn its date and title, and writes the bytes unchanged to `archive/YYYY/YYYY-MM-DD-slug.ext`.
It never overwrites a file and never reuses an id, since a release's id is its permanent address.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from slugify import slugify

from generator.errors import ReleaseError
from generator.extract import extract
from generator.pipeline import discover, display_path
from generator.readers import read
from generator.readers.common import release_id

#: Longest slug taken from a title: long enough to recognise the release, short enough for a URL.
MAX_SLUG = 60
#: What standard input is called in messages; it is read as plain text.
STDIN_NAME = "<stdin>"
STDIN_SUFFIX = ".txt"
# A slug given with its date already in front ("2017-06-29-isis") would get the date twice.
_DATED_SLUG_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-")


@dataclass(frozen=True)
class Planned:
    """Where a new raw file goes, and what the release in it was found to be."""

    path: Path
    date: dt.date
    title: str
    slug: str


def plan(raw: bytes, name: str, archive: Path, root: Path, slug: str | None = None) -> Planned:
    """Choose the raw file's path from the release's own date and title (or the given slug).

    `name` is the source's file name (its extension picks the reader and is kept) or `<stdin>`.
    Raises ReleaseError when the release cannot be read, has no date, or its name is taken.
    """
    if name == STDIN_NAME:
        suffix, shown = STDIN_SUFFIX, STDIN_NAME
    else:
        # Messages point at the file the contributor has, under the name it has.
        suffix, shown = PurePosixPath(name).suffix.lower(), display_path(Path(name), root)
    try:
        draft = extract(read(raw, f"{shown}{suffix}" if name == STDIN_NAME else shown))
    except ReleaseError as error:
        raise _renamed(error, shown) from None
    release = draft.release
    wanted = _DATED_SLUG_RE.sub("", slug) if slug else release.title
    chosen = slugify(wanted, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    if not chosen:
        raise ReleaseError(
            shown, None, f"cannot make a file name from {wanted!r}",
            "give one with --slug, e.g. --slug coalition-spokesman-briefing", code="no-slug",
        )
    stem = f"{release.date:%Y-%m-%d}-{chosen}"
    path = archive / f"{release.date:%Y}" / f"{stem}{suffix}"
    _refuse_taken(path, release_id(stem), archive, root)
    return Planned(path=path, date=release.date, title=release.title, slug=chosen)


def write(planned: Planned, raw: bytes) -> Path:
    """Write the raw bytes, unchanged, to the planned path; never over an existing file."""
    planned.path.parent.mkdir(parents=True, exist_ok=True)
    # "x": exclusive creation, so a file that appeared since `plan` is still not overwritten.
    with planned.path.open("xb") as out:
        out.write(raw)
    return planned.path


def _refuse_taken(path: Path, new_id: str, archive: Path, root: Path) -> None:
    shown = display_path(path, root)
    if path.exists():
        raise ReleaseError(
            shown, None, "file already exists",
            "this release may be in the archive already; if not, choose another name with --slug",
            code="file-exists",
        )
    for existing in discover(archive) if archive.is_dir() else []:
        if release_id(existing.stem) == new_id:
            raise ReleaseError(
                shown, None, f"release id '{new_id}' is already used by {display_path(existing, root)}",
                "ids come from file names and must be unique: choose another name with --slug",
                code="duplicate-id",
            )


def _renamed(error: ReleaseError, shown: str) -> ReleaseError:
    """Standard input is read as `<stdin>.txt` (a plain-text release); messages say `<stdin>`."""
    problem = error.problem
    if problem.path == shown:
        return error
    return ReleaseError(shown, problem.line, problem.message, problem.hint, code=problem.code)
