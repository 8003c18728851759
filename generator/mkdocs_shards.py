"""`mkdocs build` split over processes: one site, every core busy, the same bytes as one build.

MkDocs renders pages one after another in one process, and rendering (Python-Markdown, then
Material's Jinja templates) is almost all of its time — 55–65 % of a whole build of a large
archive. The pages of an archive are independent once every page knows the site's file list, so
each of N worker processes loads the same config and file list, renders its own share of the
pages and writes them into the one `site_dir`:

- every worker collects all files, so links from its pages to pages rendered by another worker
  are validated exactly as in one build (`--strict` still fails on a broken link);
- pages in the nav are read by every worker (their titles are in every page's nav bar) but
  written by worker 0 only, with the theme's static files and templates (404, sitemap);
- the other pages are dealt round-robin over the workers (sorted by path), so the shares balance.

The mechanism is MkDocs' own `--dirty` build, which renders and writes only the files whose
`is_modified()` is true; each worker sets that per file from its share. MkDocs is pinned in
pyproject.toml because this relies on `build()` reading pages before it writes them (checked by
tests/test_mkdocs_shards.py, which compares a sharded site with a plain `mkdocs build` byte for
byte). Link checks that span pages are limited in one way: an anchor link (`page.md#part`) to a
page rendered by another worker is not checked; generated pages contain none.

With one worker this is plain `mkdocs build`. The library still never imports MkDocs: the workers
are subprocesses running this module, so the site can move to another builder that reads the same
`mkdocs.yml` by building with one worker.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator import parallel

# One more process per this many Markdown pages, up to one per core. A process costs ~0.35 s to
# start (interpreter, MkDocs, theme, file list); measured on 2 idle cores, two processes were
# already faster at 60 pages (0.50 s → 0.43 s), 200 pages (1.07 s → 0.73 s) and 1,458 pages
# (8.6 s → 4.5 s), so only a handful of pages stays in one.
PAGES_PER_EXTRA_WORKER = 50

_DIRTY_WARNING = "A 'dirty' build is being performed"


def default_workers(docs_dir: Path) -> int:
    """As many workers as cores, but not more than the site's size makes worth it."""
    pages = sum(1 for _ in docs_dir.rglob("*.md"))
    return max(1, min(parallel.cores(), 1 + pages // PAGES_PER_EXTRA_WORKER))


def run(root: Path, site_dir: Path, *, strict: bool = True, workers: int = 1, quiet: bool = False) -> int:
    """Build `root`'s site into `site_dir` with `workers` processes; the exit code of the worst one."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site_dir = site_dir.resolve()
    if workers <= 1:
        command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
        command += ["--strict"] * strict + ["--quiet"] * quiet
        return subprocess.run(command, cwd=root, check=False, env=env).returncode
    # A dirty build does not clean the site folder; a stale page must not survive a build.
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.mkdir(parents=True)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "generator.mkdocs_shards", str(root), str(site_dir),
             f"--shard={index}", f"--of={workers}", *["--strict"] * strict, *["--quiet"] * quiet],
            cwd=root,
            env={**env, "PYTHONPATH": _with_package_path(env.get("PYTHONPATH"))},
        )
        for index in range(workers)
    ]
    codes = [process.wait() for process in processes]
    return max(codes, key=abs)


def _with_package_path(current: str | None) -> str:
    # The workers run this module from the project folder, which need not be this checkout.
    package_parent = str(Path(__file__).resolve().parent.parent)
    return os.pathsep.join(p for p in (package_parent, current) if p)


class _DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' warning that a dirty build may be inaccurate: here it is the whole build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


def _worker(root: Path, site_dir: Path, shard: int, of: int, strict: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import File, Files

    def always(value: bool) -> Any:
        return lambda: value

    class Shard(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        """Marks this worker's files as modified, so that the dirty build renders those only."""

        nav_pages: list[File] = []

        def on_files(self, files: Files, *, config: Any) -> Files:
            pages = files.documentation_pages()
            owners = deal([f.src_uri for f in pages], _nav_sources(config.nav), of)
            self.nav_pages = [f for f in pages if owners[f.src_uri] is None]
            for file in pages:
                owner = owners[file.src_uri]
                file.is_modified = always(owner is None or owner == shard)  # type: ignore[method-assign]
            for file in files:
                if not file.is_documentation_page():
                    file.is_modified = always(shard == 0)  # type: ignore[method-assign]
            return files

        def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
            # Every page has been read by now; nav pages are written by worker 0 only.
            if shard != 0:
                for file in self.nav_pages:
                    file.is_modified = always(False)  # type: ignore[method-assign]
            return env

    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
    if shard != 0:
        config.theme.static_templates.clear()
    config.plugins["press-archive-shard"] = Shard()
    build(config, dirty=True)


def deal(pages: list[str], nav: list[str], of: int) -> dict[str, int | None]:
    """Which worker writes each page (docs-relative path): None for nav pages (all read them,
    worker 0 writes them), the others round-robin in path order."""
    in_nav = set(nav)
    others = sorted(page for page in pages if page not in in_nav)
    owners: dict[str, int | None] = {page: None for page in pages if page in in_nav}
    owners.update({page: number % of for number, page in enumerate(others)})
    return owners


def _nav_sources(nav: Any) -> list[str]:
    """The Markdown files named in a `nav:` config (nested sections included)."""
    found: list[str] = []
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found.extend(_nav_sources(value))
        elif isinstance(item, list):
            found.extend(_nav_sources(item))
    return [f for f in found if f.endswith(".md") and "://" not in f]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One worker of a sharded `mkdocs build`.")
    parser.add_argument("root", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--shard", type=int, required=True)
    parser.add_argument("--of", type=int, required=True)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    from mkdocs.exceptions import Abort

    # Quiet hides the progress lines but still shows (and, with --strict, counts) warnings.
    level = logging.WARNING if args.quiet else logging.INFO
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(f"[shard {args.shard + 1}/{args.of}] %(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(level)
    mkdocs_log.propagate = False
    try:
        _worker(args.root, args.site_dir, args.shard, args.of, args.strict)
    except Abort as error:
        print(f"[shard {args.shard + 1}/{args.of}] {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
