"""The archive as a reader browses it: year, month and term lists, links, prev/next, feeds, JSON-LD.

The module builds one site, once: a copy of the repository whose mkdocs.yml asks for 3 releases per
list page (so every kind of list is paginated) and whose archive holds two extra releases that are
one text published by two outlets (so the "Also published as" links are exercised). Then it reads
the built HTML back the way a reader's browser would, without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import lxml.html
import pytest
import yaml

from generator.enrich.republications import find_republications, jaccard, shingles, words_of
from generator.kinds import term_slug
from generator.model import Block, Release, chronological
from generator.pipeline import generate
from generator.render.paths import GENERATED, GENERATED_FILES
from generator.settings import Settings

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SEED = "2017-06-29-isis-on-the-run"
SEED_RAW = "archive/2017/2017-06-29-isis-on-the-run.txt"
PER_PAGE = 3
SITE_URL = "https://press-archive.example.org/"

# One statement as two outlets carried it: different datelines, one word edited by the second.
_STATEMENT = """\
The county water authority today opened three new pumping stations that will bring treated water to more
than forty thousand households in the northern valley, ending a decade of seasonal shortages for farms
and small towns along the river. The stations were built over two years with state and federal grants and
replace wells that ran dry every summer. Residents can expect steadier pressure and fewer boil-water
notices, the authority's director said at the opening ceremony, adding that the next phase will extend
the network to the eastern ridge communities by the end of next year. The authority will hold public
meetings in each town to explain the new billing schedule and to answer questions about the work.
"""
REPUBLISHED = {
    "2020/2020-03-04-valley-water-stations.txt": "Fresno, CA–(ENEWSPF)–March 4, 2020\nBy: Dana Wells\n"
    + _STATEMENT.replace("\n", " ")
    + "\nSource: http://defense.gov\n",
    "2020/2020-03-05-valley-water-stations-wire.txt": "Fresno, CA–(Valley Wire)–March 5, 2020\nBy: Dana Wells\n"
    + _STATEMENT.replace("\n", " ").replace("steadier", "steady")
    + "\nSource: http://defense.gov\n",
}

# Feed links in <head>: rel holds the "alternate" token (with "feed"), type is Atom.
HEAD_FEEDS = (
    "//head/link[contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')][@type='application/atom+xml']/@href"
)


def copy_project(destination: Path) -> Path:
    """The repository's inputs (not its generated pages, site or virtual environment) in a new folder."""
    for name in ("archive", "overrides"):
        shutil.copytree(REPO / name, destination / name)
    skipped = {*GENERATED, *GENERATED_FILES}
    shutil.copytree(
        REPO / "docs",
        destination / "docs",
        ignore=lambda folder, names: [n for n in names if Path(folder) == REPO / "docs" and n in skipped],
    )
    shutil.copy2(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def set_per_page(root: Path, per_page: int) -> None:
    """Edit `extra.press_archive.per_page` in the copy's mkdocs.yml as a person would (text, so any
    `!!python/name` tags in the file survive)."""
    path = root / "mkdocs.yml"
    text, count = re.subn(r"(?m)^(\s+per_page:\s*)\d+", rf"\g<1>{per_page}", path.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml should set extra.press_archive.per_page once"
    path.write_text(text, encoding="utf-8")


def build(root: Path) -> list[Release]:
    """generate + `mkdocs build --strict`, as `press-archive build` does; the releases built."""
    result, _ = generate(Settings.load(root))
    assert not result.errors, [p.format() for p in result.errors]
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return result.releases


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Release]]:
    root = copy_project(tmp_path_factory.mktemp("browse"))
    set_per_page(root, PER_PAGE)
    for name, text in REPUBLISHED.items():
        (root / "archive" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "archive" / name).write_text(text, encoding="utf-8")
    return root / "site", build(root)


@pytest.fixture(scope="module")
def site(project: tuple[Path, list[Release]]) -> Path:
    return project[0]


@pytest.fixture(scope="module")
def releases(project: tuple[Path, list[Release]]) -> list[Release]:
    return project[1]


# --- reading the built HTML -------------------------------------------------------------------


@cache
def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def page_file(site: Path, url_path: str) -> Path:
    """site/ file of a directory-style URL path ('years/2017/' → years/2017/index.html)."""
    target = site / url_path
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative href of `page` points to."""
    path = unquote(urlsplit(href).path)
    base = "" if path.startswith("/") else page.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/"))) + ("/" if path.endswith("/") else "")
    return page_file(site, joined)


def release_id_of(site: Path, page: Path, href: str) -> str | None:
    target = resolve(site, page, href).relative_to(site).as_posix()
    match = re.fullmatch(r"releases/([^/]+)/index\.html", target)
    return match.group(1) if match else None


def list_pages(site: Path, folder: str) -> list[Path]:
    """A paginated list: folder/index.html then folder/page/2/index.html, 3, … in order."""
    first = site / folder / "index.html"
    pages = [first]
    number = 2
    while (site / folder / "page" / str(number) / "index.html").exists():
        pages.append(site / folder / "page" / str(number) / "index.html")
        number += 1
    assert first.exists(), f"{folder}/ was not built"
    return pages


def table_rows(page: Path, table: lxml.html.HtmlElement) -> list[tuple[dt.date, str]]:
    """(date, release id) of each row of a release table, checking its header cells."""
    headers = [th.text_content().strip() for th in table.xpath("./thead/tr/th")]
    assert headers == ["Date", "Title", "Source", "Author"], f"{page}: table headers {headers}"
    rows = []
    for tr in table.xpath("./tbody/tr"):
        date = dt.date.fromisoformat(tr.xpath("./td[1]/time/@datetime")[0])
        href = tr.xpath("./td[2]/a/@href")[0]
        rows.append((date, href))
    return rows


def article(page: Path) -> lxml.html.HtmlElement:
    return parse(page).xpath("//article")[0]


# --- years and months -------------------------------------------------------------------------


def test_every_release_is_in_exactly_one_month_list(site: Path, releases: list[Release]) -> None:
    seen: Counter[str] = Counter()
    month_of: dict[str, str] = {}
    for year in sorted({r.date.year for r in releases}):
        pages = list_pages(site, f"years/{year}")
        assert len(pages) == -(-sum(r.date.year == year for r in releases) // PER_PAGE)
        dates: list[dt.date] = []
        for page in pages:
            rows_on_page = 0
            for heading in article(page).xpath(".//h2"):
                following = heading.getnext()
                tables = following.xpath("descendant-or-self::table") if following is not None else []
                assert len(tables) == 1, f"{page}: '{heading.text_content()}' has no table"
                table = tables[0]
                for date, href in table_rows(page, table):
                    release_id = release_id_of(site, page, href)
                    assert release_id, f"{page}: {href} is not a release page"
                    seen[release_id] += 1
                    month_of[release_id] = heading.text_content().strip("¶ ")
                    assert date.year == year
                    dates.append(date)
                    rows_on_page += 1
            assert 0 < rows_on_page <= PER_PAGE, page
        assert dates == sorted(dates, reverse=True), f"years/{year}/ is not newest first"
    for release in releases:
        assert seen[release.id] == 1, f"{release.id} is listed {seen[release.id]} times"
        assert month_of[release.id] == f"{release.date:%B %Y}"
    assert set(seen) == {r.id for r in releases}


def test_years_index_counts_every_year(site: Path, releases: list[Release]) -> None:
    page = site / "years" / "index.html"
    counts = Counter(r.date.year for r in releases)
    rows = article(page).xpath(".//table/tbody/tr")
    found = {
        int(tr.xpath("./td[1]/a")[0].text_content()): int(tr.xpath("./td[2]")[0].text_content().replace(",", ""))
        for tr in rows
    }
    assert found == dict(counts)
    assert list(found) == sorted(found, reverse=True)


def test_pager_links_every_page_by_number(site: Path, releases: list[Release]) -> None:
    year = Counter(r.date.year for r in releases).most_common(1)[0][0]
    pages = list_pages(site, f"years/{year}")
    assert len(pages) >= 3, "the test archive should need three pages for its busiest year"
    for number, page in enumerate(pages, start=1):
        pager = article(page).xpath(".//nav[@aria-label='Pages']")
        assert pager, f"{page} has no pager"
        targets = {resolve(site, page, href) for href in pager[0].xpath(".//a/@href")}
        assert targets == set(pages) - {page}, f"page {number} should link every other page"
        current = pager[0].xpath(".//*[@aria-current='page']")
        assert [c.text_content().strip() for c in current] == [str(number)]


# --- topics, authors, sources -----------------------------------------------------------------


def _terms(release: Release, kind: str) -> tuple[str, ...]:
    if kind == "topics":
        return release.topics
    if kind == "authors":
        return release.author
    return (release.source,) if release.source else ()


@pytest.mark.parametrize("kind", ["topics", "authors", "sources"])
def test_every_release_is_in_each_of_its_term_lists(site: Path, releases: list[Release], kind: str) -> None:
    expected: dict[str, set[str]] = defaultdict(set)
    for release in releases:
        for name in _terms(release, kind):
            expected[term_slug(name)].add(release.id)
    for slug, ids in expected.items():
        pages = list_pages(site, f"{kind}/{slug}")
        listed: list[str] = []
        dates: list[dt.date] = []
        for page in pages:
            tables = article(page).xpath(".//table")
            assert len(tables) == 1, page
            rows = table_rows(page, tables[0])
            assert 0 < len(rows) <= PER_PAGE
            listed += [release_id_of(site, page, href) or href for _, href in rows]
            dates += [date for date, _ in rows]
        assert sorted(listed) == sorted(ids), f"{kind}/{slug}/ lists the wrong releases"
        assert dates == sorted(dates, reverse=True), f"{kind}/{slug}/ is not newest first"


@pytest.mark.parametrize("kind", ["topics", "authors", "sources"])
def test_term_lists_sort_by_name_and_by_count(site: Path, releases: list[Release], kind: str) -> None:
    counts = Counter(name for r in releases for name in _terms(r, kind))
    by_name = article(site / kind / "index.html")
    by_count = article(site / kind / "by-count" / "index.html")

    def rows(element: lxml.html.HtmlElement) -> list[tuple[str, int]]:
        return [
            (tr.xpath("./td[1]/a")[0].text_content(), int(tr.xpath("./td[2]")[0].text_content().replace(",", "")))
            for tr in element.xpath(".//table/tbody/tr")
        ]

    assert rows(by_name) == sorted(counts.items(), key=lambda item: (item[0].casefold(), item[0]))
    assert rows(by_count) == sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
    # Each order links the other (sorting without JavaScript).
    assert any(
        resolve(site, site / kind / "index.html", h).parent.name == "by-count" for h in by_name.xpath(".//a/@href")
    )
    assert any(
        resolve(site, site / kind / "by-count" / "index.html", h) == site / kind / "index.html"
        for h in by_count.xpath(".//a/@href")
    )


@pytest.mark.parametrize(
    ("vocabulary_file", "name", "folder"),
    [
        ("topics.yml", "ISIS", "topics/isis"),
        ("sources.yml", "U.S. Department of Defense", "sources/us-department-of-defense"),
    ],
)
def test_term_page_has_description_and_links_its_feed(site: Path, vocabulary_file: str, name: str, folder: str) -> None:
    vocabulary = yaml.safe_load((REPO / "archive" / vocabulary_file).read_text(encoding="utf-8"))
    term = next(t for t in vocabulary if t.get("name") == name)  # sources.yml also lists offices
    page = site / folder / "index.html"
    text = " ".join(article(page).text_content().split())
    assert " ".join(term["description"].split()) in text
    head_feeds = parse(page).xpath(HEAD_FEEDS)
    assert len(head_feeds) == 2, "the site's feed and the term's own"
    assert resolve(site, page, head_feeds[-1]) == site / folder / "feed.xml"
    body_feeds = article(page).xpath(".//a[@type='application/atom+xml']/@href")
    assert [resolve(site, page, h) for h in body_feeds] == [site / folder / "feed.xml"]
    if "url" in term:
        assert term["url"] in article(page).xpath(".//a/@href")


def test_author_page_links_its_feed(site: Path) -> None:
    page = site / "authors" / "cheryl-pellerin" / "index.html"
    head_feeds = parse(page).xpath(HEAD_FEEDS)
    assert resolve(site, page, head_feeds[-1]) == site / "authors" / "cheryl-pellerin" / "feed.xml"


# --- release pages ----------------------------------------------------------------------------


def test_previous_next_visit_every_release_once_in_date_order(site: Path, releases: list[Release]) -> None:
    def neighbour(release_id: str, rel: str) -> str | None:
        page = site / "releases" / release_id / "index.html"
        hrefs = parse(page).xpath(f"//nav[contains(@class, 'pa-neighbours')]//a[@rel='{rel}']/@href")
        assert len(hrefs) <= 1
        return release_id_of(site, page, hrefs[0]) if hrefs else None

    firsts = [r.id for r in releases if neighbour(r.id, "prev") is None]
    assert len(firsts) == 1
    chain = [firsts[0]]
    while (following := neighbour(chain[-1], "next")) is not None:
        assert following not in chain, "prev/next runs in a circle"
        assert neighbour(following, "prev") == chain[-1], f"{following}'s previous is not {chain[-1]}"
        chain.append(following)
    assert chain == [r.id for r in chronological(releases)]


def test_republications_link_each_other(site: Path) -> None:
    first, second = (Path(name).stem for name in REPUBLISHED)
    for here, other in ((first, second), (second, first)):
        page = site / "releases" / here / "index.html"
        heading = [h for h in article(page).xpath(".//h2") if h.text_content().strip("¶ ") == "Also published as"]
        assert heading, f"{here} has no 'Also published as'"
        links = heading[0].getnext().xpath(".//a/@href")
        assert [release_id_of(site, page, h) for h in links] == [other]
    seed = article(site / "releases" / SEED / "index.html")
    assert "Also published as" not in seed.text_content()


def test_seed_page_header_and_raw_link(site: Path) -> None:
    page = site / "releases" / SEED / "index.html"
    body = article(page)
    assert [h.text_content().strip("¶ ") for h in body.xpath(".//h1")] == [
        "The Islamic State of Iraq and Syria is on the run in Syria and Iraq"
    ]
    meta = " ".join(body.xpath(".//*[contains(@class, 'pa-meta')]")[0].text_content().split())
    for expected in ("29 June 2017", "Cheryl Pellerin", "U.S. Department of Defense", "Washington, DC", "ENEWSPF"):
        assert expected in meta
    chips = [a.text_content() for a in body.xpath(".//a[contains(@class, 'pa-chip')]")]
    assert chips[:3] == ["ISIS", "Iraq", "Syria"]
    raw = body.xpath(".//*[contains(@class, 'pa-raw')]//a/@href")
    assert raw == [f"https://github.com/press-archive/press-archive/blob/main/{SEED_RAW}"]
    assert body.xpath(".//h2[starts-with(normalize-space(.), 'Related releases')]")


# --- links ------------------------------------------------------------------------------------


@cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(parse(path).xpath("//@id")) | frozenset(parse(path).xpath("//a/@name"))


def test_every_internal_link_resolves(site: Path) -> None:
    broken: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        for element, attribute, href, _ in parse(page).iterlinks():
            if element.tag not in ("a", "link", "img", "script", "source") or attribute not in ("href", "src"):
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = resolve(site, page, href) if parts.path else page
            where = f"{page.relative_to(site)}: {href}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(site)})")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                broken.append(f"{where} (no #{parts.fragment})")
    assert not broken, "\n".join(broken[:40])


# --- home and nav -----------------------------------------------------------------------------


def test_home_page_lists_newest_and_links_every_browse_page(site: Path, releases: list[Release]) -> None:
    page = site / "index.html"
    body = article(page)
    newest = sorted(releases, key=lambda r: (-r.date.toordinal(), r.id))[:20]
    tables = body.xpath(".//table")
    assert len(tables) == 1
    assert [release_id_of(site, page, h) for _, h in table_rows(page, tables[0])] == [r.id for r in newest]
    targets = {resolve(site, page, h) for h in body.xpath(".//a/@href") if not urlsplit(h).scheme}
    for folder in ("years", "topics", "authors", "people", "sources"):
        assert site / folder / "index.html" in targets
    for year in {r.date.year for r in releases}:
        assert site / "years" / str(year) / "index.html" in targets
    assert site / "feed.xml" in targets
    tabs = [" ".join(a.text_content().split()) for a in parse(page).xpath("//nav[contains(@class,'md-tabs')]//a")]
    assert tabs == ["Home", "Years", "Topics", "Authors", "People", "Sources", "About", "Contributing"]


# --- feeds and data ---------------------------------------------------------------------------


def test_site_feed_holds_the_newest_fifty(site: Path, releases: list[Release]) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    newest = sorted(releases, key=lambda r: (-r.date.toordinal(), r.id))[:50]
    assert [e.link for e in feed.entries] == [f"{SITE_URL}releases/{r.id}/" for r in newest]
    head = parse(site / "index.html").xpath(HEAD_FEEDS)
    assert resolve(site, site / "index.html", head[0]) == site / "feed.xml"


@pytest.mark.parametrize(
    ("feed_path", "title"),
    [
        ("topics/isis/feed.xml", "Press Archive: ISIS"),
        ("authors/cheryl-pellerin/feed.xml", "Press Archive: Cheryl Pellerin"),
        ("sources/us-department-of-defense/feed.xml", "Press Archive: U.S. Department of Defense"),
    ],
)
def test_term_feeds_hold_the_seed(site: Path, feed_path: str, title: str) -> None:
    feed = feedparser.parse((site / feed_path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == title
    assert feed.feed.link == SITE_URL + feed_path.removesuffix("feed.xml")
    entry = next(e for e in feed.entries if e.link == f"{SITE_URL}releases/{SEED}/")
    assert entry.title == "The Islamic State of Iraq and Syria is on the run in Syria and Iraq"
    assert entry.id == entry.link
    assert entry.published_parsed[:3] == (2017, 6, 29)
    assert [a.name for a in entry.authors] == ["Cheryl Pellerin"]
    assert {"ISIS", "Iraq", "Syria", "Raqqa"} <= {t.term for t in entry.tags}
    assert entry.summary.startswith("The Islamic State of Iraq and Syria is on the run")


def test_releases_json_holds_every_release(site: Path, releases: list[Release]) -> None:
    records = json.loads((site / "releases.json").read_text(encoding="utf-8"))["releases"]
    assert sorted(r["id"] for r in records) == sorted(r.id for r in releases)
    seed = next(r for r in records if r["id"] == SEED)
    assert seed["date"] == "2017-06-29"
    assert seed["author"] == ["Cheryl Pellerin"]
    assert seed["source"] == "U.S. Department of Defense"
    assert seed["raw"] == SEED_RAW
    assert seed["url"] == f"{SITE_URL}releases/{SEED}/"


def test_seed_json_ld_open_graph_and_canonical(site: Path) -> None:
    html = parse(site / "releases" / SEED / "index.html")
    url = f"{SITE_URL}releases/{SEED}/"
    assert html.xpath("//head/link[@rel='canonical']/@href") == [url]
    og = {m.get("property"): m.get("content") for m in html.xpath("//head/meta[@property]")}
    assert og["og:type"] == "article"
    assert og["og:url"] == url
    assert og["og:title"] == "The Islamic State of Iraq and Syria is on the run in Syria and Iraq"
    assert og["article:published_time"] == "2017-06-29"
    assert og["og:description"].startswith("The Islamic State of Iraq and Syria")
    scripts = html.xpath("//script[@type='application/ld+json']/text()")
    assert len(scripts) == 1
    ld = json.loads(scripts[0])
    assert ld["@context"] == "https://schema.org"
    assert ld["@type"] == "NewsArticle"
    assert ld["headline"] == og["og:title"]
    assert ld["datePublished"] == "2017-06-29"
    assert ld["author"] == [{"@type": "Person", "name": "Cheryl Pellerin"}]
    assert ld["publisher"] == {"@type": "Organization", "name": "U.S. Department of Defense"}
    assert ld["url"] == url
    assert ld["isBasedOn"] == "http://defense.gov"
    assert ld["locationCreated"]["name"] == "Washington, DC"
    assert {"ISIS", "Iraq", "Syria"} <= set(ld["keywords"])
    assert ld["description"].startswith("The Islamic State of Iraq and Syria")


def test_sitemap_lists_every_release(site: Path, releases: list[Release]) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert {f"{SITE_URL}releases/{r.id}/" for r in releases} <= locations


# --- republications, without a build ----------------------------------------------------------


def _release(release_id: str, text: str, day: int) -> Release:
    body = (Block(kind="paragraph", text=text),)
    return Release(id=release_id, title=release_id, date=dt.date(2020, 3, day), body=body)


def test_republications_need_exact_jaccard_at_the_threshold() -> None:
    words = [f"w{i}" for i in range(200)]
    base = _release("b-original", " ".join(words), 4)
    copy = _release("a-copy", " ".join(words[:-6]), 5)  # 6 words shorter: Jaccard 190/196
    edited = _release("c-edited", " ".join(w if i % 20 else "x" for i, w in enumerate(words)), 6)  # 10 edits
    short = _release("d-short", "Too short to be anything but alike by chance.", 7)
    short_copy = _release("e-short", "Too short to be anything but alike by chance.", 8)
    releases = [base, copy, edited, short, short_copy]
    assert jaccard(shingles(words_of(base)), shingles(words_of(copy))) >= 0.8
    assert jaccard(shingles(words_of(base)), shingles(words_of(edited))) < 0.8
    found = find_republications(releases)
    assert found == {"b-original": ("a-copy",), "a-copy": ("b-original",)}
    assert find_republications(list(reversed(releases))) == found
    assert list(found) == sorted(found)
