"""The built site (`press-archive generate` + `mkdocs build --strict`), read as a browser would get it."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import lxml.html
import pytest

from generator.pipeline import discover
from generator.readers.common import release_id
from tests.conftest import SEED, build, make_project

pytestmark = pytest.mark.e2e

SEED_PAGE = "releases/2017-06-29-isis-on-the-run/index.html"
SEED_TITLE = "The Islamic State of Iraq and Syria is on the run in Syria and Iraq"


@cache
def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def article(page: Path) -> lxml.html.HtmlElement:
    (found,) = parse(page).xpath("//article")
    return found


def heading_text(element: lxml.html.HtmlElement) -> str:
    """Heading text without the permalink mark that the toc extension appends."""
    return " ".join("".join(t for t in element.itertext() if t != "¶").split())


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file an internal link of `page` points to, or None for an external or in-page link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    here = "/" + page.relative_to(site).as_posix()
    target = (
        unquote(parts.path)
        if parts.path.startswith("/")
        else posixpath.join(posixpath.dirname(here), unquote(parts.path))
    )
    target = posixpath.normpath(target)
    path = site / target.lstrip("/")
    if href.split("#")[0].split("?")[0].endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def links(page: Path) -> Iterator[tuple[str, str]]:
    for element in parse(page).iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None and element.tag in ("a", "link", "script", "img", "iframe", "source"):
                yield element.tag, value.strip()


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site / "site"


@pytest.fixture(scope="module")
def releases(site: Path) -> list[dict[str, object]]:
    data = json.loads((site / "releases.json").read_text(encoding="utf-8"))
    records: list[dict[str, object]] = data["releases"]
    return records


# The seed's page.


def test_seed_page_title_and_date(site: Path) -> None:
    page = site / SEED_PAGE
    assert page.is_file()
    (h1,) = article(page).xpath(".//h1")
    assert heading_text(h1) == SEED_TITLE
    times = article(page).xpath(".//time[@datetime='2017-06-29']")
    assert times and text_of(times[0]) == "29 June 2017"
    assert parse(page).findtext(".//title") == f"{SEED_TITLE} - Press Archive"


def test_seed_page_author_source_and_place(site: Path) -> None:
    page = site / SEED_PAGE
    body = article(page)
    (author,) = body.xpath(".//a[normalize-space()='Cheryl Pellerin']")
    target = resolve(site, page, author.get("href"))
    assert target is not None and target.is_file()
    assert target.parent.name == "cheryl-pellerin"
    assert body.xpath(".//a[@href='http://defense.gov']"), "a link to the original release"
    (source,) = body.xpath(".//a[normalize-space()='U.S. Department of Defense']")
    source_page = resolve(site, page, source.get("href"))
    assert source_page is not None and source_page.is_file()
    assert "Washington, DC" in text_of(body)
    assert "ENEWSPF" in text_of(body)


def test_seed_page_topic_chips_link_to_topic_pages(site: Path) -> None:
    page = site / SEED_PAGE
    chips = article(page).xpath(".//a[contains(concat(' ', @class, ' '), ' pa-chip ')]")
    names = [text_of(c) for c in chips]
    assert {"ISIS", "Syria", "Iraq", "Raqqa"} <= set(names)
    for chip in chips:
        target = resolve(site, page, chip.get("href"))
        assert target is not None and target.is_file(), chip.get("href")
        assert target.parent.parent.name == "topics"
        (h1,) = article(target).xpath(".//h1")
        assert heading_text(h1) == text_of(chip)


def test_seed_page_subheadings_and_footer(site: Path) -> None:
    page = site / SEED_PAGE
    h2 = [heading_text(h) for h in article(page).xpath(".//h2")]
    assert h2[:3] == ["Syria Operations", "Iraq Operations", "A Common Enemy"]
    text = text_of(parse(page))
    assert "Follow Cheryl Pellerin" not in text
    assert "@PellerinDoDNews" not in text
    assert "Source: http://defense.gov" not in text


def test_seed_page_metadata_for_machines(site: Path) -> None:
    tree = parse(site / SEED_PAGE)
    (og_title,) = tree.xpath("//meta[@property='og:title']/@content")
    assert og_title == SEED_TITLE
    (ld,) = tree.xpath("//script[@type='application/ld+json']")
    data = json.loads(ld.text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == SEED_TITLE
    assert data["datePublished"] == "2017-06-29"
    assert data["author"] == [{"@type": "Person", "name": "Cheryl Pellerin"}]


# The site as a whole.


def test_home_page_lists_the_newest_releases(site: Path, releases: list[dict[str, object]]) -> None:
    home = site / "index.html"
    newest = sorted(releases, key=lambda r: (-dt.date.fromisoformat(str(r["date"])).toordinal(), str(r["id"])))
    listed = []
    for anchor in article(home).xpath(".//table//a"):
        target = resolve(site, home, anchor.get("href"))
        if target is not None and target.parent.parent.name == "releases":
            listed.append(target.parent.name)
    assert listed, "the home page has a table of releases"
    assert listed == [r["id"] for r in newest[: len(listed)]]
    assert len(listed) == min(20, len(releases))


def test_releases_json_has_every_release(built_site: Path, site: Path, releases: list[dict[str, object]]) -> None:
    raw_files = discover(built_site / "archive")
    assert {r["id"] for r in releases} == {release_id(p.stem) for p in raw_files}
    assert len(releases) == len(raw_files)
    for record in releases:
        assert (site / "releases" / str(record["id"]) / "index.html").is_file()
        assert {"title", "date", "author", "topics", "raw", "id", "url"} <= set(record)
    dates = [str(r["date"]) for r in releases]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_feed(site: Path, releases: list[dict[str, object]]) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Press Archive"
    assert 0 < len(feed.entries) <= 50
    assert len(feed.entries) == min(50, len(releases))
    assert all(entry.title for entry in feed.entries)
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True), "newest first"
    seed = next(e for e in feed.entries if e.link.endswith("/releases/2017-06-29-isis-on-the-run/"))
    assert seed.title == SEED_TITLE


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        for tag, href in links(page):
            if href.startswith(("mailto:", "tel:", "data:")):
                continue
            target = resolve(site, page, href)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: <{tag}> {href}")
                continue
            fragment = urlsplit(href).fragment
            if fragment and target.suffix == ".html" and not parse(target).xpath("//*[@id=$id]", id=unquote(fragment)):
                broken.append(f"{page.relative_to(site)}: <{tag}> {href} (no such anchor)")
    assert broken == []


def test_no_unsafe_links_anywhere(site: Path) -> None:
    for page in site.rglob("*.html"):
        for _, href in links(page):
            assert not href.lower().startswith(("javascript:", "vbscript:", "data:text")), f"{page}: {href}"


# A release written to attack the site is shown, never run.

HOSTILE_TITLE = "Hostile </script><img src=x onerror=alert(1)> Release & {{ config.site_name }}"
HOSTILE_BODY = [
    "The lede says <script>alert(1)</script> and then keeps going for a while, so that it is a sentence.",
    "Readers may [click](javascript:alert(1)) here, or read **bold** and _italic_ text, or see {{ config }} inside.",
    "# heading that is not a heading at all, because release text is data and never markup in a page.",
    '> a quote marker, 1. a list marker | a table pipe `code` &amp; an entity --8<-- "snippet.md" {% raw %} too.',
    '<a href="javascript:alert(2)" onclick="alert(3)">a link</a> and <iframe src="https://evil.example"></iframe>.',
    '!!! note "not an admonition" and {: onclick="alert(4)" } and <!-- not a comment --> stay text here.',
]
HOSTILE = "\n".join([HOSTILE_TITLE, "WASHINGTON–(ENEWSPF)–January 2, 2020", "By: Mallory Example", *HOSTILE_BODY])
HOSTILE_PAGE = "releases/2020-01-02-hostile/index.html"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    make_project(project, [SEED], {"2020/2020-01-02-hostile.txt": HOSTILE})
    build(project)
    return project / "site"


def test_hostile_release_runs_no_script(hostile_site: Path) -> None:
    hostile = parse(hostile_site / HOSTILE_PAGE)
    seed = parse(hostile_site / SEED_PAGE)
    scripts = hostile.xpath("//script")
    assert len(scripts) == len(seed.xpath("//script")), "the release added no <script> element"
    for script in scripts:
        if script.get("type") == "application/ld+json":
            assert json.loads(script.text)["headline"] == HOSTILE_TITLE, "JSON-LD holds the title as data"
        else:
            assert "alert" not in (script.text or "") and "alert" not in (script.get("src") or "")
    assert not hostile.xpath("//iframe | //img[@onerror] | //object | //embed")


def test_hostile_release_has_no_event_handlers_or_script_links(hostile_site: Path) -> None:
    for element in parse(hostile_site / HOSTILE_PAGE).iter():
        if not isinstance(element.tag, str):
            continue
        assert not [a for a in element.attrib if a.lower().startswith("on")], lxml.html.tostring(element)[:200]
        for attribute in ("href", "src", "action", "formaction"):
            value = re.sub(r"\s", "", element.get(attribute, "")).lower()
            assert not value.startswith("javascript:"), lxml.html.tostring(element)[:200]


def test_hostile_release_is_shown_verbatim(hostile_site: Path) -> None:
    page = hostile_site / HOSTILE_PAGE
    body = article(page)
    (h1,) = body.xpath(".//h1")
    assert heading_text(h1) == HOSTILE_TITLE
    text = text_of(body)
    for line in HOSTILE_BODY:
        assert " ".join(line.split()) in text, line
    assert [heading_text(h) for h in body.xpath(".//h2 | .//h3 | .//h4")] == []
    # The "Cite this release" block is ours (its <pre><code> holds the BibTeX); the release's text
    # must make no markup of its own anywhere else.
    outside_cite = "[not(ancestor::details[contains(@class, 'pa-cite')])]"
    assert not body.xpath(
        " | ".join(f".//{tag}{outside_cite}" for tag in ("blockquote", "ol", "code", "strong", "em", "table"))
        + " | .//div[@class='admonition note']"
    )
    (cite,) = body.xpath(".//details[contains(@class, 'pa-cite')]")
    assert HOSTILE_TITLE in cite.text_content()
    assert not cite.xpath(".//script | .//img | .//a[not(@class='pa-cite-download')]")
    assert parse(page).findtext(".//title") == f"{HOSTILE_TITLE} - Press Archive"
    (og_title,) = parse(page).xpath("//meta[@property='og:title']/@content")
    assert og_title == HOSTILE_TITLE


def test_hostile_title_is_literal_in_lists_and_feeds(hostile_site: Path) -> None:
    home = hostile_site / "index.html"
    assert HOSTILE_TITLE in [text_of(a) for a in article(home).xpath(".//table//a")]
    feed = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert HOSTILE_TITLE in [e.title for e in feed.entries]
