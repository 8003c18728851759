"""Parallel extraction and rendering give the same releases, problems and pages as one process."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import parallel
from generator.pipeline import Result, generate, load_archive
from generator.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth  # noqa: E402

from tests.test_incremental import generated  # noqa: E402


@dataclass(frozen=True)
class Offset:
    value: int


def _square_chunk(items: list[int]) -> list[int]:
    offset = parallel.shared(Offset).value
    return [i * i + offset for i in items]


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_run_keeps_input_order(monkeypatch: pytest.MonkeyPatch, processes: int) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    done: list[int] = []
    items = list(range(237))
    out = parallel.run(_square_chunk, items, Offset(5), processes=processes, chunk=10, progress=done.append)
    assert out == [i * i + 5 for i in items]
    assert done[-1] == len(items) and done == sorted(done)
    with pytest.raises(TypeError, match="this run shares NoneType, not Offset"):
        parallel.shared(Offset)  # nothing is shared once the run is over


@pytest.mark.parametrize("processes", [1, 2])
def test_consumed_results_arrive_in_order_and_are_not_kept(monkeypatch: pytest.MonkeyPatch, processes: int) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    seen: list[int] = []
    done: list[int] = []
    items = list(range(83))
    out = parallel.run(_square_chunk, items, Offset(1), processes=processes, chunk=7, consume=seen.append,
                       progress=done.append)
    assert out == []
    assert seen == [i * i + 1 for i in items]
    assert done[-1] == len(items)


def test_workers_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESS_ARCHIVE_WORKERS", "3")
    assert parallel.workers() == 3
    assert parallel.workers(1) == 1


def test_parallel_output_is_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synth.write_project(60, tmp_path / "one")
    synth.write_project(60, tmp_path / "two")
    # A bad file among them: its problem must be reported in the same place either way.
    for root in (tmp_path / "one", tmp_path / "two"):
        (root / "archive" / "2015" / "2015-01-01-empty.txt").write_text("  \n", encoding="utf-8")
    serial = load_archive(Settings.load(tmp_path / "one"), processes=1)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    spread = load_archive(Settings.load(tmp_path / "two"), processes=2)
    assert [r.id for r in spread.releases] == [r.id for r in serial.releases]
    def problems(result: Result) -> list[tuple[str, str, str]]:
        return [(p.path, p.code, p.message) for p in result.problems]

    assert problems(spread) == problems(serial)
    assert spread.releases == serial.releases

    generate(Settings.load(tmp_path / "one"), use_cache=False, processes=1)
    generate(Settings.load(tmp_path / "two"), use_cache=False, processes=2)
    assert generated(tmp_path / "one" / "docs") == generated(tmp_path / "two" / "docs")
