"""The search index of a build, made while MkDocs renders: a background job over the staging tree.

`generate` leaves one lean search document per release in `SEARCH_TREE`
(generator/render/search_document.py) and the release list in `docs/releases.json`, so the index needs nothing MkDocs
makes. `press-archive build` starts this job first, then MkDocs, and waits for both:

- the job's thread only starts Pagefind processes and waits for them, so it costs the build's
  process no CPU worth counting (`Popen` and `wait4` leave the interpreter lock);
- the index is written into a folder of its own under `.cache/`, never into `site/`, which MkDocs
  empties when it starts; `install` moves it to `site/pagefind/` once both are done;
- a failed or cancelled job leaves nothing: its folder is removed and the site gets no index;
- a piece whose search documents did not change since the last build is reused from
  `.cache/search-pieces/` rather than indexed again (generator/search/reuse.py).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

from generator.render.paths import RELEASES_JSON
from generator.render.search_document import SEARCH_TREE
from generator.search.indexer import (
    FIRST_RELEASES,
    INDEX_DIR,
    IndexReport,
    Schedule,
    SearchIndexError,
    install,
    release_refs,
    write_index,
)
from generator.search.pieces import DEFAULT_LIMIT
from generator.search.reuse import STORE, reusing

WORK_DIR = ".cache"
"""Where the job writes the index before it is installed: beside the staging tree, under the
project root, so that staged hard links and the final rename stay on one file system."""


class SearchIndexJob:
    """Index the staging tree of the project at `root` in a thread; `wait`, then `install`.

    `schedule` bounds the Pagefind processes; the caller may widen it while the job runs (once
    MkDocs is done with the cores). `started`/`ended` are `perf_counter()` times of the job's own
    run, so a build reports its seconds apart from the stages it overlaps."""

    def __init__(
        self,
        root: Path,
        docs: Path,
        schedule: Schedule,
        *,
        limit: int = DEFAULT_LIMIT,
        first: int = FIRST_RELEASES,
    ) -> None:
        self.tree = root / SEARCH_TREE
        self.listing = docs / RELEASES_JSON
        self.work_parent = root / WORK_DIR
        self.schedule = schedule
        self.limit = limit
        self.first = first
        self.report: IndexReport | None = None
        self.error: SearchIndexError | None = None
        self.started = self.ended = 0.0
        self._work: Path | None = None
        self._thread: threading.Thread | None = None

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    def start(self) -> None:
        """Start the job; returns once its first Pagefind processes run (or it has ended)."""
        self.started = time.perf_counter()
        self.work_parent.mkdir(parents=True, exist_ok=True)
        self._work = Path(tempfile.mkdtemp(prefix="pagefind-", dir=self.work_parent))
        self._thread = threading.Thread(target=self._run, args=(self._work,), name="search-index", daemon=True)
        self._thread.start()
        self.schedule.launched.wait()

    def _run(self, work: Path) -> None:
        try:
            if not self.tree.is_dir():
                raise SearchIndexError(f"{self.tree}: no search documents (run press-archive generate)")
            releases = release_refs(self.listing, self.tree)
            # Pieces whose documents did not change come from the store (generator/search/reuse.py).
            store = self.work_parent / STORE
            self.report = write_index(
                self.tree, releases, work, self.schedule, self.limit, self.first, run=reusing(store)
            )
        except SearchIndexError as error:
            self.error = error
        except Exception as error:  # reported to the caller, which fails the build
            self.error = SearchIndexError(f"search index: {error!r}")
        finally:
            self.ended = time.perf_counter()
            self.schedule.launched.set()  # also when nothing was launched: `start` returns

    def wait(self) -> IndexReport:
        """Wait for the job; its report, or the `SearchIndexError` that ended it."""
        if self._thread is not None:
            self._thread.join()
        if self.error is not None:
            raise self.error
        if self.report is None:
            raise SearchIndexError("the search index was not started")
        return self.report

    def install(self, site_dir: Path) -> None:
        """Move the finished index to `site_dir/pagefind/` (after MkDocs has written the site)."""
        self.wait()
        if self._work is None:
            raise SearchIndexError("the search index was discarded")
        install(self._work / INDEX_DIR, site_dir)

    def discard(self) -> None:
        """Stop the job if it still runs (its Pagefind processes are killed) and remove its folder."""
        self.schedule.cancelled.set()
        if self._thread is not None:
            self._thread.join()
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None
