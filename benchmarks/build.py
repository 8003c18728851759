"""The full pipeline at scale, against Hugo + Pagefind and Material's blog plugin (issue 12).

    python benchmarks/build.py [--sizes 1000,10000,50000] [--hugo-sizes 1000,10000,50000]
                               [--hugo-related-sizes 1000] [--blog-sizes 1000] [--preview 10000]
                               [--work DIR] [--skip-incremental]

For each size N a synthetic project (benchmarks/synth.py; the first N releases of one sequence, so
sizes share releases) is built from scratch twice:

- the **full build**: `press-archive build`, cold (no cache, no generated pages, no site), timed
  and sampled as one process tree, whatever runs inside it (generate, MkDocs in one process per
  core, the search index, side by side or not). This is the figure the budgets use. Its `site/` is
  then measured as published: total bytes (sum of file sizes, pagefind/ included) and files, the
  release pages (`site/releases/*/index.html`): their number, HTML summed, average, and summed
  after gzipping each page (level 6, as a server sends it);
- the **breakdown**: cold again, each stage in its own process: `generate`, `mkdocs build --strict`
  (sharded as `press-archive build` runs it: generator/mkdocs_shards.py), the search index of
  the generator's lean search documents (`generator.search.job`) alone. Their sum differs from the
  full build, which runs MkDocs and the index side by side.

Then a no-op `generate` and `generate` after adding release N+1 (the incremental budget), and, for
sizes in --preview (default 10k only: the preview's MkDocs first builds the whole site in one
process, about as long as the breakdown's MkDocs stage on one core), the live-preview latency:
`press-archive serve` on the built project (127.0.0.1, a free port), release N+1 written into
archive/ once the preview serves, seconds from the write until its page answers 200, polled every
0.1 s (benchmarks/preview.py); the server is then stopped with SIGINT and the file removed.

Peers (benchmarks/peer_sites.py), on the same releases in the same work folder (same disk): Hugo
(Debian's `hugo`, layouts in benchmarks/peers/hugo/: release pages with previous/next, taxonomy
pages for topics, authors and sources), then Pagefind on Hugo's `public/` in the same run (the
same Pagefind as ours, `python -m pagefind`, once over all release pages, `--glob
releases/*/index.html` as our indexer reads only release pages; they mark title and body
`data-pagefind-body` and carry our filters, sort and meta); "Hugo + Pagefind" is the two runs' sum.
Hugo with its own related-content lists and Material's blog plugin (benchmarks/peers/material-blog/)
are timed too: "Hugo alone" and the blog's time per page are ratio rows.

Prints Markdown tables: our build, the generate stage, CPU and memory per stage, peers, ratios
(our full build / Hugo + Pagefind, / Hugo alone, our time per page / Material blog's), published
size, budgets. The exit code is 1 when a measured budget of issue 12 fails; budgets that were not
measured (say, no 50k run) are listed as such. Sizes without a budget (say 100,000) are reported.
The budgets: full build ≤ 2× Hugo + Pagefind at 10k and at 50k (1.5× is the stretch goal, shown);
time per page ≤ 0.1 of Material blog's; published site at 50k ≤ 900 MB and ≤ 150,000 files; adding
one release at 10k: generate ≤ 2 s; peak memory at 50k ≤ 4 GB PSS (full build and each stage);
50k/10k full build ≤ 5.5; live preview at 10k: the new release's page answers ≤ 3 s after the save.

Columns: read, extract and enrich are the per-file times summed over all generate processes (time
spent inside each worker: they run in parallel, so the sum may exceed the wall time of `generate`,
and a busy machine inflates it); render+write is wall time; every other time is the wall time of a
whole command including interpreter start. CPU is user + system seconds of a command's process
tree: the figure to compare when the machine is shared. Peak memory is sampled every 50 ms over the
process tree (workers included) as PSS (pages shared by forked processes divided among them: what
the tree occupies; the memory budget) and as RSS summed over its processes (shared pages counted
in each). "Hugo + Pagefind" adds the times and CPU of the two runs; its memory is the larger peak.
MB is 1024² bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import peer_sites  # noqa: E402
import preview  # noqa: E402
import synth  # noqa: E402
from measuring import Published, Run, mb, measure, published  # noqa: E402

from generator.render import paths  # noqa: E402

GENERATED = (*paths.GENERATED, *paths.GENERATED_FILES)

# Budgets of issue 12.
HUGO_PAGEFIND_RATIO = 2.0
HUGO_PAGEFIND_STRETCH = 1.5
BLOG_RATIO = 0.1
PUBLISHED_BYTES = 900 * 1024**2
PUBLISHED_FILES = 150_000
INCREMENTAL_SECONDS = 2.0
PEAK_PSS = 4 * 1024**3
GROWTH = 5.5
PREVIEW_SECONDS = 3.0


# --- our pipeline ------------------------------------------------------------------------------

FULL_BUILD = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())", "build"]

DRIVER = """
import json, sys, time
from pathlib import Path
from generator.pipeline import generate
from generator.settings import Settings
started = time.perf_counter()
result, report = generate(Settings.load(Path(sys.argv[1])), use_cache=sys.argv[2] == "cache")
print(json.dumps({"timings": result.timings, "releases": len(result.releases), "errors": len(result.errors),
                  "written": report.written, "unchanged": report.unchanged, "removed": report.removed,
                  "cached": result.cached, "seconds": time.perf_counter() - started}))
"""

# The mkdocs stage as `press-archive build` runs it: one `mkdocs build --strict` process per core
# on a large site (generator/mkdocs_shards.py), one on a small one.
MKDOCS = """
import sys
from pathlib import Path
from generator import mkdocs_shards
project = Path(sys.argv[1])
workers = mkdocs_shards.default_workers(project / "docs")
print(f"mkdocs workers: {workers}", file=sys.stderr)
sys.exit(mkdocs_shards.run(project, project / "site", workers=workers, quiet=True))
"""

SEARCH = """
import sys
from pathlib import Path
from generator import parallel
from generator.search.indexer import MEMORY_BUDGET, Schedule
from generator.search.job import SearchIndexJob
project = Path(sys.argv[1])
job = SearchIndexJob(project, project / "docs", Schedule(workers=parallel.cores(), memory_budget=MEMORY_BUDGET))
job.start()
job.wait()
job.install(project / "site")
"""

STAGES = ("generate", "mkdocs build", "search index")


@dataclass
class Measured:
    size: int
    full: Run | None = None
    """`press-archive build`, cold, as one process tree."""
    site: Published | None = None
    stages: dict[str, float] = field(default_factory=dict)
    rss: dict[str, int] = field(default_factory=dict)
    pss: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    incremental: float | None = None
    incremental_written: int | None = None
    noop: float | None = None
    preview: preview.Preview | None = None
    preview_failed: bool = False
    failed: str | None = None

    @property
    def staged(self) -> float:
        """The stages run one by one, summed."""
        return sum(self.stages.get(k, 0.0) for k in STAGES)

    @property
    def total(self) -> float:
        """The full build's wall time (the stages' sum if it was not measured)."""
        return self.full.seconds if self.full else self.staged

    @property
    def peak_pss(self) -> int:
        return max([self.full.peak_pss if self.full else 0, *self.pss.values()])


def clean(project: Path) -> None:
    for name in GENERATED:
        target = project / "docs" / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for name in (".cache", "site"):
        shutil.rmtree(project / name, ignore_errors=True)


def prepare(size: int, work: Path) -> Path:
    project = work / f"press-archive-{size}"
    marker = project / ".synth"
    if not (marker.exists() and marker.read_text() == f"{size}:{synth.SEED}"):
        synth.write_project(size, project)
        marker.write_text(f"{size}:{synth.SEED}")
    return project


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_full(project: Path, measured: Measured) -> bool:
    """`press-archive build` from a clean project; its published site is measured."""
    clean(project)
    run = measure([*FULL_BUILD, "--root", str(project)], project)
    if not run.ok:
        measured.failed = "press-archive build"
        return False
    measured.full, measured.site = run, published(project / "site")
    log(f"  {measured.size}: full build {run.seconds:.1f} s")
    return True


def _stage(measured: Measured, name: str, run: Run) -> bool:
    if not run.ok:
        measured.failed = name
        return False
    measured.stages[name] = run.seconds
    measured.rss[name], measured.pss[name], measured.cpu[name] = run.peak_rss, run.peak_pss, run.cpu
    log(f"  {measured.size}: {name} {run.seconds:.1f} s")
    return True


def run_stages(project: Path, measured: Measured) -> bool:
    """The stages from a clean project, one process each."""
    clean(project)
    python = sys.executable
    generated = measure([python, "-c", DRIVER, str(project), "cache"], project)
    if not _stage(measured, "generate", generated):
        return False
    timings = json.loads(generated.stdout.strip().splitlines()[-1])["timings"]
    measured.stages.update(read=timings["read"], extract=timings["extract"], enrich=timings["enrich"])
    measured.stages["render+write"] = timings["render"] + timings["write"]
    return _stage(measured, "mkdocs build", measure([python, "-c", MKDOCS, str(project)], project)) and _stage(
        measured, "search index", measure([python, "-c", SEARCH, str(project)], project)
    )


def next_release(size: int, project: Path) -> tuple[Path, str, str]:
    """Release N+1 of the same sequence, as a contributor would add it: its raw file, its text, and
    its page's path in the site."""
    from generator.readers.common import release_id

    path, text = list(synth.releases(size + 1, synth.SEED, project / "archive").items())[-1]
    return project / "archive" / path, text, f"releases/{release_id(Path(path).stem)}/"


def run_incremental(project: Path, measured: Measured) -> None:
    command = [sys.executable, "-c", DRIVER, str(project), "cache"]
    noop = measure(command, project)
    measured.noop = noop.seconds
    target, text, _ = next_release(measured.size, project)
    target.write_bytes(text.encode("utf-8"))
    try:
        added = measure(command, project)
        measured.incremental = added.seconds
        measured.incremental_written = json.loads(added.stdout.strip().splitlines()[-1])["written"]
    finally:
        target.unlink()
    log(f"  {measured.size}: no-op generate {noop.seconds:.2f} s, add one {added.seconds:.2f} s")


def run_preview(project: Path, measured: Measured, work: Path) -> None:
    target, text, page = next_release(measured.size, project)
    result = preview.measure_preview(project, measured.size, target, text, page, work / f"serve-{measured.size}.log")
    measured.preview, measured.preview_failed = result, result is None or result.shown is None
    if result is None:
        log(f"  {measured.size}: the preview did not start (see {work / f'serve-{measured.size}.log'})")
    else:
        shown = f"{result.shown:.2f} s" if result.shown is not None else "never"
        log(f"  {measured.size}: preview served after {result.startup:.1f} s; new release shown {shown}")


def run_ours(size: int, work: Path, incremental: bool, with_preview: bool) -> Measured:
    project = prepare(size, work)
    measured = Measured(size)
    if not (run_full(project, measured) and run_stages(project, measured)):
        return measured
    if incremental:
        run_incremental(project, measured)
    if with_preview:
        run_preview(project, measured, work)
    return measured


# --- report ------------------------------------------------------------------------------------


def machine() -> str:
    memory = 0
    with Path("/proc/meminfo").open() as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    try:
        disk = subprocess.run(["df", "-hT", "."], capture_output=True, text=True, check=False).stdout.splitlines()[-1]
    except OSError:
        disk = "?"
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs (`nproc` {len(os.sched_getaffinity(0))}), {memory / 1024**3:.1f} GB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"disk: `{' '.join(disk.split())}`; "
        f"load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )


def seconds(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f} s"


def memory(run: Run) -> str:
    return f"{mb(run.peak_pss)} / {mb(run.peak_rss)}"


def table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """A Markdown table; the first `left` columns are left-aligned, the others right-aligned."""
    align = ["---"] * left + ["---:"] * (len(header) - left)
    return ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"] + ["| " + " | ".join(r) + " |" for r in rows]


def _preview_cell(m: Measured) -> str:
    if m.preview is None:
        return "did not start" if m.preview_failed else "–"
    shown = "never (120 s)" if m.preview.shown is None else f"{m.preview.shown:.2f} s"
    return f"{shown} (serving after {m.preview.startup:.0f} s)"


def ours_table(ours: list[Measured]) -> list[str]:
    header = ["releases", "full build", "CPU", "peak memory (PSS / RSS summed)", "ms/release", "generate",
              "mkdocs build", "search index", "stages summed", "add one release", "no-op generate",
              "preview: new release shown"]
    rows = []
    for m in ours:
        full = m.full
        if m.failed or full is None:
            rows.append([f"{m.size:,}", f"failed in {m.failed}"] + [""] * (len(header) - 2))
            continue
        added = f"{m.incremental:.2f} s ({m.incremental_written} files)" if m.incremental is not None else "–"
        rows.append([f"{m.size:,}", f"**{full.seconds:.1f} s**", seconds(full.cpu), memory(full),
                     f"{1000 * m.total / m.size:.1f}", *(seconds(m.stages[k]) for k in STAGES),
                     seconds(m.staged), added, seconds(m.noop, 2), _preview_cell(m)])
    return table(header, rows, left=0)


def generate_table(ours: list[Measured]) -> list[str]:
    header = ["releases", "read", "extract", "enrich", "render+write", "generate", "generate releases/s"]
    rows = [[f"{m.size:,}", *(seconds(m.stages[k]) for k in header[1:6]), f"{m.size / m.stages['generate']:,.0f}"]
            for m in ours if not m.failed]
    return table(header, rows, left=0)


def stage_table(ours: list[Measured]) -> list[str]:
    rows = [[f"{m.size:,}", *(f"{m.cpu[k]:.1f} s CPU, {mb(m.pss[k])} PSS ({mb(m.rss[k])} RSS)" for k in STAGES)]
            for m in ours if not m.failed]
    return table(["releases", *STAGES], rows, left=0)


def peers_table(
    hugo: dict[int, peer_sites.HugoPagefind | None], related: dict[int, Run | None], blog: dict[int, Run]
) -> list[str]:
    rows: list[list[str]] = []

    def row(name: str, size: int, run: Run | None) -> None:
        if run is None:
            rows.append([name, f"{size:,}", "not installed", "", "", ""])
        elif not run.ok:
            rows.append([name, f"{size:,}", f"failed (exit {run.returncode})", "", "", ""])
        else:
            rows.append([name, f"{size:,}", f"{run.seconds:.1f} s", f"{run.cpu:.1f} s",
                         f"{1000 * run.seconds / size:.2f}", memory(run)])

    for size, pair in sorted(hugo.items()):
        row("Hugo", size, pair.hugo if pair else None)
        if pair and pair.hugo.ok:
            row("Pagefind on Hugo's output", size, pair.pagefind)
            row("**Hugo + Pagefind**", size, pair.total if pair.ok else None)
    for name, runs in (("Hugo with related content", related), ("Material blog plugin", dict(blog))):
        for size, run in sorted(runs.items()):
            row(name, size, run)
    return table(["peer", "releases", "build", "CPU", "ms/page", "peak memory (PSS / RSS summed)"], rows, left=1)


def blog_page(blog: dict[int, Run], size: int) -> tuple[int, float] | None:
    """Material blog's seconds per page at `size`, or at the largest size it was run at."""
    done = {s: r for s, r in blog.items() if r.ok}
    if not done:
        return None
    at = size if size in done else max(done)
    return at, done[at].seconds / at


def ratio_table(
    ours: list[Measured], hugo: dict[int, peer_sites.HugoPagefind | None], blog: dict[int, Run]
) -> list[str]:
    built = [m for m in ours if not m.failed]
    together, alone, per_page = ["our full build / Hugo + Pagefind"], ["our full build / Hugo alone"], []
    for m in built:
        pair = hugo.get(m.size)
        together.append(f"**{m.total / pair.total.seconds:.2f}×**" if pair and pair.ok else "–")
        alone.append(f"{m.total / pair.hugo.seconds:.2f}×" if pair and pair.hugo.ok else "–")
        page = blog_page(blog, m.size)
        per_page.append(f"{m.total / m.size / page[1]:.3f} (at {page[0]:,})" if page else "–")
    rows = [together, alone, ["our time per page / Material blog's", *per_page]]
    return table(["ratio", *(f"{m.size:,}" for m in built)], rows, left=1)


def published_table(ours: list[Measured], hugo: dict[int, peer_sites.HugoPagefind | None]) -> list[str]:
    sites = [("ours (`site/`)", m.size, m.site) for m in ours if m.site]
    sites += [("Hugo + Pagefind (`public/`)", size, pair.published) for size, pair in sorted(hugo.items())
              if pair and pair.ok]
    rows = [[name, f"{size:,}", mb(p.bytes, 1), f"{p.files:,}", f"{p.pages:,}", mb(p.page_bytes, 1),
             f"{p.average_page / 1024:.1f} KB", mb(p.page_gzip, 1)] for name, size, p in sites]
    header = ["site", "releases", "total", "files", "release pages", "release pages' HTML", "average release page",
              "release pages gzipped"]
    return table(header, rows, left=1)


@dataclass
class Check:
    name: str
    passed: bool | None
    """None: not measured."""
    value: str

    @property
    def verdict(self) -> str:
        return "not measured" if self.passed is None else ("pass" if self.passed else "**FAIL**")


def _hugo_check(m: Measured | None, pair: peer_sites.HugoPagefind | None, size: str) -> Check:
    name = f"full build at {size} ≤ {HUGO_PAGEFIND_RATIO:g}× Hugo + Pagefind (stretch {HUGO_PAGEFIND_STRETCH:g}×)"
    if not (m and pair and pair.ok):
        return Check(name, None, "–")
    ratio = m.total / pair.total.seconds
    stretch = "stretch met" if ratio <= HUGO_PAGEFIND_STRETCH else "stretch not met"
    return Check(name, ratio <= HUGO_PAGEFIND_RATIO,
                 f"{ratio:.2f}× ({m.total:.1f} s vs {pair.total.seconds:.1f} s; {stretch})")


def _blog_check(m10: Measured | None, blog: dict[int, Run]) -> Check:
    name = f"per page at 10k ≥ 10× faster than Material blog (ours/blog ≤ {BLOG_RATIO:g})"
    page = blog_page(blog, 10_000)
    if not (m10 and page):
        return Check(name, None, "–")
    ratio = m10.total / m10.size / page[1]
    return Check(name, ratio <= BLOG_RATIO,
                 f"{ratio:.3f} ({1000 * m10.total / m10.size:.2f} vs {1000 * page[1]:.1f} ms at {page[0]:,})")


def _published_check(m50: Measured | None) -> Check:
    name = f"published site at 50k ≤ {mb(PUBLISHED_BYTES)} and ≤ {PUBLISHED_FILES:,} files"
    if not (m50 and m50.site):
        return Check(name, None, "–")
    site = m50.site
    return Check(name, site.bytes <= PUBLISHED_BYTES and site.files <= PUBLISHED_FILES,
                 f"{mb(site.bytes)}, {site.files:,} files")


def _other_checks(m10: Measured | None, m50: Measured | None) -> list[Check]:
    checks = []
    name = f"add one release at 10k: generate ≤ {INCREMENTAL_SECONDS:g} s"
    if m10 and m10.incremental is not None:
        checks.append(Check(name, m10.incremental <= INCREMENTAL_SECONDS, f"{m10.incremental:.2f} s"))
    else:
        checks.append(Check(name, None, "–"))
    name = f"memory at 50k ≤ {PEAK_PSS / 1024**3:g} GB PSS (peak of the full build and of each stage)"
    checks.append(Check(name, m50.peak_pss <= PEAK_PSS, mb(m50.peak_pss)) if m50 else Check(name, None, "–"))
    name = f"50k/10k full build ≤ {GROWTH:g}"
    if m50 and m10 and m50.full and m10.full:
        growth = m50.full.seconds / m10.full.seconds
        checks.append(Check(name, growth <= GROWTH,
                            f"{growth:.2f} (CPU time: {m50.full.cpu / max(m10.full.cpu, 1e-9):.2f})"))
    else:
        checks.append(Check(name, None, "–"))
    name = f"live preview at 10k: a new release shown ≤ {PREVIEW_SECONDS:g} s after the save"
    if m10 and (m10.preview or m10.preview_failed):
        shown = m10.preview.shown if m10.preview else None
        checks.append(Check(name, shown is not None and shown <= PREVIEW_SECONDS, _preview_cell(m10)))
    else:
        checks.append(Check(name, None, "–"))
    return checks


def budgets(
    ours: list[Measured], hugo: dict[int, peer_sites.HugoPagefind | None], blog: dict[int, Run]
) -> list[Check]:
    by_size = {m.size: m for m in ours if not m.failed}
    m10, m50 = by_size.get(10_000), by_size.get(50_000)
    return [
        _hugo_check(m10, hugo.get(10_000), "10k"),
        _hugo_check(m50, hugo.get(50_000), "50k"),
        _blog_check(m10, blog),
        _published_check(m50),
        *_other_checks(m10, m50),
    ]


def report(
    ours: list[Measured], hugo: dict[int, peer_sites.HugoPagefind | None], related: dict[int, Run | None],
    blog: dict[int, Run],
) -> tuple[str, bool]:
    checks = budgets(ours, hugo, blog)
    lines = [
        "Our build: `press-archive build` cold as one process tree (full build, CPU, memory), then each",
        "stage cold in its own process (breakdown):", "", *ours_table(ours),
        "", "The generate stage:", "", *generate_table(ours),
        "", "CPU seconds (user + system, all processes) and peak memory of the process tree per stage,",
        "as PSS (what it occupies) and RSS summed over its processes (shared pages counted in each):", "",
        *stage_table(ours),
        "", "Peers:", "", *peers_table(hugo, related, blog),
        "", "Ratios:", "", *ratio_table(ours, hugo, blog),
        "", "Published size:", "", *published_table(ours, hugo),
        "", *table(["budget (issue 12)", "result", "measured"], [[c.name, c.verdict, c.value] for c in checks], left=2),
    ]
    return "\n".join(lines), all(c.passed is not False for c in checks)


# --- command line ------------------------------------------------------------------------------


def sizes(text: str) -> list[int]:
    return [int(s.replace("_", "").replace("k", "000")) for s in text.split(",") if s.strip()]


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes, default=sizes("1000,10000,50000"))
    parser.add_argument("--hugo-sizes", type=sizes, default=sizes("1000,10000,50000"),
                        help="sizes for Hugo + Pagefind")
    parser.add_argument("--hugo-related-sizes", type=sizes, default=sizes("1000"),
                        help="sizes for Hugo with its related-content lists (superlinear: 10k took minutes)")
    parser.add_argument("--blog-sizes", type=sizes, default=sizes("1000"))
    parser.add_argument("--preview", type=sizes, default=sizes("10000"), metavar="SIZES",
                        help="sizes (of --sizes) whose live-preview latency is measured; '' for none")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--skip-incremental", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    work = args.work.resolve()
    ours = []
    for size in args.sizes:
        log(f"press-archive {size:,} releases …")
        ours.append(run_ours(size, work, not args.skip_incremental, size in args.preview))
    hugo = {}
    for size in args.hugo_sizes:
        log(f"hugo + pagefind {size:,} …")
        hugo[size] = peer_sites.run_hugo_pagefind(size, work)
    related = {}
    for size in args.hugo_related_sizes:
        log(f"hugo with related content {size:,} …")
        related[size] = peer_sites.run_hugo(size, work, related=True)
    blog = {}
    for size in args.blog_sizes:
        log(f"material blog {size:,} …")
        blog[size] = peer_sites.run_blog(size, work)
    text, ok = report(ours, hugo, related, blog)
    print(f"Machine: {machine()}\n")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
