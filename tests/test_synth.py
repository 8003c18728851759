"""The synthetic archive of benchmarks/synth.py: deterministic, well-formed, realistically spread."""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth  # noqa: E402

NAME_RE = re.compile(r"^(\d{4})/(\d{4})-\d\d-\d\d-[a-z0-9-]+\.(txt|html)$")


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_n_same_bytes(tmp_path: Path) -> None:
    synth.write_project(60, tmp_path / "a")
    synth.write_project(60, tmp_path / "b")
    assert digest(tmp_path / "a" / "archive") == digest(tmp_path / "b" / "archive")
    assert (tmp_path / "a" / "mkdocs.yml").read_bytes() == (synth.REPO / "mkdocs.yml").read_bytes()


def test_a_smaller_archive_is_a_prefix_of_a_larger_one(tmp_path: Path) -> None:
    small = synth.releases(20, synth.SEED, synth.REPO / "archive")
    large = synth.releases(50, synth.SEED, synth.REPO / "archive")
    assert all(large[path] == text for path, text in small.items())


def test_other_seed_other_archive() -> None:
    archive = synth.REPO / "archive"
    assert synth.releases(5, 1, archive) != synth.releases(5, 2, archive)


def test_names_shape_and_spread(tmp_path: Path) -> None:
    count = synth.write_project(300, tmp_path)
    archive = tmp_path / "archive"
    files = [p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.suffix in (".txt", ".html")]
    assert count == len(files) == 300
    for name in files:
        match = NAME_RE.match(name)
        assert match and match.group(1) == match.group(2), name
    assert {p.name for p in archive.glob("*.yml")} == {"topics.yml", "sources.yml", "authors.yml"}
    html = [n for n in files if n.endswith(".html")]
    assert 0.04 < len(html) / len(files) < 0.2
    years = Counter(n[:4] for n in files)
    assert len(years) == 15
    domains = {str(d) for s in yaml.safe_load((archive / "sources.yml").read_text()) for d in s.get("domains") or []}
    texts = [(archive / n).read_text(encoding="utf-8") for n in files if n.endswith(".txt")]
    footers = [t.rstrip("\n").rsplit("\n", 1)[-1] for t in texts]
    used = {f.removeprefix("Source: https://") for f in footers}
    assert all(f.startswith("Source: https://") for f in footers)
    assert used <= domains and 20 <= len(used) <= 30
    words = [len(t.split()) for t in texts]
    assert min(words) >= 300 and max(words) <= 1500


@pytest.mark.parametrize("n", [40])
def test_releases_are_read_as_intended(tmp_path: Path, n: int) -> None:
    """The synthetic text is what the extractors expect: a headline, a dated dateline, a source."""
    from generator.pipeline import load_archive
    from generator.settings import Settings

    synth.write_project(n, tmp_path)
    result = load_archive(Settings.load(tmp_path))
    assert not result.errors
    assert len(result.releases) == n
    plain = [r for r in result.releases if r.raw.endswith(".txt")]
    assert all(r.extracted.get("title") != "lede" for r in plain)
    assert all(r.source and r.topics for r in result.releases)
    assert sum(bool(r.author) for r in result.releases) > n / 2
