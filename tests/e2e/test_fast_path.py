"""The MkDocs fast path (generator/mkdocs_hooks.py) is never a dependency: the site built with it
is the site built without it, byte for byte, on the sample archive plus the hostile corpus.

No normalisation is needed: the generator's HTML is exactly what Python-Markdown makes of the page,
and the reused chrome is exactly what Jinja renders. A stale side file is ignored, and a side file
whose links lead nowhere fails `--strict` as MkDocs' own link check would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.settings import FAST_PATH_SWITCH, STAGING
from generator.staging import side_path
from tests.conftest import ENV, PRESS_ARCHIVE, make_project, run

pytestmark = pytest.mark.e2e

HOSTILE = Path(__file__).resolve().parent.parent / "hostile"
SEED = "releases/2017-06-29-isis-on-the-run.md"


def _mkdocs(project: Path, site: str, *, fast: bool) -> str:
    env = {**ENV, FAST_PATH_SWITCH: "1" if fast else "0"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr
    return built.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extra = {f"2021/{p.name}": p.read_bytes() for p in sorted(HOSTILE.iterdir()) if p.is_file()}
    settings = make_project(tmp_path_factory.mktemp("fast") / "project", ["*"], extra)
    generated = run([*PRESS_ARCHIVE, "generate"], settings.root)
    assert "Traceback" not in generated.stderr, generated.stderr
    return settings.root


@pytest.fixture(scope="module")
def both_ways(project: Path) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    log = _mkdocs(project, "site-fast", fast=True)
    _mkdocs(project, "site-slow", fast=False)
    return _files(project / "site-fast"), _files(project / "site-slow"), log


def test_every_page_is_the_same_with_and_without_the_fast_path(both_ways: tuple[dict[str, bytes], ...]) -> None:
    fast, slow, _ = both_ways
    assert sorted(fast) == sorted(slow)
    different = [path for path in fast if fast[path] != slow[path]]
    assert different == []


def _fast_pages(project: Path) -> int:
    """Pages with a side file: every release page, and every year and term page."""
    staging = project / STAGING["@html"]
    sides = {p.relative_to(staging).with_suffix(".md").as_posix() for p in staging.rglob("*.json")}
    docs = project / "docs"
    releases = {p.relative_to(docs).as_posix() for p in (docs / "releases").glob("*.md")}
    assert len(releases) > 100
    assert releases <= sides
    assert {"years/2017/index.md", "topics/isis/index.md", "sources/us-department-of-defense/index.md"} <= sides
    return len(sides)


def test_the_fast_path_served_every_release_year_and_term_page(
    project: Path, both_ways: tuple[object, object, str]
) -> None:
    log = both_ways[2]
    assert f"fast path: {_fast_pages(project)} pages from the generator's HTML" in log
    # The chrome that is the same on every release page was rendered once and reused.
    for block in ("header", "tabs", "footer", "scripts"):
        assert block in log.split("chrome reused:")[1]


def test_a_page_edited_by_hand_is_converted_by_mkdocs(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site-*"))
    page = copy / "docs" / SEED
    page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph added by hand.\n", encoding="utf-8")
    log = _mkdocs(copy, "site", fast=True)
    html = (copy / "site" / "releases" / "2017-06-29-isis-on-the-run" / "index.html").read_text(encoding="utf-8")
    assert "<p>A paragraph added by hand.</p>" in html
    assert f"fast path: {_fast_pages(copy) - 1} pages" in log


def test_a_broken_link_in_the_generators_html_fails_strict(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site-*"))
    side = copy / STAGING["@html"] / side_path(SEED).partition("/")[2]
    data = json.loads(side.read_bytes())
    data["links"].append("topics/no-such-topic/index.md")
    side.write_text(json.dumps(data), encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=copy, env=ENV, capture_output=True, text=True, check=False,
    )
    assert built.returncode != 0
    assert "topics/no-such-topic/index.md" in built.stderr
    assert "not found among documentation files" in built.stderr
