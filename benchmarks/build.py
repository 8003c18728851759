"""The full pipeline at scale, against Hugo and Material's blog plugin.

    python benchmarks/build.py [--sizes 1000,10000,50000] [--hugo-sizes 1000,10000]
                               [--blog-sizes 1000] [--work DIR] [--skip-incremental]

For each size N a synthetic project (benchmarks/synth.py; the first N releases of one sequence, so
sizes share releases) is built from scratch, each stage in its own process, timed, and sampled for
memory: `generate` (cold: no cache, no docs), `mkdocs build --strict` (one process per core on a
large site, as `press-archive build` runs it: generator/mkdocs_shards.py), and the search index
(`generator.search.index_site`, when the package has it). Then one more release is added and
`generate` runs again (the incremental budget). Hugo (Debian's `hugo`, layouts in
benchmarks/peers/hugo/) and Material's blog plugin (benchmarks/peers/material-blog/) build the same
releases, converted to their content format, in the same work folder (same disk).

Prints Markdown tables (stages, memory, peers, budgets). The exit code is 1 when a measured budget
of issue 7 fails; budgets that were not measured (say, no 50k run) are listed as such.

Columns: read, extract and enrich are the per-file times summed over all generate processes (time
spent inside each worker: they run in parallel, so the sum may exceed the wall time of `generate`,
and a busy machine inflates it); render+write is wall time; `generate` is the wall time of the
whole command including interpreter start. The CPU table (user + system seconds of each stage's
process tree) is the figure to compare when the machine is shared. Peak RSS is the largest sum of
resident memory of a stage's process tree (workers included), sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402

PEERS = HERE / "peers"
PAGE = os.sysconf("SC_PAGE_SIZE")
GENERATED = ("releases", "years", "topics", "authors", "sources", "index.md", "feed.xml", "releases.json")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}

# Budgets of issue 7.
HUGO_RATIO = 3.0
BLOG_RATIO = 0.1
RELEASES_PER_SECOND = 1000
PEAK_RSS = 4 * 1024**3
GROWTH = 5.5
INCREMENTAL_SECONDS = 2.0


# --- measuring a process tree ------------------------------------------------------------------


def _pss(pid: int) -> int:
    """Proportional set size: the process's private pages plus its share of pages it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:  # noqa: PTH123
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_rss(root: int) -> tuple[int, int]:
    """Resident bytes of `root` and all its descendants (from /proc): RSS summed, and PSS summed.

    A forked worker's RSS counts every page it shares with its parent, so summed RSS counts those
    pages once per process (3× for a parent and two workers); summed PSS divides each shared page
    among the processes that share it, so it is the memory the tree actually occupies."""
    children: dict[int, list[int]] = {}
    # Plain os/open calls: this runs 20 times a second over every process of the machine.
    for entry in os.listdir("/proc"):  # noqa: PTH208
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:  # noqa: PTH123
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total = proportional = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:  # noqa: PTH123
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            pass
        proportional += _pss(pid)
        todo += children.get(pid, [])
    return total, proportional


@dataclass
class Run:
    seconds: float
    cpu: float
    """User + system CPU seconds of the process tree (less sensitive to a busy machine than wall time)."""
    peak_rss: int
    """Largest sum of RSS over the process tree (shared pages counted once per process)."""
    peak_pss: int
    """Largest sum of PSS over the process tree (the memory it occupies)."""
    max_rss: int
    """Largest single process (wait4's ru_maxrss of the tree)."""
    stdout: str
    returncode: int


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command`, sampling its process tree's memory; wall time, peak tree RSS, output."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = _tree_rss(process.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    # communicate() reaped the child; its rusage is in RUSAGE_CHILDREN, whose maxrss is the largest
    # process waited for so far: good enough as "largest single process" when stages grow.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    max_rss = after.ru_maxrss * 1024
    if process.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-3000:])
    return Run(seconds, cpu, peak, peak_pss, max_rss, out.decode(errors="replace"), process.returncode)


def tree_size(folder: Path) -> tuple[int, int]:
    files = size = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            files += 1
            with contextlib.suppress(OSError):
                size += (Path(dirpath) / name).lstat().st_size
    return size, files


# --- our pipeline ------------------------------------------------------------------------------

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
from generator.search import index_site
index_site(Path(sys.argv[1]))
"""


def has_search() -> bool:
    try:
        import generator.search  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class Measured:
    size: int
    stages: dict[str, float] = field(default_factory=dict)
    rss: dict[str, int] = field(default_factory=dict)
    pss: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    output: tuple[int, int] = (0, 0)
    incremental: float | None = None
    incremental_written: int | None = None
    noop: float | None = None
    failed: str | None = None

    @property
    def total(self) -> float:
        return sum(self.stages.get(k, 0.0) for k in ("generate", "mkdocs build", "search index"))


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


def run_ours(size: int, work: Path, incremental: bool) -> Measured:
    project = prepare(size, work)
    clean(project)
    measured = Measured(size)
    python = sys.executable
    generated = measure([python, "-c", DRIVER, str(project), "cache"], project)
    if generated.returncode != 0:
        measured.failed = "generate"
        return measured
    info = json.loads(generated.stdout.strip().splitlines()[-1])
    timings = info["timings"]
    measured.stages.update(
        read=timings["read"], extract=timings["extract"], enrich=timings["enrich"],
        **{"render+write": timings["render"] + timings["write"], "generate": generated.seconds},
    )
    measured.rss["generate"] = generated.peak_rss
    measured.pss["generate"] = generated.peak_pss
    measured.cpu["generate"] = generated.cpu
    print(f"  {size}: generate {generated.seconds:.1f} s", file=sys.stderr)
    built = measure([python, "-c", MKDOCS, str(project)], project)
    if built.returncode != 0:
        measured.failed = "mkdocs build"
        return measured
    measured.stages["mkdocs build"] = built.seconds
    measured.rss["mkdocs build"] = built.peak_rss
    measured.pss["mkdocs build"] = built.peak_pss
    measured.cpu["mkdocs build"] = built.cpu
    print(f"  {size}: mkdocs build {built.seconds:.1f} s", file=sys.stderr)
    if has_search():
        indexed = measure([python, "-c", SEARCH, str(project / "site")], project)
        if indexed.returncode != 0:
            measured.failed = "search index"
        else:
            measured.stages["search index"] = indexed.seconds
            measured.rss["search index"] = indexed.peak_rss
            measured.pss["search index"] = indexed.peak_pss
            measured.cpu["search index"] = indexed.cpu
            print(f"  {size}: search index {indexed.seconds:.1f} s", file=sys.stderr)
    measured.output = tree_size(project / "site")
    if incremental:
        noop = measure([python, "-c", DRIVER, str(project), "cache"], project)
        measured.noop = noop.seconds
        # The next release of the same sequence: a new file, as a contributor would add it.
        path, text = list(synth.releases(size + 1, synth.SEED, project / "archive").items())[-1]
        target = project / "archive" / path
        target.write_bytes(text.encode("utf-8"))
        try:
            added = measure([python, "-c", DRIVER, str(project), "cache"], project)
            measured.incremental = added.seconds
            measured.incremental_written = json.loads(added.stdout.strip().splitlines()[-1])["written"]
        finally:
            target.unlink()
        print(f"  {size}: no-op generate {noop.seconds:.2f} s, add one {added.seconds:.2f} s", file=sys.stderr)
    return measured


# --- peers -------------------------------------------------------------------------------------


def _peer_releases(size: int) -> list[synth.Release]:
    pool = synth.pools(synth.SEED, REPO / "archive")
    return [synth.make_release(i, synth.SEED, pool)[0] for i in range(size)]


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def _markdown_body(release: synth.Release) -> str:
    out = []
    for index, paragraph in enumerate(release.paragraphs):
        if index in release.subheads:
            out.append(f"## {release.subheads[index]}")
        out.append(" ".join(paragraph))
    return "\n\n".join(out) + "\n"


def _peer_site(peer: str, size: int, work: Path) -> tuple[Path, bool]:
    """The peer's project for `size` releases in `work`, with the current layouts or config from
    benchmarks/peers/; True when its content is already there (same size), else it starts empty."""
    site = work / f"{peer}-{size}"
    if (site / ".synth").exists() and (site / ".synth").read_text() == str(size):
        shutil.copytree(PEERS / peer, site, dirs_exist_ok=True)
        return site, True
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(PEERS / peer, site)
    return site, False


def _peer_slugs(size: int) -> Iterator[tuple[str, synth.Release]]:
    for number, release in enumerate(_peer_releases(size)):
        yield f"{release.date.isoformat()}-{synth.slugify(release.headline)}-{number}", release


def write_hugo(size: int, work: Path) -> Path:
    site, ready = _peer_site("hugo", size, work)
    if ready:
        return site
    content = site / "content" / "releases"
    content.mkdir(parents=True)
    for slug, release in _peer_slugs(size):
        front = (
            f"---\ntitle: {json.dumps(release.headline)}\ndate: {release.date.isoformat()}\n"
            f"authors: {_yaml_list(release.authors)}\ntopics: {_yaml_list(release.topics)}\n"
            f"sources: {_yaml_list([release.source[0]])}\n---\n\n"
        )
        (content / f"{slug}.md").write_text(front + _markdown_body(release), encoding="utf-8")
    (site / ".synth").write_text(str(size))
    return site


def run_hugo(size: int, work: Path, related: bool = False) -> Run | None:
    """Hugo's build of the same releases: pages, taxonomy pages, previous/next; with `related`, also
    Hugo's own related-content lists (five per page, by shared topics)."""
    if shutil.which("hugo") is None:
        return None
    site = write_hugo(size, work)
    shutil.rmtree(site / "public", ignore_errors=True)
    shutil.rmtree(site / "resources", ignore_errors=True)
    env = {**ENV, "HUGO_PARAMS_RELATED": "true" if related else ""}
    return measure(["hugo", "--quiet", "--destination", "public"], site, env)


def write_blog(size: int, work: Path) -> Path:
    site, ready = _peer_site("material-blog", size, work)
    if ready:
        return site
    posts = site / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    for slug, release in _peer_slugs(size):
        front = (
            f"---\ndate: {release.date.isoformat()}\ncategories: {_yaml_list(release.topics)}\n"
            f"slug: {json.dumps(slug)}\n---\n\n# {release.headline}\n\n"
        )
        paragraphs = _markdown_body(release).split("\n\n")
        # The excerpt separator: the blog index shows the lede, as release lists do.
        text = paragraphs[0] + "\n\n<!-- more -->\n\n" + "\n\n".join(paragraphs[1:])
        (posts / f"{slug}.md").write_text(front + text, encoding="utf-8")
    (site / ".synth").write_text(str(size))
    return site


def run_blog(size: int, work: Path) -> Run:
    site = write_blog(size, work)
    shutil.rmtree(site / "site", ignore_errors=True)
    return measure([sys.executable, "-m", "mkdocs", "build", "--quiet"], site)


# --- report ------------------------------------------------------------------------------------


def mb(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB"


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


def report(
    ours: list[Measured], hugo: dict[int, Run | None], hugo_related: dict[int, Run | None], blog: dict[int, Run]
) -> tuple[str, bool]:
    lines = ["| releases | read | extract | enrich | render+write | generate | mkdocs build | search index | "
             "total | ms/release | generate releases/s | peak memory (PSS / RSS summed) | output | files "
             "| add one release |",
             "|" + "---:|" * 15]
    for m in ours:
        s = m.stages
        search = f"{s['search index']:.1f} s" if "search index" in s else "–"
        rate = m.size / s["generate"] if s.get("generate") else 0
        peak = max(m.rss.values()) if m.rss else 0
        peak_pss = max(m.pss.values()) if m.pss else 0
        inc = f"{m.incremental:.2f} s ({m.incremental_written} files)" if m.incremental is not None else "–"
        if m.failed:
            lines.append(f"| {m.size:,} | failed in {m.failed} |" + " |" * 13)
            continue
        lines.append(
            f"| {m.size:,} | {s['read']:.1f} s | {s['extract']:.1f} s | {s['enrich']:.1f} s "
            f"| {s['render+write']:.1f} s "
            f"| {s['generate']:.1f} s | {s['mkdocs build']:.1f} s | {search} | **{m.total:.1f} s** "
            f"| {1000 * m.total / m.size:.1f} | {rate:,.0f} | {mb(peak_pss)} / {mb(peak)} | {mb(m.output[0])} "
            f"| {m.output[1]:,} "
            f"| {inc} |"
        )
    stages = ("generate", "mkdocs build", "search index")
    lines += ["", "CPU seconds (user + system, all processes) and peak memory of the process tree per stage,",
              "as PSS (what it occupies) and RSS summed over its processes (shared pages counted in each):", "",
              "| releases | " + " | ".join(stages) + " |", "|---:|---:|---:|---:|"]
    for m in ours:
        cells = [f"{m.cpu[k]:.1f} s CPU, {mb(m.pss.get(k, 0))} PSS ({mb(m.rss[k])} RSS)" if k in m.rss else "–"
                 for k in stages]
        lines.append(f"| {m.size:,} | " + " | ".join(cells) + " |")
    lines += ["", "| peer | releases | build | CPU | ms/page | peak RSS | our full build / peer |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    by_size = {m.size: m for m in ours if not m.failed}
    peers: tuple[tuple[str, dict[int, Run | None]], ...] = (
        ("Hugo", hugo), ("Hugo with related content", hugo_related), ("Material blog plugin", dict(blog))
    )
    for name, runs in peers:
        for size, run in sorted(runs.items()):
            if run is None:
                lines.append(f"| {name} | {size:,} | not installed | | | | |")
                continue
            ratio = f"{by_size[size].total / run.seconds:.2f}×" if size in by_size else "–"
            lines.append(f"| {name} | {size:,} | {run.seconds:.1f} s | {run.cpu:.1f} s "
                         f"| {1000 * run.seconds / size:.1f} | {mb(run.peak_rss)} | {ratio} |")
    # Budgets.
    checks: list[tuple[str, bool | None, str]] = []
    m10 = by_size.get(10000)
    h10 = hugo.get(10000)
    if m10 and h10:
        ratio = m10.total / h10.seconds
        checks.append((f"full build at 10k ≤ {HUGO_RATIO:g}× Hugo (without related content)", ratio <= HUGO_RATIO,
                       f"{ratio:.2f}×"))
    else:
        checks.append((f"full build at 10k ≤ {HUGO_RATIO:g}× Hugo", None, "not measured"))
    blog_runs = [(s, r) for s, r in blog.items() if r is not None and r.returncode == 0]
    if m10 and blog_runs:
        size, run = blog_runs[0]
        ours_page, blog_page = m10.total / m10.size, run.seconds / size
        checks.append((f"per page at 10k ≤ {BLOG_RATIO:g} of Material blog's ({size:,})",
                       ours_page <= BLOG_RATIO * blog_page, f"{1000 * ours_page:.2f} vs {1000 * blog_page:.1f} ms"))
    else:
        checks.append((f"per page ≤ {BLOG_RATIO:g} of Material blog's", None, "not measured"))
    largest = max(by_size.values(), key=lambda m: m.size, default=None)
    if largest:
        rate = largest.size / largest.stages["generate"]
        checks.append((f"generate ≥ {RELEASES_PER_SECOND:,} releases/s (at {largest.size:,})",
                       rate >= RELEASES_PER_SECOND, f"{rate:,.0f}/s"))
    m50 = by_size.get(50000)
    # The tree's memory is its PSS: summed RSS counts the pages forked workers share with their
    # parent once per process. Both are printed.
    if m50:
        peak, peak_rss = max(m50.pss.values()), max(m50.rss.values())
        checks.append(("peak memory ≤ 4 GB at 50k (PSS of the process tree)", peak <= PEAK_RSS,
                       f"{mb(peak)} PSS ({mb(peak_rss)} RSS summed)"))
    else:
        peak = max((max(m.pss.values()) for m in by_size.values() if m.pss), default=0)
        checks.append(("peak memory ≤ 4 GB at 50k", None, f"not measured (largest run: {mb(peak)} PSS)"))
    if m50 and m10:
        growth = m50.total / m10.total
        cpu = sum(m50.cpu.values()) / max(sum(m10.cpu.values()), 1e-9)
        checks.append((f"50k/10k full build ≤ {GROWTH:g}", growth <= GROWTH, f"{growth:.2f} (CPU time: {cpu:.2f})"))
    else:
        checks.append((f"50k/10k full build ≤ {GROWTH:g}", None, "not measured"))
    if m10 and m10.incremental is not None:
        checks.append((f"generate after adding one release to 10k ≤ {INCREMENTAL_SECONDS:g} s",
                       m10.incremental <= INCREMENTAL_SECONDS, f"{m10.incremental:.2f} s"))
    else:
        checks.append(("generate after adding one release to 10k ≤ 2 s", None, "not measured"))
    lines += ["", "| budget (issue 7) | result | measured |", "|---|---|---:|"]
    ok = True
    for name, passed, value in checks:
        verdict = "not measured" if passed is None else ("pass" if passed else "**FAIL**")
        ok = ok and passed is not False
        lines.append(f"| {name} | {verdict} | {value} |")
    return "\n".join(lines), ok


def sizes(text: str) -> list[int]:
    return [int(s.replace("_", "").replace("k", "000")) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes, default=sizes("1000,10000,50000"))
    parser.add_argument("--hugo-sizes", type=sizes, default=sizes("1000,10000"))
    parser.add_argument("--hugo-related-sizes", type=sizes, default=sizes("1000"),
                        help="sizes for Hugo with its related-content lists (superlinear: 10k took minutes)")
    parser.add_argument("--blog-sizes", type=sizes, default=sizes("1000"))
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--skip-incremental", action="store_true")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    ours = []
    for size in args.sizes:
        print(f"press-archive {size:,} releases …", file=sys.stderr)
        ours.append(run_ours(size, args.work.resolve(), incremental=not args.skip_incremental))
    hugo = {}
    for size in args.hugo_sizes:
        print(f"hugo {size:,} …", file=sys.stderr)
        hugo[size] = run_hugo(size, args.work.resolve())
    hugo_related = {}
    for size in args.hugo_related_sizes:
        print(f"hugo with related content {size:,} …", file=sys.stderr)
        hugo_related[size] = run_hugo(size, args.work.resolve(), related=True)
    blog = {}
    for size in args.blog_sizes:
        print(f"material blog {size:,} …", file=sys.stderr)
        blog[size] = run_blog(size, args.work.resolve())
    table, ok = report(ours, hugo, hugo_related, blog)
    print(f"Machine: {machine()}\n")
    print(table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
