"""Pages saved from five kinds of newsroom: each layout's metadata (JSON-LD, Open Graph, `<meta>`,
`<time>`, or only the text) is found, the page's own JSON-LD/Open Graph win over heuristics, and the
page furniture (navigation, cookie banners, share buttons, "related news" boxes) stays out of the body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.extract import Draft, extract
from generator.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def draft_of(name: str) -> Draft:
    path = f"tests/fixtures/html/{name}"
    return extract(read((FIXTURES / name).read_bytes(), path))


def body_of(draft: Draft) -> str:
    return "\n".join(block.text for block in draft.release.body)


# name → (title, date, author, place, outlet, first source candidate, first words of the body, last body text)
LAYOUTS = {
    # An agency page with JSON-LD NewsArticle (the original fixture set).
    "jsonld-newsroom.html": None,
    "opengraph-newsroom.html": None,
    "h1-time-newsroom.html": None,
    # A company's WordPress newsroom: Yoast JSON-LD @graph, Open Graph, <time>, cookie bar, share
    # buttons, "You may also like", a sidebar and a newsletter form.
    "wordpress-company-newsroom.html": (
        "Fabrikam Opens Battery Recycling Plant in Ohio",  # JSON-LD headline, not the "Press Release:" <h1>
        dt.date(2022, 4, 12),
        (),  # "Fabrikam Communications" is the desk, not a byline
        "LIMA, Ohio",
        None,
        "Fabrikam, Inc.",
        "Fabrikam, Inc. today opened a battery recycling plant in Lima",
        "Fabrikam, Inc. makes and recycles industrial batteries. It is headquartered in Columbus, Ohio.",
    ),
    # A state agency's Drupal page with no metadata at all: the headline is an <h2>, the date only in
    # the dateline under "FOR IMMEDIATE RELEASE"; a "More news" view below the text.
    "text-only-agency-newsroom.html": (
        "Drought Restrictions Eased in Three Counties",
        dt.date(2023, 6, 14),
        (),
        "SACRAMENTO, Westland",
        None,
        "State Water Resources Board",
        "The State Water Resources Board on Wednesday eased drought restrictions",
        "Restrictions remain in place in the four southern counties, where groundwater levels are still below normal.",
    ),
    # A GOV.UK-style press release: JSON-LD with an Organization author (the ministry) on a site whose
    # publisher is the portal; cookie banner, breadcrumbs, related-content sidebar, share links.
    "govuk-style-newsroom.html": (
        "New rail line to link Northgate and Eastport",
        dt.date(2023, 9, 21),
        (),
        None,
        None,
        "Department for Transport",
        "A new 40-mile rail line will link Northgate and Eastport by 2030",
        "The business case for the line is published alongside this announcement.",
    ),
    # A wire-service page: only Open Graph and an author <meta>; the JSON-LD describes the site; the
    # dateline is "BOSTON, March 7, 2024 /PRNewswire/ --"; contact block and "SOURCE …" line at the end.
    "wire-service-newsroom.html": (
        "Contoso Health to Acquire Northwind Labs for $1.2 Billion",
        dt.date(2024, 3, 7),
        (),
        "BOSTON",
        "PRNewswire",
        "Contoso Health Inc.",
        "Deal adds rapid diagnostic tests to Contoso's portfolio",
        "Contoso Health Inc. develops medical devices and diagnostics. "
        "For more information, visit www.contosohealth.example.",
    ),
}

FURNITURE = {
    "wordpress-company-newsroom.html": [
        "We use cookies",
        "Accept",
        "Share this",
        "Twitter",
        "You may also like",
        "Fourth-Quarter Results",
        "Get our news by e-mail",
        "Media Kit",
        "Copyright",
        "Press Release:",
    ],
    "text-only-agency-newsroom.html": [
        "cookies",
        "official website",
        "Permits",
        "Home",
        "More news",
        "Reservoir Levels",
        "FOR IMMEDIATE RELEASE",
        "Media contact",
        "###",
        "1001 I Street",
        "gtag",
    ],
    "govuk-style-newsroom.html": [
        "Cookies on GOV.UK",
        "essential cookies",
        "Driving and transport",
        "Related content",
        "Rail investment 2023",
        "Share this page",
        "Facebook",
        "Open Government Licence",
        "js-enabled",
    ],
    "wire-service-newsroom.html": [
        "Accept All Cookies",
        "Related Links",
        "Also from this source",
        "Fourth-Quarter Results",
        "Explore",
        "Media Contact",
        "617-555-0180",
        "SOURCE Contoso",
        "Cision",
        "News provided by",
    ],
}


def test_at_least_five_newsroom_layouts() -> None:
    assert len(list(FIXTURES.glob("*.html"))) >= 5
    assert len([name for name, fields in LAYOUTS.items() if fields]) + 3 >= 7


@pytest.mark.parametrize("name", [name for name, fields in LAYOUTS.items() if fields])
def test_fields_of_each_layout(name: str) -> None:
    title, date, author, place, outlet, source, first, last = LAYOUTS[name]  # type: ignore[misc]
    draft = draft_of(name)
    release = draft.release
    assert release.title == title
    assert release.date == date
    assert release.author == author
    assert release.place == place
    assert release.outlet == outlet
    assert draft.source_candidates[0].value == source
    assert release.body[0].text.startswith(first)
    assert release.body[-1].text == last


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_furniture_stays_out_of_the_body(name: str) -> None:
    body = body_of(draft_of(name))
    for text in FURNITURE[name]:
        assert text not in body, text


def test_json_ld_headline_wins_over_the_h1_and_the_og_title() -> None:
    doc = read((FIXTURES / "wordpress-company-newsroom.html").read_bytes(), "x.html")
    assert (doc.meta["title"].value, doc.meta["title"].how) == (
        "Fabrikam Opens Battery Recycling Plant in Ohio",
        "json-ld",
    )
    # Every timestamp of the page is in UTC (+00:00), so the day shown under the headline says the
    # local day; here it is the same day.
    assert (doc.meta["date"].value, doc.meta["date"].how) == (dt.date(2022, 4, 12), "visible")
    assert doc.meta["topics"].value == ("Recycling", "Manufacturing", "Ohio")


def test_the_page_date_wins_over_the_dateline_of_the_text() -> None:
    page = (FIXTURES / "wordpress-company-newsroom.html").read_text(encoding="utf-8")
    page = page.replace("LIMA, Ohio, April 12, 2022", "LIMA, Ohio, April 11, 2022")
    draft = extract(read(page.encode(), "x.html"))
    assert draft.release.date == dt.date(2022, 4, 12)
    assert draft.release.place == "LIMA, Ohio"


def test_a_generic_page_title_is_not_a_headline() -> None:
    doc = read((FIXTURES / "text-only-agency-newsroom.html").read_bytes(), "x.html")
    assert doc.meta["title"].value == "Drought Restrictions Eased in Three Counties"
    assert doc.blocks is not None and doc.blocks[0].text != "Drought Restrictions Eased in Three Counties"
