"""The seed release through the whole pipeline, with the repository's own vocabularies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.enrich.vocabulary import load_vocabulary
from generator.model import Release
from generator.pipeline import load_release
from generator.render.markdown import front_matter
from generator.settings import Settings

SEED = "archive/2017/2017-06-29-isis-on-the-run.txt"
CONTRACT_ORDER = [
    "title",
    "date",
    "author",
    "source",
    "source_url",
    "outlet",
    "place",
    "topics",
    "people",
    "summary",
    "raw",
    "extracted",
]


@pytest.fixture(scope="module")
def seed(root: Path, repo_settings: Settings) -> Release:
    vocabulary, problems = load_vocabulary(repo_settings.archive)
    assert [p for p in problems if p.severity == "error"] == []
    release, problems = load_release(root / SEED, repo_settings, vocabulary)
    assert release is not None, [p.format() for p in problems]
    return release


def test_seed_fields(seed: Release) -> None:
    assert seed.id == "2017-06-29-isis-on-the-run"
    assert seed.date == dt.date(2017, 6, 29)
    assert seed.author == ("Cheryl Pellerin",)
    assert seed.place == "Washington, DC"
    assert seed.outlet == "ENEWSPF"
    assert seed.source == "U.S. Department of Defense"
    assert seed.source_url == "http://defense.gov"
    assert seed.raw == SEED


def test_seed_title_is_derived_from_the_lede(seed: Release) -> None:
    assert seed.extracted == {"title": "lede"}
    assert seed.title == "The Islamic State of Iraq and Syria is on the run in Syria and Iraq"
    assert seed.body[0].text.startswith(seed.title)


def test_seed_summary(seed: Release) -> None:
    assert seed.summary is not None
    assert 0 < len(seed.summary) <= 300
    assert seed.summary.startswith("The Islamic State of Iraq and Syria is on the run")


def test_seed_subheadings(seed: Release) -> None:
    assert [b.text for b in seed.body if b.kind == "heading"] == [
        "Syria Operations",
        "Iraq Operations",
        "A Common Enemy",
    ]


def test_seed_body(seed: Release) -> None:
    assert {b.kind for b in seed.body} == {"paragraph", "heading"}
    texts = [b.text for b in seed.body]
    assert not any("Follow Cheryl Pellerin" in t or "@PellerinDoDNews" in t for t in texts)
    assert not any(t.startswith("Source:") or "defense.gov" in t for t in texts)
    assert not any("ENEWSPF" in t or t.startswith("By:") for t in texts)
    assert texts[-1].startswith("“These are all concrete examples")
    # 31 raw lines = dateline + byline + 27 body units + 2 footer lines.
    assert len(seed.body) == 27
    assert seed.body[0].line == 3


def test_seed_topics(seed: Release) -> None:
    assert {"ISIS", "Syria", "Iraq", "Raqqa"} <= set(seed.topics)
    assert seed.topics[0] == "ISIS"
    assert len(seed.topics) <= 8
    assert len(set(seed.topics)) == len(seed.topics)


def test_show_prints_exactly_the_front_matter(root: Path, seed: Release, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["show", SEED])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("---\n") and out.endswith("---\n")
    assert out.count("---\n") == 2
    data = yaml.safe_load(out[len("---\n") : -len("---\n")])
    assert list(data) == CONTRACT_ORDER
    assert data["date"] == dt.date(2017, 6, 29)
    assert data["author"] == ["Cheryl Pellerin"]
    assert data["extracted"] == {"title": "lede"}
    assert out == front_matter(seed.to_front_matter())
    # Warnings go to stderr, never into the printed front matter.
    assert "warning: no headline found" in result.stderr


def test_show_of_a_missing_file_fails(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["show", "archive/2017/no-such-release.txt"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "archive/2017/no-such-release.txt: error: cannot read file" in result.stderr
