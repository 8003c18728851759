"""No request leaves the site unless mkdocs.yml asks for one: every page kind, scripts running, asks
only the server it came from — no web fonts, no repository facts from GitHub's API.

Requests to other hosts are recorded and aborted (nothing leaves the machine); the opt-in
(`extra.press_archive.repo_facts: true`) shows that the recording sees such a request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.errors import SettingsError
from generator.settings import Settings
from tests.browser.conftest import serve_quietly
from tests.conftest import PRESS_ARCHIVE, make_project, run

PAGES = [
    "",
    "releases/2017-06-29-isis-on-the-run/",
    "years/2017/",
    "topics/",
    "topics/isis/",
    "authors/cheryl-pellerin/",
    "sources/us-department-of-defense/",
    "search/?q=syria",
    "about/",
    "contributing/",
    "404.html",
]


def _visit(browser: Any, base: str, paths: list[str]) -> list[str]:
    """Every URL the pages at `paths` request, scripts running; those to another host are aborted."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    requested: list[str] = []
    local = urlsplit(base).netloc

    def route(route: Any) -> None:
        requested.append(route.request.url)
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
    finally:
        context.close()
    return requested


def _elsewhere(base: str, urls: list[str]) -> list[str]:
    local = urlsplit(base)
    return [u for u in urls if urlsplit(u)[:2] != local[:2] and not u.startswith(("data:", "blob:"))]


@pytest.mark.browser
def test_pages_request_only_their_own_server(browser: Any, site_url: str) -> None:
    requested = _visit(browser, site_url, PAGES)
    assert any("/pagefind/" in u for u in requested), "the search page should have loaded its index"
    assert any(u.endswith(".css") for u in requested) and any(u.endswith(".js") for u in requested)
    assert _elsewhere(site_url, requested) == []


@pytest.fixture(scope="module")
def site_with_repo_facts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site built with `repo_facts: true`, served; yields its base URL."""
    settings = make_project(tmp_path_factory.mktemp("repo-facts") / "project", ["*"])
    config = settings.root / "mkdocs.yml"
    text, count = re.subn(r"^    repo_facts: false$", "    repo_facts: true", config.read_text(encoding="utf-8"),
                          flags=re.MULTILINE)
    assert count == 1, "mkdocs.yml should say repo_facts: false under extra.press_archive"
    config.write_text(text, encoding="utf-8")
    built = run([*PRESS_ARCHIVE, "build", "--root", str(settings.root)], settings.root)
    assert built.returncode == 0, built.stderr
    with serve_quietly(settings.root / "site") as url:
        yield url


@pytest.mark.browser
def test_repository_facts_are_fetched_only_when_asked_for(browser: Any, site_with_repo_facts: str) -> None:
    elsewhere = _elsewhere(site_with_repo_facts, _visit(browser, site_with_repo_facts, [""]))
    assert elsewhere, "with repo_facts: true the repository link should fetch its facts"
    assert {urlsplit(u).netloc for u in elsewhere} == {"api.github.com"}


def test_repo_facts_must_be_a_boolean(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: A\nextra:\n  press_archive:\n    repo_facts: 'yes'\n",
                                         encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        Settings.load(tmp_path)
    assert raised.value.messages == ("mkdocs.yml: extra.press_archive.repo_facts: expected true or false",)
