"""The content-hash cache: what reading, extracting and enriching one raw file produced, kept under
`.cache/` (git-ignored) so that an unchanged file is not read again on the next run.

An entry is keyed by the file's archive path and the SHA-256 of its bytes; the whole cache is
keyed by a *salt*: the generator's version, a hash of its own source code, and a hash of the
vocabularies (`topics.yml`, `sources.yml`). Change any of them and every entry is ignored, so a
cached result is always the result the current code would compute. A missing, corrupted, foreign
or old cache is ignored (and replaced on the next save): the cache can only make a run faster,
never different.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import generator
from generator.errors import Problem
from generator.model import Release
from generator.output import atomic_write

FORMAT = 1
"""Bumped when the layout of the cache file changes."""
FILE_NAME = "releases.pickle"
PAGES_NAME = "pages.pickle"


@dataclass(frozen=True)
class Entry:
    """One raw file's outcome: its release (None when it failed), its problems, and its MinHash
    signature for the republication search (None for short texts)."""

    release: Release | None
    problems: tuple[Problem, ...]
    signature: Any | None = None


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _source_hash() -> str:
    """Hash of the generator's own Python files: a changed extractor invalidates the cache even
    when nobody bumped the version."""
    package = Path(generator.__file__).parent
    sha = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        sha.update(path.relative_to(package).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def salt(vocabulary_files: Iterable[Path]) -> str:
    """What every entry depends on besides its own bytes."""
    sha = hashlib.sha256(f"{FORMAT}:{generator.__version__}:{_source_hash()}".encode())
    for path in vocabulary_files:
        sha.update(path.name.encode())
        try:
            sha.update(path.read_bytes())
        except OSError:
            sha.update(b"\0missing")
    return sha.hexdigest()


class ReleaseCache:
    """archive path → (sha256 of the raw bytes, Entry); loaded whole, saved whole (atomically)."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.path = folder / FILE_NAME
        self.salt = salt
        self.entries: dict[str, tuple[str, Entry]] = {}
        self.used: dict[str, tuple[str, Entry]] = {}
        self.stats: dict[str, tuple[int, int, int, str]] = {}
        """archive path → (size, mtime_ns, inode, sha256) when the file was last hashed."""
        self.new_stats: dict[str, tuple[int, int, int, str]] = {}
        self.hits = 0
        self.misses = 0
        self._changed = False

    def load(self) -> ReleaseCache:
        payload = _load(self.path, self.salt)
        if payload is None or not isinstance(payload.get("entries"), dict):
            self._changed = True
        else:
            self.entries = payload["entries"]
            self.stats = payload.get("stats") or {}
        return self

    def known_digest(self, path: str, stat: os.stat_result) -> str | None:
        """The digest recorded for `path` when the file still has the size, modification time and
        inode it had then; None when it may have changed."""
        known = self.stats.get(path)
        if known and known[:3] == (stat.st_size, stat.st_mtime_ns, stat.st_ino):
            return known[3]
        return None

    def remember_stat(self, path: str, stat: os.stat_result, sha: str) -> None:
        self.new_stats[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ino, sha)

    def get(self, path: str, sha: str) -> Entry | None:
        found = self.entries.get(path)
        if found is not None and found[0] == sha and isinstance(found[1], Entry):
            self.hits += 1
            self.used[path] = found
            return found[1]
        self.misses += 1
        return None

    def put(self, path: str, sha: str, entry: Entry) -> None:
        self.used[path] = (sha, entry)
        self._changed = True

    def save(self) -> None:
        """Keep the entries of this run only (deleted files drop out); write only when changed."""
        if not self._changed and self.used.keys() == self.entries.keys() and self.new_stats == self.stats:
            return
        _save(self.path, self.salt, {"entries": self.used, "stats": self.new_stats})
        self.stats = dict(self.new_stats)
        self.entries = dict(self.used)
        self._changed = False


class PageManifest:
    """What the last run wrote, by render unit (see `generator.render.site`): unit name → (key of
    its inputs, ((docs path, size, mtime_ns), …)).

    A unit counts as still there only when each of its files has the recorded size and modification
    time; anything else (a file deleted, edited by hand, another checkout) renders it again.
    """

    def __init__(self, folder: Path, salt: str) -> None:
        self.path = folder / PAGES_NAME
        self.salt = salt
        self.units: dict[str, tuple[str, tuple[tuple[str, int, int], ...]]] = _load(self.path, salt) or {}

    def intact(self, docs: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
        """unit → (key, its paths), for the recorded units whose files are unchanged on disk."""
        found: dict[str, tuple[str, tuple[str, ...]]] = {}
        for unit, (key, files) in self.units.items():
            if key and all(_unchanged(docs / path, size, mtime) for path, size, mtime in files):
                found[unit] = (key, tuple(path for path, _, _ in files))
        return found

    def record(self, docs: Path, units: dict[str, tuple[str, tuple[str, ...]]]) -> None:
        """Remember `units` with their files as they are now on disk, and save."""
        recorded: dict[str, tuple[str, tuple[tuple[str, int, int], ...]]] = {}
        for unit, (key, paths) in units.items():
            files = []
            for path in paths:
                try:
                    stat = (docs / path).stat()
                except OSError:
                    break
                files.append((path, stat.st_size, stat.st_mtime_ns))
            else:
                recorded[unit] = (key, tuple(files))
        if recorded != self.units:
            self.units = recorded
            _save(self.path, self.salt, recorded)


def _unchanged(path: Path, size: int, mtime: int) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return stat.st_size == size and stat.st_mtime_ns == mtime


def _load(path: Path, salt: str) -> Any | None:
    """The payload of a cache file written with this salt, or None (missing, stale or unreadable)."""
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 - our own file under .cache/, written by _save()
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a truncated or foreign pickle raises almost anything
        return None
    if isinstance(data, dict) and data.get("salt") == salt and isinstance(data.get("payload"), dict):
        return data["payload"]
    return None


def _save(path: Path, salt: str, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    gitignore = path.parent / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("*\n", encoding="utf-8")
    atomic_write(path, pickle.dumps({"salt": salt, "payload": payload}, protocol=pickle.HIGHEST_PROTOCOL))
