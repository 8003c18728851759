"""The pipeline: discover raw files → read → extract → enrich (all of them, validated; `loading.py`)
→ render → write.

Everything is read and checked before anything is written (Pelican's order), so a bad file is
reported and skipped while all the others still build, and a failure never leaves a half site.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import time
from collections.abc import Callable
from typing import Any

from generator.cache import PageManifest, ReleaseCache
from generator.enrich.republications import find_republications
from generator.loading import (
    CACHE_DIR,
    Result,
    discover,
    display_path,
    full_release,
    load_archive,
    load_release,
    open_cache,
)
from generator.model import Release
from generator.output import Tree, TreeWriter, WriteReport
from generator.readers import READERS
from generator.render.site import render_changed
from generator.settings import Settings


def generate(
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    *,
    use_cache: bool = True,
    processes: int | None = None,
) -> tuple[Result, WriteReport]:
    """Build docs/ from the archive; bad files are skipped (and reported), the rest are written.

    With `use_cache`, unchanged raw files come from the content-hash cache under `.cache/`, and
    the releases in the result have no body (`Result.bodiless`; `full_release` reads one back from
    the cache): only the pages rendered again read their bodies, one at a time."""
    clock = time.perf_counter
    started = clock()
    cache = open_cache(settings) if use_cache else None
    result = load_archive(settings, progress=progress, cache=cache, processes=processes, bodies=cache is None)
    if cache is not None:
        cache.save()
        return_freed_memory()
    loaded = clock()
    manifest = PageManifest(cache.path.parent, cache.salt) if cache is not None else None
    full: Callable[[Release], Release] | None = None
    if cache is not None:
        def full(release: Release, cache: ReleaseCache = cache) -> Release:
            return full_release(release, result, cache, settings)
    # Republications depend on the releases' texts (their digests), dates and ids only.
    twins_key = _republications_key(result)
    republications = manifest.get("republications", twins_key) if manifest is not None and twins_key else None
    if republications is None:
        republications = find_republications(result.releases, signatures=result.signatures, full=full)
    tree = Tree.of(settings)
    previous = manifest.intact(tree) if manifest is not None else {}
    links = manifest.derived.get("links") if manifest is not None else None
    writer = TreeWriter(tree)
    rendered = render_changed(
        result.releases, result.vocabulary, settings, republications, previous, processes, digests=result.digests,
        links=links, full=full, records=result.records, sink=writer.put,
    )
    rendered_at = clock()
    writer.keep(rendered.kept)
    report = writer.finish()
    if manifest is not None:
        derived: dict[str, Any] = {"links": rendered.links}
        if twins_key:
            derived["republications"] = (twins_key, republications)
        manifest.record(tree, rendered.units, derived)
    result.timings.update(load=loaded - started, render=rendered_at - loaded, write=clock() - rendered_at)
    return result, report


def return_freed_memory() -> None:
    """Hand the memory of the bodies just written to the cache back to the system before render
    workers fork: the C allocator keeps freed blocks otherwise, and every forked worker would map
    them too. glibc's `malloc_trim`; elsewhere nothing (hand-written: no library does this)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _republications_key(result: Result) -> str:
    """Hash of what `find_republications` reads (ids, dates, texts by digest); "" when a release
    has no digest (then nothing is reused)."""
    if any(r.id not in result.digests for r in result.releases):
        return ""
    text = "\n".join(f"{r.id}\0{r.date.isoformat()}\0{result.digests[r.id]}" for r in result.releases)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


SUPPORTED = tuple(sorted(READERS))

__all__ = [
    "CACHE_DIR",
    "Result",
    "SUPPORTED",
    "discover",
    "display_path",
    "full_release",
    "generate",
    "load_archive",
    "load_release",
    "open_cache",
    "return_freed_memory",
]
