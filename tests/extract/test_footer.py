"""Boilerplate at the end of a release: end marks, social lines, contact blocks and the `Source:` line."""

from __future__ import annotations

import pytest

from generator.extract.footer import strip_footer
from generator.extract.units import Unit

BODY = [
    "The Islamic State of Iraq and Syria is on the run in Syria and Iraq, the colonel said today.",
    "Coalition efforts to defeat ISIS in Syria are focused on Raqqa, Dillon said.",
]


def units(*texts: str) -> list[Unit]:
    return [Unit(text=text, line=number) for number, text in enumerate(texts, start=1)]


def stripped(*tail: str) -> tuple[list[str], list[str], str | None, int | None]:
    footer = strip_footer(units(*BODY, *tail))
    return [u.text for u in footer.units], [u.text for u in footer.removed], footer.source, footer.source_line


def test_seed_footer() -> None:
    tail = ("Follow Cheryl Pellerin on Twitter: @PellerinDoDNews", "Source: http://defense.gov")
    assert stripped(*tail) == (BODY, list(tail), "http://defense.gov", 4)


@pytest.mark.parametrize("mark", ["###", "# # #", "-30-", "- 30 -", "-END-", "- END -", "***", "---", "___"])
def test_end_marks(mark: str) -> None:
    assert stripped(mark) == (BODY, [mark], None, None)


@pytest.mark.parametrize(
    "line",
    [
        "Follow Cheryl Pellerin on Twitter: @PellerinDoDNews",
        "Follow DoD News on Twitter @DoDNews",
        "Follow us on X: @DeptofDefense",
        "Like us on Facebook at facebook.com/DeptofDefense",
        "Connect with EPA on LinkedIn",
        "Find NASA on YouTube",
        "Follow FEMA Region 6 on twitter: @FEMARegion6",
        "follow FEMA Region 6 on twitter: @FEMARegion6",
        "Follow the Department of Defense on Twitter: @DeptofDefense",
        "Connect with the EPA on LinkedIn",
        "Find the department on YouTube",
    ],
)
def test_social_media_lines(line: str) -> None:
    assert stripped(line) == (BODY, [line], None, None)


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Source: http://defense.gov", "http://defense.gov"),
        ("SOURCE: https://www.justice.gov/opa/pr", "https://www.justice.gov/opa/pr"),
        ("Source: U.S. Department of Defense", "U.S. Department of Defense"),
        ("Source URL: https://www.epa.gov/newsreleases", "https://www.epa.gov/newsreleases"),
        ("Originally published by: NASA", "NASA"),
        ("Source:   http://defense.gov   ", "http://defense.gov"),
    ],
)
def test_source_line(line: str, source: str) -> None:
    assert stripped(line) == (BODY, [line], source, 3)


def test_contact_block_with_details() -> None:
    tail = (
        "CONTACT:",
        "Office of Public Affairs",
        "202-555-0117",
        "press.inquiries@usdoj.gov",
        "Source: https://www.justice.gov/opa/pr",
    )
    assert stripped(*tail) == (BODY, list(tail), "https://www.justice.gov/opa/pr", 7)


@pytest.mark.parametrize(
    "tail",
    [
        (
            "Media Contact:",
            "Maria Delgado",
            "(312) 555-0142",
            "delgado.maria@epa.gov",
            "###",
            "Source: https://www.epa.gov/newsreleases",
        ),
        ("Press Contacts:", "Jane Roe, 202-555-0100", "John Doe, john.doe@example.gov"),
        ("CONTACT: Rachel Okafor, (614) 555-0163, rachel.okafor@odh.ohio.gov", "###", "Source: https://odh.ohio.gov"),
        ("Contact: Mike Tracy, 208/342-7985, Sid Smith, 202/224-8708.",),  # the Senate collection's shape
        ("For more information, contact Jane Roe at 202-555-0100.",),
        ("Media Inquiries:", "Phone: (202) 555-0188", "Email: press@usda.gov"),
    ],
)
def test_contact_blocks(tail: tuple[str, ...]) -> None:
    body, removed, _, _ = stripped(*tail)
    assert body == BODY
    assert removed == list(tail)


def test_boilerplate_in_any_order_is_removed_repeatedly() -> None:
    tail = ("Source: http://defense.gov", "###", "Follow DoD News on Twitter: @DoDNews", "-30-")
    assert stripped(*tail) == (BODY, list(tail), "http://defense.gov", 3)


def test_last_source_line_wins() -> None:
    _, removed, source, line = stripped("Source: http://a.example.gov", "Source: http://b.example.gov")
    assert removed == ["Source: http://a.example.gov", "Source: http://b.example.gov"]
    assert (source, line) == ("http://b.example.gov", 4)


@pytest.mark.parametrize(
    "tail",
    [
        # Body text that merely mentions contact or sources stays.
        ("Residents can contact their local health department for an appointment this week.",),
        ("The source of the outbreak is still under investigation, officials said.",),
        ("Dillon said the coalition would follow the fighters wherever they go.",),
        # A contact line followed by a long paragraph is not a trailing contact block.
        (
            "For more information, contact the office.",
            "This is a long paragraph after that which is not a contact detail at all and is longer than one "
            "hundred and twenty characters, so it is text.",
        ),
    ],
)
def test_body_text_is_kept(tail: tuple[str, ...]) -> None:
    body, removed, source, _ = stripped(*tail)
    assert body == [*BODY, *tail]
    assert removed == [] and source is None


def test_source_line_in_the_middle_is_body() -> None:
    footer = strip_footer(units("Source: http://a.example.gov", *BODY))
    assert [u.text for u in footer.units] == ["Source: http://a.example.gov", *BODY]
    assert footer.source is None


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "Like other agencies, the department will post road closure updates on Twitter throughout the project.",
            id="like-other-agencies",
        ),
        pytest.param(
            "Follow-up inspections will be announced on Facebook and on the department's website, officials said.",
            id="follow-up",
        ),
        pytest.param(
            "Find out more about the program at the open house, or on YouTube after the event, officials said.",
            id="find-out-more",
        ),
        pytest.param(
            "Like the rest of the state, the county will post updates on Facebook throughout the storm.",
            id="like-the-rest",
        ),
        pytest.param(
            "Follow the money, the investigators said in a post on Twitter after the arrests on Monday.",
            id="follow-the-money",
        ),
    ],
)
def test_closing_sentence_mentioning_a_social_network_is_kept(sentence: str) -> None:
    body, removed, _, _ = stripped(sentence)
    assert body == [*BODY, sentence]
    assert removed == []


def test_empty_and_all_boilerplate() -> None:
    assert strip_footer([]).units == []
    footer = strip_footer(units("###", "Source: http://defense.gov"))
    assert footer.units == []
    assert footer.source == "http://defense.gov"
