"""Browser fixtures: the site built once per session into a temporary copy of the repository,
served on 127.0.0.1 (a free port), and Debian's chromium driven by Playwright.

Playwright's own browser downloads are never used (`playwright install` is not part of the
setup): without a `chromium` on PATH the browser tests are skipped, except in CI (env CI set),
where a missing browser is a failure rather than a silently green run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from generator.render.paths import GENERATED, GENERATED_FILES
from tests.conftest import required_program

REPO = Path(__file__).resolve().parents[2]
# The chromium flags and the local server are the browser benchmarks' own (benchmarks/local_browser.py).
sys.path.insert(0, str(REPO / "benchmarks"))
from local_browser import CHROMIUM_ARGS, serve  # noqa: E402

DESKTOP = {"width": 1280, "height": 900}


def _copy_project(destination: Path) -> Path:
    for name in ("archive", "overrides"):
        shutil.copytree(REPO / name, destination / name)
    skipped = {*GENERATED, *GENERATED_FILES}
    shutil.copytree(REPO / "docs", destination / "docs", ignore=lambda folder, names: [
        n for n in names if Path(folder) == REPO / "docs" and n in skipped
    ])
    shutil.copy2(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site/ of a fresh copy of the repository, built as `press-archive build` builds a large archive:
    generate, `mkdocs build --strict` in two processes (the sample alone would get one), then the
    Pagefind search index — so the reader's tests also walk a sharded site."""
    root = _copy_project(tmp_path_factory.mktemp("browser-site"))
    completed = subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", "build", "--root", str(root),
         "--workers", "2"],
        cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (root / "site" / "pagefind" / "pieces.json").is_file(), completed.stderr
    return root / "site"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


def serve_quietly(folder: Path) -> AbstractContextManager[str]:
    """Serve `folder` on 127.0.0.1 (a free port) without a log line per request; yields the base URL."""
    return serve(folder, _QuietHandler)


@pytest.fixture(scope="session")
def site_url(browser_site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site, served over HTTP on 127.0.0.1 on a free port."""
    with serve_quietly(browser_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> str:
    missing = "Debian's chromium is not installed (apt-get install chromium; make browsers)"
    return required_program("chromium", missing, "browser tests")


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own context: no stored palette choice) at desktop size; tests resize it."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
