"""Bylines: `By:` / `By` and the names behind it, without honorifics and job titles."""

from __future__ import annotations

import pytest

from generator.extract.byline import parse_byline


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # The seed's shape, and its variants.
        ("By: Cheryl Pellerin", ("Cheryl Pellerin",)),
        ("By Cheryl Pellerin", ("Cheryl Pellerin",)),
        ("by Cheryl Pellerin", ("Cheryl Pellerin",)),
        ("BY: Cheryl Pellerin", ("Cheryl Pellerin",)),
        ("By:Cheryl Pellerin", ("Cheryl Pellerin",)),
        ("  By: Cheryl Pellerin  ", ("Cheryl Pellerin",)),
        ("By Cheryl Pellerin.", ("Cheryl Pellerin",)),
        # Several authors.
        ("By Jane Roe and John Doe", ("Jane Roe", "John Doe")),
        ("By: Maria Delgado and Thomas Reilly", ("Maria Delgado", "Thomas Reilly")),
        ("By Jane Roe & John Doe", ("Jane Roe", "John Doe")),
        ("By Jane Roe; John Doe", ("Jane Roe", "John Doe")),
        ("By Jane Roe, John Doe and Max Mustermann", ("Jane Roe", "John Doe", "Max Mustermann")),
        ("By Jane Roe and Jane Roe", ("Jane Roe",)),  # a name is listed once
        # Titles after a comma are not people.
        ("By Laura Mendez, Public Affairs Officer", ("Laura Mendez",)),
        ("By Jim Garamone, DoD News, Defense Media Activity", ("Jim Garamone",)),
        ("By Jane Roe, Staff Writer", ("Jane Roe",)),
        ("By Jennifer Ortiz and Paul Nguyen, Army News Service", ("Jennifer Ortiz", "Paul Nguyen")),
        # Honorifics and ranks are dropped.
        ("By Sen. Larry Craig", ("Larry Craig",)),
        ("By Senator Larry Craig", ("Larry Craig",)),
        ("By Sen. Olympia J. Snowe", ("Olympia J. Snowe",)),
        ("By U.S. Sen. Jon Kyl", ("Jon Kyl",)),
        ("By Rep. Jane Roe", ("Jane Roe",)),
        ("By Dr. Jane Roe", ("Jane Roe",)),
        ("By Army Col. Ryan Dillon", ("Ryan Dillon",)),
        ("By Gov. Jane Roe and Mayor John Doe", ("Jane Roe", "John Doe")),
        # Names of other shapes.
        ("By Mary-Jane O'Neil", ("Mary-Jane O'Neil",)),
        ("By Ludwig van Beethoven", ("Ludwig van Beethoven",)),
    ],
)
def test_byline(line: str, names: tuple[str, ...]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the numbers, the program grew by 20 percent last year.",
        "By the numbers",
        "By the end of the year, the bridge will reopen.",
        "By comparison, last year's budget was smaller.",
        "By 2020, every school will have a nurse.",
        "By law, the agency must publish its findings.",
        "Bypass construction begins on Monday.",
        "Byron Smith was named director.",
        "The report was written by Jane Roe.",
        "By",
        "By:",
        "",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_name_suffix_keeps_its_full_stop() -> None:
    assert parse_byline("By John Smith Jr.") == ("John Smith Jr.",)


def test_all_caps_byline_is_normalised() -> None:
    assert parse_byline("BY CHERYL PELLERIN") == ("Cheryl Pellerin",)
