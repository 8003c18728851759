"""Run Pagefind over release pages in bounded pieces, side by side, and write the search manifest.

`index_documents` indexes the generator's staging tree of lean search documents
(`render.search_document.SEARCH_TREE`), which exists as soon as `generate` has run:
`press-archive build` runs it while MkDocs renders (generator/search/job.py) and installs the
result into `site/pagefind/` afterwards. `index_site` indexes the release pages of a built site instead (with
`EXCLUDE_SELECTORS`); tests compare the two indexes, and the search page's tests index a built
site in small pieces with it.

The Pagefind binary shipped in the `pagefind[bin]` package indexes each piece into
`<output>/<piece>/`: a piece of whole years straight from the tree, picked by a glob on the release
ids (which start with the date), a piece cut out of a large year from a stage of hard links that
mirrors the tree's layout (`releases/<id>/index.html`). The binary is used rather than the Python
API, whose wrapper waits a fixed delay for every reply: far slower on thousands of pages. Pagefind
indexes on one core, so pieces run side by side — up to `Schedule.workers` — as long as their
estimated memory together stays within `Schedule.memory_budget`; peak memory is bounded by the
budget (or by the largest piece, which always runs), whatever the size of the archive.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from generator import parallel
from generator.render.paths import RELEASE_FOLDER, RELEASES_JSON, release_html
from generator.search.pieces import DEFAULT_LIMIT, Piece, ReleaseRef, plan_pieces

INDEX_DIR = "pagefind"
MANIFEST = "pieces.json"
# The search page first searches the newest pieces (whole) up to this many releases and loads older
# ones when the reader asks. A first query fetches, per 1,000 releases searched, ~10 KB of index
# metadata, ~12 KB of filter indexes and ~11 KB of index chunks per word, besides ~160 KB of
# Pagefind code: at 50,000 releases 13,000 searched first cost 660 KB, 6,700 about 450 KB
# (benchmarks/search.py), within a 500 KB budget.
FIRST_RELEASES = 6_000
# Pagefind holds ~243 KB a synthetic release (300–1,500 words) while it indexes, whatever the HTML
# around the words: 236 MB for 1,000 lean search documents (5 KB each) as for the same 1,000
# Material pages (25 KB each), 21 MB for 1,000 pages of two words — it is the index of the words.
# (benchmarks/search.py on Material pages: 803 MB for 3,300, 1,122 MB for 4,753.) Pieces run
# together while their estimates fit the budget, which leaves room below the 2 GB the indexing
# stage may use for pages longer than the estimate (two pieces of 3,441 and 3,388 releases peaked
# at 1,599 MB together).
BYTES_PER_RELEASE = 243 * 1024
BASE_BYTES = 30 * 1024 * 1024
MEMORY_BUDGET = 1_800 * 1024 * 1024
# Inside a built release page's `data-pagefind-body` only the title and the body are words to
# find: the header (date, authors, source), the topic chips, the permalink signs and the generated
# cross-links (related releases, "also published as", previous/next, raw file) are not. Body
# links are always absolute http(s) URLs, so relative links are the generated ones. Search
# documents hold nothing else, so they need no selectors.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".pa-meta",
    ".pa-topics",
    ".pa-neighbours",
    ".pa-raw",
    ".pa-when",
    'a[href^="../"]',
    'h2[id^="related-releases"]',
    'h2[id^="also-published-as"]',
)
# The search page has its own interface: Pagefind's prebuilt UIs are not served.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """Raised when there is no release list or no page to index, or Pagefind fails on a piece."""


@dataclass
class PieceReport:
    name: str
    releases: int
    seconds: float
    peak_memory: int  # bytes: the indexer's maximum resident set size
    started: float = 0.0  # perf_counter() at start and end, to know which pieces overlapped
    ended: float = 0.0


@dataclass
class IndexReport:
    pieces: list[PieceReport] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    """Pieces taken unchanged from the build's store (generator/search/reuse.py), not indexed."""

    @property
    def peak_memory(self) -> int:
        """An upper bound of the indexers' memory at any moment: the largest sum of the peaks of
        pieces that ran at the same time."""
        return max(
            (
                sum(o.peak_memory for o in self.pieces if o.started <= p.started < o.ended)
                for p in self.pieces
            ),
            default=0,
        )

    @property
    def releases(self) -> int:
        return sum(p.releases for p in self.pieces)


@dataclass
class Schedule:
    """How many pieces may run at once and within what estimated memory. Read again before each
    piece starts, so a build can widen it once MkDocs no longer needs the cores; `cancelled` stops
    the run (the pieces running are killed); `launched` is set once the first pieces run;
    `niceness` lowers the Pagefind processes' CPU priority (the live preview's index yields to the
    MkDocs rebuild whose page the writer waits for first)."""

    workers: int
    memory_budget: int = MEMORY_BUDGET
    niceness: int = 0
    cancelled: threading.Event = field(default_factory=threading.Event)
    launched: threading.Event = field(default_factory=threading.Event)


def release_refs(listing: Path, pages: Path) -> list[ReleaseRef]:
    """The releases of `listing` (a `releases.json`) that have a page `pages/releases/<id>/index.html`."""
    try:
        data = json.loads(listing.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"{listing}: cannot read the release list: {error}") from None
    folder = pages / RELEASE_FOLDER
    # One listing of the folder, not a look-up per release (the tree's folders hold nothing else).
    present = {entry.name for entry in folder.iterdir()} if folder.is_dir() else set()
    return [
        ReleaseRef(id=entry["id"], date=dt.date.fromisoformat(entry["date"]))
        for entry in data.get("releases", [])
        if entry["id"] in present and (pages / release_html(entry["id"])).is_file()
    ]


def site_releases(site_dir: Path) -> list[ReleaseRef]:
    """The releases of the built site: its `releases.json`, kept to those whose page was built."""
    return release_refs(site_dir / RELEASES_JSON, site_dir)


def _stage(source: Path, piece: Piece, stage: Path) -> None:
    for release in piece.releases:
        page = source / release_html(release.id)
        target = stage / release_html(release.id)
        target.parent.mkdir(parents=True)
        try:
            os.link(page, target)
        except OSError:  # another file system, or links not allowed: copy instead
            shutil.copyfile(page, target)


def year_glob(piece: Piece, built: list[str]) -> str | None:
    """A Pagefind glob that picks exactly this piece's pages in the tree itself (a piece of whole
    years, and no other page under `releases/` starting with those years), so that nothing needs
    staging: linking thousands of pages into a folder costs seconds on a slow disk. None when the
    piece is part of a year cut in parts, whose pages only staging can separate."""
    years = sorted({release.date.year for release in piece.releases})
    prefixes = tuple(f"{year}-" for year in years)
    matched = {name for name in built if name.startswith(prefixes)}
    if matched != {release.id for release in piece.releases}:
        return None
    return release_html("{" + ",".join(prefixes) + "}*")


def pagefind_command(
    site: Path, output: Path, glob: str | None = None, exclude: Sequence[str] = ()
) -> list[str]:
    """The Pagefind CLI (the binary from the `pagefind[bin]` package) indexing `site` (the pages
    that match `glob`, or all) into `output`, leaving out what `exclude` selects."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output)]
    if glob is not None:
        command += ["--glob", glob]
    command += ["--force-language", "en", "--quiet"]
    for selector in exclude:
        command += ["--exclude-selectors", selector]
    return command


def estimated_memory(releases: int) -> int:
    return BASE_BYTES + releases * BYTES_PER_RELEASE


@dataclass
class _Running:
    piece: Piece
    process: subprocess.Popen[bytes]
    errors: IO[bytes]
    started: float


def run_pieces(
    source: Path, pieces: list[Piece], work: Path, schedule: Schedule, exclude: Sequence[str] = ()
) -> IndexReport:
    """Index every piece into `work/pagefind/<piece>` as `schedule` allows (the preview re-indexes
    only the pieces whose releases changed: generator/search/preview.py).

    Each piece's exit code and peak memory come from `wait4` (`python -m pagefind` execs the
    binary, so the child's own maximum RSS is the indexer's). A failed piece stops the others."""
    report = IndexReport()
    pending = list(pieces)
    running: dict[int, _Running] = {}
    releases = source / RELEASE_FOLDER
    built = [entry.name for entry in releases.iterdir()] if releases.is_dir() else []
    try:
        while pending or running:
            while pending and len(running) < max(1, schedule.workers):
                used = sum(estimated_memory(len(r.piece.releases)) for r in running.values())
                budget = schedule.memory_budget
                fits = [p for p in pending if used + estimated_memory(len(p.releases)) <= budget]
                if running and not fits:
                    break
                piece = fits[0] if fits else pending[0]  # the largest piece runs alone if it must
                pending.remove(piece)
                glob = year_glob(piece, built)
                if glob is None:
                    stage = work / "stage" / piece.name
                    _stage(source, piece, stage)
                    command = pagefind_command(stage, work / INDEX_DIR / piece.name, exclude=exclude)
                else:
                    command = pagefind_command(source, work / INDEX_DIR / piece.name, glob, exclude)
                errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed when its piece ends)
                process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
                running[process.pid] = _Running(piece, process, errors, time.perf_counter())
                if schedule.niceness:  # set after the start (`preexec_fn` is unsafe beside threads)
                    with contextlib.suppress(ProcessLookupError):  # the piece has ended already
                        nice = os.getpriority(os.PRIO_PROCESS, 0) + schedule.niceness
                        os.setpriority(os.PRIO_PROCESS, process.pid, nice)
            schedule.launched.set()
            finished = _wait_any(running, schedule)
            if finished is None:  # the schedule was widened: start more pieces
                continue
            done = running.pop(finished[0])
            code, memory = finished[1], finished[2]
            with done.errors:
                if code != 0:
                    done.errors.seek(0)
                    sys.stderr.write(done.errors.read().decode("utf-8", "replace"))
                    raise SearchIndexError(f"pagefind failed on piece {done.piece.name} (exit {code})")
            now = time.perf_counter()
            report.pieces.append(
                PieceReport(done.piece.name, len(done.piece.releases), now - done.started, memory, done.started, now)
            )
            shutil.rmtree(work / "stage" / done.piece.name, ignore_errors=True)
            for name in UNUSED_FILES:
                (work / INDEX_DIR / done.piece.name / name).unlink(missing_ok=True)
    finally:
        for other in running.values():
            other.process.kill()
            other.process.wait()
            other.errors.close()
    order = {piece.name: number for number, piece in enumerate(pieces)}
    report.pieces.sort(key=lambda p: order[p.name])
    return report


def _wait_any(running: dict[int, _Running], schedule: Schedule) -> tuple[int, int, int] | None:
    """(pid, exit code, peak RSS in bytes) of the first of `running` to end, or None as soon as the
    schedule is widened (more pieces may start). Polls each of our own children rather than waiting
    for any child, which could reap a process that is not ours (the MkDocs workers of the build)."""
    limits = (schedule.workers, schedule.memory_budget)
    while True:
        if schedule.cancelled.is_set():
            raise SearchIndexError("search index cancelled")
        for pid, entry in running.items():
            reaped, status, usage = os.wait4(pid, os.WNOHANG)
            if reaped:
                entry.process.returncode = code = os.waitstatus_to_exitcode(status)
                return pid, code, usage.ru_maxrss * 1024
        if (schedule.workers, schedule.memory_budget) != limits:
            return None
        time.sleep(0.02)


PieceRunner = Callable[[Path, list[Piece], Path, "Schedule", Sequence[str]], "IndexReport"]
"""Indexes pieces of a tree into `work/pagefind/<piece>/`: (tree, pieces, work, schedule, exclude)."""


def write_index(
    source: Path,
    releases: list[ReleaseRef],
    work: Path,
    schedule: Schedule,
    limit: int = DEFAULT_LIMIT,
    first: int = FIRST_RELEASES,
    exclude: Sequence[str] = (),
    run: PieceRunner | None = None,
) -> IndexReport:
    """Index the release pages of `source` (`releases/<id>/index.html`) into `work/pagefind/`: a
    folder per piece and the manifest the search page reads (`pieces.json`: pieces newest first,
    and `first`, how many releases the search page searches before it offers older years). `run`
    indexes the pieces (default `run_pieces`; `search.reuse.reusing` takes stored pieces back)."""
    pieces = plan_pieces(releases, limit)
    (work / INDEX_DIR).mkdir(parents=True)
    report = (run or run_pieces)(source, pieces, work, schedule, exclude)
    (work / INDEX_DIR / MANIFEST).write_text(manifest_text(pieces, first), encoding="utf-8")
    return report


def manifest_text(pieces: list[Piece], first: int = FIRST_RELEASES) -> str:
    """The search page's `pieces.json` for `pieces` (as `plan_pieces` made them)."""
    manifest = {
        "releases": sum(len(p.releases) for p in pieces),
        "first": first,
        "pieces": [p.manifest() for p in pieces],
    }
    return json.dumps(manifest, indent=1, sort_keys=True) + "\n"


def install(fresh: Path, site_dir: Path) -> None:
    """Put a finished index (`fresh`, as `write_index` made it) at `site_dir/pagefind`, replacing
    any index there: a rename on one file system."""
    final = site_dir / INDEX_DIR
    if final.exists():
        shutil.rmtree(final)
    site_dir.mkdir(parents=True, exist_ok=True)
    shutil.move(str(fresh), str(final))


def index_site(
    site_dir: Path,
    limit: int = DEFAULT_LIMIT,
    first: int = FIRST_RELEASES,
    workers: int | None = None,
    memory_budget: int = MEMORY_BUDGET,
) -> IndexReport:
    """Index the release pages of the built site `site_dir` (Material pages, through
    `EXCLUDE_SELECTORS`) into `site_dir/pagefind/`. Pieces run side by side, up to `workers`
    (default: one per core) within `memory_budget` bytes of estimated memory; a failing piece
    leaves the index that was there."""
    schedule = Schedule(workers or parallel.cores(), memory_budget)
    releases = site_releases(site_dir)
    # Staged pages and the new index live inside the site (same file system: links and a rename).
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site_dir) as work:
        report = write_index(site_dir, releases, Path(work), schedule, limit, first, EXCLUDE_SELECTORS)
        install(Path(work) / INDEX_DIR, site_dir)
    return report
