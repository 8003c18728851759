"""`press-archive serve`: a release added to archive/ shows up in the running preview."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

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


def _wait_for(url: str, text: str, seconds: float, process: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "press-archive serve stopped early"
        status, body = _get(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    project = tmp_path / "project"
    make_project(project, [SEED])
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [*PRESS_ARCHIVE, "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_a_release_added_to_the_archive_appears_in_the_preview(
    serving: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, base, process = serving
    _wait_for(f"{base}releases/2017-06-29-isis-on-the-run/", "Cheryl Pellerin", 90, process)
    assert _get(f"{base}releases/{NEW_ID}/")[0] == 404

    target = project / "archive" / "2018" / f"{NEW_ID}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(NEW_RELEASE, encoding="utf-8")

    page = _wait_for(f"{base}releases/{NEW_ID}/", "The harbor bridge reopens to traffic", 60, process)
    assert "Ada Quill" in page
    # Its neighbour and its year page follow: the seed now links forward to it.
    _wait_for(f"{base}years/2018/", "harbor bridge reopens", 30, process)
    _wait_for(f"{base}releases/2017-06-29-isis-on-the-run/", NEW_ID, 30, process)
    # The raw file is never touched by the preview.
    assert target.read_text(encoding="utf-8") == NEW_RELEASE


def test_an_interrupt_stops_the_preview_and_mkdocs(serving: tuple[Path, str, subprocess.Popen[str]]) -> None:
    _, base, process = serving
    _wait_for(base, "Press Archive", 90, process)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    time.sleep(0.5)
    assert _get(base)[0] == 0  # nothing listens any more
