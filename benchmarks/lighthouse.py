"""Lighthouse (mobile) scores of the built site, served with compression as GitHub Pages serves it.

Serves site/ on 127.0.0.1 (a free port) with gzip on the fly for text and GitHub Pages' cache
header, and runs Lighthouse's four categories (performance, accessibility, best practices, SEO) on
the home page, a release page, a topic page and the search page, with Lighthouse's default mobile
emulation and simulated throttling, in Debian's chromium (`CHROME_PATH`, never a browser of its
own). Prints a Markdown table of the scores (the median of `--runs` runs) and, for each page, the
audits that cost points. A benchmark, not a test: scores vary from machine to machine.

Lighthouse is an npm package: it is installed with npm into `--cache` (default .cache/lighthouse,
git-ignored) when missing; nothing is installed globally and `make test` never needs it.

    python benchmarks/lighthouse.py [--site site] [--runs 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
from email.utils import formatdate
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from local_browser import CHROMIUM_ARGS, serve

LIGHTHOUSE = "lighthouse@12.8.2"  # the last major release that runs on Debian's Node.js 20
PAGES = {
    "home": "",
    "release": "releases/2017-06-29-isis-on-the-run/",
    "topic": "topics/isis/",
    "search": "search/?q=syria",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What GitHub Pages compresses: text, never images or fonts that are compressed already.
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "application/atom+xml",
              "image/svg+xml")
CACHE_CONTROL = "max-age=600"  # GitHub Pages' header on every file


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip for text when the client accepts it,
    `Cache-Control: max-age=600` and `Last-Modified` on every response."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
                      ".wasm": "application/wasm"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if accepts and kind.startswith(COMPRESSED):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        return _Body(body)

    def _not_found(self) -> Any:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What `send_head` returns: a file-like object `copyfile` reads once."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def install(cache: Path) -> Path:
    """The lighthouse command in `cache`, installed there with npm when missing."""
    command = cache / "node_modules" / ".bin" / "lighthouse"
    if not command.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm not found: install Debian's npm (apt-get install npm)")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--silent", LIGHTHOUSE],
                       check=True)
    return command


def audit(command: Path, chromium: str, url: str) -> dict[str, Any]:
    """Lighthouse's report (JSON) of one page, mobile form factor (its default)."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    completed = subprocess.run(
        [str(command), url, "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={flags}",
         f"--only-categories={','.join(CATEGORIES)}"],
        env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{completed.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(completed.stdout)
    return report


def scores(report: dict[str, Any]) -> dict[str, int]:
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def losses(report: dict[str, Any]) -> list[str]:
    """The audits that cost a category points: `category: audit id (score) title`."""
    lines = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                shown = result.get("displayValue") or ""
                lines.append(f"{name}: {ref['id']} ({result['score']:.2f}) {result['title']} {shown}".rstrip())
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is shown (default: 3)")
    parser.add_argument("--cache", type=Path, default=Path(".cache/lighthouse"),
                        help="where Lighthouse is installed (default: .cache/lighthouse)")
    parser.add_argument("--json", type=Path, help="a folder to write each page's last report into")
    args = parser.parse_args()
    chromium = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("chromium not found: install Debian's chromium (apt-get install chromium)")
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site}/index.html not found: build the site first (make site)")
    command = install(args.cache.resolve())
    rows = []
    with serve(args.site.resolve(), GzipHandler) as base:
        for name, path in PAGES.items():
            runs = [audit(command, chromium, base + path) for _ in range(args.runs)]
            median = {c: int(statistics.median(scores(r)[c] for r in runs)) for c in CATEGORIES}
            rows.append((name, path, median))
            for line in losses(runs[-1]):
                print(f"  {name}: {line}", file=sys.stderr)
            if args.json:
                args.json.mkdir(parents=True, exist_ok=True)
                (args.json / f"{name}.json").write_text(json.dumps(runs[-1], indent=1), encoding="utf-8")
    print("| page | " + " | ".join(CATEGORIES) + " |")
    print("|---|" + "---:|" * len(CATEGORIES))
    for name, path, median in rows:
        print(f"| {name} (`/{path}`) | " + " | ".join(str(median[c]) for c in CATEGORIES) + " |")
    return 0 if all(min(m.values()) >= 95 for _, _, m in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
