"""Incremental CI (issue 16): a build from the cache folders the workflows restore, plus one new
release, publishes what a cold build of the same archive publishes, and indexes only the piece of
the search index the new release changes. A cache of another generator (or Pagefind) is ignored."""

from __future__ import annotations

import functools
import gzip
import re
import shutil
import struct
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import building, cache
from generator.building import BuildReport, build
from generator.render import paths
from generator.search import job, reuse
from generator.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import same_output  # noqa: E402
import synth  # noqa: E402

pytestmark = pytest.mark.e2e

SIZE = 300
LIMIT = 60  # small pieces, so that 300 releases make several
CACHED = (".cache", ".staging", *(f"docs/{name}" for name in (*paths.GENERATED, *paths.GENERATED_FILES)))
"""What the workflows restore: the generator's and the search pieces' cache, the staging trees and
the generated pages of docs/ (tests/test_workflows.py holds the workflows to it)."""
SOURCE_HASH = cache._source_hash()
"""The generator's version for every build of this module: its source may be edited while the
tests run, which would (rightly) make every cache stale."""


def _project(where: Path, *, added: bool) -> Path:
    synth.write_project(SIZE, where)
    if added:  # release SIZE + 1 of the same sequence, as a contributor would add it
        path, text = list(synth.releases(SIZE + 1, synth.SEED, where / "archive").items())[-1]
        (where / "archive" / path).parent.mkdir(parents=True, exist_ok=True)
        (where / "archive" / path).write_text(text, encoding="utf-8")
    return where


def _build(root: Path, monkeypatch: pytest.MonkeyPatch, source_hash: str = SOURCE_HASH) -> BuildReport:
    monkeypatch.setattr(cache, "_source_hash", lambda: source_hash)
    monkeypatch.setattr(building, "SearchIndexJob", functools.partial(job.SearchIndexJob, limit=LIMIT))
    report = build(Settings.load(root), root / "site")
    assert report.failed_stage is None, report.error
    assert report.search is not None
    return report


def _restore(cold: Path, fresh: Path) -> None:
    """Copy the cache folders of `cold` into `fresh`, as actions/cache restores them (times kept)."""
    for name in CACHED:
        source = cold / name
        if source.is_dir():
            shutil.copytree(source, fresh / name, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, fresh / name)


# ---- Pagefind's filter and metadata files: compared decoded, in any order ------------------------


def _cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    """A minimal CBOR decoder: what Pagefind's indexes use (integers, strings, arrays, maps)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        chunk = data[at : at + value]
        return (chunk.decode() if major == 3 else chunk), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = []
        for _ in range(value):
            key, at = _cbor(data, at)
            item, at = _cbor(data, at)
            mapping.append((key, item))
        return dict(mapping), at
    if major == 7 and info in (26, 27):
        return struct.unpack(">f" if info == 26 else ">d", data[at - (4 if info == 26 else 8) : at])[0], at
    raise AssertionError(f"CBOR item {major}/{info} not expected")


def _normal(value: Any) -> Any:
    """`value` with every list sorted: the order is what varies from run to run."""
    if isinstance(value, list):
        return sorted((_normal(item) for item in value), key=repr)
    if isinstance(value, dict):
        return {key: _normal(item) for key, item in value.items()}
    return value


def _unstable(site: Path) -> dict[str, Any]:
    """Each piece's filter and metadata indexes, decoded (their file names hash their bytes)."""
    found: dict[str, Any] = {}
    for path in sorted((site / "pagefind").rglob("*")):
        relative = path.relative_to(site.parent).as_posix()
        if path.is_file() and same_output.UNSTABLE.match(relative) and not path.name.endswith(".json"):
            piece = path.relative_to(site / "pagefind").parts[0]
            raw = gzip.decompress(path.read_bytes())
            assert raw.startswith(b"pagefind_dcd")
            kind = f"{piece}/meta" if path.suffix == ".pf_meta" else f"{piece}/filter"
            decoded = _cbor(raw, len(b"pagefind_dcd"))[0]
            found.setdefault(kind, []).append(_normal(_without_hashes(decoded, path.suffix)))
    return {kind: sorted(items, key=repr) for kind, items in found.items()}


def _without_hashes(meta: Any, suffix: str) -> Any:
    """The metadata without the file names of the filter indexes (hashes of their unstable bytes):
    its fourth item lists the filters as [name, file]."""
    if suffix != ".pf_meta":
        return meta
    filters = [[item for item in entry if not re.fullmatch(r"en_[0-9a-f]+", item)] for entry in meta[3]]
    return [*meta[:3], filters, *meta[4:]]


# ---- the tests ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cold_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cold build of the archive as main has it: the cache folders a workflow saves."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        root = _project(tmp_path_factory.mktemp("main") / "project", added=False)
        report = _build(root, monkeypatch)
    assert report.search is not None and report.search.reused == [] and len(report.search.pieces) >= 4
    return root


@pytest.fixture(scope="module")
def cold_added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cold build of the archive with one release more (the pull request's)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        root = _project(tmp_path_factory.mktemp("cold") / "project", added=True)
        _build(root, monkeypatch)
    return root


def test_a_warm_build_with_one_release_more_is_the_cold_build(
    cold_cache: Path, cold_added: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm = _project(tmp_path / "project", added=True)
    _restore(cold_cache, warm)
    report = _build(warm, monkeypatch)
    assert report.search is not None
    # The release cache was used, and only the piece of the new release's year was indexed again.
    assert report.result.cached == SIZE
    pieces = [p.name for p in report.search.pieces]
    assert len(pieces) == 1, pieces
    stored = sorted(p.name for p in (cold_cache / ".cache" / reuse.STORE).iterdir())
    assert len(report.search.reused) == len(stored) - 1
    # Reused pieces are the stored pieces' files, byte for byte.
    for name in report.search.reused:
        [folder] = [p for p in (cold_cache / ".cache" / reuse.STORE).iterdir() if p.name.startswith(f"{name}-")]
        for path in folder.rglob("*"):
            if path.is_file():
                installed = warm / "site" / "pagefind" / name / path.relative_to(folder)
                assert installed.read_bytes() == path.read_bytes(), installed
    # The site, the generated pages and the search documents are the cold build's.
    assert same_output.differences(cold_added, warm) == []
    decoded = _unstable(warm / "site")
    assert len([kind for kind in decoded if kind.endswith("/meta")]) == len(stored)
    filters = sum(len(items) for kind, items in decoded.items() if kind.endswith("/filter"))
    assert filters >= 3 * len(stored)  # at least topic, source and author in every piece
    assert decoded == _unstable(cold_added / "site")


def test_a_cache_of_another_generator_or_pagefind_is_not_used(
    cold_cache: Path, cold_added: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm = _project(tmp_path / "project", added=True)
    _restore(cold_cache, warm)
    # Another generator (its source hash is in the salt) and another Pagefind.
    monkeypatch.setattr(reuse, "pagefind_version", lambda: "pagefind=0.0.0")
    report = _build(warm, monkeypatch, source_hash="another generator")
    assert report.search is not None
    assert report.result.cached == 0
    assert report.search.reused == []
    assert len(report.search.pieces) == len(list((cold_cache / ".cache" / reuse.STORE).iterdir()))
    assert same_output.differences(cold_added, warm) == []
    assert _unstable(warm / "site") == _unstable(cold_added / "site")
