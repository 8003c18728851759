"""People quoted in the built sample site: the list, a page and a feed per person, linked both ways."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
import pytest

from generator.kinds import term_slug

pytestmark = pytest.mark.e2e

SEED = "2017-06-29-isis-on-the-run"
ROLE = "Combined Joint Task Force Operation Inherent Resolve spokesman Army Col."


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site / "site"


def test_people_list_links_each_person_with_a_count(site: Path) -> None:
    page = lxml.html.parse(str(site / "people" / "index.html")).getroot()
    rows = {a.text_content(): a.get("href") for a in page.xpath(".//article//table//a")}
    assert rows["Ryan Dillon"] == "ryan-dillon/"
    assert (site / "people" / "by-count" / "index.html").exists()
    assert "People" in [a.text_content().strip() for a in page.xpath(".//nav//a")]


def test_person_page_lists_the_release_with_its_role_and_links_a_feed(site: Path) -> None:
    folder = site / "people" / term_slug("Ryan Dillon")
    page = lxml.html.parse(str(folder / "index.html")).getroot()
    cells = page.xpath(".//article//table//td")
    assert any(SEED in (a.get("href") or "") for cell in cells for a in cell.xpath(".//a"))
    assert [span.text_content() for span in page.xpath(".//*[@class='pa-role']")] == [ROLE]
    feed = feedparser.parse((folder / "feed.xml").read_bytes())
    assert [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries] == [SEED]


def test_release_page_links_the_people_it_quotes_and_home_counts_them(site: Path) -> None:
    page = lxml.html.parse(str(site / "releases" / SEED / "index.html")).getroot()
    labels = [dt.text_content() for dt in page.xpath(".//dl[@class='pa-meta']/dt")]
    quoted = page.xpath(".//dl[@class='pa-meta']/dd")[labels.index("Quoted")]
    assert [(a.text_content(), a.get("href")) for a in quoted.xpath(".//a")] == [
        ("Ryan Dillon", "../../people/ryan-dillon/")
    ]
    home = lxml.html.parse(str(site / "index.html")).getroot()
    counts = home.xpath(".//*[@class='pa-counts']//a")
    assert any(a.get("href") == "people/" and a.text_content() == "people" for a in counts)
