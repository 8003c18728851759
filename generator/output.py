"""Writing generated files into docs/: atomically, only when bytes change, stale files removed.

Only the generated folders and files listed in `settings.GENERATED*` are ever written or deleted;
hand-written pages elsewhere in docs/ are never touched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.settings import GENERATED, GENERATED_FILES


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def is_generated(relative: str) -> bool:
    parts = PurePosixPath(relative).parts
    return bool(parts) and (parts[0] in GENERATED or (len(parts) == 1 and parts[0] in GENERATED_FILES))


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


def write_tree(docs: Path, files: Mapping[str, bytes]) -> WriteReport:
    """Make the generated part of `docs` hold exactly `files`."""
    for relative in files:
        if not is_generated(relative) or ".." in PurePosixPath(relative).parts:
            raise ValueError(f"refusing to write outside the generated folders: {relative}")
    written = unchanged = removed = 0
    for relative, data in sorted(files.items()):
        target = docs / relative
        try:
            if target.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            pass
        atomic_write(target, data)
        written += 1
    wanted = {docs / r for r in files}
    for folder in GENERATED:
        root = docs / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for name in GENERATED_FILES:
        path = docs / name
        if path.is_file() and path not in wanted:
            path.unlink()
            removed += 1
    return WriteReport(written=written, unchanged=unchanged, removed=removed)
