"""Live-preview latency for benchmarks/build.py: `press-archive serve` on a built project, one new raw
release written into archive/ once the preview serves its search index, seconds until its page
answers 200 on 127.0.0.1, and until the preview's search index holds it (its `pagefind/pieces.json`
counts one release more: the index is swapped in whole, so from then on a search finds it).

    python benchmarks/preview.py [--size 1000] [--work benchmarks/out/preview]

measures alone: a synthetic project of SIZE releases (benchmarks/synth.py; generated first, not
timed), release SIZE+1 of the same sequence added, the figures printed.

Every loop is bounded and the server only listens on the loopback interface; it is stopped with
SIGINT (what Ctrl-C sends: `press-archive serve` then stops MkDocs), killed with its process group
if it does not stop."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import synth
from measuring import ENV

PRESS_ARCHIVE = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())"]
POLL_SECONDS = 0.1
SHOWN_WITHIN = 120.0
STOP_SECONDS = 30.0
# Once the first index is in, MkDocs rebuilds to reload the open pages (its watcher polls every
# 0.5 s); the release is written after that rebuild, as a writer would, not in the middle of it.
RELOAD_SECONDS = 1.0


@dataclass
class Preview:
    startup: float
    """Seconds from starting `press-archive serve` until its home page answers 200."""
    shown: float | None
    """Seconds from writing the new raw file until its page answers 200; None if it never did."""
    indexed: float | None = None
    """Seconds from starting `press-archive serve` until it serves its search index."""
    searchable: float | None = None
    """Seconds from writing the new raw file until the served index holds it; None if it never did."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError:
        return 0, b""


def _status(url: str) -> int:
    return _fetch(url)[0]


def _indexed_releases(base: str) -> int | None:
    """How many releases the served search index holds; None while it serves none."""
    status, body = _fetch(base + "pagefind/pieces.json")
    return int(json.loads(body)["releases"]) if status == 200 else None


def _wait_indexed(base: str, releases: int | None, seconds: float, process: subprocess.Popen[bytes]) -> float | None:
    """The moment the served index holds `releases` releases (None: any), polled every 100 ms; None
    after `seconds` or when the server stopped."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        held = _indexed_releases(base)
        if held is not None and releases in (None, held):
            return time.monotonic()
        time.sleep(POLL_SECONDS)
    return None


def _wait_200(url: str, seconds: float, process: subprocess.Popen[bytes]) -> float | None:
    """The moment (`time.monotonic()`) `url` answered 200, polled every 100 ms; None after `seconds`
    or when the server stopped."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if _status(url) == 200:
            return time.monotonic()
        time.sleep(POLL_SECONDS)
    return None


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: the server and its MkDocs only
        process.wait()


def startup_seconds(size: int) -> float:
    """How long to wait for the preview to serve: MkDocs builds the whole site, in one process."""
    return 120.0 + size / 20


def measure_preview(project: Path, size: int, target: Path, text: str, page: str, log: Path) -> Preview | None:
    """Serve `project`, write `text` to `target` (a new raw release) once it serves its search
    index, and time until `page` (a site path such as `releases/<id>/`) answers 200 and until the
    index holds it. The file is removed afterwards. None when the preview did not start in time
    (its output is in `log`)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*PRESS_ARCHIVE, "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            serving = _wait_200(base, startup_seconds(size), process)
            indexed = _wait_indexed(base, None, startup_seconds(size), process) if serving else None
            time.sleep(RELOAD_SECONDS)
            before = _indexed_releases(base)  # answered once that rebuild is done
            if serving is None or indexed is None or before is None:
                return None
            target.parent.mkdir(parents=True, exist_ok=True)
            written = time.monotonic()
            target.write_bytes(text.encode("utf-8"))
            shown = _wait_200(base + page, SHOWN_WITHIN, process)
            searchable = _wait_indexed(base, before + 1, SHOWN_WITHIN, process)
            return Preview(
                serving - started,
                None if shown is None else shown - written,
                indexed - started,
                None if searchable is None else searchable - written,
            )
        finally:
            _stop(process)
            target.unlink(missing_ok=True)



def _seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="releases in the synthetic project")
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out" / "preview")
    args = parser.parse_args(argv)
    from generator.readers.common import release_id

    project = args.work / str(args.size)
    if not (project / "mkdocs.yml").is_file():  # kept between runs: the same N writes the same bytes
        synth.write_project(args.size, project)
    # Not timed: the preview of an archive that `generate` has seen (its cache and pages are there).
    subprocess.run([*PRESS_ARCHIVE, "generate", "--root", str(project)], cwd=project, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path, text = list(synth.releases(args.size + 1, synth.SEED, project / "archive").items())[-1]
    page = f"releases/{release_id(Path(path).stem)}/"
    result = measure_preview(project, args.size, project / "archive" / path, text, page, args.work / "serve.log")
    if result is None:
        print(f"{args.size}: the preview did not start (see {args.work / 'serve.log'})", file=sys.stderr)
        return 1
    print(f"{args.size} releases: serving after {result.startup:.1f} s, search index after "
          f"{_seconds(result.indexed)}; new release shown {_seconds(result.shown)}, searchable "
          f"{_seconds(result.searchable)} after the save")
    return 0 if result.shown is not None and result.searchable is not None else 1


if __name__ == "__main__":
    sys.exit(main())
