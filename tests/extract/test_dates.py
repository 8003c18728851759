"""Dates as releases print them, as publishers' metadata gives them, and as archivists put them in file
names; a century is never guessed."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil import parser as dateutil_parser

from generator.extract.dates import DATE_LINE_RE, DATE_RE, date_from_filename, parse_date
from generator.readers import read

JUNE_29 = dt.date(2017, 6, 29)


@pytest.mark.parametrize(
    "text",
    [
        "June 29, 2017",
        "June 29 2017",
        "JUNE 29, 2017",
        "june 29, 2017",
        "Jun. 29, 2017",
        "Jun 29, 2017",
        "June 29th, 2017",
        "Thursday, June 29, 2017",
        "Thu., June 29, 2017",
        "29 June 2017",
        "29 Jun 2017",
        "29th June 2017",
        "2017-06-29",
    ],
)
def test_the_three_shapes(text: str) -> None:
    assert DATE_RE.fullmatch(text), "the pattern must accept it"
    assert parse_date(text) == JUNE_29


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Sept. 12, 2017", dt.date(2017, 9, 12)),
        ("Sep. 12, 2017", dt.date(2017, 9, 12)),
        ("September 12, 2017", dt.date(2017, 9, 12)),
        ("Jan. 5, 2018", dt.date(2018, 1, 5)),
        ("May 5, 2017", dt.date(2017, 5, 5)),
        ("Dec. 1, 1999", dt.date(1999, 12, 1)),
        ("Feb. 29, 2016", dt.date(2016, 2, 29)),
        ("1 March 2001", dt.date(2001, 3, 1)),
    ],
)
def test_month_names(text: str, date: dt.date) -> None:
    assert DATE_RE.fullmatch(text)
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["2017-02-30", "February 29, 2017", "June 31, 2017", "2017-13-01", "31 April 2017"])
def test_impossible_calendar_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["June 29, 17", "29 June 17", "06/29/17", "June 29", "2017", "17-06-29"])
def test_pattern_rejects_dates_without_a_four_digit_year(text: str) -> None:
    assert not DATE_RE.fullmatch(text)


@pytest.mark.parametrize("text", ["June 29", "Jun. 29, 17", "06/29/17"])
def test_parse_date_never_guesses_a_year_or_century(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-04-13T00:00:00-04:00", dt.date(2018, 4, 13)),
        ("2023-03-14T23:30:00Z", dt.date(2023, 3, 14)),
        ("Friday, April 13, 2018", dt.date(2018, 4, 13)),
        ("13 April 2018", dt.date(2018, 4, 13)),
        (dt.datetime(2018, 4, 13, 23, 0), dt.date(2018, 4, 13)),
        ("04/13/18", None),  # no four-digit year: never guess the century
        ("2018-02-30", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_date_of_metadata(value: object, expected: dt.date | None) -> None:
    """Publishers' metadata: ISO timestamps by their own day, date objects, written dates."""
    assert parse_date(value, metadata=True) == expected


def test_front_matter_date_without_year_is_an_error() -> None:
    from generator.errors import ReleaseError
    from generator.extract import extract

    raw = b"---\ndate: June 29\n---\nAcme Widgets Wins Award\nThe company said today that it won an award for widgets."
    with pytest.raises(ReleaseError):
        extract(read(raw, "archive/acme.txt"))



@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("June 29, 2017", JUNE_29),
        ("  29 June 2017  ", JUNE_29),
        ("Date: June 29, 2017", JUNE_29),
        ("Released: 2017-06-29", JUNE_29),
        ("Posted: Jun. 29, 2017", JUNE_29),
    ],
)
def test_date_lines(line: str, date: dt.date) -> None:
    match = DATE_LINE_RE.match(line)
    assert match is not None
    assert parse_date(match.group("date")) == date


@pytest.mark.parametrize("line", ["June 29, 2017 was a Thursday.", "On June 29, 2017", "Date: soon"])
def test_not_date_lines(line: str) -> None:
    assert DATE_LINE_RE.match(line) is None


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2017-06-29-isis-on-the-run.txt", JUNE_29),
        ("20170629.txt", JUNE_29),
        ("release-20170629-final.html", JUNE_29),
        ("29jun2017snowe.txt", JUNE_29),
        ("16Jul2004Snowe18.txt", dt.date(2004, 7, 16)),
        ("4Nov2004Craig93.txt", dt.date(2004, 11, 4)),
        ("1999-10-05-fomc-statement.txt", dt.date(1999, 10, 5)),
    ],
)
def test_date_from_filename(name: str, date: dt.date) -> None:
    assert date_from_filename(name) == date


@pytest.mark.parametrize(
    "name",
    [
        "isis-on-the-run.txt",
        "release_12584.html",
        "2017-13-01-thirteenth-month.txt",
        "1899-01-01-too-old.txt",
        "17-06-29-two-digit-year.txt",
        "2017-06-29999.txt",
    ],
)
def test_no_date_in_filename(name: str) -> None:
    assert date_from_filename(name) is None


MONTH_NAMES = [dt.date(2000, month, 1).strftime("%B") for month in range(1, 13)]


def _dateutil(text: str) -> dt.date | None:
    try:
        return dateutil_parser.parse(text, fuzzy=False, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def test_plain_spellings_read_as_dateutil_reads_them() -> None:
    """`parse_date` reads "June 29, 2017", "29 Jun. 2017" or "2017-06-29" without dateutil: the
    same day as dateutil, for days over two centuries, and impossible days left to dateutil."""
    day = dt.date(1900, 1, 1)
    while day.year < 2100:
        name = MONTH_NAMES[day.month - 1]
        texts = [
            f"{name} {day.day}, {day.year}", f"{name[:3]}. {day.day} {day.year}",
            f"{day.day} {name.upper()}, {day.year}", f"{day.day} {name[:3].lower()} {day.year}", day.isoformat(),
            f"{name} {day.day + 3}, {day.year}", f"{day.year}-{day.month:02d}-{day.day + 3}",
        ]
        for text in texts:
            assert parse_date(text) == _dateutil(text), text
        day += dt.timedelta(days=37)
