"""Headlines and places written in capitals become headline case on the page and in the front matter;
acronyms and the names the vocabularies know keep their spelling, the raw file is not touched, and
`extracted:` says that the case was changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import Settings, read_release
from generator.enrich.case import headline_case, place_case
from generator.enrich.vocabulary import Matcher, Term, Vocabulary
from generator.extract.sentences import ACRONYMS

ROOT = Path(__file__).resolve().parent.parent
LEDE = "The Harbor Authority will begin dredging the main shipping channel next month, officials said today."


@pytest.mark.parametrize(
    ("capitals", "cased"),
    [
        # Every acronym the issue names.
        (
            "FBI, NASA WARN U.S. PUBLIC OF COVID-19 SCAMS AS H.R. 3221 PASSES",
            "FBI, NASA Warn U.S. Public of COVID-19 Scams as H.R. 3221 Passes",
        ),
        # Headlines of the Senate releases in the corpus.
        (
            "SEN. JOHNSON CO-SPONSORS MUCH NEEDED REFORMS TO NO CHILD LEFT BEHIND EDUCATION PROGRAM",
            "Sen. Johnson Co-Sponsors Much Needed Reforms to No Child Left Behind Education Program",
        ),
        (
            "SEN. CANTWELL ISSUES STATEMENT ON DOE'S WINTER FUEL PRICE FORECAST",
            "Sen. Cantwell Issues Statement on DOE's Winter Fuel Price Forecast",
        ),
        ("SEN. DODD TOUTS MAJOR HEALTH-RELATED SUCCESSES IN 109TH CONGRESS",
         "Sen. Dodd Touts Major Health-Related Successes in 109th Congress"),
        ("SEN. HUTCHISON WELCOMES USO LOUNGE TO DFW", "Sen. Hutchison Welcomes USO Lounge to DFW"),
        ("SEN. MIKULSKI ISSUES STATEMENT ON 50TH ANNIVERSARY OF BROWN V. BOARD OF EDUCATION",
         "Sen. Mikulski Issues Statement on 50th Anniversary of Brown v. Board of Education"),
        ("SEN. SALAZAR: 'ROOM FOR IMPROVEMENT IN FY 2009 ENERGY BUDGET'",
         "Sen. Salazar: 'Room for Improvement in FY 2009 Energy Budget'"),
        ("VETERANS OF THE FUTURE", "Veterans of the Future"),
        ("GOVERNMENT: WHAT'S YOURS IS MINE, EVEN AFTER YOU DIE",
         "Government: What's Yours Is Mine, Even After You Die"),
        ("SEN. MCCAIN THANKS O'NEILL, D'AMATO", "Sen. McCain Thanks O'Neill, D'Amato"),
        # "SEC." is Secretary; SEC alone the commission.
        ("SEC. RICE MEETS SEC CHAIRMAN", "Sec. Rice Meets SEC Chairman"),
    ],
)
def test_headline_case(capitals: str, cased: str) -> None:
    assert headline_case(capitals) == cased


@pytest.mark.parametrize(
    ("capitals", "cased"),
    [
        ("SPRINGFIELD, Ill.", "Springfield, Ill."),
        ("WASHINGTON", "Washington"),
        ("WASHINGTON, D.C.", "Washington, D.C."),
        ("SILVER SPRING, MD", "Silver Spring, MD"),
        ("ST. LOUIS, MO", "St. Louis, MO"),
        ("SALT LAKE CITY, UTAH", "Salt Lake City, Utah"),
    ],
)
def test_place_case(capitals: str, cased: str) -> None:
    assert place_case(capitals) == cased


def vocabulary(*terms: Term) -> Vocabulary:
    return Vocabulary((), terms, Matcher.build(()), Matcher.build(terms))


def test_vocabulary_names_keep_their_registered_spelling() -> None:
    names = vocabulary(
        Term(name="Office of U.S. Senator DeWine", aliases=("Senator DeWine", "dewine")),
        Term(name="FedRAMP", aliases=("fedramp",)),
        Term(name="Digital.gov (U.S. General Services Administration)", aliases=("Digital.gov",)),
        # A phrase alias is a way of matching, not a spelling: "Medicare fraud" does not lower "FRAUD".
        Term(name="Health Care Fraud", aliases=("Medicare fraud",)),
    )
    from generator.enrich.case import _names_of

    spelled = _names_of(names)
    assert headline_case("GROVER HILL GRANT THROUGH SEN. DEWINE'S BILL", spelled) == (
        "Grover Hill Grant Through Sen. DeWine's Bill"
    )
    assert headline_case("FEDRAMP AND DIGITAL.GOV FIGHT MEDICARE FRAUD", spelled) == (
        "FedRAMP and Digital.gov Fight Medicare Fraud"
    )


def write(project: Path, name: str, text: str) -> Path:
    path = project / "archive" / "2017" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "archive").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for name in ("topics.yml", "sources.yml"):
        shutil.copy2(ROOT / "archive" / name, tmp_path / "archive" / name)
    return tmp_path


def test_a_release_in_capitals_gets_headline_case_and_says_so(project: Path) -> None:
    text = f"FBI, NASA WARN PUBLIC ABOUT HARBOR SCAMS\nSPRINGFIELD, Ill. – June 29, 2017 – {LEDE}\n"
    path = write(project, "2017-06-29-scams.txt", text)
    before = path.read_bytes()
    release = read_release(path, Settings.load(project))
    assert release.title == "FBI, NASA Warn Public About Harbor Scams"
    assert release.place == "Springfield, Ill."
    assert dict(release.extracted) == {"title": "case", "place": "case"}
    assert path.read_bytes() == before  # the raw file stays as received


@pytest.mark.parametrize(
    "head",
    [
        "FBI Warns Public About Harbor Scams\nSpringfield, Ill. – June 29, 2017",  # partly in capitals
        "---\ntitle: HARBOR SCAMS\n---\nFBI WARNS PUBLIC\nWashington, DC – June 29, 2017",  # the archivist's title
        "FBI\nWashington, DC – June 29, 2017",  # nothing but an acronym: nothing to change
    ],
)
def test_text_not_wholly_in_capitals_or_overridden_is_left_alone(project: Path, head: str) -> None:
    path = write(project, "2017-06-29-scams.txt", f"{head}\n{LEDE}\n")
    release = read_release(path, Settings.load(project))
    title = "HARBOR SCAMS" if "title:" in head else head.splitlines()[0]
    assert release.title == title
    assert "title" not in release.extracted


# --- properties -------------------------------------------------------------------------------------

WORDS = st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ'-."), min_size=1, max_size=10)
TOKENS = st.sampled_from(sorted(ACRONYMS)) | WORDS | st.sampled_from(["OF", "THE", "A", "AND", "9/11", "3221", "U.S."])


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_casing_changes_nothing_but_the_case_of_letters(text: str) -> None:
    cased = headline_case(text.upper())
    assert [c.lower() for c in cased] == [c.lower() for c in text.upper()]


@settings(max_examples=300)
@given(st.lists(st.tuples(TOKENS, st.sampled_from(["", ",", ":", ";"])), min_size=1, max_size=12))
def test_casing_never_lowers_a_listed_acronym(words: list[tuple[str, str]]) -> None:
    text = " ".join(word + punctuation for word, punctuation in words)
    cased = headline_case(text).split(" ")
    assert len(cased) == len(words)
    for (word, punctuation), out in zip(words, cased, strict=True):
        if word in ACRONYMS:
            assert out == word + punctuation, (text, cased)
