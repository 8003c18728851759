"""`press-archive build`: generate, then MkDocs and the search index side by side, each timed.

MkDocs runs in subprocesses (the library never imports MkDocs), one per core on a large archive
(generator/mkdocs_shards.py), so the same stages run unchanged when the site moves to Zensical,
which reads the same `mkdocs.yml` (with `workers=1` it is plain `mkdocs build`). The redirect pages
of renamed releases (generator/redirects.py) are copied into the site once MkDocs is done.

The search index does not wait for MkDocs: `generate` writes a lean search document per release
(generator/render/search_document.py), and Pagefind indexes those (generator/search/job.py) while
MkDocs renders; the index is moved into `site/pagefind/` when both are done. While MkDocs runs, the
indexer gets the cores MkDocs leaves (at least one piece runs: on 2 cores, one piece beside two
MkDocs processes) and `MEMORY_BESIDE_MKDOCS`; once MkDocs is done, every core and the indexer's
whole budget. More pieces beside MkDocs would not end the stage sooner (the cores are busy either
way) and would not fit in memory on a large archive. Side by side, the two stages take little more
than the longer of them (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import mkdocs_shards, parallel
from generator.output import WriteReport
from generator.pipeline import Result, generate, return_freed_memory
from generator.redirects import RedirectError, install_redirects
from generator.search import IndexReport
from generator.search.indexer import MEMORY_BUDGET, Schedule, SearchIndexError
from generator.search.job import SearchIndexJob
from generator.settings import Settings

# Estimated memory the Pagefind pieces may hold while MkDocs runs. The build must stay within 4 GB;
# one piece of the largest size (3,500 releases, ~860 MB estimated) fits beside MkDocs, two do not:
# the whole build peaked at 3,577 MB PSS on 50,000 releases with one (benchmarks/RESULTS.md).
# Pieces wider than the budget run alone whatever it says; after MkDocs the indexer has
# `MEMORY_BUDGET`.
MEMORY_BESIDE_MKDOCS = 1_000 * 1024 * 1024
MKDOCS_AND_SEARCH = "mkdocs build + search index"
"""The report's name for the wall time of the stage that runs MkDocs and the index together."""


@dataclass
class BuildReport:
    result: Result
    written: WriteReport
    seconds: dict[str, float] = field(default_factory=dict)
    """Per stage: generate; mkdocs build and search index (each from its own start to its end:
    they overlap); and `MKDOCS_AND_SEARCH`, the wall time of the two together with the install."""
    failed_stage: str | None = None
    search: IndexReport | None = None
    error: str | None = None


def run_mkdocs(settings: Settings, site_dir: Path, strict: bool = True, workers: int | None = None) -> int:
    """`mkdocs build` of the project into `site_dir`; returns its exit code.

    `workers=None` picks one process per core for a large site, one for a small one."""
    if workers is None:
        workers = mkdocs_shards.default_workers(settings.docs)
    return mkdocs_shards.run(settings.root, site_dir, strict=strict, workers=workers)


def search_beside_mkdocs(mkdocs_workers: int) -> Schedule:
    """What the indexer may use while `mkdocs_workers` MkDocs processes run: the other cores (but
    at least one piece), within `MEMORY_BESIDE_MKDOCS`."""
    return Schedule(workers=max(1, parallel.cores() - mkdocs_workers), memory_budget=MEMORY_BESIDE_MKDOCS)


def _for_report(result: Result) -> Result:
    """What the report needs of `generate`'s result: the releases and their problems, without
    the signatures, records and digests that only generate itself uses."""
    result.signatures, result.records, result.digests, result.bodiless = {}, {}, {}, {}
    return result


def build(
    settings: Settings,
    site_dir: Path,
    strict: bool = True,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> BuildReport:
    """Run the stages; a failing stage stops the build and is named in the report (MkDocs first
    when both fail). A failed index leaves the site without one, never with half of one."""
    clock = time.perf_counter
    started = clock()
    result, written = generate(settings, progress=progress)
    report = BuildReport(result=_for_report(result), written=written)
    report.seconds["generate"] = clock() - started
    # MkDocs and the indexer need none of generate's memory (at 50k, hundreds of MB of the
    # releases' signatures, records and freed buffers), and the three run side by side.
    del result
    return_freed_memory()
    if workers is None:
        workers = mkdocs_shards.default_workers(settings.docs)
    stage_started = clock()
    # The indexer's processes start first, so that MkDocs' processes share the cores with them.
    job = SearchIndexJob(settings.root, settings.docs, search_beside_mkdocs(workers))
    try:
        job.start()
        mkdocs_started = clock()
        code = run_mkdocs(settings, site_dir, strict, workers)
        report.seconds["mkdocs build"] = clock() - mkdocs_started
        if code != 0:
            report.failed_stage = "mkdocs build"
            return report
        try:
            # Plain HTML files beside MkDocs' pages: MkDocs would empty site/ of them when it starts.
            install_redirects(settings, site_dir)
        except RedirectError as error:
            report.failed_stage, report.error = "redirects", str(error)
            return report
        job.schedule.memory_budget = MEMORY_BUDGET
        job.schedule.workers = parallel.cores()
        try:
            report.search = job.wait()
            job.install(site_dir)
        except SearchIndexError as error:
            report.failed_stage, report.error = "search index", str(error)
            return report
        report.seconds["search index"] = job.seconds
        report.seconds[MKDOCS_AND_SEARCH] = clock() - stage_started
    finally:
        job.discard()
    return report
