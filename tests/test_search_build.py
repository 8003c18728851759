"""The search index of a build does not wait for MkDocs: it runs while MkDocs renders, outside
site/ (which MkDocs empties when it starts), and is installed into site/pagefind/ when both are
done; a failing MkDocs or index leaves no index and no work folder behind. MkDocs is replaced by a
stand-in here; the browser tests build the real site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from generator import building as build_module
from generator.model import Block, Release
from generator.output import WriteReport
from generator.pipeline import Result, generate
from generator.render.search_document import SEARCH_TREE
from generator.search import indexer
from generator.search.indexer import Schedule, SearchIndexError
from generator.search.job import SearchIndexJob
from generator.settings import Settings
from tests.conftest import MakeProject
from tests.search_tree import write_documents

RELEASES = [
    Release(id=f"{year}-0{month}-01-r", title=f"Release {year} {month}", date=dt.date(year, month, 1),
            topics=("Budget",), body=(Block(kind="paragraph", text=f"words of {year} and month {month}"),))
    for year in (2019, 2020, 2021)
    for month in (1, 2)
]


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    """A project as `generate` leaves it: docs/releases.json and the staging tree of documents."""
    settings = Settings(root=tmp_path, archive=tmp_path / "archive", docs=tmp_path / "docs")
    settings.docs.mkdir()
    listing = [{"id": r.id, "date": r.date.isoformat()} for r in RELEASES]
    (settings.docs / "releases.json").write_text(json.dumps({"releases": listing}), encoding="utf-8")
    write_documents(tmp_path / SEARCH_TREE, RELEASES)
    return settings


def _work_folders(settings: Settings) -> list[Path]:
    return list((settings.root / ".cache").glob("pagefind-*"))


def _failing_piece(name: str, real: Callable[..., list[str]]) -> Callable[..., list[str]]:
    def command(site: Path, output: Path, glob: str | None = None, exclude: Sequence[str] = ()) -> list[str]:
        if output.name == name:
            return ["python3", "-c", "import sys, time; time.sleep(0.3); sys.exit(5)"]
        return real(site, output, glob, exclude)

    return command


def test_the_job_indexes_outside_the_site_and_installs_when_asked(project: Settings) -> None:
    site = project.root / "site"
    job = SearchIndexJob(project.root, project.docs, Schedule(1), limit=2)
    job.start()
    (work,) = _work_folders(project)
    assert site not in work.parents
    site.mkdir()  # as MkDocs does meanwhile: empty site/ and write the pages
    (site / "index.html").write_text("home", encoding="utf-8")
    report = job.wait()
    assert [p.name for p in report.pieces] == ["2021", "2020", "2019"]
    assert not (site / "pagefind").exists()
    job.install(site)
    job.discard()
    manifest = json.loads((site / "pagefind" / "pieces.json").read_text(encoding="utf-8"))
    assert manifest["releases"] == 6
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2019", "2020", "2021", "pieces.json"]
    assert (site / "index.html").read_text(encoding="utf-8") == "home"
    assert _work_folders(project) == []
    assert job.seconds > 0


def test_a_widened_schedule_starts_the_waiting_pieces_at_once(
    project: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = indexer.pagefind_command

    def slow_first(site: Path, output: Path, glob: str | None = None, exclude: Sequence[str] = ()) -> list[str]:
        command = real(site, output, glob, exclude)
        return ["sh", "-c", 'sleep 1; exec "$@"', "sh", *command] if output.name == "2021" else command

    monkeypatch.setattr(indexer, "pagefind_command", slow_first)
    job = SearchIndexJob(project.root, project.docs, Schedule(1), limit=2)
    job.start()  # one piece runs
    job.schedule.workers = 3  # MkDocs is done: the other two start without waiting for it
    first, second, third = job.wait().pieces
    job.discard()
    assert first.name == "2021"
    assert second.started < first.ended and third.started < first.ended


def test_a_failing_piece_fails_the_job_and_leaves_nothing(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "pagefind_command", _failing_piece("2020", indexer.pagefind_command))
    job = SearchIndexJob(project.root, project.docs, Schedule(3), limit=2)
    job.start()
    with pytest.raises(SearchIndexError, match=r"piece 2020 \(exit 5\)"):
        job.wait()
    job.discard()
    assert _work_folders(project) == []


def test_discarding_a_running_job_stops_its_pieces(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "pagefind_command", lambda *args, **kwargs: ["sleep", "30"])
    job = SearchIndexJob(project.root, project.docs, Schedule(2), limit=2)
    started = time.perf_counter()
    job.start()
    job.discard()
    assert time.perf_counter() - started < 5
    with pytest.raises(SearchIndexError, match="cancelled"):
        job.wait()
    assert _work_folders(project) == []


def test_without_documents_the_job_fails_clearly(project: Settings) -> None:
    shutil.rmtree(project.root / SEARCH_TREE)
    job = SearchIndexJob(project.root, project.docs, Schedule(1))
    job.start()
    with pytest.raises(SearchIndexError, match="no search documents"):
        job.wait()
    job.discard()


# ---- press-archive build, with a stand-in for MkDocs -----------------------------------------------


def _fake_generate(settings: Settings, progress: Any = None) -> tuple[Result, WriteReport]:
    return Result(releases=list(RELEASES)), WriteReport(0, 0, 0)


@pytest.fixture
def stages(project: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`build` with `generate` replaced by the project as it leaves it and MkDocs by a stand-in
    that empties site/, writes a page and takes 1.5 s; records what it saw."""
    seen: dict[str, Any] = {"code": 0}
    monkeypatch.setattr(build_module, "generate", _fake_generate)

    def mkdocs(settings: Settings, site_dir: Path, strict: bool = True, workers: int | None = None) -> int:
        seen["work folders"] = _work_folders(settings)
        seen["workers"] = workers
        shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.mkdir()
        (site_dir / "index.html").write_text("home", encoding="utf-8")
        time.sleep(1.5)
        return int(seen["code"])

    monkeypatch.setattr(build_module, "run_mkdocs", mkdocs)
    return seen


def test_build_indexes_while_mkdocs_runs(project: Settings, stages: dict[str, Any]) -> None:
    site = project.root / "site"
    report = build_module.build(project, site, workers=2)
    assert report.failed_stage is None, report.error
    assert len(stages["work folders"]) == 1  # the index was under way when MkDocs started
    assert json.loads((site / "pagefind" / "pieces.json").read_text(encoding="utf-8"))["releases"] == 6
    assert (site / "index.html").read_text(encoding="utf-8") == "home"
    seconds = report.seconds
    assert set(seconds) == {"generate", "mkdocs build", "search index", build_module.MKDOCS_AND_SEARCH}
    # Side by side: the stage takes about as long as MkDocs, not MkDocs plus the index.
    assert seconds["mkdocs build"] <= seconds[build_module.MKDOCS_AND_SEARCH]
    assert seconds[build_module.MKDOCS_AND_SEARCH] < seconds["mkdocs build"] + seconds["search index"]
    assert report.search is not None and report.search.releases == 6
    assert _work_folders(project) == []


def test_a_failing_mkdocs_stops_the_index(project: Settings, stages: dict[str, Any]) -> None:
    stages["code"] = 1
    report = build_module.build(project, project.root / "site", workers=2)
    assert report.failed_stage == "mkdocs build"
    assert not (project.root / "site" / "pagefind").exists()
    assert _work_folders(project) == []


def test_a_failing_index_leaves_the_site_without_one(
    project: Settings, stages: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "pagefind_command", _failing_piece("2019-2021", indexer.pagefind_command))
    report = build_module.build(project, project.root / "site", workers=2)
    assert report.failed_stage == "search index"
    assert report.error is not None and "2019-2021" in report.error
    assert not (project.root / "site" / "pagefind").exists()
    assert (project.root / "site" / "index.html").is_file()
    assert _work_folders(project) == []


def test_beside_mkdocs_the_index_gets_the_cores_mkdocs_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module.parallel, "cores", lambda: 2)
    assert build_module.search_beside_mkdocs(2).workers == 1
    assert build_module.search_beside_mkdocs(1).workers == 1
    monkeypatch.setattr(build_module.parallel, "cores", lambda: 8)
    assert build_module.search_beside_mkdocs(2).workers == 6
    assert build_module.search_beside_mkdocs(2).memory_budget == build_module.MEMORY_BESIDE_MKDOCS


def test_generate_writes_each_release_s_document_and_writes_back_a_removed_one(settings_for: MakeProject) -> None:
    settings = settings_for(["2017/2017-06-29-isis-on-the-run.txt", "2015/2015-04-29-fomc-statement.txt"])
    result, _ = generate(settings)
    tree = settings.root / SEARCH_TREE / "releases"
    assert sorted(p.name for p in tree.iterdir()) == sorted(r.id for r in result.releases)
    seed = tree / "2017-06-29-isis-on-the-run" / "index.html"
    first = seed.read_bytes()
    assert b"<h1>The Islamic State of Iraq and Syria is on the run in Syria and Iraq</h1>" in first
    shutil.rmtree(seed.parent)  # gone from the staging tree: generate sees it and renders that release again
    generate(settings)
    assert seed.read_bytes() == first

