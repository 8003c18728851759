"""A sharded `mkdocs build` writes the same site as one `mkdocs build`, and fails as strictly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator import mkdocs_shards
from generator.pipeline import generate
from generator.settings import Settings
from tests.conftest import make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = make_project(tmp_path_factory.mktemp("shards") / "project", ["*"])
    generate(settings)
    return settings


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sitemap carries the build date; both builds of a comparison must share it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_sharded_site_is_byte_identical_to_one_build(project: Settings, tmp_path: Path) -> None:
    assert mkdocs_shards.run(project.root, tmp_path / "one", workers=1, quiet=True) == 0
    assert mkdocs_shards.run(project.root, tmp_path / "three", workers=3, quiet=True) == 0
    one, three = tree(tmp_path / "one"), tree(tmp_path / "three")
    assert len(one) > 100
    assert sorted(one) == sorted(three)
    assert [name for name in one if one[name] != three[name]] == []


def test_a_broken_link_in_a_page_of_the_last_worker_fails_the_build(project: Settings, tmp_path: Path) -> None:
    pages = sorted(p.relative_to(project.docs).as_posix() for p in project.docs.rglob("*.md"))
    nav = yaml.safe_load((project.root / "mkdocs.yml").read_text())["nav"]
    owners = mkdocs_shards.deal(pages, mkdocs_shards._nav_sources(nav), 3)
    assert owners["index.md"] is None and owners["about.md"] is None
    page = project.docs / next(p for p in pages if p.startswith("releases/") and owners[p] == 2)
    original = page.read_bytes()
    try:
        page.write_bytes(original + b"\n[gone](../nowhere/missing.md)\n")
        assert mkdocs_shards.run(project.root, tmp_path / "site", workers=3, quiet=True) != 0
        assert mkdocs_shards.run(project.root, tmp_path / "site", workers=3, strict=False, quiet=True) == 0
    finally:
        page.write_bytes(original)


def test_a_stale_file_does_not_survive_a_sharded_build(project: Settings, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "releases" / "withdrawn").mkdir(parents=True)
    (site / "releases" / "withdrawn" / "index.html").write_text("old")
    assert mkdocs_shards.run(project.root, site, workers=2, quiet=True) == 0
    assert not (site / "releases" / "withdrawn").exists()
    assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file()


def test_a_handful_of_pages_builds_in_one_process_and_more_on_every_core(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(mkdocs_shards.PAGES_PER_EXTRA_WORKER - 1):
        (docs / f"{number}.md").touch()
    assert mkdocs_shards.default_workers(docs) == 1
    for number in range(mkdocs_shards.PAGES_PER_EXTRA_WORKER * 4):
        (docs / f"more-{number}.md").touch()
    assert mkdocs_shards.default_workers(docs) == min(5, len(os.sched_getaffinity(0)))
