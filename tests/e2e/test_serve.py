"""`press-archive serve`: a release added to archive/ shows up in the running preview, and the
preview's search index follows (tests/browser/test_preview_search.py searches it in chromium)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.search import preview
from generator.search.indexer import Schedule
from generator.search.preview import PreviewSearch
from tests.conftest import ENV, PRESS_ARCHIVE, SEED, make_project

pytestmark = pytest.mark.e2e

NEW_RELEASE = """Boston, MA–(ENEWSPF)–March 1, 2018
By: Ada Quill
The harbor bridge reopens to traffic on Monday after two years of repairs, the city said today.
Traffic
Both lanes open at six in the morning.
Source: http://defense.gov
"""
NEW_ID = "2018-03-01-harbor-bridge-reopens"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def wait_for(url: str, text: str, seconds: float, process: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "press-archive serve stopped early"
        status, body = _get(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


@contextmanager
def preview_of(project: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`press-archive serve` of `project` on a free port (output in `log`): its base URL and process,
    stopped with SIGINT (what Ctrl-C sends) at the end."""
    port = _free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [*PRESS_ARCHIVE, "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT, text=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/", process
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    project = tmp_path / "project"
    make_project(project, [SEED])
    with preview_of(project, tmp_path / "serve.log") as (base, process):
        yield project, base, process


def test_a_release_added_to_the_archive_appears_in_the_preview(
    serving: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, base, process = serving
    wait_for(f"{base}releases/2017-06-29-isis-on-the-run/", "Cheryl Pellerin", 90, process)
    assert _get(f"{base}releases/{NEW_ID}/")[0] == 404

    target = project / "archive" / "2018" / f"{NEW_ID}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(NEW_RELEASE, encoding="utf-8")

    page = wait_for(f"{base}releases/{NEW_ID}/", "The harbor bridge reopens to traffic", 60, process)
    assert "Ada Quill" in page
    # Its neighbour and its year page follow: the seed now links forward to it.
    wait_for(f"{base}years/2018/", "harbor bridge reopens", 30, process)
    wait_for(f"{base}releases/2017-06-29-isis-on-the-run/", NEW_ID, 30, process)
    # The raw file is never touched by the preview.
    assert target.read_text(encoding="utf-8") == NEW_RELEASE


def test_an_interrupt_stops_the_preview_and_mkdocs(serving: tuple[Path, str, subprocess.Popen[str]]) -> None:
    _, base, process = serving
    wait_for(base, "Press Archive", 90, process)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    time.sleep(0.5)
    assert _get(base)[0] == 0  # nothing listens any more


def test_the_preview_index_follows_the_archive(
    serving: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, base, process = serving
    wait_for(f"{base}pagefind/pieces.json", '"releases": 1', 90, process)
    target = project / "archive" / "2018" / f"{NEW_ID}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(NEW_RELEASE, encoding="utf-8")
    manifest = json.loads(wait_for(f"{base}pagefind/pieces.json", '"releases": 2', 60, process))
    # One piece of both years (pieces follow years), served whole.
    assert manifest["releases"] == 2
    assert [piece["years"] for piece in manifest["pieces"]] == [[2018, 2017]]
    assert _get(f"{base}pagefind/{manifest['pieces'][0]['path']}pagefind-entry.json")[0] == 200


def _dated(day: str, words: str) -> str:
    return NEW_RELEASE.replace("March 1, 2018", day).replace("The harbor bridge", words)


def _served_pieces(folder: Path) -> dict[str, int]:
    manifest = json.loads((folder / "pagefind" / "pieces.json").read_text(encoding="utf-8"))
    for piece in manifest["pieces"]:
        assert (folder / "pagefind" / piece["path"] / "pagefind-entry.json").is_file()
    return {piece["name"]: piece["releases"] for piece in manifest["pieces"]}


def test_only_the_pieces_whose_releases_changed_are_indexed_again(tmp_path: Path) -> None:
    old = "2016/2016-05-02-ferry.txt"
    settings = make_project(tmp_path / "project", [SEED], {old: _dated("May 2, 2016", "The river ferry")})
    generate(settings)
    said: list[str] = []
    # Pieces of one release each: one piece a year.
    search = PreviewSearch(settings.root, settings.docs, tmp_path / "preview", lambda: Schedule(1), said.append,
                           limit=1)
    first = search.update(Schedule(1))
    assert (first.indexed, first.swapped) == (["2017", "2016"], True)
    assert _served_pieces(search.folder) == {"2017": 1, "2016": 1}

    (settings.archive / "2018").mkdir()
    (settings.archive / "2018" / f"{NEW_ID}.txt").write_text(NEW_RELEASE, encoding="utf-8")
    generate(settings)
    added = search.update(Schedule(1))
    assert (added.indexed, added.swapped) == (["2018"], True)
    assert _served_pieces(search.folder) == {"2018": 1, "2017": 1, "2016": 1}
    assert len(list((search.folder / "generations").iterdir())) == 1  # the old index is gone

    unchanged = search.update(Schedule(1))
    assert (unchanged.indexed, unchanged.swapped) == ([], False)

    (settings.archive / old).write_text(_dated("May 2, 2016", "The night ferry"), encoding="utf-8")
    generate(settings)
    edited = search.update(Schedule(1))
    assert (edited.indexed, edited.swapped) == (["2016"], True)
    assert len(list((search.folder / "pieces").iterdir())) == 3  # the old 2016 piece is removed
    assert said == []  # `update` runs alone; the thread reports


def test_a_run_never_overlaps_generate_and_one_follows_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_project(tmp_path / "project", [SEED])
    generate(settings)
    said: list[str] = []
    search = PreviewSearch.create(settings.root, settings.docs, lambda: Schedule(1), said.append)
    try:
        search.start()
        with search.held():  # cancels the first run if it has not ended
            assert search._running is None
            (settings.archive / "2018").mkdir()
            (settings.archive / "2018" / f"{NEW_ID}.txt").write_text(NEW_RELEASE, encoding="utf-8")
            generate(settings)
        deadline = time.monotonic() + 60
        while not (search.folder / "pagefind" / "pieces.json").is_file() or _served_pieces(search.folder) != {
            "2017-2018": 2
        }:
            assert time.monotonic() < deadline, said
            time.sleep(0.1)
        assert not [line for line in said if "not updated" in line]
        # The hooks serve it in the preview's MkDocs only: the variable names the folder.
        site = tmp_path / "site"
        site.mkdir()
        monkeypatch.delenv(preview.PREVIEW_SEARCH, raising=False)
        preview.link_into(site)
        assert not (site / "pagefind").exists()
        assert preview.watched_files() == []
        monkeypatch.setenv(preview.PREVIEW_SEARCH, str(search.folder))
        preview.link_into(site)
        assert json.loads((site / "pagefind" / "pieces.json").read_text(encoding="utf-8"))["releases"] == 2
        assert preview.watched_files() == [str(search.folder / preview.STAMP)]
    finally:
        search.close()
    assert not search.folder.exists()
