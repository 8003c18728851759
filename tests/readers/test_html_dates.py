"""The date of a saved newsroom page: which statement of it wins, in which language it is read,
how it is recorded (`extracted: {date: …}`), and what is reported when statements disagree."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ReleaseError
from generator.extract import extract
from generator.model import RawDocument
from generator.readers import html_file
from generator.readers.page_language import day_first, normalise_language

BODY = (
    "<p>The agency announced today a programme of grants for coastal towns, worth twelve million over "
    "three years, to restore wetlands and protect harbours from storm surges.</p>"
    "<p>Applications open next month and close at the end of the year; towns of every size may apply.</p>"
)


def page(
    *, lang: str = "en", head: str = "", before: str = "", after: str = "", aside: str = "", tail: str = ""
) -> bytes:
    """A newsroom page: `head` in <head>, `aside` before the article, `before`/`after` around its <h1>."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Grants for coastal towns</title>'
        f"{head}</head><body>{aside}<main><article>{before}<h1>Grants for coastal towns</h1>{after}{BODY}</article>"
        f"</main>{tail}</body></html>"
    ).encode()


def read(raw: bytes, name: str = "page.html") -> RawDocument:
    return html_file.read(raw, f"archive/{name}")


def date_of(raw: bytes) -> tuple[dt.date, str]:
    doc = read(raw)
    # htmldate's date is a default: a dateline opening the release text would come first.
    found = doc.meta.get("date") or doc.defaults["date"]
    return found.value, found.how


def codes(doc: RawDocument) -> list[str]:
    return [problem.code for problem in doc.problems]


def json_ld(published: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        f'"headline": "Grants for coastal towns", "datePublished": "{published}"}}</script>'
    )


# --- the page's language decides the order of day and month --------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", dt.date(2023, 11, 1)), ("en-GB", dt.date(2023, 11, 1)), ("en-US", dt.date(2023, 1, 11))],
)
def test_numeric_metadata_date_follows_the_page_language(lang: str, expected: dt.date) -> None:
    raw = page(lang=lang, head='<meta name="date" content="01-11-2023">')
    assert date_of(raw) == (expected, "meta")


def test_language_from_og_locale_when_html_has_none() -> None:
    raw = page(head='<meta property="og:locale" content="fr_FR"><meta name="date" content="05/04/2022">')
    raw = raw.replace(b' lang="en"', b"")
    assert date_of(raw) == (dt.date(2022, 4, 5), "meta")


@pytest.mark.parametrize(
    ("lang", "shown", "expected"),
    [
        ("de", "Pressemitteilung · 01.11.2023", dt.date(2023, 11, 1)),
        ("de", "Veröffentlicht am 1. November 2023", dt.date(2023, 11, 1)),
        ("fr", "Publié le 1er novembre 2023", dt.date(2023, 11, 1)),
        ("es", "1 de noviembre de 2023", dt.date(2023, 11, 1)),
        ("fi", "Tiedote 1.11.2023 klo 10.00", dt.date(2023, 11, 1)),
        ("nb", "Dato: 03.07.2026", dt.date(2026, 7, 3)),
        ("en-US", "By Jane Doe | 11/01/2023", dt.date(2023, 11, 1)),
        ("en", "November 1, 2023", dt.date(2023, 11, 1)),
    ],
)
def test_visible_date_near_the_headline(lang: str, shown: str, expected: dt.date) -> None:
    assert date_of(page(lang=lang, after=f"<p class='meta'>{shown}</p>")) == (expected, "visible")


@pytest.mark.parametrize(
    ("written", "expected"),
    [("Event: 4 March 2022", dt.date(2022, 3, 4)), ("Event: April 3, 2022", dt.date(2022, 4, 3))],
)
def test_plain_english_page_reads_numbers_in_the_order_its_written_dates_use(written: str, expected: dt.date) -> None:
    # "en" says nothing of the order; a date written out near the headline does.
    raw = page(after=f"<p>04/03/2022</p><p>{written}</p>")
    assert date_of(raw) == (expected, "visible")


def test_a_sentence_that_mentions_a_date_is_not_a_date_line() -> None:
    subtitle = "<p>The conference on coastal resilience opens in Brussels on 20 June 2023 with forty towns</p>"
    raw = page(head=json_ld("2023-05-05T10:00:00Z"), after=subtitle)
    doc = read(raw)
    assert (doc.meta["date"].value, doc.meta["date"].how) == (dt.date(2023, 5, 5), "json-ld")
    assert "date-conflict" not in codes(doc)


@pytest.mark.parametrize(
    ("lang", "updated", "published"),
    [
        ("en", "Last updated: 9 March 2022", "2 March 2022"),
        ("de", "Stand: 09.03.2022, 10:15 Uhr", "02.03.2022"),
        ("fr", "Mis à jour le 9 mars 2022", "Publié le 2 mars 2022"),
    ],
)
def test_an_update_date_is_not_the_publication_date(lang: str, updated: str, published: str) -> None:
    raw = page(lang=lang, after=f"<p>{updated}</p><p>{published}</p>")
    assert date_of(raw) == (dt.date(2022, 3, 2), "visible")


def test_language_tags() -> None:
    assert normalise_language("de_DE") == "de-de"
    assert normalise_language("en-GB, en") == "en-gb"
    assert normalise_language("*") is None
    assert (day_first("de"), day_first("en-us"), day_first("en-au"), day_first("en"), day_first(None)) == (
        True,
        False,
        True,
        None,
        None,
    )


# --- which statement wins ---------------------------------------------------------------------


def test_a_timestamp_with_its_offset_beats_the_visible_date() -> None:
    raw = page(lang="de", head=json_ld("2023-11-02T00:30:00+01:00"), after="<p>1. November 2023</p>")
    doc = read(raw)
    assert (doc.meta["date"].value, doc.meta["date"].how) == (dt.date(2023, 11, 2), "json-ld")
    assert "date-conflict" not in codes(doc)  # a day apart: a time zone, not a disagreement


def test_the_visible_date_beats_a_bare_utc_day() -> None:
    # 23:30 UTC on 1 November is already 2 November in Berlin, as the page shows.
    raw = page(lang="de", head=json_ld("2023-11-01T23:30:00Z"), after="<p>2. November 2023</p>")
    assert date_of(raw) == (dt.date(2023, 11, 2), "visible")


def test_a_shown_date_far_from_a_utc_day_is_another_date() -> None:
    doc = read(page(head=json_ld("2023-11-01T10:00:00Z"), after="<p>Event on 20 December 2023</p>"))
    assert (doc.meta["date"].value, doc.meta["date"].how) == (dt.date(2023, 11, 1), "json-ld")
    assert "date-conflict" in codes(doc)


def test_an_update_time_is_not_the_publication_time() -> None:
    times = (
        '<time class="updated" datetime="2023-06-01">1 June 2023</time>'
        '<span class="posted-on"><time datetime="2023-05-05">5 May 2023</time></span>'
    )
    assert date_of(page(after=times)) == (dt.date(2023, 5, 5), "time")


def test_a_bare_utc_day_when_nothing_else_says() -> None:
    assert date_of(page(head=json_ld("2023-11-01T23:30:00Z"))) == (dt.date(2023, 11, 1), "json-ld")


def test_a_teaser_time_is_not_the_page_date() -> None:
    teaser = (
        '<aside><article><a href="/old">Older news</a><time datetime="2020-01-15">15 Jan 2020</time></article></aside>'
    )
    cards = '<div class="teaser-list"><div class="card"><time datetime="2019-05-05">5 May 2019</time></div></div>'
    raw = page(aside=teaser + cards, after='<time datetime="2023-05-05">5 May 2023</time>')
    assert date_of(raw) == (dt.date(2023, 5, 5), "time")


def test_another_article_is_a_teaser_even_without_a_telling_class() -> None:
    other = '<article><h2>Earlier</h2><time datetime="2020-01-15">15 Jan 2020</time></article>'
    raw = page(after='<time datetime="2023-05-05">5 May 2023</time>', tail=f"<section>{other}</section>")
    raw = raw.replace(b"<main>", f"<main>{other}".encode())
    assert date_of(raw) == (dt.date(2023, 5, 5), "time")


def test_sources_more_than_a_day_apart_give_a_warning_naming_both() -> None:
    doc = read(page(head=json_ld("2023-05-05"), after="<p>20 June 2023</p>"))
    assert (doc.meta["date"].value, doc.meta["date"].how) == (dt.date(2023, 5, 5), "json-ld")
    [problem] = [p for p in doc.problems if p.code == "date-conflict"]
    assert problem.severity == "warning"
    assert "2023-05-05" in problem.message and "2023-06-20" in problem.message
    assert "JSON-LD datePublished" in problem.message and "shown on the page" in problem.message


# --- when the page's markup says nothing -------------------------------------------------------


def test_htmldate_reads_the_untouched_page() -> None:
    # The only date is in a share bar, which cleaning removes before the text is extracted.
    bar = '<div class="share-bar">Posted 2021-05-03 · Share this page</div>'
    raw = page(tail=bar).replace(b"<title>", b"<title>")
    assert date_of(raw) == (dt.date(2021, 5, 3), "htmldate")


def test_htmldate_extensive_search_finds_a_date_in_the_text() -> None:
    raw = page(tail="<p>This page was first published in the archive on 3 May 2021 by the press office.</p>")
    assert date_of(raw) == (dt.date(2021, 5, 3), "htmldate")


def test_a_dateline_opening_the_release_beats_htmldate() -> None:
    teasers = '<div class="view"><a href="/news/2023-05-15-grants">Grants</a> <span>May 15, 2023</span></div>'
    raw = page(tail=teasers).replace(
        b"<p>The agency", b"<p>SACRAMENTO \xe2\x80\x94 June 14, 2023 \xe2\x80\x94 The agency"
    )
    draft = extract(read(raw))
    assert draft.release.date == dt.date(2023, 6, 14)
    assert "date" not in draft.release.extracted


def test_a_page_date_far_from_the_file_name_date_is_reported() -> None:
    raw = page(head=json_ld("2023-05-05T10:00:00+02:00"))
    near = extract(read(raw, "2023-05-04-grants.html"))  # a day apart: a time zone, not a disagreement
    assert [p.code for p in near.problems if p.code == "date-mismatch"] == []
    far = extract(read(raw, "2023-06-04-grants.html"))
    assert far.release.date == dt.date(2023, 5, 5)
    [problem] = [p for p in far.problems if p.code == "date-mismatch"]
    assert "the page (json-ld) says 2023-05-05 but the file name says 2023-06-04" in problem.message


def test_a_date_only_htmldate_finds_is_used_with_a_warning() -> None:
    raw = page(tail="<p>This page was first published in the archive on 3 May 2021 by the press office.</p>")
    draft = extract(read(raw, "grants.html"))
    assert (draft.release.date, draft.release.extracted["date"]) == (dt.date(2021, 5, 3), "htmldate")
    [problem] = [p for p in draft.problems if p.code == "date-searched"]
    assert problem.severity == "warning" and "2021-05-03" in problem.message


def test_the_file_name_date_beats_htmldate_search() -> None:
    # The archivist's date in the name is a statement; htmldate's search of the page is a guess.
    raw = page(tail="<p>This page was first published in the archive on 3 May 2021 by the press office.</p>")
    draft = extract(read(raw, "2021-05-04-grants.html"))
    assert (draft.release.date, draft.release.extracted["date"]) == (dt.date(2021, 5, 4), "filename")
    assert "date-searched" not in [p.code for p in draft.problems]


def test_a_page_without_a_date_is_an_error() -> None:
    with pytest.raises(ReleaseError) as caught:
        extract(read(page(), "no-date-page.html"))
    assert caught.value.problem.code == "no-date"


def test_extracted_records_how_the_date_was_found() -> None:
    draft = extract(read(page(lang="de", after="<p>01.11.2023</p>")))
    assert draft.release.date == dt.date(2023, 11, 1)
    assert draft.release.extracted["date"] == "visible"


# --- every language CLDR knows the dates of ------------------------------------------------------

# Languages whose long, medium and full dates (CLDR, through babel) the page reader reads back;
# Hebrew is not among them: its month names take a prefix ("בנובמבר", in November).
LANGUAGES = (
    "de", "fr", "es", "it", "nl", "pt", "sv", "nb", "nn", "da", "fi", "pl", "cs", "sk", "ru", "uk", "el",
    "tr", "ro", "hu", "ja", "zh", "ko", "ca", "hr", "sl", "lt", "lv", "et", "bg", "sr", "ar", "id", "vi",
    "en-GB", "en-US",
)


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2035, 12, 31)),
    language=st.sampled_from(LANGUAGES),
    width=st.sampled_from(("long", "medium", "full")),
)
def test_a_date_shown_as_the_page_language_writes_it_is_read_back(day: dt.date, language: str, width: str) -> None:
    shown = format_date(day, format=width, locale=language.replace("-", "_"))
    assert date_of(page(lang=language, after=f"<p>{html.escape(shown)}</p>")) == (day, "visible"), shown
