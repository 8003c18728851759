"""Related releases kept from an earlier run (`LinkIndex.links_reusing`) are exactly those a full
ranking gives, whatever changed in between: releases added, deleted, moved in time, given other
topics or authors. A change of the archive's size changes every IDF, so this also checks that a
release keeps its related releases only when the order of its candidates' scores cannot change."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import pytest

from generator.enrich.links import LinkIndex, Links
from generator.model import Release
from generator.pipeline import generate
from generator.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth  # noqa: E402

from tests.test_incremental import clean_build, generated  # noqa: E402

# Few topics and authors, dates on few days: long posting lists (windows that do not cover them),
# topics of equal frequency (equal IDFs, so tied scores) and ties on date and author.
TOPICS = [f"topic {i}" for i in range(9)]
AUTHORS = [f"author {i}" for i in range(5)]


def link_releases(releases: list[Release]) -> dict[str, Links]:
    """Every release's links, computed afresh (what a run without earlier links does)."""
    index = LinkIndex(releases)
    return {index.ordered[i].id: index.links_of(i) for i in range(len(index.ordered))}


def _release(rng: random.Random, number: int) -> Release:
    topics = tuple(rng.sample(TOPICS, rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 7])))
    return Release(
        id=f"r{number:04d}",
        title=f"Release {number}",
        date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(60)),
        author=tuple(rng.sample(AUTHORS, rng.choice([0, 1, 1, 2]))),
        topics=topics,
        raw=f"archive/r{number:04d}.txt",
    )


def _relink(releases: list[Release], earlier: tuple[dict[str, Links], dict[str, bytes]] | None
            ) -> tuple[dict[str, Links], dict[str, bytes], int]:
    index = LinkIndex(releases)
    links: dict[str, Links] = {}
    prints: dict[str, bytes] = {}
    reused = 0
    for number, release in enumerate(index.ordered):
        links[release.id], prints[release.id] = index.links_reusing(number, *(earlier or (None, None)))
        reused += earlier is not None and earlier[1].get(release.id) == prints[release.id]
    return links, prints, reused


@pytest.mark.parametrize("seed", range(4))
def test_reused_links_equal_a_full_ranking(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    releases = [_release(rng, n) for n in range(700)]
    links, prints, _ = _relink(releases, None)
    assert links == link_releases(releases)
    total_reused = 0
    next_number = len(releases)
    for _ in range(25):
        change = rng.choice(["add", "add", "delete", "topics", "author", "date", "many"])
        if change == "add":
            releases.append(_release(rng, next_number))
            next_number += 1
        elif change == "delete":
            releases.pop(rng.randrange(len(releases)))
        elif change == "many":
            for _ in range(rng.randrange(2, 6)):
                releases.append(_release(rng, next_number))
                next_number += 1
        else:
            at = rng.randrange(len(releases))
            fresh = _release(rng, 0)
            old = releases[at]
            releases[at] = Release(
                id=old.id,
                title=old.title,
                raw=old.raw,
                date=fresh.date if change == "date" else old.date,
                author=fresh.author if change == "author" else old.author,
                topics=fresh.topics if change == "topics" else old.topics,
            )
        links, prints, reused = _relink(releases, (links, prints))
        assert links == link_releases(releases), change
        total_reused += reused
    # The point of it: most releases keep their links.
    assert total_reused > 25 * len(releases) // 2


def test_add_one_to_a_larger_archive_equals_clean_build(tmp_path: Path) -> None:
    """Byte for byte, with an archive large enough that most pages keep their related releases."""
    root = tmp_path / "project"
    synth.write_project(320, root)
    files = sorted(p for p in (root / "archive").rglob("*") if p.suffix in (".txt", ".html"))
    pending = tmp_path / "pending.bin"
    shutil.move(files[150], pending)
    generate(Settings.load(root), processes=1)
    shutil.move(pending, files[150])
    generate(Settings.load(root), processes=1)
    assert generated(root / "docs") == clean_build(root, tmp_path)
    # Reused links also come back after a run that reuses them.
    files[40].unlink()
    generate(Settings.load(root), processes=1)
    assert generated(root / "docs") == clean_build(root, tmp_path)
