"""The content-hash cache: what reading, extracting and enriching one raw file produced, kept under
`.cache/` (git-ignored) so that an unchanged file is not read again on the next run.

Bodies are kept apart from the rest (`bodies.bin`, one pickle per body at an offset recorded with
its entry): a run that changed nothing needs every release's metadata but no body, and unpickling
10,000 bodies cost more than half a second. A body is read back only for a page rendered again.

An entry is keyed by the file's archive path and the SHA-256 of its bytes; the whole cache is
keyed by a *salt*: the generator's version, a hash of its own source code, and a hash of the
vocabularies (`topics.yml`, `sources.yml`, `authors.yml`). Change any of them and every entry is ignored, so a
cached result is always the result the current code would compute. A missing, corrupted, foreign
or old cache is ignored (and replaced on the next save): the cache can only make a run faster,
never different.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.model import Block, Release
from generator.output import Tree, atomic_write

FORMAT = 2
"""Bumped when the layout of the cache file changes."""
FILE_NAME = "releases.pickle"
PAGES_NAME = "pages.pickle"
BODIES_NAME = "bodies.bin"


@dataclass(frozen=True)
class Entry:
    """One raw file's outcome: its release (None when it failed), its problems, its MinHash
    signature for the republication search (None for short texts; a numpy array, or its bytes as
    uint32 little endian once cached), and its record in
    releases.json (`generator.render.feeds.json_record`), made once rather than on every run."""

    release: Release | None
    problems: tuple[Problem, ...]
    signature: Any | None = None
    record: str | None = None


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _source_hash() -> str:
    """Hash of the generator's own Python files (its version among them, in `__init__.py`): a
    changed extractor invalidates the cache even when nobody bumped the version."""
    package = Path(__file__).resolve().parent
    sha = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        sha.update(path.relative_to(package).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def salt(vocabulary_files: Iterable[Path]) -> str:
    """What every entry depends on besides its own bytes."""
    sha = hashlib.sha256(f"{FORMAT}:{_source_hash()}".encode())
    for path in vocabulary_files:
        sha.update(path.name.encode())
        try:
            sha.update(path.read_bytes())
        except OSError:
            sha.update(b"\0missing")
    return sha.hexdigest()


def _for_storage(entry: Entry) -> Entry:
    """`entry` as the cache keeps it: without the release's body (see `body()`), and with its
    signature as bytes (`find_republications` takes either): unpickling 10,000 numpy arrays cost
    more than unpickling all the rest of the entries."""
    if entry.release is not None and entry.release.body:
        entry = dataclasses.replace(entry, release=dataclasses.replace(entry.release, body=()))
    if entry.signature is not None and not isinstance(entry.signature, bytes):
        entry = dataclasses.replace(entry, signature=entry.signature.astype("<u4").tobytes())
    return entry


class ReleaseCache:
    """archive path → (sha256 of the raw bytes, Entry); loaded whole, saved whole (atomically).

    Each entry is kept pickled on its own, inside the pickled whole: a run that changed one file
    writes the others' bytes back as they were instead of pickling every release again.

    The entries' releases have no body (`body()` reads it from `bodies.bin`); a body that cannot be
    read back exactly (a truncated or rewritten file) is None, and the caller reads the raw file."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.path = folder / FILE_NAME
        self.bodies_path = folder / BODIES_NAME
        self.salt = salt
        self.entries: dict[str, tuple[str, bytes]] = {}
        self.used: dict[str, tuple[str, bytes]] = {}
        self.offsets: dict[str, tuple[str, int, int]] = {}
        """archive path → (sha256, offset, length) of its body in `bodies.bin`."""
        self.new_bodies: dict[str, tuple[str, tuple[Block, ...]]] = {}
        """Bodies of the entries put in this run, appended to `bodies.bin` by `save`."""
        self.stats: dict[str, tuple[int, int, int, str]] = {}
        """archive path → (size, mtime_ns, inode, sha256) when the file was last hashed."""
        self.new_stats: dict[str, tuple[int, int, int, str]] = {}
        self._changed = False

    def load(self) -> ReleaseCache:
        payload = _load(self.path, self.salt)
        if payload is None or not isinstance(payload.get("entries"), dict):
            self._changed = True
        else:
            self.entries = payload["entries"]
            self.stats = payload.get("stats") or {}
            self.offsets = payload.get("offsets") or {}
        return self

    def body(self, path: str, sha: str) -> tuple[Block, ...] | None:
        """The body of the release of `path` with digest `sha`, or None when it is not at hand."""
        pending = self.new_bodies.get(path)
        if pending is not None and pending[0] == sha:
            return pending[1]
        known = self.offsets.get(path)
        if known is None or known[0] != sha:
            return None
        try:
            with self.bodies_path.open("rb") as handle:
                handle.seek(known[1])
                record = pickle.loads(handle.read(known[2]))  # noqa: S301 - our own file, written by save()
        except Exception:  # noqa: BLE001 - a truncated or rewritten file raises almost anything
            return None
        # Each record names its file and digest, so a body is never taken for another's.
        if isinstance(record, tuple) and len(record) == 3 and record[:2] == (path, sha):
            body: tuple[Block, ...] = record[2]
            return body
        return None

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
        if found is not None and found[0] == sha and isinstance(found[1], bytes):
            try:
                entry = pickle.loads(found[1])  # noqa: S301 - our own file under .cache/, written by _save()
            except Exception:  # noqa: BLE001 - a damaged entry is a miss, like a missing one
                entry = None
            if isinstance(entry, Entry):
                self.used[path] = found
                return entry
        return None

    def put(self, path: str, sha: str, entry: Entry) -> None:
        if entry.release is not None:
            self.new_bodies[path] = (sha, entry.release.body)
        self.used[path] = (sha, pickle.dumps(_for_storage(entry), protocol=pickle.HIGHEST_PROTOCOL))
        self._changed = True

    def save(self) -> None:
        """Keep the entries of this run only (deleted files drop out); write only when changed.

        New bodies are appended to `bodies.bin`; the file is rewritten with the live bodies only
        when it is missing, or when more than half of it belongs to entries that are gone."""
        if not self._changed and self.used.keys() == self.entries.keys() and self.new_stats == self.stats:
            return
        offsets = {path: self.offsets[path] for path, (sha, _) in self.used.items()
                   if path in self.offsets and self.offsets[path][0] == sha and path not in self.new_bodies}
        fresh = {path: body for path, body in self.new_bodies.items() if path in self.used}
        offsets.update(self._store_bodies(offsets, fresh))
        _save(self.path, self.salt, {"entries": self.used, "stats": self.new_stats, "offsets": offsets})
        self.offsets = offsets
        self.new_bodies = {}
        self.stats = dict(self.new_stats)
        self.entries = dict(self.used)
        self._changed = False

    def _store_bodies(
        self, kept: dict[str, tuple[str, int, int]], fresh: dict[str, tuple[str, tuple[Block, ...]]]
    ) -> dict[str, tuple[str, int, int]]:
        """Write `fresh` bodies (and, when rewriting, the `kept` ones, which are then updated in
        place); return the offsets of the fresh ones."""
        try:
            size = self.bodies_path.stat().st_size
        except OSError:
            size = 0
        live = sum(length for _, _, length in kept.values())
        if size and live * 2 >= size and (kept or not fresh):
            return self._append(fresh)
        # Rewrite: read the kept bodies back (a body that cannot be read is dropped, and its
        # release is read from its raw file when its page is next rendered).
        everything: dict[str, tuple[str, tuple[Block, ...]]] = {}
        for path, (sha, _, _) in kept.items():
            body = self.body(path, sha)
            if body is not None:
                everything[path] = (sha, body)
        kept.clear()
        everything.update(fresh)
        chunks: list[bytes] = []
        offsets: dict[str, tuple[str, int, int]] = {}
        at = 0
        for path, (sha, body) in everything.items():
            data = pickle.dumps((path, sha, body), protocol=pickle.HIGHEST_PROTOCOL)
            offsets[path] = (sha, at, len(data))
            chunks.append(data)
            at += len(data)
        self.bodies_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.bodies_path, b"".join(chunks))
        return offsets

    def _append(self, fresh: dict[str, tuple[str, tuple[Block, ...]]]) -> dict[str, tuple[str, int, int]]:
        offsets: dict[str, tuple[str, int, int]] = {}
        if not fresh:
            return offsets
        with self.bodies_path.open("ab") as handle:
            at = handle.tell()
            for path, (sha, body) in fresh.items():
                data = pickle.dumps((path, sha, body), protocol=pickle.HIGHEST_PROTOCOL)
                handle.write(data)
                offsets[path] = (sha, at, len(data))
                at += len(data)
        return offsets


class PageManifest:
    """What the last run wrote, by render unit (see `generator.render.site`): unit name → (key of
    its inputs, ((docs path, size, mtime_ns), …)).

    A unit counts as still there only when each of its files has the recorded size and modification
    time; anything else (a file deleted, edited by hand, another checkout) renders it again.

    It also keeps `derived` values, computed from all releases, that the next run can reuse when
    their key (a hash of their inputs) is the same: the links between releases, the republications.
    """

    def __init__(self, folder: Path, salt: str) -> None:
        self.path = folder / PAGES_NAME
        self.salt = salt
        payload = _load(self.path, salt) or {}
        self.units: dict[str, tuple[str, tuple[tuple[str, int, int], ...]]] = payload.get("units") or {}
        self.derived: dict[str, Any] = payload.get("derived") or {}
        self._intact: set[str] = set()

    def intact(self, tree: Tree | Path) -> dict[str, tuple[str, tuple[str, ...]]]:
        """unit → (key, its paths), for the recorded units whose files are unchanged on disk."""
        found: dict[str, tuple[str, tuple[str, ...]]] = {}
        # Plain strings and os.stat: 11,000 Path objects cost more than the stats themselves.
        where = (tree if isinstance(tree, Tree) else Tree(tree, {})).path
        for unit, (key, files) in self.units.items():
            if key and all(_unchanged(where(path), size, mtime) for path, size, mtime in files):
                found[unit] = (key, tuple(path for path, _, _ in files))
        self._intact = set(found)
        return found

    def get(self, name: str, key: str) -> Any | None:
        """The derived value `name` recorded as (key, value) with `key`, or None."""
        known = self.derived.get(name)
        return known[1] if known is not None and known[0] == key else None

    def record(
        self,
        tree: Tree | Path,
        units: dict[str, tuple[str, tuple[str, ...]]],
        derived: dict[str, Any] | None = None,
    ) -> None:
        """Remember `units` with their files as they are now on disk, and `derived` (name → (key,
        value)), and save. A unit that `intact` found and that kept its key and paths was not
        written since, so its recorded sizes and times stand without another stat."""
        recorded: dict[str, tuple[str, tuple[tuple[str, int, int], ...]]] = {}
        derived = derived if derived is not None else self.derived
        where = (tree if isinstance(tree, Tree) else Tree(tree, {})).path
        for unit, (key, paths) in units.items():
            known = self.units.get(unit)
            if (unit in self._intact and known is not None and known[0] == key
                    and tuple(path for path, _, _ in known[1]) == paths):
                recorded[unit] = known
                continue
            files = []
            for path in paths:
                try:
                    stat = os.stat(where(path))  # noqa: PTH116 - see intact()
                except OSError:
                    break
                files.append((path, stat.st_size, stat.st_mtime_ns))
            else:
                recorded[unit] = (key, tuple(files))
        if recorded != self.units or derived != self.derived:
            self.units = recorded
            self.derived = derived
            _save(self.path, self.salt, {"units": recorded, "derived": derived})


def _unchanged(path: str, size: int, mtime: int) -> bool:
    try:
        stat = os.stat(path)  # noqa: PTH116 - see intact()
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
