"""`press-archive build`: generate → `mkdocs build` → search index, each stage timed.

MkDocs runs in subprocesses (the library never imports MkDocs), one per core on a large archive
(generator/mkdocs_shards.py), so the same stages run unchanged when the site moves to Zensical,
which reads the same `mkdocs.yml` (with `workers=1` it is plain `mkdocs build`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import mkdocs_shards
from generator.output import WriteReport
from generator.pipeline import Result, generate
from generator.search import IndexReport, index_site
from generator.search.indexer import SearchIndexError
from generator.settings import Settings


@dataclass
class BuildReport:
    result: Result
    written: WriteReport
    seconds: dict[str, float] = field(default_factory=dict)
    failed_stage: str | None = None
    search: IndexReport | None = None
    error: str | None = None


def run_mkdocs(settings: Settings, site_dir: Path, strict: bool = True, workers: int | None = None) -> int:
    """`mkdocs build` of the project into `site_dir`; returns its exit code.

    `workers=None` picks one process per core for a large site, one for a small one."""
    if workers is None:
        workers = mkdocs_shards.default_workers(settings.docs)
    return mkdocs_shards.run(settings.root, site_dir, strict=strict, workers=workers)


def build(
    settings: Settings,
    site_dir: Path,
    strict: bool = True,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> BuildReport:
    """Run the stages in order; a failing stage stops the build and is named in the report."""
    started = time.perf_counter()
    result, written = generate(settings, progress=progress)
    report = BuildReport(result=result, written=written)
    report.seconds["generate"] = time.perf_counter() - started
    started = time.perf_counter()
    if run_mkdocs(settings, site_dir, strict, workers) != 0:
        report.failed_stage = "mkdocs build"
        return report
    report.seconds["mkdocs build"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        report.search = index_site(site_dir)
    except SearchIndexError as error:
        report.failed_stage, report.error = "search index", str(error)
        return report
    report.seconds["search index"] = time.perf_counter() - started
    return report
