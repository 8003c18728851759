"""People quoted: attribution shapes, names and roles as RULES.md writes them, and what never counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.enrich.authors import Author, AuthorRegistry
from generator.extract.people import match_people, people_quoted, with_people
from generator.model import Block, Release
from generator.render.indexes import render_term
from generator.settings import Settings
from tests.pages import release_page_text


def quoted(*paragraphs: str, authors: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    found = people_quoted([(text, number) for number, text in enumerate(paragraphs, start=1)], authors)
    return [(person.name, person.role) for person in found]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # Said after the speaker, with the title before the name (the role as written).
        (['"We will rebuild," said Mayor Jane Smith.'], [("Jane Smith", "Mayor")]),
        # Said before the speaker, with the office after the name.
        (["Acting Assistant Attorney General John Gore of the Civil Rights Division said the case matters."],
         [("John Gore", "Acting Assistant Attorney General of the Civil Rights Division")]),
        # Indirect speech with "told"; a long title run up to the verb before it.
        (["Forces advanced, Combined Joint Task Force spokesman Army Col. Ryan Dillon told reporters today."],
         [("Ryan Dillon", "Combined Joint Task Force spokesman Army Col.")]),
        # "according to"; the honorific is not part of the role.
        (["Prices rose, according to Treasury Secretary Dr. Ana Lopez."], [("Ana Lopez", "Treasury Secretary")]),
        # The appositive gives the role when no title precedes the name.
        (["Anna Faras, HUD Assistant Secretary for Fair Housing, said the rule protects renters."],
         [("Anna Faras", "HUD Assistant Secretary for Fair Housing")]),
        # A surname alone refers back to the full name met earlier, with that mention's role.
        (["U.S. Attorney Barbara L. McQuade announced the charges.", '"This is fraud," McQuade said.'],
         [("Barbara L. McQuade", "U.S. Attorney")]),
        # A statement issued by the speaker, and a joint attribution under a plural title.
        (["Senator Bernie Sanders (I-Vt.) issued the following statement:"], [("Bernie Sanders", "Senator")]),
        (["Sens. Kent Conrad and Byron Dorgan, Rep. Earl Pomeroy and Gov. John Hoeven said today they are pleased."],
         [("Kent Conrad", "Sen."), ("Byron Dorgan", "Sen."), ("Earl Pomeroy", "Rep."), ("John Hoeven", "Gov.")]),
        # The label form, for someone met before.
        (["U.S. Sen. David Vitter (R-La.) spoke today.", 'Vitter: "In this election year we must act."'],
         [("David Vitter", "U.S. Sen.")]),
        # A name in a title over the statement.
        (["Statement From Sen. Norm Coleman On The Fourth Of July:", "Today we celebrate."],
         [("Norm Coleman", "Sen.")]),
        # Words inside someone's quotation are theirs: the name quoted inside is not quoted.
        (["Sen. Barbara Boxer and Sen. Tom Coburn met.", '"I am pleased," Boxer said. "Coburn said we made points."'],
         [("Barbara Boxer", "Sen.")]),
        # DOJ pages lost their accents: "Montano" is later "Montao".
        (["Special Agent in Charge Tracey Montano of the IRS in Nashville joined.",
          "Security is a priority, said Special Agent in Charge Montao."],
         [("Tracey Montano", "Special Agent in Charge of the IRS in Nashville")]),
    ],
)
def test_attribution_shapes(paragraphs: list[str], expected: list[tuple[str, str | None]]) -> None:
    assert quoted(*paragraphs) == expected


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Acting, not speaking: these verbs are no attribution.
        ["Attorney General Eric Holder announced the charges today."],
        ["Sen. Jane Roe praised the decision and urged colleagues to act."],
        # Unnamed speakers and organisations.
        ['"We disagree," a spokesperson said.', '"The rule is final," the Department of Justice said.'],
        # A surname never met in full is nobody.
        ['"We will win," said Smith.'],
        # A contact line is not a speaker, and a document's name in a list is not a statement.
        ["Contact: Leroy Coleman, 202/224-5641, said the office."],
        ["Report materials", "Statement by Rachel Brand (PDF)"],
        # An office after a title is no person ("of the Civil Rights Division said").
        ["The head of the Civil Rights Division said nothing."],
    ],
)
def test_what_is_not_a_quotation(paragraphs: list[str]) -> None:
    assert quoted(*paragraphs) == []


def test_the_author_of_an_op_ed_is_not_quoted_but_whom_it_quotes_is() -> None:
    text = ['"Our dreams are realistic," said Francis S. Collins, director of the genome institute.',
            '"We must fund research," Jon Kyl said.']
    assert quoted(*text, authors=("Jon Kyl",)) == [("Francis S. Collins", "director of the genome institute")]


def test_each_person_once_in_order_of_first_quotation_with_its_line() -> None:
    found = people_quoted([("Sen. Ann Lee and Sen. Bo Park met.", 3), ('"Yes," said Park.', 5),
                           ('"No," said Lee.', 7), ('"Maybe," Park said.', 9)])
    assert [(p.name, p.line) for p in found] == [("Bo Park", 5), ("Ann Lee", 7)]


def _release(**changes: object) -> Release:
    base = Release(id="x", title="Storm aid", date=dt.date(2020, 1, 2), raw="archive/x.txt",
                   body=(Block(kind="paragraph", text='"We will help," said Gov. Ann Lee.', line=4),))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_release_gets_names_and_roles_and_an_override_wins() -> None:
    found = with_people(_release(), {})
    assert found.people == ("Ann Lee",) and found.roles == {"Ann Lee": "Gov."}
    corrected = with_people(_release(people=("Ann B. Lee",)), {"people": ["Ann B. Lee"]})
    assert corrected.people == ("Ann B. Lee",) and corrected.roles == {}


def test_a_person_in_the_authors_registry_gets_the_registered_name() -> None:
    registry = AuthorRegistry((Author(name="Ann B. Lee", aliases=("Ann Lee",)),), {"ann lee": "Ann B. Lee",
                                                                                 "ann b. lee": "Ann B. Lee"})
    matched = match_people(with_people(_release(), {}), registry)
    assert matched.people == ("Ann B. Lee",) and matched.roles == {"Ann B. Lee": "Gov."}


def test_hostile_names_and_roles_stay_text_on_pages() -> None:
    name = "<script>alert(1)</script> [x](javascript:y)"
    release = _release(people=(name,), roles={name: "<b>Chief</b> | *boss*"})
    page = release_page_text(release).split("\n---\n", 1)[1]  # below the front matter (YAML data)
    assert "<script>" not in page and "<b>" not in page and "](javascript:" not in page
    term = render_term("people", name, [release], None, Settings.load(Path(__file__).resolve().parents[2]))
    # Below the front matter (YAML data, where the title is a quoted string): the Markdown and the fast path's HTML.
    text = "".join(page.split("\n---\n", 1)[1] if page.startswith("---\n") else page for page in term.values())
    assert "<script>" not in text and "<b>Chief" not in text and "](javascript:" not in text
    assert "pa-role" in text


_FIRST = st.sampled_from(["Jane", "Ryan", "Maria", "Tom", "Olympia", "Brian", "Lisa", "Peter"])
_LAST = st.sampled_from(["Smith", "Dillon", "Cantwell", "McQuade", "Molina-Irizarry", "Peña", "O'Rourke", "Kirsch"])
_TITLE = st.sampled_from(["Mayor", "Sen.", "Gov.", "Army Col.", "U.S. Attorney", "Secretary", "Rep.", "Director"])
_WORDS = st.lists(st.sampled_from(["we", "will", "rebuild", "the", "city", "today", "and", "never", "stop"]),
                  min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(words=_WORDS, title=_TITLE, first=_FIRST, last=_LAST)
def test_any_said_title_first_last_yields_that_person(words: list[str], title: str, first: str, last: str) -> None:
    sentence = f'"{" ".join(words).capitalize()}," said {title} {first} {last}.'
    assert quoted(sentence) == [(f"{first} {last}", title)]


@settings(max_examples=200, deadline=None)
@given(words=_WORDS, title=_TITLE, first=_FIRST, last=_LAST)
def test_no_verb_of_saying_yields_nobody(words: list[str], title: str, first: str, last: str) -> None:
    assert quoted(f"{title} {first} {last} visited {' '.join(words)}.", f"{first} {last} {' '.join(words)}.") == []
