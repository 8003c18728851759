"""Live-preview latency for benchmarks/build.py: `press-archive serve` on a built project, one new raw
release written into archive/, seconds until its page answers 200 on 127.0.0.1.

Every loop is bounded and the server only listens on the loopback interface; it is stopped with
SIGINT (what Ctrl-C sends: `press-archive serve` then stops MkDocs), killed with its process group
if it does not stop."""

from __future__ import annotations

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

from measuring import ENV

PRESS_ARCHIVE = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())"]
POLL_SECONDS = 0.1
SHOWN_WITHIN = 120.0
STOP_SECONDS = 30.0


@dataclass
class Preview:
    startup: float
    """Seconds from starting `press-archive serve` until its home page answers 200."""
    shown: float | None
    """Seconds from writing the new raw file until its page answers 200; None if it never did."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


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
    """Serve `project`, write `text` to `target` (a new raw release) once it serves, and time until
    `page` (a site path such as `releases/<id>/`) answers 200. The file is removed afterwards.
    None when the preview did not start in time (its output is in `log`)."""
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
            if serving is None:
                return None
            target.parent.mkdir(parents=True, exist_ok=True)
            written = time.monotonic()
            target.write_bytes(text.encode("utf-8"))
            shown = _wait_200(base + page, SHOWN_WITHIN, process)
            return Preview(serving - started, None if shown is None else shown - written)
        finally:
            _stop(process)
            target.unlink(missing_ok=True)

