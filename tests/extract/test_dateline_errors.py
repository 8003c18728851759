"""Dates and datelines are never guessed silently: a dateline whose date cannot be read is an error on
its line (even when the file name has a date), a dateline that disagrees with the file name is a
warning, no part of a dateline becomes the title or the summary, and the DOJ datelines that lost
their dash ("WASHINGTON  The Department …") are read as datelines."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ReleaseError
from generator.extract import Draft, extract
from generator.readers import read

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
LEDE = "The Harbor Authority will begin dredging the main shipping channel next month, officials said today."
MORE = "The work will deepen the channel so that the largest container ships can reach the port at any tide."
HINT = "write the date as in 'June 29, 2017', or fix the dateline"


def draft(text: str, name: str = "archive/2017/2017-06-29-harbor.txt") -> Draft:
    return extract(read(text.encode(), name))


def error(text: str, name: str = "archive/2017/2017-06-29-harbor.txt") -> str:
    with pytest.raises(ReleaseError) as caught:
        draft(text, name)
    assert caught.value.problem.code == "bad-date"
    return caught.value.problem.format()


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("Washington, DC–(ENEWSPF)–Smarch 45, 2017", "Smarch 45, 2017"),
        ("Washington, DC – February 30, 2017", "February 30, 2017"),
        ("WASHINGTON, June 31, 2017 -- The Harbor Authority said today it will dredge", "June 31, 2017"),
        ("HOUSTON – 2017-13-45 – The Harbor Authority said today it will dredge", "2017-13-45"),
        ("WASHINGTON, D.C. (Febuary 30, 2017) – The Harbor Authority said today", "Febuary 30, 2017"),
    ],
)
def test_an_unreadable_dateline_date_is_an_error_on_its_line(line: str, written: str) -> None:
    """The file name has a date (2017-06-29), and still no date is taken from it."""
    assert error(f"Harbor Dredging Begins\n{line}\n{LEDE}\n") == (
        f"archive/2017/2017-06-29-harbor.txt:2: error: dateline date '{written}' cannot be read — {HINT}"
    )


def test_an_unreadable_date_line_is_an_error_too() -> None:
    assert error(f"Harbor Dredging Begins\nFebruary 30, 2017\n{LEDE}\n") == (
        "archive/2017/2017-06-29-harbor.txt:2: error: date line date 'February 30, 2017' cannot be read"
        " — write the date as in 'June 29, 2017', or fix the date line"
    )


def test_an_unreadable_date_run_into_the_headline_line_is_an_error() -> None:
    text = f"Harbor Dredging Begins          For Immediate Release: Smarch 45, 2017\n{LEDE}\n{MORE}\n"
    assert "date line date 'Smarch 45, 2017' cannot be read" in error(text)


def test_an_unreadable_dateline_in_a_page_is_an_error() -> None:
    page = f"<html><body><h1>Harbor Dredging Begins</h1><p>WASHINGTON, Smarch 45, 2017 – {LEDE}</p><p>{MORE}</p>"
    with pytest.raises(ReleaseError) as caught:
        extract(read(page.encode(), "archive/2017/2017-06-29-harbor.html"))
    assert caught.value.problem.message == "dateline date 'Smarch 45, 2017' cannot be read"


def test_a_front_matter_date_settles_an_unreadable_dateline() -> None:
    """The archivist's correction wins: the raw text stays as received, the page gets the given date."""
    found = draft(f"---\ndate: 2017-03-01\n---\nHarbor Dredging Begins\nWashington, DC – Smarch 45, 2017\n{LEDE}\n")
    assert found.release.date == dt.date(2017, 3, 1)
    assert found.release.place == "Washington, DC"


@pytest.mark.parametrize(
    "line",
    [
        "WASHINGTON – Class 12, 2017 – graduates met the Harbor Authority today",
        "Chapter 45, 2017",
        "Senator Smith Honors Class 12, 2017",
    ],
)
def test_a_word_a_number_and_a_year_that_is_no_date_is_no_error(line: str) -> None:
    assert draft(f"Harbor Dredging Begins\n{line}\n{LEDE}\n").release.date == dt.date(2017, 6, 29)


def test_a_dateline_that_disagrees_with_the_file_name_is_a_warning_and_wins() -> None:
    found = draft(f"Harbor Dredging Begins\nWashington, DC – June 29, 2017\n{LEDE}\n", "archive/2017/2017-06-30-x.txt")
    assert found.release.date == dt.date(2017, 6, 29)
    assert [p.format() for p in found.problems if p.code == "date-mismatch"] == [
        "archive/2017/2017-06-30-x.txt:2: warning: dateline says 2017-06-29 but the file name says 2017-06-30"
        " — the dateline's date is used; correct the one that is wrong (rename the file, or add"
        " 'date: YYYY-MM-DD' in a front-matter header)"
    ]


def test_a_date_line_that_disagrees_is_a_warning_too() -> None:
    found = draft(f"Harbor Dredging Begins\nJune 29, 2017\n{LEDE}\n", "archive/2017/2017-07-01-x.txt")
    assert [p.message for p in found.problems if p.code == "date-mismatch"] == [
        "date line says 2017-06-29 but the file name says 2017-07-01"
    ]


@pytest.mark.parametrize("name", ["archive/2017/2017-06-29-x.txt", "archive/2017/harbor.txt"])
def test_no_warning_when_the_dates_agree_or_the_name_has_none(name: str) -> None:
    found = draft(f"Harbor Dredging Begins\nWashington, DC – June 29, 2017\n{LEDE}\n", name)
    assert found.release.date == dt.date(2017, 6, 29)
    assert not [p for p in found.problems if p.code == "date-mismatch"]


def test_the_release_label_on_the_headline_line_is_not_part_of_the_title() -> None:
    text = f"Senator Carper Visits Clayton          For Immediate Release: August 29, 2006\nContact: Jane Roe\n{LEDE}\n"
    found = draft(text, "archive/2006/29aug2006carper2.txt")
    assert (found.release.title, found.release.date) == ("Senator Carper Visits Clayton", dt.date(2006, 8, 29))


# --- the DOJ datelines whose dash was lost --------------------------------------------------------


def page(first: str) -> str:
    return f"<html><body><h1>Harbor Dredging Begins</h1><p>{first}</p><p>{MORE}</p></body></html>"


@pytest.mark.parametrize(
    ("first", "place"),
    [
        (f"WASHINGTON  {LEDE}", "WASHINGTON"),
        (f"SPOKANE, Wash.  {LEDE}", "SPOKANE, Wash."),
        (f"HONOLULU  A {LEDE[4:]}", "HONOLULU"),
    ],
)
def test_a_place_in_capitals_run_into_the_first_sentence_is_a_dateline(first: str, place: str) -> None:
    found = extract(read(page(first).encode(), "archive/2012/2012-06-12-doj.html"))
    assert found.release.place == place
    assert found.release.extracted.get("place") == "capitals"  # enrichment sets it in headline case
    assert found.release.body[0].text.startswith(("The Harbor", "A Harbor"))
    assert place not in (found.release.summary or "")


@pytest.mark.parametrize(
    "first",
    [
        # An acronym written again in the paragraph is an organisation, not a place.
        "LATAM Airlines Group S.A. (LATAM), a commercial airline company based in Chile, has agreed to pay",
        # Acronyms of ACRONYMS, and those too short to be a city.
        "NASA Administrator Jim Bridenstine said today that the agency will launch a rover next year.",
        "IRS Commissioner John Koskinen said today that the agency will change its rules next year.",
        "U.S. Army Sergeant Albert Kelly III, 28, of Fort Knox, Ky., was sentenced today to prison.",
        # Too short to be a first sentence.
        "WASHINGTON Update",
    ],
)
def test_acronyms_opening_a_paragraph_are_not_places(first: str) -> None:
    found = extract(read(page(first).encode(), "archive/2012/2012-06-12-doj.html"))
    assert found.release.place is None
    assert found.release.body[0].text == first


def test_a_headline_in_plain_text_is_never_a_run_in_dateline() -> None:
    found = draft(f"NASA Announces New Mission To Study The Sun\n{LEDE}\n{MORE}\n")
    assert found.release.place is None
    assert found.release.title == "NASA Announces New Mission To Study The Sun"


RUN_IN_RAW_RE = re.compile(rb">\s*(?P<place>[A-Z]{4,}(?:, [A-Z][a-z]+\.)?)  (?=[A-Z])")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_every_doj_dateline_that_lost_its_dash_is_read() -> None:
    """In the saved justice.gov pages, each "PLACE␣␣Sentence" at the head of a paragraph (two spaces
    where the dash was) gives the page's place, and its text is not left in the body."""
    seen = 0
    for path in sorted(CORPUS.glob("doj-*.html")):
        raw = path.read_bytes()
        match = RUN_IN_RAW_RE.search(raw)
        if match is None:
            continue
        seen += 1
        found = extract(read(raw, f"archive/{path.name}"))
        place = match.group("place").decode()
        assert found.release.place == place, path.name
        assert not found.release.body[0].text.startswith(place), path.name
    assert seen >= 30


# --- property: a dateline never becomes the title or the summary ----------------------------------

PLACES = ["Washington, DC", "WASHINGTON", "ARLINGTON, Va.", "Springfield, IL", "HOUSTON", "New York, New York"]
OUTLETS = ["", "(ENEWSPF)", "(AP)", "/PRNewswire/"]
SEPARATORS = ["–", " – ", " — ", " - ", "--"]
GOOD_DATES = ["June 29, 2017", "Jun. 29, 2017", "29 June 2017", "2017-06-29"]
BAD_DATES = ["Smarch 45, 2017", "February 30, 2017", "June 31, 2017", "Febuary 3, 2017", "2017-13-45"]
SENTENCES = [LEDE, MORE, "Officials said the project would take two years and cost about forty million dollars."]


@settings(max_examples=150, deadline=None)
@given(
    headline=st.sampled_from(["", "Harbor Dredging Begins\n", "HARBOR DREDGING BEGINS\n"]),
    place=st.sampled_from(PLACES),
    outlet=st.sampled_from(OUTLETS),
    sep=st.sampled_from(SEPARATORS),
    date=st.sampled_from(["", *GOOD_DATES, *BAD_DATES]),
    run_in=st.booleans(),
    sentences=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3),
)
def test_a_dateline_never_becomes_the_title_or_the_summary(
    headline: str, place: str, outlet: str, sep: str, date: str, run_in: bool, sentences: list[str]
) -> None:
    dateline = sep.join(part for part in (place, outlet, date) if part)
    first, *others = sentences
    text = headline + (f"{dateline}{sep}{first}\n" if run_in else f"{dateline}\n{first}\n") + "\n".join(others) + "\n"
    if not (outlet or date or run_in):
        return  # a place alone on a line ("Washington, DC") is no dateline: nothing to check
    if date in BAD_DATES:
        assert error(text).startswith("archive/2017/2017-06-29-harbor.txt:")
        return
    release = draft(text).release
    for part in (place, outlet, date):
        if part:
            assert part not in release.title, (text, release.title)
            assert part not in (release.summary or ""), (text, release.summary)
    assert release.place == place
