"""Properties of the dateline and byline parsers: total on any text, and lossless on what they print."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.extract.byline import parse_byline
from generator.extract.dateline import Dateline, parse_dateline

PLACES = [
    "Washington, DC",
    "Washington, D.C.",
    "WASHINGTON",
    "HOUSTON",
    "ARLINGTON, Va.",
    "SILVER SPRING, Md.",
    "Springfield, IL",
    "Columbus, OH",
    "Chicago, IL",
    "St. Louis, MO",
    "Salt Lake City, UT",
    "New York, New York",
    "Denton, Texas",
    "Honolulu, Hawaii",
    "Baghdad, Iraq",
]
OUTLETS = ["ENEWSPF", "AP", "Reuters", "Business Wire", "DoD News", "UPI"]
SEPARATORS = ["–", "—", "-", " - ", " – ", " — "]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SHORT_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

FIRST_NAMES = ["Cheryl", "Jane", "John", "Maria", "Thomas", "Laura", "Kevin", "Dana", "Rachel", "Paul", "Olympia"]
LAST_NAMES = ["Pellerin", "Roe", "Doe", "Delgado", "Reilly", "Mendez", "Marsh", "Whitfield", "Okafor", "Nguyen"]
HONORIFICS = ["", "Sen. ", "Senator ", "Rep. ", "Dr. ", "Gov. ", "Army Col. ", "Mayor "]
JOB_TITLES = ["Public Affairs Officer", "Staff Writer", "DoD News", "Army News Service", "Press Secretary"]


def date_text(date: dt.date, shape: str) -> str:
    if shape == "us":
        return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"
    if shape == "us-short":
        return f"{SHORT_MONTHS[date.month - 1]} {date.day}, {date.year}"
    if shape == "international":
        return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return date.isoformat()


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


def assert_dateline_is_lossless(text: str, parsed: Dateline | None) -> None:
    """A parsed dateline is read from `text`: the place starts it, the outlet is in it, and `rest` is all of the
    text after the dateline, nothing lost and nothing shared with the place."""
    if parsed is None:
        return
    body = text.strip()
    assert parsed.place and parsed.place == parsed.place.strip(), parsed
    assert body.startswith(parsed.place), (text, parsed)
    assert body.endswith(parsed.rest), (text, parsed)
    assert len(parsed.place) + len(parsed.rest) <= len(body), (text, parsed)
    assert parsed.outlet is None or (parsed.outlet and parsed.outlet in text), (text, parsed)
    assert parsed.date is None or isinstance(parsed.date, dt.date), (text, parsed)
    # Without an outlet or a date, only a place followed by text reads as a dateline.
    assert parsed.outlet or parsed.date or parsed.unread_date or parsed.rest, (text, parsed)
    # A date that cannot be read is kept as written, for the error message.
    assert parsed.unread_date is None or (parsed.date is None and parsed.unread_date in text), (text, parsed)


@settings(max_examples=500)
@given(st.text())
@example("Washington, DC–(ENEWSPF)–")
@example("WASHINGTON–(")
@example("A, B" + "–" * 1000)
@example("2017-99-99")
def test_dateline_parser_never_raises(text: str) -> None:
    assert_dateline_is_lossless(text, parse_dateline(text))


DATELINE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabc ,.-–—()0123456789:;"
# Random text rarely parses (its "rest" is mostly capitals: a headline); a place, a dash, maybe an outlet or a
# date, then random text parses often enough for the property to be tested on datelines, not only on refusals.
dateline_like = st.text(alphabet=st.sampled_from(DATELINE_ALPHABET), max_size=80) | st.tuples(
    st.sampled_from(PLACES) | st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=1, max_size=12),
    st.sampled_from([*SEPARATORS, " ", ", ", " (", ": ", "/"]),
    st.sampled_from(["", "(AP) – ", "/PRNewswire/ -- ", "June 29, 2017 – ", "(Jan. 5, 2018) – ", "2017-99-99 – "]),
    st.text(alphabet=st.sampled_from("ABCabcdefghijklmnop ,.-–—()0123456789:;"), max_size=80),
).map("".join)


@settings(max_examples=300)
@given(dateline_like)
@example("WASHINGTON - The Senate voted.")
@example("HOUSTON (AP) -- A, B: c")
@example("ABC, DE – (AP) – 12 Jan 2017 – Abc")
def test_dateline_parser_never_raises_on_dateline_like_text(text: str) -> None:
    """Dateline-like text parses, or not, without raising; what parses is lossless."""
    assert_dateline_is_lossless(text, parse_dateline(text))


@settings(max_examples=400)
@given(
    place=st.sampled_from(PLACES),
    outlet=st.none() | st.sampled_from(OUTLETS),
    date=dates,
    shape=st.sampled_from(["us", "us-short", "international", "iso"]),
    sep=st.sampled_from(SEPARATORS),
)
def test_generated_dateline_parses_back(place: str, outlet: str | None, date: dt.date, shape: str, sep: str) -> None:
    parts = [place, f"({outlet})"] if outlet else [place]
    line = sep.join([*parts, date_text(date, shape)])
    parsed = parse_dateline(line)
    assert parsed is not None, line
    assert (parsed.place, parsed.outlet, parsed.date, parsed.rest) == (place, outlet, date, "")


@settings(max_examples=300)
@given(
    place=st.sampled_from(PLACES),
    outlet=st.none() | st.sampled_from(OUTLETS),
    date=dates,
    shape=st.sampled_from(["us", "us-short", "international", "iso"]),
    sep=st.sampled_from([" – ", " — ", " - "]),
    lede=st.sampled_from(["The Senate voted today.", "Officials said the bridge will reopen.", "Acme won."]),
)
def test_generated_dateline_with_a_lede_keeps_the_lede(
    place: str, outlet: str | None, date: dt.date, shape: str, sep: str, lede: str
) -> None:
    parts = [place, f"({outlet})"] if outlet else [place]
    line = sep.join([*parts, date_text(date, shape), lede])
    parsed = parse_dateline(line)
    assert parsed is not None, line
    assert (parsed.place, parsed.outlet, parsed.date, parsed.rest) == (place, outlet, date, lede)


names = st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)).map(" ".join)


@settings(max_examples=400)
@given(
    authors=st.lists(names, min_size=1, max_size=4, unique=True),
    honorifics=st.lists(st.sampled_from(HONORIFICS), min_size=4, max_size=4),
    prefix=st.sampled_from(["By: ", "By ", "BY: ", "by "]),
    title=st.none() | st.sampled_from(JOB_TITLES),
    joiner=st.sampled_from(["and", "&", ";"]),
)
def test_generated_byline_parses_back(
    authors: list[str], honorifics: list[str], prefix: str, title: str | None, joiner: str
) -> None:
    shown = [h + a for h, a in zip(honorifics, authors, strict=False)]
    if len(shown) == 1:
        people = shown[0]
    elif joiner == "and":
        people = ", ".join(shown[:-1]) + " and " + shown[-1]
    else:
        people = f" {joiner} ".join(shown)
    line = prefix + people + (f", {title}" if title else "")
    assert parse_byline(line) == tuple(authors), line


@settings(max_examples=300)
@given(st.text())
def test_byline_parser_never_raises_and_names_are_clean(text: str) -> None:
    names = parse_byline(text)
    if names is not None:
        assert names
        assert all(name and name == name.strip() and name in text for name in names)
