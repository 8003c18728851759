"""Search at scale: Pagefind in pieces against Material's built-in search index.

    python benchmarks/search.py [SIZES ...] [--work DIR] [--limit N] [--builtin SIZES]

For each size N (default 1000 10000): a synthetic project (benchmarks/synth.py) is generated and
built once (`mkdocs build`, built-in search plugin off), then indexed with Pagefind in pieces of at
most --limit releases (generator.search.index_site, as `press-archive build` does), and measured:

- index time, index size on disk and the indexer's peak memory (maximum RSS of the largest piece);
- in headless chromium (Debian's, through Playwright), for each query: the bytes the browser
  downloads and the time until the first result shows, both from a cold page opened at
  `search/?q=…` (all requests of the page: HTML, theme, search code, indexes) and for a query typed
  into the open page (its index chunks and result fragments only).

For sizes in --builtin (default 1000 10000) the project is built a second time with Material's
built-in search plugin on: its index time is the extra build time, and its `search_index.json` is
what every visitor downloads before the first result (one JSON file of the whole site); the time to
fetch and parse it in chromium is a lower bound of its first result (the worker then builds a lunr
index on top). Prints a Markdown table. Projects are kept in --work, so a rerun reuses the builds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from local_browser import CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from generator.pipeline import generate  # noqa: E402
from generator.search import index_site  # noqa: E402
from generator.search.indexer import FIRST_RELEASES  # noqa: E402
from generator.search.pieces import DEFAULT_LIMIT  # noqa: E402
from generator.settings import Settings  # noqa: E402

# From rare to common in the synthetic archive (share of the 10k releases whose title or body —
# what is indexed — holds the word): Raqqa 0.35 %, Medicare 0.9 %, veterans 21 %, budget 90 % — the
# last is a worst case. (A place such as "Denver" is in the dateline only, which is metadata.)
QUERIES = ("Raqqa", "Medicare", "veterans", "budget")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TIMEOUT_MS = 30_000
KB = 1024
MB = 1024 * 1024


@dataclass
class QueryFigures:
    query: str
    results: int
    cold_bytes: int  # search code and indexes fetched by a cold page opened at search/?q=…
    cold_page_bytes: int  # the rest of that page: HTML, theme CSS and JS, sitemap (shared by all pages)
    cold_ms: float
    warm_bytes: int
    warm_ms: float


SEARCH_FILES = ("/pagefind/", "/assets/search.")


def _search_bytes(sent: list[tuple[str, int]]) -> tuple[int, int]:
    """(bytes of search code and indexes, bytes of everything else)."""
    search = sum(n for path, n in sent if path.startswith(SEARCH_FILES))
    return search, sum(n for _, n in sent) - search


@dataclass
class Figures:
    size: int
    pieces: int = 0
    index_seconds: float = 0.0
    index_bytes: int = 0
    peak_memory: int = 0
    queries: list[QueryFigures] = field(default_factory=list)
    builtin_seconds: float | None = None
    builtin_bytes: int | None = None
    builtin_ms: float | None = None


def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _mkdocs(project: Path, config: Path, site: Path) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "--site-dir", str(site)]
    subprocess.run(command, cwd=project, env=ENV, check=True)
    return time.perf_counter() - started


def build_project(size: int, work: Path) -> Path:
    """The synthetic project of `size` releases, generated and built (kept for reruns)."""
    project = work / str(size)
    if (project / "site" / "releases.json").is_file():
        return project
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "synth.py"), str(size), str(project)], check=True)
    result, _ = generate(Settings.load(project))
    print(f"{size}: {len(result.releases)} releases generated, {len(result.errors)} errors", file=sys.stderr)
    seconds = _mkdocs(project, project / "mkdocs.yml", project / "site")
    (project / "mkdocs-seconds.txt").write_text(f"{seconds}\n", encoding="utf-8")
    print(f"{size}: mkdocs build {seconds:.0f} s", file=sys.stderr)
    return project


def _plain_seconds(project: Path) -> float | None:
    """The time of the project's build without the built-in search, when it was measured."""
    try:
        return float((project / "mkdocs-seconds.txt").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def builtin_index(project: Path, plain_seconds: float | None) -> tuple[float, int]:
    """Build with Material's search plugin on; (extra seconds, bytes of search_index.json)."""
    site = project / "site-builtin"
    index = site / "search" / "search_index.json"
    known = project / "builtin-seconds.txt"
    if index.is_file() and known.is_file():  # built by an earlier run
        return float(known.read_text(encoding="utf-8")), index.stat().st_size
    config = project / "mkdocs-builtin.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("plugins: []", "plugins:\n  - search"), encoding="utf-8")
    with_search = _mkdocs(project, config, site)
    if plain_seconds is None:
        plain_seconds = _mkdocs(project, project / "mkdocs.yml", project / "site-plain")
        shutil.rmtree(project / "site-plain")
    seconds = max(with_search - plain_seconds, 0.0)
    known.write_text(f"{seconds}\n", encoding="utf-8")
    return seconds, index.stat().st_size


class _Counting(SimpleHTTPRequestHandler):
    """Serves the site and counts the bytes of every file it sends: requests from Pagefind's web
    worker do not reach the page's network events, but they all reach the server."""

    sent: list[tuple[str, int]]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        start = source.tell()
        super().copyfile(source, outputfile)
        self.sent.append((self.path, source.tell() - start))


@contextmanager
def serve_counting(folder: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The local server, recording (path, bytes) of every response for the download figures."""
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (_Counting,), {"sent": sent})
    with serve(folder, handler) as base:
        yield base, sent


# The first result is on screen, or the search has ended without one.
FIRST_SHOWN = (
    "document.querySelector('.pa-result') !== null"
    " || ['done', 'error'].includes(document.getElementById('pa-search-app').dataset.state)"
)
WITH_SITEMAP = False
SETTLED = "['done', 'idle', 'error'].includes(document.getElementById('pa-search-app').dataset.state)"


def _settle_server() -> None:
    time.sleep(0.3)  # the last response is counted when its file has been sent


def measure_queries(
    browser: Any, url: str, sent: list[tuple[str, int]], queries: tuple[str, ...]
) -> list[QueryFigures]:
    figures = []
    for query in queries:
        try:
            figures.append(_measure_query(browser, url, sent, query))
        except PlaywrightTimeout:
            print(f"{query}: no result within {TIMEOUT_MS // 1000} s", file=sys.stderr)
            figures.append(QueryFigures(query, -1, 0, 0, float("inf"), 0, float("inf")))
    return figures


def _measure_query(browser: Any, url: str, sent: list[tuple[str, int]], query: str) -> QueryFigures:
    # Cold: a fresh context (empty cache) opening search/?q=… — everything the page fetches.
    context = browser.new_context()
    # Material's script fetches the whole sitemap.xml on every page (for the feed's rel=alternate
    # link): 9.5 MB at 50k releases, a site-wide cost measured apart (`--with-sitemap`).
    if not WITH_SITEMAP:
        context.route("**/sitemap.xml", lambda route: route.abort())
    try:
        page = context.new_page()
        sent.clear()
        started = time.perf_counter()
        page.goto(f"{url}search/?q={query.replace(' ', '+')}")
        page.wait_for_function(FIRST_SHOWN, timeout=TIMEOUT_MS)
        cold_ms = (time.perf_counter() - started) * 1000
        page.wait_for_function(SETTLED, timeout=TIMEOUT_MS)
        results = int(page.inner_text("#pa-search-status").split(" ")[0].replace(",", ""))
        _settle_server()
        cold_bytes, cold_page_bytes = _search_bytes(sent)
    finally:
        context.close()
    # Typed: the page open (code, index metadata and filters loaded), then the query typed.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{url}search/")
        page.wait_for_function(SETTLED, timeout=TIMEOUT_MS)
        _settle_server()
        page.evaluate("document.getElementById('pa-search-app').dataset.state = 'stale'")
        page.fill("#pa-search-q", query)
        sent.clear()
        started = time.perf_counter()
        page.press("#pa-search-q", "Enter")
        page.wait_for_function(FIRST_SHOWN, timeout=TIMEOUT_MS)
        warm_ms = (time.perf_counter() - started) * 1000
        page.wait_for_function(SETTLED, timeout=TIMEOUT_MS)
        _settle_server()
        warm_bytes = sum(_search_bytes(sent))
    finally:
        context.close()
    return QueryFigures(query, results, cold_bytes, cold_page_bytes, cold_ms, warm_bytes, warm_ms)


def builtin_first_result_ms(browser: Any, url: str) -> float:
    """Fetch and parse Material's search_index.json in a page: a lower bound of its first result."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "about/")
    ms = page.evaluate(
        """async () => { const t = performance.now();
        const r = await fetch('/search/search_index.json');
        const j = await r.json(); return j.docs.length >= 0 ? performance.now() - t : -1; }"""
    )
    context.close()
    return float(ms)


def run(size: int, work: Path, limit: int, builtin: bool, browser: Any, reuse_index: bool = False) -> Figures:
    project = build_project(size, work)
    site = project / "site"
    # The search page's code as it is now in docs/ (the project's build may be older).
    for name in ("search.js", "search.css"):
        shutil.copyfile(REPO / "docs" / "assets" / name, site / "assets" / name)
    figures = Figures(size=size)
    saved = project / "index-figures.json"
    if reuse_index and saved.is_file():
        known = json.loads(saved.read_text(encoding="utf-8"))
        figures.index_seconds, figures.pieces, figures.peak_memory = known["seconds"], known["pieces"], known["peak"]
        manifest_path = site / "pagefind" / "pieces.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest["first"] = FIRST_RELEASES  # the policy as it is now
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    else:
        started = time.perf_counter()
        report = index_site(site, limit)
        figures.index_seconds = time.perf_counter() - started
        figures.pieces = len(report.pieces)
        figures.peak_memory = report.peak_memory
        saved.write_text(json.dumps({"seconds": figures.index_seconds, "pieces": figures.pieces,
                                     "peak": figures.peak_memory}), encoding="utf-8")
    figures.index_bytes = _tree_size(site / "pagefind")
    print(f"{size}: indexed in {figures.index_seconds:.1f} s, {figures.pieces} pieces, "
          f"peak {figures.peak_memory / MB:.0f} MB", file=sys.stderr)
    with serve_counting(site) as (url, sent):
        figures.queries = measure_queries(browser, url, sent, QUERIES)
    if builtin:
        figures.builtin_seconds, figures.builtin_bytes = builtin_index(project, _plain_seconds(project))
        with serve_counting(project / "site-builtin") as (url, _):
            figures.builtin_ms = builtin_first_result_ms(browser, url)
    return figures


def table(all_figures: list[Figures]) -> str:
    lines = [
        "| releases | index | pieces | index time | index on disk | peak indexer memory | query | results "
        "| cold page + query: search bytes (+ theme) | first result (cold) "
        "| typed query | first result (typed) |",
        "|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for f in all_figures:
        for q in f.queries:
            lines.append(
                f"| {f.size:,} | Pagefind | {f.pieces} | {f.index_seconds:.1f} s | {f.index_bytes / MB:.1f} MB "
                f"| {f.peak_memory / MB:.0f} MB | {q.query} | {q.results:,} "
                f"| {q.cold_bytes / KB:.0f} KB (+ {q.cold_page_bytes / KB:.0f} KB) "
                f"| {q.cold_ms:.0f} ms | {q.warm_bytes / KB:.0f} KB | {q.warm_ms:.0f} ms |"
            )
        if f.builtin_bytes is not None:
            lines.append(
                f"| {f.size:,} | built-in | 1 | {f.builtin_seconds or 0:.1f} s | {f.builtin_bytes / MB:.1f} MB | — "
                f"| any | — | {f.builtin_bytes / KB:,.0f} KB (index only) "
                f"| ≥ {f.builtin_ms or 0:.0f} ms (fetch + parse) "
                f"| 0 KB | — |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=REPO / ".cache" / "bench-search")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="releases per Pagefind piece")
    parser.add_argument("--builtin", type=int, nargs="*", default=[1000, 10000],
                        help="sizes also built with Material's built-in search")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--reuse-index", action="store_true",
                        help="keep an index (and its figures) from an earlier run of the same size")
    parser.add_argument("--with-sitemap", action="store_true",
                        help="let the cold page fetch sitemap.xml as Material's script does")
    args = parser.parse_args(argv)
    global WITH_SITEMAP
    WITH_SITEMAP = args.with_sitemap
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for size in args.sizes:
            results.append(run(size, args.work, args.limit, size in args.builtin, browser, args.reuse_index))
            print(table(results[-1:]), file=sys.stderr)
        browser.close()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([f.__dict__ | {"queries": [q.__dict__ for q in f.queries]} for f in results],
                                        indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
