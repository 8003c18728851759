"""`press-archive serve`: a live preview that follows archive/ as well as docs/.

`mkdocs serve` watches docs/ and mkdocs.yml, but a release is added to archive/, which MkDocs does
not know. So this runs `mkdocs serve --dirty` for docs/ and watches archive/ itself (with watchdog,
the file watcher MkDocs already uses): a change there runs the incremental `generate`, which
rewrites only the pages whose bytes change (the new page, its index pages, its neighbours), and
MkDocs' dirty rebuild then renders only those pages, not the whole site.

The preview runs MkDocs without `--strict`: a dirty build always logs a warning (that navigation
may be inaccurate), so a strict dirty build aborts at once; other warnings are printed and the
preview keeps serving. `press-archive build` stays the strict build.

The preview has a search index of its own (generator/search/preview.py): made after the first
`generate` and again after every one that follows, in a thread, only for the pieces whose releases
changed, beside MkDocs (which keeps a core, and the CPU first when they compete), and swapped in
whole; MkDocs' hooks serve it as `pagefind/`. `generate` never writes while Pagefind reads its
documents: a run in progress is cancelled first.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.building import search_beside_mkdocs
from generator.search.indexer import Schedule
from generator.search.preview import PREVIEW_SEARCH, PreviewSearch
from generator.settings import Settings

# Editors save in bursts (temporary file, rename, metadata); wait this long after the last event.
SETTLE_SECONDS = 0.4
# The writer waits for the new page first, then for the search: Pagefind yields the CPU to MkDocs
# (and to the browser) when they compete for it.
INDEX_NICENESS = 10


class _Changes(FileSystemEventHandler):
    """Remembers when archive/ last changed; the main loop regenerates once it has settled."""

    def __init__(self) -> None:
        self.last: float | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        with self.lock:
            self.last = time.monotonic()

    def settled(self) -> bool:
        with self.lock:
            if self.last is None or time.monotonic() - self.last < SETTLE_SECONDS:
                return False
            self.last = None
            return True


def _paused(process: subprocess.Popen[bytes], regenerate: Callable[[], None]) -> None:
    """Run `regenerate` with MkDocs stopped (SIGSTOP, then SIGCONT), where the system has those
    signals. MkDocs' watcher would otherwise start a build while `generate` is still writing,
    warn about links to pages not written yet, and need a second build for the new page (the
    preview latency in benchmarks/RESULTS.md). The kernel
    keeps the file events meanwhile, so MkDocs builds once when it resumes."""
    stop_signal, go_on = getattr(signal, "SIGSTOP", None), getattr(signal, "SIGCONT", None)
    if stop_signal is None or go_on is None or process.poll() is not None:
        regenerate()
        return
    process.send_signal(stop_signal)
    try:
        regenerate()
    finally:
        if process.poll() is None:
            process.send_signal(go_on)


def mkdocs_serve_command(dev_addr: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", dev_addr]


def _index_schedule() -> Schedule:
    schedule = search_beside_mkdocs(1)
    schedule.niceness = INDEX_NICENESS
    return schedule


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def serve(
    settings: Settings, dev_addr: str, regenerate: Callable[[], None], say: Callable[[str], None] = _say
) -> int:
    """Serve the site until MkDocs stops, or SIGINT / SIGTERM arrives; `regenerate` runs after every
    settled change in archive/, and the search index follows (its progress goes to `say`). Returns
    MkDocs' exit code (0 after a signal).

    Signals only set a flag: an interrupt raised inside `Popen.poll()` can leave its internal lock
    held, after which waiting for MkDocs never returns."""
    stop = threading.Event()

    def say_until_stopped(text: str) -> None:
        if not stop.is_set():  # Ctrl-C reaches Pagefind too: its failure then is no news
            say(text)

    # The preview's MkDocs is one process: the index gets the other cores, at a lower priority.
    search = PreviewSearch.create(settings.root, settings.docs, _index_schedule, say_until_stopped)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", PREVIEW_SEARCH: str(search.folder)}
    previous = {number: signal.signal(number, lambda *_: stop.set()) for number in (signal.SIGINT, signal.SIGTERM)}
    search.start()
    process = subprocess.Popen(mkdocs_serve_command(dev_addr), cwd=settings.root, env=env)
    changes = _Changes()
    observer = Observer()
    observer.schedule(changes, str(settings.archive), recursive=True)
    observer.start()
    try:
        while not stop.is_set() and process.poll() is None:
            stop.wait(0.1)
            if not stop.is_set() and changes.settled():
                with search.held():
                    _paused(process, regenerate)
        return 0 if stop.is_set() else process.returncode
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        observer.stop()
        observer.join(timeout=5)
        search.close()
        for number, handler in previous.items():
            signal.signal(number, handler)
