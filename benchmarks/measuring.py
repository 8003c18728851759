"""Measuring for benchmarks/build.py: a command's process tree (wall time, CPU, peak memory) and a
published site's size (bytes, files, release pages, their size gzipped)."""

from __future__ import annotations

import contextlib
import gzip
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
ENV.pop("GITHUB_ACTIONS", None)
RELEASE_PAGES = "releases/*/index.html"
SAMPLE_SECONDS = 0.05


def mb(size: float, digits: int = 0) -> str:
    return f"{size / 1024**2:,.{digits}f} MB"


# --- a process tree ----------------------------------------------------------------------------


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


def _children() -> dict[int, list[int]]:
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
    return children


def tree_memory(root: int) -> tuple[int, int]:
    """Resident bytes of `root` and all its descendants (from /proc): RSS summed, and PSS summed.

    A forked worker's RSS counts every page it shares with its parent, so summed RSS counts those
    pages once per process (3× for a parent and two workers); summed PSS divides each shared page
    among the processes that share it, so it is the memory the tree actually occupies."""
    children = _children()
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

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def combined(*runs: Run) -> Run:
    """Runs one after the other as one: times and CPU add up, memory is the largest of any."""
    return Run(
        seconds=sum(r.seconds for r in runs),
        cpu=sum(r.cpu for r in runs),
        peak_rss=max(r.peak_rss for r in runs),
        peak_pss=max(r.peak_pss for r in runs),
        max_rss=max(r.max_rss for r in runs),
        stdout="",
        returncode=next((r.returncode for r in runs if r.returncode), 0),
    )


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command`, sampling its process tree's memory every 50 ms; wall time, CPU, peaks, output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = tree_memory(process.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            done.wait(SAMPLE_SECONDS)

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
    if process.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-3000:])
    return Run(seconds, cpu, peak, peak_pss, after.ru_maxrss * 1024, out.decode(errors="replace"), process.returncode)


# --- a published site --------------------------------------------------------------------------


@dataclass
class Published:
    """What a site folder publishes: everything in it, and its release pages apart."""

    bytes: int = 0
    files: int = 0
    pages: int = 0
    page_bytes: int = 0
    """The release pages' HTML, summed."""
    page_gzip: int = 0
    """The release pages gzipped one by one (level 6, as a web server sends them), summed."""

    @property
    def average_page(self) -> float:
        return self.page_bytes / self.pages if self.pages else 0.0


def published(site: Path, pages: str = RELEASE_PAGES) -> Published:
    """Sizes of `site`: total bytes (sum of file sizes) and file count, and the release pages
    (`pages`, a glob relative to `site`) with their gzipped size."""
    result = Published()
    for dirpath, _, names in os.walk(site):
        for name in names:
            result.files += 1
            with contextlib.suppress(OSError):
                result.bytes += (Path(dirpath) / name).lstat().st_size
    for page in site.glob(pages):
        data = page.read_bytes()
        result.pages += 1
        result.page_bytes += len(data)
        result.page_gzip += len(gzip.compress(data, compresslevel=6, mtime=0))
    return result
