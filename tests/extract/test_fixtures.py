"""Every hand-written text fixture against its `.truth.json` (the fields a careful reader would extract)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.extract import extract
from generator.model import Release
from generator.readers import read

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "text"
CASES = sorted(FIXTURES.glob("*.txt"))


def extracted(path: Path) -> Release:
    return extract(read(path.read_bytes(), path.relative_to(ROOT).as_posix())).release


def truth_of(path: Path) -> dict[str, Any]:
    truth = path.with_suffix(".truth.json")
    assert truth.is_file(), f"{truth.name} is missing: every text fixture needs its expected fields"
    data: dict[str, Any] = json.loads(truth.read_text(encoding="utf-8"))
    return data


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fields(path: Path) -> None:
    truth = truth_of(path)
    release = extracted(path)
    if truth["title"] is None:
        # No headline in the file: the title is derived from the lede, and the page says so.
        assert release.extracted.get("title") == "lede"
    else:
        assert release.title == truth["title"]
        assert "title" not in release.extracted
    assert release.date.isoformat() == truth["date"]
    assert list(release.author) == truth["author"]
    assert release.place == truth["place"]
    assert release.outlet == truth["outlet"]
    assert release.source_url == truth["source_url"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_subheadings(path: Path) -> None:
    release = extracted(path)
    assert [b.text for b in release.body if b.kind == "heading"] == truth_of(path)["subheadings"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_footer_lines_are_not_in_the_body(path: Path) -> None:
    release = extracted(path)
    removed = truth_of(path)["footer_lines_removed"]
    assert removed, "the truth file lists the footer lines"
    for line in removed:
        assert all(line not in block.text for block in release.body), f"footer line kept in the body: {line!r}"


# Bullet symbols are list syntax, not text; numbers of numbered items are text ("1. Stage one").
BULLET_MARK = re.compile(r"^\s*[•·▪◦●‣∙*–-]\s+")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_no_body_text_is_lost(path: Path) -> None:
    """Every raw line below the head that is not a footer line is in the body, word for word
    (bullet marks aside): extraction drops boilerplate, never release text."""
    release = extracted(path)
    footer = set(truth_of(path)["footer_lines_removed"])
    body = " ".join(block.text for block in release.body)
    first = min(block.line or 0 for block in release.body)
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        text = " ".join(BULLET_MARK.sub("", line).split())
        if number <= first or not text or line.strip() in footer:
            continue
        assert text in body, f"line {number} is missing from the body: {line!r}"
