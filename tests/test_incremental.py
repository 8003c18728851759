"""Incremental generation: with the content-hash cache and the page manifest under `.cache/`, an
archive built step by step (releases added, edited, deleted; the vocabulary edited; generated pages
tampered with; the cache corrupted) has, at every step, byte for byte the docs/ of a clean build."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from generator.output import WriteReport
from generator.pipeline import CACHE_DIR, generate
from generator.render.paths import GENERATED, GENERATED_FILES
from generator.settings import STAGING, Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth  # noqa: E402

TOTAL = 40


def generated(docs: Path) -> dict[str, bytes]:
    """The generated files of docs/ and of the staging trees beside it (the fast path's side files,
    the search documents), by their generated path."""
    files = {}
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs).as_posix()
        if path.is_file() and (relative.split("/")[0] in GENERATED or relative in GENERATED_FILES):
            files[relative] = path.read_bytes()
    for prefix, folder in STAGING.items():
        for path in sorted((docs.parent / folder).rglob("*")):
            if path.is_file():
                files[f"{prefix}/{path.relative_to(docs.parent / folder).as_posix()}"] = path.read_bytes()
    return files


def clean_build(project: Path, tmp: Path) -> dict[str, bytes]:
    """docs/ of a fresh copy of `project` generated without any cache."""
    fresh = tmp / "clean"
    if fresh.exists():
        shutil.rmtree(fresh)
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(CACHE_DIR))
    for name in [*GENERATED, *GENERATED_FILES]:
        target = fresh / "docs" / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    generate(Settings.load(fresh), use_cache=False, processes=1)
    return generated(fresh / "docs")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A synthetic project whose archive holds the first 25 of TOTAL releases; the others wait in
    `tmp_path/pending` to be added."""
    root = tmp_path / "project"
    synth.write_project(TOTAL, root)
    pending = tmp_path / "pending"
    files = sorted(p for p in (root / "archive").rglob("*") if p.suffix in (".txt", ".html"))
    for path in files[25:]:
        target = pending / path.relative_to(root / "archive")
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
    return root


def step(project: Path, tmp: Path) -> WriteReport:
    """Generate incrementally and check the result against a clean build."""
    _, report = generate(Settings.load(project))
    assert generated(project / "docs") == clean_build(project, tmp)
    return report


def release_files(project: Path) -> list[Path]:
    return sorted(p for p in (project / "archive").rglob("*") if p.suffix in (".txt", ".html"))


def test_step_by_step_equals_clean_build(project: Path, tmp_path: Path) -> None:
    first = step(project, tmp_path)
    assert first.written > 0
    assert (project / CACHE_DIR / "releases.pickle").is_file()

    # Nothing changed: nothing written.
    again = step(project, tmp_path)
    assert again.written == 0 and again.removed == 0

    # Add one release: its page and the pages that list or link it change, the others stay.
    pending = sorted((tmp_path / "pending").rglob("*.*"))
    before = {p: p.stat().st_mtime_ns for p in (project / "docs" / "releases").glob("*.md")}
    target = project / "archive" / pending[0].relative_to(tmp_path / "pending")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pending[0], target)
    added = step(project, tmp_path)
    assert 0 < added.written < first.written // 2
    rewritten = [p for p, mtime in before.items() if p.stat().st_mtime_ns != mtime]
    assert len(rewritten) < len(before) // 2

    # Add several more at once.
    for path in pending[1:6]:
        target = project / "archive" / path.relative_to(tmp_path / "pending")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    step(project, tmp_path)

    # Edit releases: a new title line, and a new topic in the text.
    files = release_files(project)
    text = files[3]
    if text.suffix == ".txt":
        lines = text.read_text(encoding="utf-8").split("\n")
        lines[0] = "Completely new headline for this release"
        text.write_text("\n".join(lines), encoding="utf-8")
    plain = [p for p in files if p.suffix == ".txt"][5]
    farm = "\nThe farmers and ranchers of the farm program.\nSource:"
    body = plain.read_text(encoding="utf-8").replace("\nSource:", farm)
    plain.write_text(body, encoding="utf-8")
    step(project, tmp_path)

    # Delete releases: their pages go, their neighbours' links change.
    for path in release_files(project)[::7]:
        path.unlink()
    deleted = step(project, tmp_path)
    assert deleted.removed > 0

    # Edit the vocabulary: every cached release is stale.
    topics = project / "archive" / "topics.yml"
    vocabulary = topics.read_text(encoding="utf-8").replace("aliases: [agricultural,", "aliases: [")
    topics.write_text(vocabulary, encoding="utf-8")
    step(project, tmp_path)


def test_tampered_pages_and_corrupt_cache_are_repaired(project: Path, tmp_path: Path) -> None:
    step(project, tmp_path)
    page = sorted((project / "docs" / "releases").glob("*.md"))[2]
    original = page.read_bytes()
    page.write_bytes(original.replace(b"title:", b"title: tampered"))
    os.utime(page, ns=(0, 0))
    step(project, tmp_path)
    assert page.read_bytes() == original

    page.unlink()
    step(project, tmp_path)
    assert page.read_bytes() == original

    for name in ("releases.pickle", "pages.pickle"):
        (project / CACHE_DIR / name).write_bytes(b"not a pickle")
    step(project, tmp_path)
    (project / CACHE_DIR / "releases.pickle").write_bytes(b"\x80\x05garbage")
    (project / CACHE_DIR / "pages.pickle").unlink()
    step(project, tmp_path)


def test_generate_without_cache_writes_no_cache(project: Path) -> None:
    generate(Settings.load(project), use_cache=False)
    assert not (project / CACHE_DIR).exists()
