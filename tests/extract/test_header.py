"""The head of a plain-text release: labels, headline, dateline, date line, byline — then the body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.extract import extract
from generator.extract.header import Header, is_headline, parse_header
from generator.extract.units import Unit
from generator.readers import read

JUNE_29 = dt.date(2017, 6, 29)
LEDE = "The company said today that it had won an award for the best widgets of the year."
MORE = "More text follows in a second paragraph of the release."


def units(*texts: str) -> list[Unit]:
    return [Unit(text=text, line=number) for number, text in enumerate(texts, start=1)]


def fields(header: Header) -> dict[str, object]:
    """Header fields as (value, line, how), and the body as (text, line)."""
    found = {key: getattr(header, key) for key in ("title", "date", "place", "outlet", "author")}
    result: dict[str, object] = {k: (f.value, f.line, f.how) if f else None for k, f in found.items()}
    result["body"] = [(u.text, u.line) for u in header.body]
    return result


def test_seed_head() -> None:
    header = parse_header(units("Washington, DC–(ENEWSPF)–June 29, 2017", "By: Cheryl Pellerin", LEDE, MORE))
    assert fields(header) == {
        "title": None,
        "date": (JUNE_29, 1, "dateline"),
        "place": ("Washington, DC", 1, "dateline"),
        "outlet": ("ENEWSPF", 1, "dateline"),
        "author": (("Cheryl Pellerin",), 2, "byline"),
        "body": [(LEDE, 3), (MORE, 4)],
    }


def test_headline_label_dateline_byline() -> None:
    header = parse_header(
        units("FOR IMMEDIATE RELEASE", "Acme Wins Award", "WASHINGTON – June 29, 2017", "By Jane Roe", LEDE, MORE)
    )
    assert fields(header) == {
        "title": ("Acme Wins Award", 2, "headline"),
        "date": (JUNE_29, 3, "dateline"),
        "place": ("WASHINGTON", 3, "dateline"),
        "outlet": None,
        "author": (("Jane Roe",), 4, "byline"),
        "body": [(LEDE, 5), (MORE, 6)],
    }


@pytest.mark.parametrize(
    "label",
    [
        "FOR IMMEDIATE RELEASE",
        "For Immediate Release",
        "FOR IMMEDIATE RELEASE:",
        "IMMEDIATE RELEASE",
        "NEWS RELEASE",
        "PRESS RELEASE",
        "MEDIA ADVISORY",
        "EMBARGOED UNTIL 10 A.M. EDT, JUNE 29, 2017",
        "For Release: June 29, 2017",
    ],
)
def test_labels_are_never_headlines(label: str) -> None:
    header = parse_header(units(label, "Acme Wins Award", "WASHINGTON – June 29, 2017", LEDE, MORE))
    assert header.title is not None and header.title.value == "Acme Wins Award"
    assert [u.text for u in header.body] == [LEDE, MORE]


def test_dateline_with_the_first_sentence_on_the_same_line() -> None:
    header = parse_header(units("Acme Wins Award", f"WASHINGTON – June 29, 2017 – {LEDE}", MORE))
    assert fields(header) == {
        "title": ("Acme Wins Award", 1, "headline"),
        "date": (JUNE_29, 2, "dateline"),
        "place": ("WASHINGTON", 2, "dateline"),
        "outlet": None,
        "author": None,
        "body": [(LEDE, 2), (MORE, 3)],
    }


def test_date_line_below_the_headline() -> None:
    header = parse_header(units("Acme Wins Award", "June 29, 2017", LEDE, MORE))
    assert header.title is not None and header.title.value == "Acme Wins Award"
    assert header.date is not None and (header.date.value, header.date.how) == (JUNE_29, "date line")
    assert header.place is None
    assert [u.text for u in header.body] == [LEDE, MORE]


def test_contact_block_above_the_headline_is_skipped() -> None:
    header = parse_header(
        units(
            "MEDIA ADVISORY",
            "Contact: Jane Roe",
            "(202) 555-0100",
            "jane.roe@example.gov",
            "Acme Wins Award",
            "WASHINGTON – June 29, 2017",
            LEDE,
            MORE,
        )
    )
    assert header.title is not None and header.title.value == "Acme Wins Award"
    assert header.date is not None and header.date.line == 6
    assert [u.text for u in header.body] == [LEDE, MORE]


def test_without_any_head_everything_is_body() -> None:
    header = parse_header(units(LEDE, MORE))
    assert fields(header) == {
        "title": None,
        "date": None,
        "place": None,
        "outlet": None,
        "author": None,
        "body": [(LEDE, 1), (MORE, 2)],
    }


def test_a_lone_line_is_not_a_headline() -> None:
    # A headline needs something after it: a one-line release is its own body.
    header = parse_header(units("Acme Wins Award"))
    assert header.title is None
    assert [u.text for u in header.body] == ["Acme Wins Award"]


@pytest.mark.parametrize(
    "first",
    [
        "By the numbers, the program grew by 20 percent last year across the state.",
        "By the end of the year, the bridge will reopen to traffic in both directions.",
    ],
)
def test_sentence_starting_with_by_is_body_not_byline(first: str) -> None:
    header = parse_header(units("Washington, DC–(ENEWSPF)–June 29, 2017", first, MORE))
    assert header.author is None
    assert [u.text for u in header.body] == [first, MORE]


def test_the_sdf_sentence_is_not_a_dateline() -> None:
    first = "The SDF - the Syrian Democratic Forces - advanced on Raqqa today, officials said."
    header = parse_header(units(first, MORE))
    assert header.place is None and header.title is None
    assert [u.text for u in header.body] == [first, MORE]


def test_headline_then_byline_without_dateline() -> None:
    # The Senate op-ed shape: "VETERANS OF THE FUTURE" / "By Sen. Larry Craig" / text.
    header = parse_header(units("VETERANS OF THE FUTURE", "By Sen. Larry Craig", LEDE, MORE))
    assert header.title is not None and header.title.value == "VETERANS OF THE FUTURE"
    assert header.author is not None and header.author.value == ("Larry Craig",)
    assert header.place is None
    assert [u.text for u in header.body] == [LEDE, MORE]


def test_all_caps_headline_with_long_spaced_hyphen_is_a_headline() -> None:
    title = "GENETIC NON-DISCRIMINATION - TIME TO ACT TO PROTECT OUR PRIVACY"
    header = parse_header(units(title, "By Sen. Olympia J. Snowe", LEDE, MORE))
    assert header.title is not None and header.title.value == title
    assert header.place is None
    assert header.author is not None and header.author.value == ("Olympia J. Snowe",)


def test_short_all_caps_headline_with_spaced_hyphen_is_a_headline() -> None:
    title = "GENETIC NON-DISCRIMINATION - TIME TO ACT"
    header = parse_header(units(title, "By Sen. Olympia J. Snowe", LEDE, MORE))
    assert header.title is not None and header.title.value == title
    assert header.place is None


def test_front_matter_title_override_keeps_the_rest_of_the_extraction(root: Path) -> None:
    raw = (root / "tests/fixtures/text/army-child-care-expansion.txt").read_bytes()
    plain = extract(read(raw, "archive/army.txt")).release
    corrected = extract(read(b"---\ntitle: Army Adds Child Care Spaces\n---\n" + raw, "archive/army.txt")).release
    assert corrected.title == "Army Adds Child Care Spaces"
    assert (corrected.date, corrected.place, corrected.author) == (plain.date, plain.place, plain.author)
    assert [b.text for b in corrected.body] == [b.text for b in plain.body]


@pytest.mark.parametrize(
    "text",
    [
        "Acme Wins Award",
        "Army Expands Child Care Capacity at 12 Installations",
        "EPA Awards $4.2 Million in Brownfields Grants to Midwest Communities",
        "VETERANS OF THE FUTURE",
        "SEN. FEINGOLD TO PUSH FOR REDEPLOYMENT FROM IRAQ.",  # all caps may end with a period
        "Acme Widgets Inc.",
        "2020 Annual Review",
    ],
)
def test_is_headline(text: str) -> None:
    assert is_headline(text)


@pytest.mark.parametrize(
    "text",
    [
        "The company said today it had won.",
        "“Quoted words make a pull quote,” she said",
        '"Quoted words"',
        "lower-case start",
        "The bills call for:",
        "",
        "A " + "very " * 60 + "long line",
    ],
)
def test_is_not_headline(text: str) -> None:
    assert not is_headline(text)
