"""Datelines: place – (outlet) – date, in the shapes wire services and newsrooms print them."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.dateline import Dateline, parse_dateline

JUNE_29 = dt.date(2017, 6, 29)

SEPARATORS = {
    "en dash": "–",
    "em dash": "—",
    "hyphen": "-",
    "spaced hyphen": " - ",
    "spaced en dash": " – ",
    "spaced em dash": " — ",
}
DATES = {
    "US full month": "June 29, 2017",
    "US abbreviated month": "Jun. 29, 2017",
    "US abbreviated month without dot": "Jun 29, 2017",
    "international": "29 June 2017",
    "ISO": "2017-06-29",
}


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize("date", DATES.values(), ids=DATES.keys())
def test_place_outlet_date(sep: str, date: str) -> None:
    line = f"Washington, DC{sep}(ENEWSPF){sep}{date}"
    assert parse_dateline(line) == Dateline(place="Washington, DC", outlet="ENEWSPF", date=JUNE_29, rest="")


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize("date", DATES.values(), ids=DATES.keys())
def test_place_date_without_outlet(sep: str, date: str) -> None:
    line = f"Washington, DC{sep}{date}"
    assert parse_dateline(line) == Dateline(place="Washington, DC", outlet=None, date=JUNE_29, rest="")


@pytest.mark.parametrize(
    ("line", "place", "outlet", "date"),
    [
        ("Washington, DC–(ENEWSPF)–June 29, 2017", "Washington, DC", "ENEWSPF", JUNE_29),  # the seed
        ("WASHINGTON–(ENEWSPF)–Jan. 5, 2018", "WASHINGTON", "ENEWSPF", dt.date(2018, 1, 5)),
        ("Springfield, IL-(ENEWSPF)-August 14, 2017", "Springfield, IL", "ENEWSPF", dt.date(2017, 8, 14)),
        ("Columbus, OH – (ENEWSPF) – Sept. 12, 2017", "Columbus, OH", "ENEWSPF", dt.date(2017, 9, 12)),
        ("HOUSTON—29 June 2017", "HOUSTON", None, JUNE_29),
        ("SILVER SPRING, Md. – 2018-05-24", "SILVER SPRING, Md.", None, dt.date(2018, 5, 24)),
        ("ARLINGTON, Va. — Nov. 2, 2017", "ARLINGTON, Va.", None, dt.date(2017, 11, 2)),
        ("Salt Lake City, UT–(ENEWSPF)–Dec. 1, 2017", "Salt Lake City, UT", "ENEWSPF", dt.date(2017, 12, 1)),
        ("St. Louis, MO – Sept. 12, 2017", "St. Louis, MO", None, dt.date(2017, 9, 12)),
        ("New York, New York – September 12, 2017", "New York, New York", None, dt.date(2017, 9, 12)),
        ("Washington, D.C. – June 29, 2017", "Washington, D.C.", None, JUNE_29),
        ("Denton, Texas–(ENEWSPF)–October 3, 2017", "Denton, Texas", "ENEWSPF", dt.date(2017, 10, 3)),
        ("Washington, DC—Monday, June 29, 2017", "Washington, DC", None, JUNE_29),
        ("Washington, DC – June 29th, 2017", "Washington, DC", None, JUNE_29),
        ("WASHINGTON, June 29, 2017", "WASHINGTON", None, JUNE_29),
    ],
)
def test_datelines_of_newsrooms(line: str, place: str, outlet: str | None, date: dt.date) -> None:
    parsed = parse_dateline(line)
    assert parsed is not None
    assert (parsed.place, parsed.outlet, parsed.date, parsed.rest) == (place, outlet, date, "")


@pytest.mark.parametrize(
    ("line", "place", "outlet", "date", "rest"),
    [
        ("WASHINGTON (AP) — The Senate voted today.", "WASHINGTON", "AP", None, "The Senate voted today."),
        ("ARLINGTON, Va. - Jan. 5, 2018 - The Army said", "ARLINGTON, Va.", None, dt.date(2018, 1, 5), "The Army said"),
        ("WASHINGTON, June 29, 2017 -- The Senate voted", "WASHINGTON", None, JUNE_29, "The Senate voted"),
        ("Washington, DC – (ENEWSPF) – June 29, 2017 – The text", "Washington, DC", "ENEWSPF", JUNE_29, "The text"),
        ("WASHINGTON – The Senate voted today", "WASHINGTON", None, None, "The Senate voted today"),
        ("Wilmington, DE – Senator Carper visited", "Wilmington, DE", None, None, "Senator Carper visited"),
    ],
)
def test_dateline_followed_by_the_first_sentence(
    line: str, place: str, outlet: str | None, date: dt.date | None, rest: str
) -> None:
    assert parse_dateline(line) == Dateline(place=place, outlet=outlet, date=date, rest=rest)


@pytest.mark.parametrize(
    "line",
    [
        # Sentences that start with a capitalised word and a dash are not datelines.
        "The SDF - the Syrian Democratic Forces - advanced on Raqqa today.",
        "The SDF – the Syrian Democratic Forces – advanced on Raqqa today.",
        "This week - for the first time - the center opened on Sunday.",
        "In Iraq – Dillon said – the fight goes on.",
        # A mixed-case word alone, with neither outlet, date nor state, is not a place.
        "Washington – The Senate voted today",
        # Labels are not datelines.
        "Contact: Jane Doe",
        "Note: the meeting is open to the public",
        # Headlines.
        "SEN. JOHNSON CO-SPONSORS BILL",
        "GENETIC NON-DISCRIMINATION - TIME TO ACT TO PROTECT OUR PRIVACY",
        "VETERANS OF THE FUTURE",
        # Body text and empty lines.
        "Coalition efforts to defeat ISIS in Syria are focused on Raqqa, Dillon said.",
        "",
        "   ",
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert parse_dateline(line) is None


def test_short_all_caps_headline_with_spaced_hyphen_is_not_a_dateline() -> None:
    # The very example the module's comment names.
    assert parse_dateline("GENETIC NON-DISCRIMINATION - TIME TO ACT") is None


@pytest.mark.parametrize(
    "line",
    [
        "SAN FRANCISCO--(BUSINESS WIRE)--Acme Corp. today announced record sales.",
        "WASHINGTON--(BUSINESS WIRE)--June 29, 2017--Acme Corp. today announced record sales.",
    ],
)
def test_business_wire_dateline(line: str) -> None:
    parsed = parse_dateline(line)
    assert parsed is not None
    assert (parsed.outlet, parsed.rest) == ("BUSINESS WIRE", "Acme Corp. today announced record sales.")


def test_date_in_parentheses_is_a_date_not_an_outlet() -> None:
    parsed = parse_dateline("WASHINGTON, D.C. (June 29, 2017) – The Senate today passed the bill.")
    assert parsed is not None
    assert (parsed.place, parsed.outlet, parsed.date) == ("WASHINGTON, D.C.", None, JUNE_29)


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("Washington, DC–(ENEWSPF)–February 30, 2017", "February 30, 2017"),  # no such day
        ("Washington, DC – June 31, 2017", "June 31, 2017"),
        ("Washington, DC–(ENEWSPF)–Smarch 45, 2017", "Smarch 45, 2017"),  # no such month
        ("WASHINGTON, Febuary 3, 2017 -- The Senate voted", "Febuary 3, 2017"),
        ("WASHINGTON, D.C. (June 31, 2017) – The Senate voted", "June 31, 2017"),
        ("HOUSTON – 2021-13-45 – The port reopened", "2021-13-45"),
    ],
)
def test_unreadable_dates_are_datelines_without_a_date(line: str, written: str) -> None:
    """The line is a dateline, so its date is reported (`unread_date`), never skipped for a guess."""
    parsed = parse_dateline(line)
    assert parsed is not None
    assert (parsed.date, parsed.unread_date) == (None, written)


@pytest.mark.parametrize(
    "line",
    [
        "WASHINGTON – Class 12, 2017 – graduates today",
        "Senator Smith Honors Class 12, 2017",
        "WASHINGTON – Title 18, 2017 – The Senate voted",
    ],
)
def test_a_word_a_number_and_a_year_is_no_date_unless_the_word_is_a_month(line: str) -> None:
    parsed = parse_dateline(line)
    assert parsed is None or (parsed.date, parsed.unread_date) == (None, None)


def test_two_digit_year_is_never_a_date() -> None:
    # A century is never guessed: whatever else is found, no date may come out of "17".
    parsed = parse_dateline("Washington, DC–(ENEWSPF)–June 29, 17")
    assert parsed is None or parsed.date is None


def test_outlet_is_stripped_and_kept_as_written() -> None:
    parsed = parse_dateline("WASHINGTON–( Business Wire )–June 29, 2017")
    assert parsed is not None
    assert parsed.outlet == "Business Wire"


def test_leading_whitespace_is_ignored() -> None:
    assert parse_dateline("   Washington, DC–(ENEWSPF)–June 29, 2017") == Dateline(
        place="Washington, DC", outlet="ENEWSPF", date=JUNE_29, rest=""
    )
