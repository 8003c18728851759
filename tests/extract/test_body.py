"""Body units → blocks: paragraphs, one-line subheadings and list items."""

from __future__ import annotations

import pytest

from generator.extract.body import to_blocks
from generator.extract.units import Unit
from generator.model import Block

PARAGRAPH = "The Syrian Democratic Forces are in the third week of offensive operations in Raqqa to defeat ISIS."


def units(*texts: str) -> list[Unit]:
    """Units numbered from line 1; a text starting with '• ' is a bullet (without the mark)."""
    return [Unit(text=t.removeprefix("• "), line=n, bullet=t.startswith("• ")) for n, t in enumerate(texts, start=1)]


def kinds(*texts: str) -> list[str]:
    return [b.kind for b in to_blocks(units(*texts))]


@pytest.mark.parametrize(
    "line",
    [
        "Syria Operations",  # the seed's three
        "Iraq Operations",
        "A Common Enemy",
        "What the Tests Showed",
        "How to Apply Next Year",
        "Who Can Apply",
        "Key Dates",
        "2018 Budget Request",
        "Background",
    ],
)
def test_one_line_subheading_between_paragraphs(line: str) -> None:
    assert to_blocks(units(PARAGRAPH, line, PARAGRAPH)) == (
        Block(kind="paragraph", text=PARAGRAPH, line=1),
        Block(kind="heading", text=line, line=2),
        Block(kind="paragraph", text=PARAGRAPH, line=3),
    )


@pytest.mark.parametrize(
    "line",
    [
        "Drivers can also:",  # a lead-in to a list
        "The bills call for:",
        "Thank you.",
        "He said it was a good day",  # a sentence without a final period
        "and then there were none",
        "“Quoted words”",
        '"Quoted words"',
        "The old city is a difficult, dense, suffocating fight, Dillon said.",
        "A heading that goes on and on for far too many words to be any kind of heading",
    ],
)
def test_not_a_subheading(line: str) -> None:
    assert kinds(PARAGRAPH, line, PARAGRAPH) == ["paragraph", "paragraph", "paragraph"]


def test_first_and_last_units_are_never_subheadings() -> None:
    assert kinds("Syria Operations", PARAGRAPH) == ["paragraph", "paragraph"]
    assert kinds(PARAGRAPH, "Syria Operations") == ["paragraph", "paragraph"]


def test_subheading_needs_a_longer_paragraph_after_it() -> None:
    assert kinds(PARAGRAPH, "Syria Operations", "Short.") == ["paragraph", "paragraph", "paragraph"]
    assert kinds(PARAGRAPH, "Syria Operations", "Iraq Operations", PARAGRAPH) == [
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
    ]


def test_line_before_a_list_is_not_a_subheading() -> None:
    assert kinds(PARAGRAPH, "Detour Routes", "• Illinois 4 between Chatham and Virden") == [
        "paragraph",
        "paragraph",
        "list_item",
    ]


def test_bullets_become_list_items_in_order() -> None:
    blocks = to_blocks(units(PARAGRAPH, "• first item", "• second item", PARAGRAPH))
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("paragraph", PARAGRAPH, 1),
        ("list_item", "first item", 2),
        ("list_item", "second item", 3),
        ("paragraph", PARAGRAPH, 4),
    ]


def test_text_is_kept_verbatim() -> None:
    hostile = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) {{ config }}"
    assert to_blocks(units(hostile)) == (Block(kind="paragraph", text=hostile, line=1),)


def test_no_units_no_blocks() -> None:
    assert to_blocks([]) == ()
