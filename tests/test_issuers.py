"""Issuers: the office of an officeholder acting at the head of a release, an organisation acting as
the subject of the headline or the lede, never one the text only mentions; `office:` entries of
sources.yml and their errors; the warning for an address whose domain no entry has."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.enrich import enrich
from generator.enrich.subjects import lede_subject
from generator.enrich.vocabulary import Vocabulary, load_vocabulary
from generator.errors import Problem
from generator.extract import extract
from generator.model import Release
from generator.readers import read

SOURCES = """\
- name: U.S. Department of Justice
  aliases: [Department of Justice, Justice Department, DOJ]
  domains: [justice.gov]
- name: Federal Open Market Committee
  aliases: [FOMC]
- name: National Aeronautics and Space Administration
  aliases: [NASA]
- name: Office of U.S. Senator Kyl
  aliases: [Jon Kyl]
- name: Office of U.S. Senator Dorgan
- name: Office of U.S. Senator Ben Nelson
  aliases: [Sen. Ben Nelson]
- office: U.S. Senator
  titles: [U.S. Senator, U.S. Sen., Senator, Sen., Senators, Sens., Senate Majority Leader]
  template: Office of U.S. Senator {surname}
- office: U.S. Representative
  titles: [Rep., Representative, Congressman, Congresswoman]
  template: Office of U.S. Representative {surname}
- office: Governor
  titles: [Gov., Governor]
  template: Office of Governor {surname}
- office: Mayor
  titles: [Mayor]
  template: Office of Mayor {name}
- office: U.S. Attorney General
  titles: [U.S. Attorney General, Attorney General]
  template: U.S. Department of Justice
  jurisdiction: [United States, U.S.]
- office: State Attorney General
  titles: [Attorney General]
  template: Office of Attorney General {surname}
"""

HEAD = "Harbor News\nWashington, DC – March 3, 2021\n"
AFTER = "\nThe work will take two years and cost about $40 million, officials said.\n"


def archive(root: Path, sources: str) -> Vocabulary:
    (root / "archive").mkdir(parents=True, exist_ok=True)
    (root / "archive" / "sources.yml").write_text(sources, encoding="utf-8")
    vocabulary, problems = load_vocabulary(root / "archive")
    assert problems == []
    return vocabulary


@pytest.fixture(scope="module")
def vocabulary(tmp_path_factory: pytest.TempPathFactory) -> Vocabulary:
    return archive(tmp_path_factory.mktemp("issuers"), SOURCES)


def release_of(
    vocabulary: Vocabulary, text: str | bytes, name: str = "2021-03-03-release.txt"
) -> tuple[Release, list[Problem]]:
    draft = extract(read(text.encode() if isinstance(text, str) else text, f"archive/2021/{name}"))
    release, problems = enrich(draft, vocabulary)
    return release, problems


def source_of(vocabulary: Vocabulary, lede: str, head: str = HEAD) -> str | None:
    return release_of(vocabulary, head + lede + AFTER)[0].source


@pytest.mark.parametrize(
    ("lede", "source"),
    [
        # The three forms of the issue.
        ("U.S. Sen. John Cornyn, R-Texas, today voted to confirm the nominee.", "Office of U.S. Senator Cornyn"),
        ("Sen. Jim DeMint (R-South Carolina) made the following statement on the harbor bill.",
         "Office of U.S. Senator DeMint"),
        ("Governor Rick Perry announced a new harbor authority for the Gulf Coast today.", "Office of Governor Perry"),
        # Representatives, mayors ({name}), attorneys general (a jurisdiction tells two offices apart).
        ("Rep. Earl Pomeroy (D-N.D.) today introduced a bill to dredge the Missouri River channel.",
         "Office of U.S. Representative Pomeroy"),
        ("Congresswoman Shelley Berkley said today that the harbor grant will create jobs.",
         "Office of U.S. Representative Berkley"),
        ("Mayor Ana Ruiz announced on Tuesday that the city will repave the harbor road.", "Office of Mayor Ana Ruiz"),
        ("Texas Attorney General Greg Abbott today filed suit against the harbor dredging company.",
         "Office of Attorney General Abbott"),
        ("U.S. Attorney General Eric Holder announced charges against the harbor dredging company.",
         "U.S. Department of Justice"),
        # Names as releases print them: initials, particles, inner capitals, suffixes, stacked titles.
        ("Senator Daniel K. Akaka (D-HI) today learned that the report was released.", "Office of U.S. Senator Akaka"),
        ("Sen. Chris Van Hollen Jr. (D-Md.) said the harbor grant is long overdue.",
         "Office of U.S. Senator Van Hollen"),
        ("Sen. Bill Frist, M.D., (R-Tenn.) made the following statement after the vote.",
         "Office of U.S. Senator Frist"),
        ("Senate Majority Leader Sen. Harry Reid of Nevada made the following statement today.",
         "Office of U.S. Senator Reid"),
        # The subject after an opening phrase, an appositive, "today"; an entry named by title and name.
        ("After months of talks, Sen. Mike DeWine (R-OH), a member of the Appropriations Committee, "
         "today announced the grant.", "Office of U.S. Senator DeWine"),
        ("Today Sen. Ben Nelson met with harbor officials to discuss the dredging plan.",
         "Office of U.S. Senator Ben Nelson"),
        ("The Department of Justice announced today that the harbor company will pay a fine.",
         "U.S. Department of Justice"),
        ("The Federal Open Market Committee at its meeting today decided to keep its target rate.",
         "Federal Open Market Committee"),
    ],
)
def test_the_subject_acting_is_the_issuer(vocabulary: Vocabulary, lede: str, source: str) -> None:
    release, problems = release_of(vocabulary, HEAD + lede + AFTER)
    assert release.source == source
    assert release.extracted["source"] == "lede"
    assert [p.code for p in problems if "source" in p.code] == []


@pytest.mark.parametrize(
    "lede",
    [
        # Only mentioned: objects of "by", "to", "with"; a committee or an unknown body acts.
        "Grants administered by the Department of Justice will help NASA researchers study harbor silt.",
        "The bill, sponsored by Sen. Tom Coburn (R-Okla.), requires the Department of Justice to report.",
        "Democratic members of the committee walked out of a hearing on a bill offered by Sen. Craig Thomas.",
        "Information received since the Federal Open Market Committee met in March indicates growth.",
        # Not acting: a possessive, a description, a rank that is another office, two offices in one title.
        "Sen. Jon Kyl's amendment to the harbor bill passed the Senate by a vote of 60 to 40.",
        "NASA is an agency that studies the harbor's silt from space with new satellite instruments.",
        "Assistant Attorney General Leslie Caldwell announced charges against the harbor dredging company.",
        "Attorney General Eric Holder announced charges against the harbor dredging company today.",
        # Two officeholders acting together, neither in sources.yml: no guess.
        "Sens. Max Baucus and Jon Tester announced Thursday that the harbor will get a federal grant.",
    ],
)
def test_a_mention_is_no_issuer(vocabulary: Vocabulary, lede: str) -> None:
    release, problems = release_of(vocabulary, HEAD + lede + AFTER)
    assert release.source is None
    assert "no-source" in [p.code for p in problems]
    assert "source" not in release.extracted


def test_a_headline_in_capitals_is_spelled_as_the_body_spells_the_name(vocabulary: Vocabulary) -> None:
    head = "SEN. DEWINE SECURES FUNDING FOR HARBOR\n"
    lede = "The harbor will receive $2 million in the bill that passed today, said Senator Mike DeWine."
    release, _ = release_of(vocabulary, head + lede + AFTER)
    assert (release.source, release.extracted["source"]) == ("Office of U.S. Senator DeWine", "headline")
    # The headline's subject is a bill, not the senator; and a possessive is no subject either.
    for head in ("SEN. DEWINE-BACKED BILL PASSES\n", "SEN. DEWINE'S BILL PASSES\n"):
        assert source_of(vocabulary, lede, head) is None


def test_headline_and_lede_must_agree(vocabulary: Vocabulary) -> None:
    lede = "Gov. Jan Brewer announced today that the state will match the federal harbor grant."
    assert source_of(vocabulary, lede, "SEN. KYL APPLAUDS HARBOR GRANT\n") is None
    assert source_of(vocabulary, lede, "Harbor Grant Matched\n") == "Office of Governor Brewer"
    assert source_of(vocabulary, "The harbor will be dredged next year.", "NASA Selects Harbor Site\n") == (
        "National Aeronautics and Space Administration"
    )
    assert source_of(vocabulary, "The harbor will be dredged next year.", "NASA: Harbor Site Plan\n") is None


def test_a_joint_release_gets_the_listed_issuer_with_a_warning(vocabulary: Vocabulary) -> None:
    lede = "Sens. Kent Conrad and Byron Dorgan said today that the harbor will receive a federal grant."
    release, problems = release_of(vocabulary, HEAD + lede + AFTER)
    assert (release.source, release.extracted["source"]) == ("Office of U.S. Senator Dorgan", "joint")
    [warning] = [p for p in problems if p.code == "joint-issuers"]
    assert warning.format() == (
        "archive/2021/2021-03-03-release.txt:3: warning: issued jointly by 'Office of U.S. Senator Conrad', "
        "'Office of U.S. Senator Dorgan'; source set to 'Office of U.S. Senator Dorgan', the one of them in "
        "sources.yml — if another of them issued this copy, add 'source: …' in a front-matter header"
    )


def test_an_officeholders_byline_names_the_office(vocabulary: Vocabulary) -> None:
    text = "TAX HIKES FALL ON SMALL BUSINESS\nBy Sen. Jon Kyl\nEver since the tax cuts were enacted, critics have " \
        "stepped up their attacks on small businesses across the country.\n"
    release, _ = release_of(vocabulary, text)
    assert (release.source, release.extracted["source"]) == ("Office of U.S. Senator Kyl", "byline")


def test_office_entries_are_validated_with_their_lines(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "sources.yml").write_text(
        "- name: NASA\n"
        "- office: Mayor\n"
        "  titles: [Mayor]\n"
        "  template: Office of {title} {surname}\n"
        "- office: Governor\n"
        "  title: [Gov.]\n"
        "  template: Office of Governor {surname}\n"
        "- office: Sheriff\n"
        "  titles: [Sheriff]\n"
        "  template: Office of the {jurisdiction} Sheriff\n"
        "- office: Senator\n"
        "  titles: [Sen.]\n"
        "  template: Office of Senator {surname\n"
        "- office: Judge\n"
        "  titles: [Judge]\n"
        "  template: Chambers of Judge {surname}\n"
        "- office: Justice\n"
        "  titles: [Judge]\n"
        "  template: Chambers of Justice {surname}\n",
        encoding="utf-8",
    )
    vocabulary, problems = load_vocabulary(tmp_path / "archive")
    assert [p.format() for p in problems] == [
        "archive/sources.yml:2: error: the template of office 'Mayor' cannot be used: it names {title} — "
        "use {surname}, {name} or {jurisdiction}, e.g. Office of U.S. Senator {surname}",
        "archive/sources.yml:6: error: unknown key 'title' in an office entry — did you mean 'titles'? "
        "use: office, titles, template, jurisdiction",
        "archive/sources.yml:5: error: office 'Governor' has no 'titles' — add the titles that name its holder, "
        "e.g. titles: [Gov., Governor]",
        "archive/sources.yml:8: error: the template of office 'Sheriff' names {jurisdiction}, but the office has "
        "none — add jurisdiction: [Texas, TX, Tex.]",
        "archive/sources.yml:11: error: the template of office 'Senator' cannot be used: its braces do not pair "
        "— use {surname}, {name} or {jurisdiction}, e.g. Office of U.S. Senator {surname}",
        "archive/sources.yml:17: error: title 'Judge' names both office 'Judge' (line 14) and office 'Justice' — "
        "give one of them a 'jurisdiction', or keep the title in one",
    ]
    assert all(p.code == "bad-vocabulary" for p in problems)
    # The organisations are read as before; only the valid offices are kept.
    assert [s.name for s in vocabulary.sources] == ["NASA"]
    assert [o.office for o in vocabulary.offices] == ["Judge", "Justice"]


def test_a_jurisdiction_tells_offices_apart(tmp_path: Path) -> None:
    vocabulary = archive(tmp_path, (
        "- office: Governor of Texas\n  titles: [Gov., Governor]\n"
        "  template: Office of the Governor of {jurisdiction}\n  jurisdiction: [Texas, TX, Tex.]\n"
        "- office: Governor of California\n  titles: [Gov., Governor]\n"
        "  template: Office of the Governor of {jurisdiction}\n  jurisdiction: [California, CA, Calif.]\n"
    ))
    lede = "announced today that the state will match the federal harbor grant."
    assert source_of(vocabulary, f"Gov. Rick Perry (R-Tex.) {lede}") == "Office of the Governor of Texas"
    assert source_of(vocabulary, f"Gov. Jerry Brown, D-Calif., {lede}") == "Office of the Governor of California"
    assert source_of(vocabulary, f"Gov. Jerry Brown {lede}") is None  # which governor is not said


def test_an_unknown_source_address_suggests_the_entry(vocabulary: Vocabulary) -> None:
    lede = "The harbor will be dredged next year, the port said."
    text = HEAD + lede + AFTER + "Source: https://www.harbor.example.gov/news\n"
    release, problems = release_of(vocabulary, text)
    [warning] = [p for p in problems if p.code == "unknown-source-domain"]
    assert warning.format() == (
        "archive/2021/2021-03-03-release.txt:5: warning: source address 'https://www.harbor.example.gov/news' "
        "matches no organisation in sources.yml — add to archive/sources.yml: - name: …, domains: "
        "[harbor.example.gov]"
    )
    assert release.source is None and "no-source" in [p.code for p in problems]
    # A source found otherwise is the entry to add the domain to.
    text = HEAD + "The Department of Justice announced today that the harbor company will pay a fine." + AFTER
    release, problems = release_of(vocabulary, text + "Source: https://news.example.org/doj\n")
    assert release.source == "U.S. Department of Justice"
    assert [p.hint for p in problems if p.code == "unknown-source-domain"] == [
        "add news.example.org to the domains of 'U.S. Department of Justice' in archive/sources.yml, "
        "if it publishes there"
    ]
    # A known domain gives no warning.
    release, problems = release_of(vocabulary, HEAD + lede + AFTER + "Source: https://www.justice.gov/opa\n")
    assert release.source == "U.S. Department of Justice"
    assert "unknown-source-domain" not in [p.code for p in problems]


def test_an_unknown_sender_domain_suggests_the_entry(vocabulary: Vocabulary) -> None:
    raw = (Path(__file__).parent / "fixtures" / "email" / "windows-1252-qp.eml").read_bytes()
    release, problems = release_of(vocabulary, raw, "2021-03-03-release.eml")
    assert release.source == "Contoso Energy"  # the sender's name, not in sources.yml
    [warning] = [p for p in problems if p.code == "unknown-source-domain"]
    assert warning.line == 1
    assert warning.message == "sender's domain 'contoso-energy.example' matches no organisation in sources.yml"
    assert warning.hint == "add to archive/sources.yml: - name: Contoso Energy, domains: [contoso-energy.example]"


TITLES = ("U.S. Sen.", "Sen.", "Senator", "U.S. Senator")
FIRST = ("John", "Jim", "Olympia", "Kay Bailey", "Daniel K.", "Jon S.", "Mary", "Ben Ray")
SURNAMES = ("Cornyn", "DeMint", "DeWine", "McCain", "Van Hollen", "O'Rourke", "Akaka", "Snowe", "Luján")
TAGS = (", R-Texas,", " (R-South Carolina)", " (D-N.Y.)", ", I-Vt.,", " (D - Mont.)", "")
VERBS = ("voted", "announced", "introduced", "made the following statement", "has invited", "is working", "urged")


@settings(max_examples=200, deadline=None)
@given(
    title=st.sampled_from(TITLES),
    first=st.sampled_from(FIRST),
    surname=st.sampled_from(SURNAMES),
    suffix=st.sampled_from(("", " Jr.", ", Jr.")),
    tag=st.sampled_from(TAGS),
    verb=st.sampled_from(VERBS),
    when=st.sampled_from(("today ", "on Tuesday, Jan. 30, ", "")),
)
def test_the_officeholder_acting_names_the_office_by_surname(
    vocabulary: Vocabulary, title: str, first: str, surname: str, suffix: str, tag: str, verb: str, when: str
) -> None:
    lede = f"{title} {first} {surname}{suffix}{tag} {when}{verb} on the harbor bill."
    [actor] = lede_subject(lede, vocabulary) or [None]
    assert actor is not None and actor.source == f"Office of U.S. Senator {surname}", lede
    # The same name as the object of a preposition is no issuer.
    assert lede_subject(f"The harbor bill was {verb} by {title} {first} {surname}{tag}.", vocabulary) is None
