"""Press Archive: turn raw press releases into a cross-linked static site.

The package is a pipeline of plain functions over one typed model (`generator.model.Release`):
read → extract → enrich → render → write. It imports neither the CLI framework nor MkDocs, so it
can run under any front end (the `press-archive` CLI, a test, a future Zensical hook).

The supported API is what `__all__` lists, importable from `generator` itself:

- `read_release(path, settings=None)`: one raw file → its `Release` (read, extracted, enriched
  with the archive's vocabularies), or `ReleaseError` when it cannot become a page;
- `build(settings, site_dir, ...)`: generate docs/, build the site with MkDocs, index it for
  search (`press-archive build`); returns a `BuildReport`;
- `Settings.load(root)`: a project's settings from its mkdocs.yml, or `SettingsError`.

Everything else (the stages, `generator.pipeline`, …) is internal and may change. `python -m
generator` runs the `press-archive` command. Importing `generator` is cheap: the names above are
imported on first use.
"""

from __future__ import annotations

import importlib
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

    from generator.building import build as build
    from generator.enrich.vocabulary import Vocabulary
    from generator.errors import ReleaseError, SettingsError
    from generator.model import Release
    from generator.settings import Settings

__version__ = "0.1.0"
__all__ = ["Release", "ReleaseError", "Settings", "SettingsError", "build", "read_release"]

_LAZY = {
    "build": "generator.building",
    "Release": "generator.model",
    "ReleaseError": "generator.errors",
    "Settings": "generator.settings",
    "SettingsError": "generator.errors",
}


def read_release(
    path: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    data: bytes | None = None,
    vocabulary: Vocabulary | None = None,
) -> Release:
    """One raw release (.txt, .md, .html, .eml …) → the `Release` its page is made from.

    `settings` is the project the file belongs to (default: the one in the current folder, as
    `press-archive --root .`): the file is enriched with its archive's vocabularies (topics.yml,
    sources.yml, authors.yml) and named relative to its root (in `Release.raw`, its id and its messages).
    `data` is the file's bytes when already in hand (then nothing is read and `path` only names
    the file); `vocabulary` replaces the archive's, to read many files with one load.

    Raises `ReleaseError` (its `problem` says where, what and what to do) when the file cannot
    be read or cannot become a page; warnings are not reported (`press-archive check` lists them).
    """
    from pathlib import Path

    from generator.enrich.vocabulary import load_vocabulary
    from generator.errors import ReleaseError
    from generator.loading import _load_bytes, load_release
    from generator.settings import Settings

    if settings is None:
        settings = Settings.load(Path.cwd())
    if vocabulary is None:
        vocabulary, _ = load_vocabulary(settings.archive)
    file = Path(path)
    if data is None:
        release, problems = load_release(file, settings, vocabulary)
    else:
        release, problems = _load_bytes(file, data, settings, vocabulary)
    if release is None:
        error = next(p for p in problems if p.severity == "error")
        raise ReleaseError(error.path, error.line, error.message, error.hint, error.code)
    return release


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*(name for name in globals() if not name.startswith("_") or name.startswith("__")), *__all__})
