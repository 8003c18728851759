"""Plain text → units (paragraphs and one-line pieces) with the raw-file line each starts on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract.units import _SPACE_RE, Unit, clean, is_wrapped, split_units
from generator.model import RawDocument
from generator.readers import read

LONG = (
    "The Islamic State of Iraq and Syria is on the run in Syria and Iraq and the terrorist group can't stop the "
    "progress that coalition-partnered forces have made."
)


def doc(text: str, first_line: int = 1) -> RawDocument:
    return RawDocument(
        path="archive/x.txt", id="x", format="text", lines=tuple(text.split("\n")), first_line=first_line
    )


def texts(text: str) -> list[tuple[str, int, bool]]:
    return [(u.text, u.line, u.bullet) for u in split_units(doc(text))]


def test_one_paragraph_per_line() -> None:
    text = f"Washington, DC–(ENEWSPF)–June 29, 2017\nBy: Cheryl Pellerin\n{LONG}\n\nSyria Operations\n{LONG}"
    assert texts(text) == [
        ("Washington, DC–(ENEWSPF)–June 29, 2017", 1, False),
        ("By: Cheryl Pellerin", 2, False),
        (LONG, 3, False),
        ("Syria Operations", 5, False),
        (LONG, 6, False),
    ]


def test_seed_is_one_paragraph_per_line(root: Path) -> None:
    raw = (root / "archive/2017/2017-06-29-isis-on-the-run.txt").read_bytes()
    document = read(raw, "archive/2017/2017-06-29-isis-on-the-run.txt")
    assert not is_wrapped(document.lines)
    units = split_units(document)
    assert len(units) == len([line for line in document.lines if line.strip()])
    assert units[0] == Unit(text="Washington, DC–(ENEWSPF)–June 29, 2017", line=1)
    assert units[-1] == Unit(text="Source: http://defense.gov", line=len(document.lines))


def test_hard_wrapped_paragraphs_are_joined(root: Path) -> None:
    raw = (root / "archive/2014/2014-06-18-fomc-statement.txt").read_bytes()
    document = read(raw, "archive/2014/2014-06-18-fomc-statement.txt")
    assert is_wrapped(document.lines)
    units = split_units(document)
    assert units[0].line == 1
    assert units[0].text.startswith(
        "Information received since the Federal Open Market Committee met in April indicates"
    )
    assert units[1].line == 11
    assert all("\n" not in u.text and "  " not in u.text for u in units)
    # Every word of the text is kept, in order.
    assert " ".join(u.text for u in units).split() == " ".join(document.lines).split()


def test_wrapped_layout_starts_a_unit_at_each_bullet() -> None:
    text = (
        "The Committee decided today to keep the target range for the federal\n"
        "funds rate where it is, and to continue its purchases of securities\n"
        "at the pace set in March. It said the following:\n"
        "- the first point of the statement,\n"
        "- the second point of the statement.\n"
        "\n"
        "Voting for the action were all members of the Committee who\n"
        "attended the meeting, and the vote was held in the\n"
        "afternoon."
    )
    joined = (
        "The Committee decided today to keep the target range for the federal funds rate where it is, and to "
        "continue its purchases of securities at the pace set in March. It said the following:"
    )
    assert texts(text) == [
        (joined, 1, False),
        ("the first point of the statement,", 4, True),
        ("the second point of the statement.", 5, True),
        (
            "Voting for the action were all members of the Committee who attended the meeting, and the vote was held "
            "in the afternoon.",
            7,
            False,
        ),
    ]


def test_line_numbers_count_from_the_raw_file() -> None:
    document = read(b"---\ntitle: X\n---\nWashington, DC - June 29, 2017\nBy: A B\n" + LONG.encode(), "archive/x.txt")
    assert [(u.text, u.line) for u in split_units(document)] == [
        ("Washington, DC - June 29, 2017", 4),
        ("By: A B", 5),
        (LONG, 6),
    ]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("• Illinois 4 between Chatham and Virden", "Illinois 4 between Chatham and Virden"),
        ("· item", "item"),
        ("▪ item", "item"),
        ("- sign up for text alerts", "sign up for text alerts"),
        ("– item", "item"),
        ("* Speed limits drop to 45 mph", "Speed limits drop to 45 mph"),
    ],
)
def test_bullets(line: str, text: str) -> None:
    assert texts(f"{LONG}\n{line}") == [(LONG, 1, False), (text, 2, True)]


@pytest.mark.parametrize(
    "line",
    [
        "-item without a space",
        "1.5 million people were affected.",
        "2017. The year began well.",
        "—an em dash opens it",
    ],
)
def test_not_bullets(line: str) -> None:
    assert texts(f"{LONG}\n{line}") == [(LONG, 1, False), (line, 2, False)]


@pytest.mark.parametrize(
    "line",
    [
        "1. Stage one closes the right lane of northbound I-55.",
        "2) Stage two moves traffic to the southbound side.",
        "(3) Stage three reopens all lanes at night.",
        "(a) the first condition of the grant.",
        "1. Get vaccinated. 2. Wash your hands often. 3. Stay home when you are sick.",
    ],
)
def test_numbered_item_keeps_its_number(line: str) -> None:
    # The number is part of what was submitted: it stays in the text (never a bare bullet).
    ((text, number, _),) = texts(line)
    assert (text, number) == (line, 1)


def test_asterisk_note_is_not_a_bullet() -> None:
    (unit,) = split_units(doc("*Correction: an earlier version of this release gave the wrong date."))
    assert unit == Unit(text="*Correction: an earlier version of this release gave the wrong date.", line=1)


def test_spaces_are_collapsed_and_empty_lines_dropped() -> None:
    assert texts("  Acme\u00a0\u00a0wins\t\tthe   award  \n\n   \n\u00a0\nMore text.") == [
        ("Acme wins the award", 1, False),
        ("More text.", 5, False),
    ]


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [("  a\t\tb\u00a0\u00a0c  ", "a b c"), ("a\u2009b", "a b"), ("", ""), ("\u3000x\u3000", "x")],
)
def test_clean(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned


SHORT_RELEASE = (
    "FOR IMMEDIATE RELEASE\n"
    "Acme Widgets Wins Award\n"
    "WASHINGTON – June 29, 2017 – Acme Widgets today won an award.\n"
    "More text follows here."
)


def test_short_one_line_per_paragraph_release_without_final_newline() -> None:
    assert len(split_units(read(SHORT_RELEASE.encode(), "archive/x.txt"))) == 4


def test_final_newline_does_not_change_the_layout() -> None:
    without = split_units(read(SHORT_RELEASE.encode(), "archive/x.txt"))
    with_newline = split_units(read((SHORT_RELEASE + "\n").encode(), "archive/x.txt"))
    assert with_newline == without


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab. \t\n’é", "\u00a0", "\u2009", "\u200b", "\u3000", "\x1c"])))
def test_clean_collapses_as_the_space_pattern(text: str) -> None:
    """Lines that need nothing collapsed are only stripped: every character of the pattern but the
    space is unprintable, so a printable line without two spaces in a row is such a line."""
    assert clean(text) == _SPACE_RE.sub(" ", text).strip()
    assert not any(chr(code).isprintable() for code in range(0x3001) if _SPACE_RE.fullmatch(chr(code)) and code != 32)
