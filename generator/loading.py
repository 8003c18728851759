"""Reading the archive: discover the raw files, then read, extract and enrich each one (in
parallel, through the content-hash cache), validated as a whole before anything is written.

`generator.pipeline.generate` runs this, then renders and writes; `check`, `show` and `stats` run
only this.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator import parallel
from generator.cache import Entry, ReleaseCache, digest, salt
from generator.clashes import slug_clashes
from generator.enrich import enrich
from generator.enrich.authors import once_per_id
from generator.enrich.republications import signature_of
from generator.enrich.vocabulary import VOCABULARY_FILES, Vocabulary, load_vocabulary
from generator.errors import Problem, ReleaseError
from generator.extract import extract
from generator.model import Release
from generator.readers import read
from generator.redirects import redirect_problems
from generator.render.feeds import json_record
from generator.settings import Settings

STAGES = ("read", "extract", "enrich")
"""Per-file stages whose time `load_archive` adds up (see `Result.timings`)."""
CACHE_DIR = ".cache"
"""Folder of the content-hash cache, under the project root (git-ignored)."""

# Files in archive/ that are the archive's own configuration or documentation, not releases.
NOT_RELEASES = frozenset({"topics.yml", "sources.yml", "authors.yml", "feeds.yml", "README.md", "SOURCES.md"})


@dataclass
class Result:
    releases: list[Release] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    vocabulary: Vocabulary = field(default_factory=Vocabulary.empty)
    signatures: dict[str, Any] = field(default_factory=dict)
    """Release id → MinHash signature (see `find_republications`), computed with the release; None
    for a text too short to compare."""
    records: dict[str, str] = field(default_factory=dict)
    """Release id → its record in releases.json, made with the release (see `json_record`)."""
    bodiless: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Release id → (cache path, digest) of the releases whose body was left in the cache (see
    `load_archive`'s `bodies`)."""
    cached: int = 0
    """How many files came from the cache instead of being read again."""
    digests: dict[str, str] = field(default_factory=dict)
    """Release id → SHA-256 of its raw file (what its Release was made from, with the cache's salt)."""
    timings: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    """Seconds per stage: read, extract and enrich are summed over files (in whichever process
    loaded them, so with parallel workers their sum can exceed the wall time); load, render and
    write are wall-clock times of `generate`."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=16)
def _resolved(root: Path) -> Path:
    return root.resolve()


def _display_paths(settings: Settings) -> Callable[[Path], str]:
    """`display_path` for many files of the archive: the archive folder is resolved once, and a
    file is resolved on its own only when it is a symbolic link (what resolve() would follow)."""
    archive = settings.archive
    try:
        prefix = archive.resolve().relative_to(_resolved(settings.root)).as_posix()
    except (OSError, ValueError):
        return lambda path: display_path(path, settings.root)
    archive_text = str(archive)

    def show(path: Path) -> str:
        text = str(path)
        if not text.startswith(archive_text + os.sep) or path.is_symlink() or "/.." in text:
            return display_path(path, settings.root)
        rest = text[len(archive_text) + 1 :].replace(os.sep, "/")
        return f"{prefix}/{rest}" if prefix != "." else rest

    return show


def discover(archive: Path) -> list[Path]:
    """Every raw release under `archive`, sorted; hidden files and the vocabularies are skipped.
    Files with an unknown extension are returned too, so `check` can say what to do with them."""
    found: list[tuple[tuple[str, ...], Path]] = []
    # os.walk (scandir) rather than Path.rglob, and sorting by parts rather than by Path (whose
    # comparisons re-parse): the same order, a 10k archive listed several times faster.
    for folder, dirs, names in os.walk(archive):
        relative_folder = os.path.relpath(folder, archive)
        parts = () if relative_folder == "." else Path(relative_folder).parts
        if any(part.startswith((".", "_")) for part in parts):
            dirs.clear()
            continue
        for name in names:
            if name.startswith((".", "_")):
                continue
            relative = "/".join([*parts, name])
            path = Path(folder, name)
            if relative in NOT_RELEASES or path.suffix.lower() in (".yml", ".yaml") or not path.is_file():
                continue
            found.append(((*parts, name), path))
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]


def load_release(path: Path, settings: Settings, vocabulary: Vocabulary) -> tuple[Release | None, list[Problem]]:
    """One raw file → a Release, or None with the problems that stopped it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [_unreadable(path, settings, error)]
    return _load_bytes(path, raw, settings, vocabulary)


def _unreadable(path: Path, settings: Settings, error: OSError) -> Problem:
    return Problem(
        path=display_path(path, settings.root),
        line=None,
        message=f"cannot read file: {error.strerror}",
        hint="check the file's permissions",
        code="unreadable",
    )


def _load_bytes(
    path: Path, raw: bytes, settings: Settings, vocabulary: Vocabulary, timings: dict[str, float] | None = None,
    shown: str | None = None,
) -> tuple[Release | None, list[Problem]]:
    shown = shown or display_path(path, settings.root)
    clock = time.perf_counter
    started = clock()
    try:
        doc = read(raw, shown)
        read_at = clock()
        draft = extract(doc)
    except ReleaseError as error:
        return None, [error.problem]
    extracted_at = clock()
    release, problems = enrich(draft, vocabulary)
    if timings is not None:
        timings["read"] += read_at - started
        timings["extract"] += extracted_at - read_at
        timings["enrich"] += clock() - extracted_at
    return release, [*draft.problems, *problems]


def _load_entry(
    path: Path, settings: Settings, vocabulary: Vocabulary, timings: dict[str, float] | None = None,
    shown: str | None = None,
) -> tuple[str, Entry]:
    """One raw file → (sha256 of its bytes, or "" when unreadable; its cache entry). `shown` is its
    `display_path` when the caller has it already."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return "", Entry(None, (_unreadable(path, settings, error),))
    release, problems = _load_bytes(path, raw, settings, vocabulary, timings, shown)
    started = time.perf_counter()
    signature = signature_of(release) if release is not None else None
    record = json_record(release) if release is not None else None
    if timings is not None:
        timings["enrich"] += time.perf_counter() - started
    return digest(raw), Entry(release, tuple(problems), signature, record)


@dataclass(frozen=True)
class LoadJob:
    """What every loading task reads."""

    settings: Settings
    vocabulary: Vocabulary


def _load_chunk(items: Sequence[tuple[Path, str | None]]) -> list[tuple[str, Entry, dict[str, float]]]:
    job = parallel.shared(LoadJob)
    out = []
    for path, shown in items:
        timings = dict.fromkeys(STAGES, 0.0)
        sha, entry = _load_entry(path, job.settings, job.vocabulary, timings, shown)
        out.append((sha, entry, timings))
    return out


def open_cache(settings: Settings) -> ReleaseCache:
    """The content-hash cache of this project (empty when missing, stale or unreadable)."""
    vocabularies = [settings.archive / name for name in VOCABULARY_FILES]
    return ReleaseCache(settings.root / CACHE_DIR, salt(vocabularies)).load()


def load_archive(
    settings: Settings,
    paths: Iterable[Path] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    cache: ReleaseCache | None = None,
    processes: int | None = None,
    bodies: bool = True,
) -> Result:
    """Read, extract and enrich every release; check archive-wide rules (unique ids, slugs, old addresses).

    Files whose bytes are in `cache` are not read again; the others are loaded in parallel
    processes when there are enough of them (`generator.parallel`), in a fixed order either way.
    Without `bodies` (and with a cache), releases have an empty body (listed in `Result.bodiless`;
    `full_release` gives one back): a run that renders few pages reads few bodies, and a large one
    does not hold every body in memory.
    """
    result = Result()
    try:
        vocabulary, problems = load_vocabulary(settings.archive)
    except ReleaseError as error:
        result.problems.append(error.problem)
        vocabulary = Vocabulary.empty()
    else:
        result.problems += problems
    result.vocabulary = vocabulary
    files = sorted(paths) if paths is not None else discover(settings.archive)
    result.files = len(files)
    entries: dict[Path, Entry] = {}
    digests: dict[Path, str] = {}
    missing: list[Path] = []
    shown: dict[Path, str] = {}
    stats: dict[Path, os.stat_result] = {}
    show = _display_paths(settings)
    # What a release's `raw` says: `display_path` resolves each file (a tenth of a millisecond);
    # `show` gives the same for the files `discover` lists (never below a linked folder: os.walk
    # does not enter one), so explicit paths alone are resolved one by one.
    raw_names: dict[Path, str] = {}
    for path in files:
        if paths is None:
            raw_names[path] = shown[path] = show(path)
        if cache is None:
            missing.append(path)
            continue
        shown[path] = shown.get(path) or show(path)
        try:
            # A file whose size, modification time and inode are those recorded with its digest
            # is not read again (as git and make decide); any other is read and hashed.
            # The stat is taken before the read, so a file changed meanwhile is read again next time.
            stats[path] = path.stat()
            sha = cache.known_digest(shown[path], stats[path])
            if sha is None and shown[path] not in cache.entries:
                # Nothing is cached for this file (every file, on a first run): it is read and
                # hashed once, where it is loaded, rather than here too.
                missing.append(path)
                continue
            sha = sha or digest(path.read_bytes())
        except OSError:
            missing.append(path)
            continue
        digests[path] = sha
        found = cache.get(shown[path], sha)
        if found is None:
            missing.append(path)
        else:
            entries[path] = found
    result.cached = len(entries)
    entries_cached = set(entries)
    done = len(entries)

    def loaded(count: int) -> None:
        if progress:
            progress(done + count, len(files))

    pending = iter(missing)

    def take(loaded_entry: tuple[str, Entry, dict[str, float]]) -> None:
        # Each result as it arrives (in the order of `missing`): the cache takes it while the
        # workers load the next ones, rather than all of them after the last.
        sha, entry, timings = loaded_entry
        path = next(pending)
        for stage, seconds in timings.items():
            result.timings[stage] += seconds
        entries[path] = entry
        digests[path] = sha
        if cache is not None and sha:
            cache.put(shown.get(path) or display_path(path, settings.root), sha, entry)

    parallel.run(
        _load_chunk,
        [(path, raw_names.get(path)) for path in missing],
        LoadJob(settings, vocabulary),
        processes=processes,
        progress=loaded,
        consume=take,
    )
    if cache is not None:
        for path, sha in digests.items():
            if path in stats and sha:
                cache.remember_stat(shown[path], stats[path], sha)
    seen: dict[str, str] = {}
    for path in files:
        entry = entries[path]
        release = entry.release
        result.problems += entry.problems
        if release is None:
            continue
        if path in entries_cached and release.body == () and cache is not None:
            key = (shown[path], digests[path])
            if bodies:
                release = _body_back(release, key, path, cache, settings, vocabulary)
            else:
                result.bodiless[release.id] = key
        elif not bodies and cache is not None and digests.get(path):
            # A release read in this run leaves its body with the cache too (which holds it until
            # `save` writes it to bodies.bin): at 50,000 releases the bodies would otherwise sit in
            # the parent and in every forked render worker until the end.
            key = (shown.get(path) or display_path(path, settings.root), digests[path])
            if release.body and cache.body(*key) is release.body:
                result.bodiless[release.id] = key
                release = dataclasses.replace(release, body=())
        if release.id in seen:
            result.problems.append(
                Problem(
                    path=release.raw,
                    line=None,
                    code="duplicate-id",
                    message=f"release id '{release.id}' is already used by {seen[release.id]}",
                    hint="rename this file: ids come from file names and must be unique",
                )
            )
            continue
        seen[release.id] = release.raw
        result.releases.append(release)
        result.signatures[release.id] = entry.signature
        if entry.record is not None:
            result.records[release.id] = entry.record
        if digests.get(path):
            result.digests[release.id] = digests[path]
    # Each file's warnings are its own (and cached so); an unknown author id is fixed once, for all.
    result.problems = once_per_id(result.problems)
    result.problems += slug_clashes(result.releases) + redirect_problems(result.releases, settings)
    return result


def _body_back(
    release: Release, key: tuple[str, str], path: Path, cache: ReleaseCache, settings: Settings,
    vocabulary: Vocabulary,
) -> Release:
    """`release` with the body the cache holds under `key` (archive path, digest); a body the cache
    cannot give back is read from the raw file `path` again."""
    body = cache.body(*key)
    if body is not None:
        return dataclasses.replace(release, body=body)
    return _load_entry(path, settings, vocabulary)[1].release or release


def full_release(
    release: Release, result: Result, cache: ReleaseCache, settings: Settings
) -> Release:
    """`release` with its body, when `load_archive` left it in the cache (else `release` itself)."""
    key = result.bodiless.get(release.id)
    if key is None:
        return release
    return _body_back(release, key, settings.root / key[0], cache, settings, result.vocabulary)

