"""Sentences, summaries and titles derived from the lede."""

from __future__ import annotations

import pytest

from generator.extract.sentences import SUMMARY_MAX, TITLE_MAX, clip, sentences, summary, title_from_lede

SEED_LEDE = (
    "The Islamic State of Iraq and Syria is on the run in Syria and Iraq and the terrorist group can’t stop the "
    "progress that coalition-partnered Iraqi and Syrian forces have made over the past two years, Combined Joint "
    "Task Force Operation Inherent Resolve spokesman Army Col. Ryan Dillon told Pentagon reporters today during a "
    "video conference from Baghdad."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two. Three!", ["One.", "Two.", "Three!"]),
        (
            "Sen. Larry Craig spoke. He said the U.S. Army will go.",
            ["Sen. Larry Craig spoke.", "He said the U.S. Army will go."],
        ),
        (
            "Army Col. Ryan Dillon spoke on Jan. 5 in Washington, D.C. to reporters. More followed.",
            ["Army Col. Ryan Dillon spoke on Jan. 5 in Washington, D.C. to reporters.", "More followed."],
        ),
        (
            "The J. Edgar Hoover Building is old. It needs work.",
            ["The J. Edgar Hoover Building is old.", "It needs work."],
        ),
        ('He said, "It is over." Then he left.', ['He said, "It is over."', "Then he left."]),
        ("He asked: is it over? Nobody knew.", ["He asked: is it over?", "Nobody knew."]),
        ("The rate is 3.5 percent. Done.", ["The rate is 3.5 percent.", "Done."]),
        ("It ended at 5 p.m. Monday. Then more.", ["It ended at 5 p.m. Monday.", "Then more."]),
        ("No boundary here", ["No boundary here"]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_abbreviation_after_a_comma_does_not_end_a_sentence() -> None:
    text = "FBI Director James B. Comey,U.S. Attorney Preet Bharara and others announced the charges. More."
    assert sentences(text) == [
        "FBI Director James B. Comey,U.S. Attorney Preet Bharara and others announced the charges.",
        "More.",
    ]


def test_title_from_a_short_lede_is_its_first_sentence_without_the_period() -> None:
    assert title_from_lede("Acme wins the award. It was a close race.") == "Acme wins the award"


def test_title_from_the_seed_lede_is_cut_at_a_clause_break() -> None:
    title = title_from_lede(SEED_LEDE)
    assert title == "The Islamic State of Iraq and Syria is on the run in Syria and Iraq"
    assert len(title) <= TITLE_MAX


def test_title_without_a_clause_break_is_clipped_at_a_word() -> None:
    lede = "Word " * 60 + "end."
    title = title_from_lede(lede)
    assert len(title) <= TITLE_MAX
    assert title.endswith("…")
    assert title[:-1].split() == ["Word"] * len(title[:-1].split())


@pytest.mark.parametrize("lede", [SEED_LEDE, "Short one.", "A. " * 200, "x" * 1000])
def test_title_and_summary_lengths(lede: str) -> None:
    assert 0 < len(title_from_lede(lede)) <= TITLE_MAX
    assert 0 < len(summary(lede)) <= SUMMARY_MAX


def test_summary_takes_whole_sentences_up_to_the_limit() -> None:
    lede = "First sentence is here. Second sentence is here too. " + "Third is far too long " * 20 + "end."
    assert summary(lede) == "First sentence is here. Second sentence is here too."


def test_summary_of_an_overlong_first_sentence_is_clipped() -> None:
    text = summary(SEED_LEDE)
    assert len(text) <= SUMMARY_MAX
    assert text.endswith("…")
    assert SEED_LEDE.startswith(text[:-1])


@pytest.mark.parametrize(("text", "limit"), [("one two three four five", 12), ("word " * 100, 50), ("a, b, c, d", 6)])
def test_clip(text: str, limit: int) -> None:
    clipped = clip(text, limit)
    assert len(clipped) <= limit
    assert clipped.endswith("…")
    assert text.startswith(clipped[:-1])


def test_clip_leaves_short_text_alone() -> None:
    assert clip("short", 10) == "short"
