"""The live preview's search index: kept up to date in the background and swapped in whole.

`press-archive serve` (generator/serve.py) previews the site with `mkdocs serve`, which builds into
a temporary folder of its own that `press-archive build`'s index never reaches. So the preview keeps
an index of its own in a folder under `.cache/` (`PreviewSearch`), and the MkDocs hooks link it into
the served site as `pagefind/` when `PREVIEW_SEARCH` names that folder (`link_into`); without the
variable (every `mkdocs build`) they do nothing.

- It is made as `press-archive build` makes its index — pieces of years (`plan_pieces`), the same
  Pagefind runs over the same lean search documents (`indexer.run_pieces`), a `pieces.json` — so
  the preview's search page finds what the built site's would. Its pieces are smaller
  (`PREVIEW_LIMIT`): the search page merges more of them, and a change re-indexes fewer releases.
- After each `generate`, only the pieces whose search documents changed are indexed again. A piece
  is stored under its name and a fingerprint of its releases' documents, and a stored piece with
  the same fingerprint is reused: pieces follow years (a large year is cut from its oldest end),
  so a new release usually changes only the newest piece.
- A new index is a generation folder (`pieces.json` and a link per piece into the store), and the
  served link is pointed at it by one rename: a reader sees the old index or the new one, never a
  mix. The swap rewrites a stamp file that the hooks add to MkDocs' watched files, so the open pages
  reload (an open search page would otherwise ask for chunks of an index that is gone).
- A run never reads the documents while `generate` writes them: `held()` cancels a run in progress
  (its Pagefind processes are killed), waits for it to end, and asks for a new run afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.render.paths import RELEASES_JSON, release_html
from generator.render.search_document import SEARCH_TREE
from generator.search.indexer import (
    FIRST_RELEASES,
    INDEX_DIR,
    MANIFEST,
    Schedule,
    SearchIndexError,
    manifest_text,
    release_refs,
    run_pieces,
)
from generator.search.job import WORK_DIR
from generator.search.pieces import Piece, plan_pieces

PREVIEW_SEARCH = "PRESS_ARCHIVE_PREVIEW_SEARCH"
"""Environment variable naming the preview's search folder, set by `press-archive serve` for its
MkDocs (read by the hooks: generator/mkdocs_hooks.py)."""
PREVIEW_LIMIT = 1_000
"""Releases in a piece of the preview's index, at most. Pagefind's time grows with the releases of
the piece it indexes again, so smaller pieces make a new release searchable sooner after its page
(benchmarks/RESULTS.md, issue 15). The build's larger pieces bound what a reader downloads per
query, which does not matter on the writer's own machine."""
STAMP = "index-ready"
"""The file rewritten after every swap, watched by MkDocs so that the served pages reload."""
_GENERATIONS = "generations"
_STORE = "pieces"


def preview_folder() -> Path | None:
    """The preview's search folder when this process is the preview's MkDocs, else None."""
    value = os.environ.get(PREVIEW_SEARCH)
    return Path(value) if value else None


def watched_files() -> list[str]:
    """What the preview's MkDocs watches besides docs/: the index's stamp (nothing outside serve)."""
    folder = preview_folder()
    return [] if folder is None else [str(folder / STAMP)]


def link_into(site_dir: Path) -> None:
    """Serve the preview's index as `site_dir/pagefind/`: a link to the folder's served link, which
    each swap repoints, so MkDocs never needs to copy an index. Nothing outside serve, and nothing
    when `site_dir` already has a `pagefind/` of its own."""
    folder = preview_folder()
    link = site_dir / INDEX_DIR
    if folder is None or link.is_symlink() or link.exists():
        return
    link.symlink_to(folder.resolve() / INDEX_DIR, target_is_directory=True)


def fingerprint(tree: Path, piece: Piece) -> str:
    """Changes when the piece's releases or any of their search documents change. `generate`
    writes only documents whose bytes change, so their size and modification time say enough
    without reading them."""
    digest = hashlib.sha256(piece.name.encode())
    for release in piece.releases:
        stat = (tree / release_html(release.id)).stat()
        digest.update(f"\0{release.id}\0{release.date}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}".encode())
    return digest.hexdigest()[:24]


@dataclass
class Update:
    """One run: the pieces of the index, those Pagefind indexed again, and whether it was swapped in."""

    releases: int
    pieces: int
    indexed: list[str]
    swapped: bool
    seconds: float


class PreviewSearch:
    """The preview's index in `folder`, made again in a thread after every `request` (and `start`).

    `schedule` gives each run its bounds (the preview's MkDocs keeps running beside it); `say`
    reports each swap and failure. Layout of `folder`: `pagefind` (the served link, to a
    generation), `generations/<n>/`, `pieces/<name>-<fingerprint>/`, `index-ready` (the stamp)."""

    def __init__(
        self,
        root: Path,
        docs: Path,
        folder: Path,
        schedule: Callable[[], Schedule],
        say: Callable[[str], None],
        *,
        limit: int = PREVIEW_LIMIT,
        first: int = FIRST_RELEASES,
    ) -> None:
        self.tree = root / SEARCH_TREE
        self.listing = docs / RELEASES_JSON
        self.folder = folder
        self.schedule = schedule
        self.say = say
        self.limit = limit
        self.first = first
        self.generation = 0
        self._served: tuple[str, ...] = ()
        self._cond = threading.Condition()
        self._wanted = self._stopping = False
        self._held = 0
        self._running: Schedule | None = None
        self._thread: threading.Thread | None = None
        folder.mkdir(parents=True, exist_ok=True)
        (folder / STAMP).write_text("0\n", encoding="utf-8")  # MkDocs watches it from its start

    @classmethod
    def create(
        cls, root: Path, docs: Path, schedule: Callable[[], Schedule], say: Callable[[str], None]
    ) -> PreviewSearch:
        """A preview index in a new folder under `.cache/` (one per preview: two may run at once)."""
        (root / WORK_DIR).mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="preview-search-", dir=root / WORK_DIR))
        return cls(root, docs, folder, schedule, say)

    def start(self) -> None:
        """Start the thread and ask for the first index."""
        self._thread = threading.Thread(target=self._loop, name="preview-search", daemon=True)
        self._thread.start()
        self.request()

    def request(self) -> None:
        with self._cond:
            self._wanted = True
            self._cond.notify_all()

    @contextmanager
    def held(self) -> Iterator[None]:
        """No run while the block runs (a run in progress is cancelled first); one after it."""
        with self._cond:
            self._held += 1
            if self._running is not None:
                self._running.cancelled.set()
            self._cond.wait_for(lambda: self._running is None)
        try:
            yield
        finally:
            with self._cond:
                self._held -= 1
                self._wanted = True
                self._cond.notify_all()

    def close(self) -> None:
        """Stop the thread (a run in progress is cancelled) and remove the folder."""
        with self._cond:
            self._stopping = True
            if self._running is not None:
                self._running.cancelled.set()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopping or (self._wanted and not self._held))
                if self._stopping:
                    return
                self._wanted = False
                schedule = self._running = self.schedule()
            try:
                update = self.update(schedule)
                if update.swapped:
                    self.say(
                        f"search index of the preview updated: {update.releases} releases, "
                        f"{len(update.indexed)} of {update.pieces} pieces indexed in {update.seconds:.1f} s"
                    )
            except Exception as error:  # the preview keeps serving its last index
                if not schedule.cancelled.is_set():
                    self.say(f"search index of the preview not updated: {error}")
            finally:
                with self._cond:
                    self._running = None
                    self._cond.notify_all()

    def update(self, schedule: Schedule) -> Update:
        """Index the pieces that changed and swap the new index in (when it differs from the one
        served). Raises `SearchIndexError` when Pagefind fails or the run is cancelled."""
        started = time.perf_counter()
        if not self.tree.is_dir():
            raise SearchIndexError(f"{self.tree}: no search documents (run press-archive generate)")
        pieces = plan_pieces(release_refs(self.listing, self.tree), self.limit)
        store = self.folder / _STORE
        stored = {piece.name: store / f"{piece.name}-{fingerprint(self.tree, piece)}" for piece in pieces}
        missing = [piece for piece in pieces if not stored[piece.name].is_dir()]
        if missing:
            work = Path(tempfile.mkdtemp(prefix="work-", dir=self.folder))
            try:
                (work / INDEX_DIR).mkdir()
                run_pieces(self.tree, missing, work, schedule)
                store.mkdir(exist_ok=True)
                for piece in missing:
                    (work / INDEX_DIR / piece.name).rename(stored[piece.name])
            finally:
                shutil.rmtree(work, ignore_errors=True)
        manifest = manifest_text(pieces, self.first)
        served = (manifest, *(stored[piece.name].name for piece in pieces))
        swapped = served != self._served
        if swapped:
            self._swap(pieces, stored, manifest)
            self._served = served
        releases = sum(len(piece.releases) for piece in pieces)
        return Update(releases, len(pieces), [p.name for p in missing], swapped, time.perf_counter() - started)

    def _swap(self, pieces: list[Piece], stored: dict[str, Path], manifest: str) -> None:
        """Assemble the next generation, point the served link at it (one rename), rewrite the stamp,
        then remove what the new index no longer uses."""
        self.generation += 1
        generation = self.folder / _GENERATIONS / str(self.generation)
        generation.mkdir(parents=True)
        (generation / MANIFEST).write_text(manifest, encoding="utf-8")
        for piece in pieces:
            (generation / piece.name).symlink_to(Path("..", "..", _STORE, stored[piece.name].name), True)
        fresh = self.folder / f"{INDEX_DIR}.new"
        fresh.unlink(missing_ok=True)
        fresh.symlink_to(Path(_GENERATIONS, generation.name), target_is_directory=True)
        fresh.replace(self.folder / INDEX_DIR)
        stamp = self.folder / f"{STAMP}.new"
        stamp.write_text(f"{self.generation}\n", encoding="utf-8")
        stamp.replace(self.folder / STAMP)
        for old in (self.folder / _GENERATIONS).iterdir():
            if old != generation:
                shutil.rmtree(old, ignore_errors=True)
        used = {path.name for path in stored.values()}
        for entry in (self.folder / _STORE).iterdir() if (self.folder / _STORE).is_dir() else ():
            if entry.name not in used:
                shutil.rmtree(entry, ignore_errors=True)
