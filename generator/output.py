"""Writing generated files into docs/: atomically, only when bytes change, stale files removed.

Only the generated folders and files listed in `render.paths.GENERATED*` are ever written or deleted;
hand-written pages elsewhere in docs/ are never touched. Paths that start with a prefix of
`settings.STAGING` (`@html/…`, `@search/…`) go to those folders outside docs/ instead, which the
generator owns entirely.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Set
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.render.paths import GENERATED, GENERATED_FILES
from generator.settings import STAGING, Settings


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


@dataclass(frozen=True)
class Tree:
    """Where generated files go: docs/, and the staging folders by their prefix."""

    docs: Path
    staging: Mapping[str, Path]

    @classmethod
    def of(cls, settings: Settings) -> Tree:
        return cls(settings.docs, {prefix: settings.root / folder for prefix, folder in STAGING.items()})

    def path(self, relative: str) -> str:
        """The file system path of a generated file (plain strings: called for every page)."""
        if relative.startswith("@"):
            prefix, _, rest = relative.partition("/")
            return os.fspath(self.staging[prefix]) + os.sep + rest
        return os.fspath(self.docs) + os.sep + relative


def is_generated(relative: str) -> bool:
    parts = PurePosixPath(relative).parts
    if len(parts) > 1 and parts[0] in STAGING:
        return True
    return bool(parts) and (parts[0] in GENERATED or (len(parts) == 1 and parts[0] in GENERATED_FILES))


def _plainly_generated(relative: str) -> bool:
    """A quick yes for the usual path ("releases/x.md": a generated folder, then plain names), without
    the PurePosixPath parsing that thousands of paths add up to; anything unusual is left to the full check."""
    parts = relative.split("/")
    return (
        len(parts) > 1
        and (parts[0] in GENERATED or parts[0] in STAGING)
        and all(part and part not in (".", "..") for part in parts)
        and "\\" not in relative
    )


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename over it: readers (and a crash)
    see either the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """`atomic_write` unless the file already holds `data` (its time then stays, so MkDocs' dirty
    builds and the page manifest see it unchanged); True when written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True


class TreeWriter:
    """Writes generated files one by one as they are rendered (so a large archive's pages never
    all sit in memory at once), then removes the generated files it was not given.

    Each file is written atomically and only when its bytes change; `keep` names files the caller
    knows are already there with the right bytes (counted as unchanged, never read)."""

    def __init__(self, tree: Tree | Path) -> None:
        self.tree = tree if isinstance(tree, Tree) else Tree(tree, {})
        self.docs = self.tree.docs
        self.wanted: set[str] = set()
        self.written = self.unchanged = 0

    def put(self, relative: str, data: bytes) -> None:
        _check(relative)
        self.wanted.add(relative)
        if write_if_changed(Path(self.tree.path(relative)), data):
            self.written += 1
        else:
            self.unchanged += 1

    def keep(self, paths: Set[str]) -> None:
        for relative in paths:
            _check(relative)
        self.unchanged += len(paths - self.wanted)
        self.wanted.update(paths)

    def finish(self) -> WriteReport:
        """Remove every generated file that was neither put nor kept."""
        docs, wanted = self.docs, self.wanted
        removed = 0
        roots = [(docs / folder, docs, "") for folder in GENERATED]
        roots += [(folder, folder, prefix + "/") for prefix, folder in self.tree.staging.items()]
        # Plain strings and os calls: the staging trees hold a folder per release (10,000 folders
        # at 10k), and Path objects for each cost more than the walk itself.
        for root, base, prefix in roots:
            if not root.is_dir():
                continue
            top = os.fspath(base)
            # Bottom-up, so that a folder emptied of stale files is removed after them.
            for dirpath, _, names in os.walk(root, topdown=False):
                inside = dirpath[len(top) + 1 :]
                folder = prefix + inside if inside else prefix.rstrip("/")
                kept = False
                for name in names:
                    if f"{folder}/{name}" in wanted:
                        kept = True
                    else:
                        os.unlink(os.path.join(dirpath, name))  # noqa: PTH108,PTH118
                        removed += 1
                if not kept and dirpath != top and not os.listdir(dirpath):  # noqa: PTH208
                    os.rmdir(dirpath)  # noqa: PTH106
        for name in GENERATED_FILES:
            path = docs / name
            if path.is_file() and name not in wanted:
                path.unlink()
                removed += 1
        return WriteReport(written=self.written, unchanged=self.unchanged, removed=removed)


def remove_generated(settings: Settings) -> int:
    """Remove every generated file of docs/ and of the staging trees (hand-written pages stay);
    returns how many were removed. `press-archive clean` and `make clean` use it."""
    return TreeWriter(Tree.of(settings)).finish().removed


def _check(relative: str) -> None:
    if not _plainly_generated(relative) and (not is_generated(relative) or ".." in PurePosixPath(relative).parts):
        raise ValueError(f"refusing to write outside the generated folders: {relative}")
