"""Index the built site with Pagefind, one bounded piece at a time, and write the manifest.

Each piece's release pages are hard-linked into a staging folder that mirrors the site's layout
(`releases/<id>/index.html`), and the Pagefind binary shipped in the `pagefind[bin]` package
indexes that folder into `site/pagefind/<piece>/`. The binary is used rather than the Python API,
whose wrapper waits 0.1 s for every reply (5,000 pages one by one took 515 s). One piece runs at a
time, so peak memory is that of the largest piece, whatever the size of the archive.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.search.pieces import DEFAULT_LIMIT, Piece, ReleaseRef, plan_pieces

INDEX_DIR = "pagefind"
MANIFEST = "pieces.json"
# The search page first searches the newest pieces (whole) up to this many releases and loads older
# ones when the reader asks. A first query fetches, per 1,000 releases searched, ~10 KB of index
# metadata, ~12 KB of filter indexes and ~11 KB of index chunks per word, besides ~160 KB of
# Pagefind code: at 50,000 releases 13,000 searched first cost 660 KB, 6,700 about 450 KB
# (benchmarks/search.py), within a 500 KB budget.
FIRST_RELEASES = 6_000
# Inside a release page's `data-pagefind-body` only the title and the body are words to find:
# the header (date, authors, source), the topic chips, the permalink signs and the generated
# cross-links (related releases, "also published as", previous/next, raw file) are not. Body
# links are always absolute http(s) URLs, so relative links are the generated ones.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".pa-meta",
    ".pa-topics",
    ".pa-neighbours",
    ".pa-raw",
    ".pa-when",
    'a[href^="../"]',
    'h2[id^="related-releases"]',
    'h2[id^="also-published-as"]',
)
# The search page has its own interface: Pagefind's prebuilt UIs are not served.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """Raised by `index_site` when the site has no release list or Pagefind fails on a piece."""


@dataclass
class PieceReport:
    name: str
    releases: int
    seconds: float
    peak_memory: int  # bytes: the indexer's maximum resident set size


@dataclass
class IndexReport:
    pieces: list[PieceReport] = field(default_factory=list)

    @property
    def peak_memory(self) -> int:
        return max((p.peak_memory for p in self.pieces), default=0)

    @property
    def releases(self) -> int:
        return sum(p.releases for p in self.pieces)


def site_releases(site_dir: Path) -> list[ReleaseRef]:
    """The releases of the built site: `releases.json`, kept to those whose page was built."""
    listing = site_dir / "releases.json"
    try:
        data = json.loads(listing.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"{listing}: cannot read the release list: {error}") from None
    refs = []
    for entry in data.get("releases", []):
        if (site_dir / "releases" / entry["id"] / "index.html").is_file():
            refs.append(ReleaseRef(id=entry["id"], date=dt.date.fromisoformat(entry["date"])))
    return refs


def _stage(site_dir: Path, piece: Piece, stage: Path) -> None:
    for release in piece.releases:
        page = site_dir / "releases" / release.id / "index.html"
        target = stage / "releases" / release.id / "index.html"
        target.parent.mkdir(parents=True)
        try:
            os.link(page, target)
        except OSError:  # another file system, or links not allowed: copy instead
            shutil.copyfile(page, target)


def pagefind_command(site: Path, output: Path) -> list[str]:
    """The Pagefind CLI (the binary from the `pagefind[bin]` package) indexing `site` into `output`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output)]
    command += ["--force-language", "en", "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def _run(command: list[str]) -> tuple[int, int]:
    """Run the indexer; its exit code and peak resident memory in bytes (`python -m pagefind`
    execs the binary, so the child's own maximum RSS is the indexer's)."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode("utf-8", "replace"))
    return code, usage.ru_maxrss * 1024


def index_site(site_dir: Path, limit: int = DEFAULT_LIMIT, first: int = FIRST_RELEASES) -> IndexReport:
    """Index the release pages of `site_dir` into `site_dir/pagefind/<piece>/`, one piece at a time,
    and write `site_dir/pagefind/pieces.json` (pieces newest first, and `first`, how many releases
    the search page searches before it offers older years) for the search page."""
    pieces = plan_pieces(site_releases(site_dir), limit)
    report = IndexReport()
    final = site_dir / INDEX_DIR
    # Staged pages and the new index live inside the site (same file system: links and a rename).
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site_dir) as work:
        fresh = Path(work) / INDEX_DIR
        fresh.mkdir()
        for piece in pieces:
            stage = Path(work) / "stage" / piece.name
            _stage(site_dir, piece, stage)
            started = time.perf_counter()
            code, memory = _run(pagefind_command(stage, fresh / piece.name))
            if code != 0:
                raise SearchIndexError(f"pagefind failed on piece {piece.name} (exit {code})")
            report.pieces.append(PieceReport(piece.name, len(piece.releases), time.perf_counter() - started, memory))
            shutil.rmtree(stage)
            for name in UNUSED_FILES:
                (fresh / piece.name / name).unlink(missing_ok=True)
        manifest = {
            "releases": sum(len(p.releases) for p in pieces),
            "first": first,
            "pieces": [p.manifest() for p in pieces],
        }
        (fresh / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        shutil.move(str(fresh), str(final))
    return report
