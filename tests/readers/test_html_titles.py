"""The headline of a saved newsroom page, cleaned of what is not the headline: encoded entities,
a genre label before it, the site's name around it, or a title that is only the site's name."""

from __future__ import annotations

import pytest

from generator.readers import html_file

BODY = (
    "<p>The ministry announced today a programme of grants for coastal towns, worth twelve million over "
    "three years, to restore wetlands and protect harbours from storm surges.</p>"
)


def title_of(head: str, h1: str = "", lang: str = "en") -> tuple[str, str]:
    raw = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}'
        '<meta name="date" content="2023-05-05"></head>'
        f"<body><main><article>{h1}{BODY}</article></main></body></html>"
    ).encode()
    found = html_file.read(raw, "archive/page.html").meta["title"]
    return found.value, found.how


def test_entities_in_a_json_ld_headline_are_decoded() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "The Nation&#8217;s Ports &amp; Harbours Get &quot;Grants&quot;"}</script>'
    )
    assert title_of(ld) == ('The Nation\u2019s Ports & Harbours Get "Grants"', "json-ld")


def test_an_ampersand_that_is_no_entity_stays() -> None:
    ld = (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "R&D grants for AT&T; &param"}</script>'
    )
    assert title_of(ld) == ("R&D grants for AT&T; &param", "json-ld")


@pytest.mark.parametrize(
    ("written", "lang"),
    [
        ("Press release: Grants for coastal towns", "en"),
        ("PRESS RELEASE – Grants for coastal towns", "en"),
        ("Pressemitteilung: Grants for coastal towns", "de"),
        ("Pressemitteilung Nr. 45/2023: Grants for coastal towns", "de"),
        ("Communiqué de presse : Grants for coastal towns", "fr"),
        ("Nota de prensa | Grants for coastal towns", "es"),
    ],
)
def test_a_genre_label_before_the_headline_is_dropped(written: str, lang: str) -> None:
    assert title_of(f'<meta property="og:title" content="{written}">', lang=lang) == (
        "Grants for coastal towns",
        "html meta",
    )


def test_a_label_alone_is_kept_when_nothing_would_remain() -> None:
    assert title_of('<meta property="og:title" content="Press release: Grants">')[0] == "Press release: Grants"


def test_the_site_name_is_not_a_title() -> None:
    head = (
        '<meta property="og:site_name" content="Ministry of Harbours">'
        '<meta property="og:title" content="Ministry of Harbours">'
    )
    assert title_of(head, "<h1>Grants for coastal towns</h1>") == ("Grants for coastal towns", "h1")


def test_the_site_name_before_the_headline_in_the_title_tag() -> None:
    head = (
        '<meta property="og:site_name" content="Ministry of Harbours">'
        "<title>Ministry of Harbours | Grants for coastal towns</title>"
    )
    assert title_of(head) == ("Grants for coastal towns", "html title")


def test_the_site_name_with_a_colon_before_the_headline() -> None:
    head = (
        '<meta property="og:site_name" content="Ministry of Harbours">'
        '<meta property="og:title" content="Ministry of Harbours: Grants for coastal towns">'
    )
    assert title_of(head) == ("Grants for coastal towns", "html meta")


def test_the_site_name_after_the_headline_in_the_title_tag() -> None:
    head = "<title>Grants for coastal towns | Ministry of Harbours</title>"
    assert title_of(head) == ("Grants for coastal towns", "html title")


def test_a_site_logo_heading_is_not_the_title() -> None:
    # A theme's <h1> holding the site's name on every page; the headline is an <h2>, and the <title>
    # puts the site's name first.
    logo = '<div id="header"><h1 id="site-title"><a href="https://voices.example.org/">World Voices</a></h1></div>'
    raw = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>World Voices &raquo; Gabon: On President Omar Bongo&#8217;s death</title></head>"
        f'<body>{logo}<div class="post"><h2 class="post-title"><a href="/2009/06/08/gabon/">'
        "Gabon: On President Omar Bongo's death</a></h2><div class='date'>Monday, June 8th, 2009</div>"
        f"{BODY}</div></body></html>"
    ).encode()
    doc = html_file.read(raw, "archive/page.html")
    # The heading the <title> points at is taken as the page prints it (a straight apostrophe).
    assert (doc.meta["title"].value, doc.meta["title"].how) == ("Gabon: On President Omar Bongo's death", "heading")
    assert (doc.meta["date"].value.isoformat(), doc.meta["date"].how) == ("2009-06-08", "visible")
