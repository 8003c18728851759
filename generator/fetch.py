"""`press-archive fetch`: new releases from newsroom feeds and sitemaps, saved as `new` saves them.

Each page is downloaded once, politely (robots.txt, a delay per host, timeouts, retries with
backoff, a User-Agent naming the archive), and saved byte for byte under the name `new` would
give it, atomically and never over a file. A release already in the archive — by its URL, its
canonical URL, or its text (the republication check) — is skipped. A feed that fails is one
`Outcome` naming it; the other feeds go on.
"""

from __future__ import annotations

import os
import tempfile
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser
import requests
import urllib3
import yaml
from lxml import etree
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from generator.enrich.republications import THRESHOLD, jaccard, shingles, signature_of, words_of
from generator.errors import ReleaseError
from generator.extract import extract
from generator.feeds_config import Feed
from generator.model import Release
from generator.new import plan
from generator.readers import read
from generator.urls import site_host, usable_url

AGENT = "press-archive"
"""The robots.txt token; the User-Agent adds the archive's address so a newsroom can reach it."""
MAX_BYTES = 2 * 1024 * 1024
"""Largest page or feed read: a release is a few kilobytes; anything bigger is not one."""
MAX_REDIRECTS = 5
TIMEOUT = 20.0
DELAY = 2.0
"""Seconds between two requests to one host."""
RETRIES = 3
# Content types a page is saved as: the extension picks the reader (and is kept in the file name).
SUFFIXES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md"}
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class FetchError(Exception):
    """A feed or page that could not be read; the message says why and is shown after its URL."""


@dataclass(frozen=True)
class Outcome:
    """One line of the report: `saved`, `duplicate`, `skipped` (robots.txt) or `error`."""

    status: str
    feed: str
    url: str
    message: str = ""
    path: Path | None = None


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    content_type: str


@dataclass
class Client:
    """HTTP with retries and backoff, a delay per host, robots.txt, same-site redirects and a size cap."""

    user_agent: str
    timeout: float = TIMEOUT
    delay: float = DELAY
    max_bytes: int = MAX_BYTES
    retries: int = RETRIES
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    session: requests.Session = field(default_factory=requests.Session)
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Redirects are followed by `get`, one hop at a time, so each is checked against the site.
        retry = Retry(total=self.retries, connect=self.retries, read=self.retries, redirect=0, backoff_factor=0.5,
                      status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET",),
                      raise_on_status=False, raise_on_redirect=False)
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = self.user_agent

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets this archive read it."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(base)
        if robots is None:
            robots = urllib.robotparser.RobotFileParser(base + "/robots.txt")
            try:
                response = self._request(base + "/robots.txt")
                status, body = response.status_code, self._read(response, base + "/robots.txt")
            except (FetchError, requests.RequestException):
                status, body = 404, b""
            if status >= 500:
                body = b"User-agent: *\nDisallow: /\n"  # the site is in trouble: come back later
            elif status >= 400:
                body = b""  # no robots.txt: everything is allowed
            robots.parse(body.decode("utf-8", "replace").splitlines())
            self._robots[base] = robots
        return robots.can_fetch(AGENT, url)

    def get(self, url: str) -> Page:
        """The document at `url`, following redirects that stay on its site. Raises FetchError."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = self._request(current)
            except requests.RequestException as error:
                raise FetchError(self._failure(error)) from None
            if response.is_redirect:
                target = urljoin(current, response.headers.get("Location", ""))
                response.close()
                if not same_site(url, target):
                    raise FetchError(f"redirects off the site to {target} — add the page by hand if it is the release")
                current = target
                continue
            if response.status_code >= 400:
                response.close()
                raise FetchError(f"HTTP {response.status_code} — check the address, or try again later")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return Page(current, self._read(response, current), content_type)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects — check the address")

    def _failure(self, error: requests.RequestException) -> str:
        # Once retries run out, urllib3 wraps a read timeout in MaxRetryError (a ConnectionError here).
        reason = getattr(error.args[0] if error.args else None, "reason", None)
        if isinstance(error, requests.Timeout) or isinstance(reason, TimeoutError | urllib3.exceptions.TimeoutError):
            return f"timed out after {self.timeout:g} s — try again later"
        return f"cannot connect ({type(reason or error).__name__}) — check the address, or try again later"

    def _request(self, url: str) -> requests.Response:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None and (wait := last + self.delay - self.clock()) > 0:
            self.sleep(wait)
        try:
            return self.session.get(url, timeout=self.timeout, stream=True, allow_redirects=False)
        finally:
            self._last[host] = self.clock()

    def _read(self, response: requests.Response, url: str) -> bytes:
        """The body, read in chunks up to the size limit: a huge page never fills the memory."""
        with response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(f"is {int(declared):,} bytes, more than the limit of {self.max_bytes:,}")
            chunks, size = [], 0
            try:
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"is more than the limit of {self.max_bytes:,} bytes")
                    chunks.append(chunk)
            except requests.RequestException:
                raise FetchError(f"timed out after {self.timeout:g} s — try again later") from None
            return b"".join(chunks)


def same_site(a: str, b: str) -> bool:
    """Same host (a `www.` in front does not count) over http(s): a newsroom moving to https stays."""
    first, second = urlsplit(a), urlsplit(b)
    if second.scheme not in ("http", "https"):
        return False
    return site_host(a) == site_host(b) and (first.port == second.port or second.scheme == "https")


def url_key(url: str) -> str:
    """What makes two addresses one page: scheme, `www.`, fragment and a trailing slash do not."""
    parts = urlsplit(url.strip())
    host = site_host(url.strip()) + (f":{parts.port}" if parts.port else "")
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", parts.query, ""))


def links_of(feed: Feed, page: Page, client: Client) -> list[str]:
    """The release pages a feed or sitemap lists, in its order. Raises FetchError."""
    head = page.body[:512].lstrip().lower()
    if page.content_type in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        raise FetchError("returns an HTML page, not a feed — check the feed's address")
    start = page.body[:2048]
    kind = feed.kind or ("sitemap" if b"<urlset" in start or b"<sitemapindex" in start else "feed")
    return _sitemap_links(page, client, nested=True) if kind == "sitemap" else _feed_links(page)


def _feed_links(page: Page) -> list[str]:
    headers = {"content-location": page.url, "content-type": page.content_type or "application/xml"}
    parsed: Any = feedparser.parse(page.body, response_headers=headers)
    problem = parsed.get("bozo_exception")
    # A feed served as text/plain, or in another encoding than it declares, is still a feed.
    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if parsed.get("bozo") and not isinstance(problem, harmless):
        raise FetchError(f"is not a valid RSS or Atom feed ({problem}) — check the feed's address")
    if not parsed.get("version"):
        raise FetchError("is not an RSS or Atom feed — check the feed's address, or set kind: sitemap")
    return [urljoin(page.url, entry.link) for entry in parsed.entries if entry.get("link")]


def _sitemap_links(page: Page, client: Client, nested: bool) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(page.body, parser)
    except etree.XMLSyntaxError as error:
        raise FetchError(f"is not valid XML ({error}) — check the sitemap's address") from None
    locs = [urljoin(page.url, (loc.text or "").strip()) for loc in root.iter(f"{_SITEMAP_NS}loc")]
    if root.tag == f"{_SITEMAP_NS}urlset":
        return locs
    if root.tag == f"{_SITEMAP_NS}sitemapindex" and nested:
        # A sitemap index lists sitemaps (one level: an index of indexes is not followed).
        return [link for loc in locs if client.allowed(loc) for link in _sitemap_links(client.get(loc), client, False)]
    raise FetchError(f"is not a sitemap (root element {root.tag}) — check the address, or set kind: feed")


@dataclass
class Known:
    """What the archive already holds: page addresses and texts (the republication check)."""

    urls: set[str] = field(default_factory=set)
    texts: list[tuple[Any, frozenset[str], str]] = field(default_factory=list)

    @classmethod
    def of(cls, releases: Iterable[Release], signatures: dict[str, Any]) -> Known:
        known = cls()
        for release in releases:
            known.add(release, release.id, signatures.get(release.id))
        return known

    def add(self, release: Release, name: str, signature: Any | None = None) -> None:
        if release.source_url:
            self.urls.add(url_key(release.source_url))
        signature = signature if signature is not None else signature_of(release)
        if signature is not None:
            self.texts.append((signature, shingles(words_of(release)), name))

    def twin(self, release: Release) -> str | None:
        """The archive's copy of this text, if any: MinHash to find candidates, exact Jaccard to decide."""
        signature = signature_of(release)
        if signature is None:
            return None
        words = shingles(words_of(release))
        for other, other_words, name in self.texts:
            if (signature == other).mean() >= THRESHOLD - 0.2 and jaccard(words, other_words) >= THRESHOLD:
                return name
        return None


def fetch(
    feeds: Iterable[Feed], client: Client, known: Known, archive: Path, root: Path,
    *, limit: int | None = None, dry_run: bool = False,
) -> Iterator[Outcome]:
    """Read every feed and save its new releases; one Outcome per page (or per failed feed)."""
    for feed in feeds:
        try:
            if not client.allowed(feed.url):
                raise FetchError("is disallowed by its site's robots.txt")
            links = links_of(feed, client.get(feed.url), client)
        except FetchError as error:
            yield Outcome("error", feed.name, feed.url, str(error))
            continue
        seen: set[str] = set()
        for link in links[:limit] if limit is not None else links:
            yield _one(feed, link, seen, client, known, archive, root, dry_run)


def _one(feed: Feed, link: str, seen: set[str], client: Client, known: Known, archive: Path, root: Path,
         dry_run: bool) -> Outcome:
    key = url_key(link)
    if key in seen or key in known.urls:
        return Outcome("duplicate", feed.name, link, "already in the archive" if key not in seen else "listed twice")
    seen.add(key)
    if not usable_url(link):
        return Outcome("error", feed.name, link, "is not an http(s) address")
    if not client.allowed(link):
        return Outcome("skipped", feed.name, link, "disallowed by robots.txt")
    try:
        page = client.get(link)
    except FetchError as error:
        return Outcome("error", feed.name, link, str(error))
    suffix = SUFFIXES.get(page.content_type)
    if suffix is None:
        return Outcome("error", feed.name, link, f"is {page.content_type or 'of no content type'}, not a page")
    try:
        release = extract(read(page.body, f"{link}{suffix}")).release
    except ReleaseError as error:
        return Outcome("error", feed.name, link, f"{error.problem.message} — {error.problem.hint}")
    for address in (page.url, release.source_url):
        if address and url_key(address) in known.urls:
            return Outcome("duplicate", feed.name, link, f"{address} is already in the archive")
    twin = known.twin(release)
    if twin is not None:
        return Outcome("duplicate", feed.name, link, f"same text as {twin}")
    raw = with_presets(page.body, suffix, feed, release)
    try:
        planned = plan(raw, f"page{suffix}", archive, root)
        if not dry_run:
            save(planned.path, raw)
    except ReleaseError as error:
        return Outcome("error", feed.name, link, f"{error.problem.message} — {error.problem.hint}")
    except FileExistsError:
        return Outcome("error", feed.name, link, "its file name is taken — add it by hand with press-archive new")
    known.urls.update({key, url_key(page.url), url_key(release.source_url or page.url)})
    known.add(release, planned.path.name)
    return Outcome("saved", feed.name, link, "would save" if dry_run else "", planned.path)


def with_presets(body: bytes, suffix: str, feed: Feed, release: Release) -> bytes:
    """A plain-text page gets the feed's `source` and `topics` in a YAML header where it states
    none; the text below stays as received. An HTML or Markdown page is saved unchanged: a raw HTML
    file has no header, and a Markdown post's front matter is the publisher's (see feeds.yml)."""
    if suffix != ".txt":
        return body
    presets: dict[str, Any] = {}
    if feed.source and not release.source:
        presets["source"] = feed.source
    if feed.topics and not release.topics:
        presets["topics"] = list(feed.topics)
    if not presets or body.startswith(b"---"):
        return body
    header = yaml.safe_dump(presets, allow_unicode=True, sort_keys=False)
    return b"---\n" + header.encode() + b"---\n" + body


def save(path: Path, data: bytes) -> None:
    """Write to a temporary file, then link it to its name: a crash leaves no half file, and an
    existing file is never replaced (link fails with FileExistsError, as `new` does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
