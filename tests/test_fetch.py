"""`press-archive fetch`: feeds and sitemaps served from tests/fixtures/fetch/ by a local server."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.feeds_config import Feed, load_feeds
from generator.fetch import Client, Known, Outcome, fetch, save
from generator.pipeline import load_archive
from generator.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fetch"
HUGE = 5 * 1024 * 1024
BRIDGE = "2021-07-07-the-city-will-close-the-old-river-bridge-for-repairs-from.txt"
TIMEOUT = 0.5
DELAY = 0.01
TYPES = {".xml": "application/xml", ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
LIBRARY = (
    "Springfield – February 2, 2021\n"
    "The county library system will open three new branches in the spring, expanding evening hours and adding "
    "study rooms for students who need a quiet place to work after school.\n"
    "The branches will be built on land donated by the city, and construction is expected to finish in March, "
    "the library director told the county council at its monthly meeting.\n"
)


class Handler(BaseHTTPRequestHandler):
    """Fixture files by name, plus the misbehaving pages: off-site redirect, 5 MB, too slow."""

    log: list[str]

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.log.append(self.path)
        name = self.path.rsplit("/", 1)[-1]
        if name == "moved.html":
            self._send(302, b"", "text/html", Location="http://elsewhere.invalid/release.html")
        elif name == "huge.html":
            # No Content-Length: the limit must hold while reading, not only by the header.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(ConnectionError):  # the client stops reading at its limit
                self.wfile.write(b"<html><body><p>" + b"x" * HUGE + b"</p></body></html>")
        elif name in ("slow.html", "slow.xml"):
            time.sleep(TIMEOUT * 3)
            self._send(200, (FIXTURES / "rss.xml").read_bytes(), "application/xml")
        elif name == "news.html":
            self._send(200, (FIXTURES / "harbor.html").read_bytes(), TYPES[".html"])
        elif (FIXTURES / name).is_file() and name:
            self._send(200, (FIXTURES / name).read_bytes(), TYPES.get(Path(name).suffix, "text/plain"))
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    log: list[str] = []
    handler = type("FixtureHandler", (Handler,), {"log": log})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", log
    httpd.shutdown()
    httpd.server_close()


def _project(tmp_path: Path, base: str) -> Path:
    """An archive holding one release known by its URL and one with the republished page's text."""
    folder = tmp_path / "archive" / "2021"
    folder.mkdir(parents=True)
    (folder / "2021-01-01-known.txt").write_text(
        "Springfield – January 1, 2021\nA release already in the archive, known by the address it came from, "
        "which the feed lists again.\n"
        f"Source: {base}/releases/known.html\n"
    )
    (folder / "2021-02-02-library.txt").write_text(LIBRARY)
    return tmp_path


def _run(tmp_path: Path, base: str, feeds: list[Feed], **client: object) -> tuple[list[Outcome], Client]:
    root = _project(tmp_path, base)
    result = load_archive(Settings.load(root))
    options: dict[str, object] = {"timeout": TIMEOUT, "delay": DELAY, "retries": 0, "max_bytes": 1024 * 1024}
    options.update(client)
    fetcher = Client(user_agent="press-archive/1.0 (+https://example.org/archive/)", **options)  # type: ignore[arg-type]
    known = Known.of(result.releases, result.signatures)
    return list(fetch(feeds, fetcher, known, root / "archive", root)), fetcher


def _by_url(outcomes: list[Outcome]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for outcome in outcomes:
        found.setdefault(outcome.url.rsplit("/", 1)[-1], []).append(outcome.status)
    return found


def test_feeds_sitemaps_and_misbehaving_pages(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    base, log = server
    feeds = [
        Feed("broken", f"{base}/broken.xml"),
        Feed("html", f"{base}/news.html"),
        Feed("slow", f"{base}/slow.xml"),
        Feed("rss", f"{base}/rss.xml"),
        Feed("atom", f"{base}/atom.xml", source="City of Springfield", topics=("Transportation",)),
        Feed("sitemap", f"{base}/sitemap.xml", kind="sitemap"),
    ]
    outcomes, _ = _run(tmp_path, base, feeds)
    errors = [o for o in outcomes if o.status == "error"]
    # A broken, HTML or slow feed is one error naming it; the feeds after it are still read.
    feed_errors = {o.feed: o.message for o in errors if o.url.endswith((".xml", "news.html"))}
    assert set(feed_errors) == {"broken", "html", "slow"}
    assert "not a valid RSS or Atom feed" in feed_errors["broken"]
    assert "HTML page, not a feed" in feed_errors["html"]
    assert "timed out" in feed_errors["slow"]
    statuses = _by_url(outcomes)
    assert statuses["harbor.html"] == ["saved", "duplicate", "duplicate"]  # twice in rss, again in the sitemap
    assert statuses["known.html"] == ["duplicate"]
    assert statuses["library-republished.html"] == ["duplicate"]
    assert statuses["secret.html"] == ["skipped"]
    assert statuses["moved.html"] == statuses["huge.html"] == statuses["slow.html"] == ["error"]
    assert statuses["bridge.txt"] == statuses["school.html"] == ["saved"]
    messages = {o.url.rsplit("/", 1)[-1]: o.message for o in outcomes}
    assert "off the site" in messages["moved.html"]
    assert "limit" in messages["huge.html"]
    assert "same text as 2021-02-02-library" in messages["library-republished.html"]
    # Never downloaded: known by URL, disallowed by robots.txt, listed a second time.
    assert "/releases/known.html" not in log and "/private/secret.html" not in log
    assert log.count("/releases/harbor.html") == 1
    # Saved byte for byte; a plain-text page gets the feed's presets in a header above the text.
    archive = tmp_path / "archive" / "2021"
    saved = {o.path.name: o.path for o in outcomes if o.status == "saved" and o.path}
    assert set(saved) == {
        "2021-03-03-harbor-authority-to-dredge-shipping-channel.html",
        "2021-04-12-board-approves-new-reading-curriculum.html",
        BRIDGE,
    }
    assert saved["2021-03-03-harbor-authority-to-dredge-shipping-channel.html"].read_bytes() == (
        FIXTURES / "harbor.html"
    ).read_bytes()
    bridge = saved[BRIDGE].read_bytes()
    header, _, text = bridge.removeprefix(b"---\n").partition(b"---\n")
    assert yaml.safe_load(header) == {"source": "City of Springfield", "topics": ["Transportation"]}
    assert text == (FIXTURES / "bridge.txt").read_bytes()
    assert not [p for p in archive.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_requests_to_one_host_wait_for_the_delay(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    base, log = server
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    # A clock that only moves when the client waits: every request after the first must wait the delay.
    outcomes, _ = _run(tmp_path, base, [Feed("sitemap", f"{base}/sitemap.xml")], delay=7.0, sleep=sleep,
                       clock=lambda: now[0])
    assert [o.status for o in outcomes] == ["saved", "saved"]
    assert log == ["/robots.txt", "/sitemap.xml", "/releases/school.html", "/releases/harbor.html"]
    assert waits == [7.0, 7.0, 7.0]


def test_dry_run_saves_nothing(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    base, _ = server
    root = _project(tmp_path, base)
    result = load_archive(Settings.load(root))
    client = Client(user_agent="press-archive/1.0", timeout=TIMEOUT, delay=0, retries=0)
    known = Known.of(result.releases, result.signatures)
    outcomes = list(fetch([Feed("atom", f"{base}/atom.xml")], client, known, root / "archive", root, dry_run=True))
    assert [(o.status, o.message) for o in outcomes] == [("saved", "would save")]
    assert not (root / "archive" / "2021" / BRIDGE).exists()


def test_save_never_replaces_and_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "2021" / "a.html"
    save(target, b"first")
    with pytest.raises(FileExistsError):
        save(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.html"]


def test_cli_prints_one_line_per_page_and_a_summary(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    base, _ = server
    root = _project(tmp_path, base)
    result = CliRunner().invoke(app, ["fetch", f"{base}/atom.xml", f"{base}/broken.xml", "--root", str(root)])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1
    assert lines[0] == f"saved archive/2021/{BRIDGE} from {base}/releases/bridge.txt"
    assert lines[1].startswith(f"{base}/broken.xml: error: is not a valid RSS or Atom feed")
    assert lines[2] == "fetched 2 feeds: 1 saved, 0 skipped as duplicates, 1 errors"


def test_feeds_yml_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yml"
    path.write_text("- name: ok\n  url: https://example.org/feed.xml\n- name: bad\n  url: ftp://example.org/\n")
    with pytest.raises(Exception, match="url") as caught:
        load_feeds(path, "archive/feeds.yml")
    assert caught.value.problem.format().startswith("archive/feeds.yml:3: error:")  # type: ignore[attr-defined]
    path.write_text("[]\n")
    assert load_feeds(path, "archive/feeds.yml") == []


def test_the_sample_feeds_yml_fetches_nothing() -> None:
    sample = Path(__file__).resolve().parents[1] / "archive" / "feeds.yml"
    assert sample.is_file() and load_feeds(sample, "archive/feeds.yml") == []
