"""The HTML reader: publisher metadata from saved newsroom pages, and only the release as body text."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from generator.errors import ReleaseError
from generator.model import RawDocument
from generator.readers import html_file
from generator.readers.html_values import split_names, strip_site_suffix

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
# The shared test corpus sits beside the repository (see its README); tests on it skip without it.
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "raw"


def read_fixture(name: str) -> RawDocument:
    return html_file.read((FIXTURES / name).read_bytes(), f"tests/fixtures/html/{name}")


def read_corpus(name: str) -> RawDocument:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"test corpus not available: {path}")
    return html_file.read(path.read_bytes(), f"corpus/raw/{name}")


def meta_of(doc: RawDocument) -> dict[str, tuple[object, str]]:
    return {key: (found.value, found.how) for key, found in doc.meta.items()}


def kinds_and_texts(doc: RawDocument) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in doc.blocks or ()]


def all_text(doc: RawDocument) -> str:
    return "\n".join(block.text for block in doc.blocks or ())


# --- three newsroom layouts --------------------------------------------------------------------


def test_json_ld_page() -> None:
    doc = read_fixture("jsonld-newsroom.html")
    assert meta_of(doc) == {
        "title": ("Agency Awards $12 Million to Restore Coastal Wetlands", "json-ld"),
        # 21:30 at -04:00 is already the 15th in UTC: the date is the one the publisher wrote
        "date": (dt.date(2023, 3, 14), "json-ld"),
        # the Organization listed as an author is the publisher, not a byline
        "author": (("Maria Lopez", "Daniel Okafor"), "json-ld"),
        "source": ("Example Environmental Agency", "json-ld"),
        "source_url": (
            "https://www.example-agency.gov/news/agency-awards-12-million-restore-coastal-wetlands",
            "html meta",
        ),
        "topics": (("Wetlands", "Grants", "Climate resilience"), "json-ld"),
        "summary": (
            "The Example Environmental Agency today awarded $12 million in grants to restore coastal "
            "wetlands in four states.",
            "html meta",
        ),
    }
    assert doc.meta["title"].line == 12  # the <script type="application/ld+json">
    assert doc.meta["source_url"].line == 11
    assert (doc.format, doc.id, doc.first_line) == ("html", "jsonld-newsroom", 1)


def test_json_ld_page_body() -> None:
    doc = read_fixture("jsonld-newsroom.html")
    assert kinds_and_texts(doc) == [
        (
            "paragraph",
            "WASHINGTON — The Example Environmental Agency today awarded $12 million in grants to restore "
            "coastal wetlands in Louisiana, Texas, Mississippi and Alabama, the agency announced.",
        ),
        (
            "paragraph",
            "The grants will fund the replanting of marsh grasses, the removal of failed levees and the "
            "monitoring of water quality at 14 sites along the Gulf Coast. Projects were chosen from 63 "
            "applications received last autumn.",
        ),
        (
            "quote",
            "“Healthy wetlands are our first line of defence against storm surge, and every acre we restore "
            "protects a community,” said Administrator Helen Brandt.",
        ),
        ("heading", "Where the money goes"),
        ("list_item", "$5.2 million for the Barataria Basin in Louisiana"),
        ("list_item", "$3.1 million for Galveston Bay in Texas"),
        ("list_item", "$3.7 million shared by projects in Mississippi and Alabama"),
        (
            "paragraph",
            "The full list of projects is published on the wetlands grants page "
            "(https://www.example-agency.gov/grants/wetlands-2023), and applications for the next round "
            "open in September.",
        ),
        ("paragraph", "Media contact: Press Office, press@example-agency.gov, 202-555-0142"),
    ]


def test_open_graph_page() -> None:
    doc = read_fixture("opengraph-newsroom.html")
    assert meta_of(doc) == {
        # "… – Ministry of Digital Affairs" is the site name, not part of the headline
        "title": ("Ministry opens consultation on rural broadband", "html meta"),
        "date": (dt.date(2019, 6, 3), "meta"),
        "author": (("Anna Schmidt", "Pieter de Vries"), "html meta"),
        "source": ("Ministry of Digital Affairs", "html meta"),
        "source_url": (
            "https://www.digital-affairs.example.org/press/2019/ministry-opens-consultation-rural-broadband",
            "html meta",
        ),
        # article:tag wins; the long SEO `keywords` list is not taken for tags, and the description,
        # cut off mid-sentence, is not taken for a summary
        "topics": (("Broadband", "Rural areas"), "html meta"),
    }
    assert doc.meta["date"].line == 10


def test_open_graph_page_is_decoded_as_declared() -> None:
    # ISO-8859-1 declared, windows-1252 curly quotes used: browsers (and we) read it as windows-1252
    doc = read_fixture("opengraph-newsroom.html")
    assert doc.lines[0].startswith("BERLIN – The Ministry of Digital Affairs today opened")
    assert (
        "paragraph",
        "The consultation documents are available in German and English on the ministry’s website.",
    ) in (kinds_and_texts(doc))
    assert len(doc.blocks or ()) == 4


def test_h1_and_time_page() -> None:
    doc = read_fixture("h1-time-newsroom.html")
    assert meta_of(doc) == {
        "title": ("Deputies recover stolen farm equipment worth $250,000", "h1"),
        "date": (dt.date(2021, 11, 2), "time"),
        "source": ("County Sheriff's Office", "html title"),
    }
    assert (doc.meta["title"].line, doc.meta["date"].line) == (20, 21)
    assert [block.text.split()[0] for block in doc.blocks or ()] == ["MILLBROOK,", "The", "Sheriff", "Anyone"]


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        (
            "jsonld-newsroom.html",
            [
                "cookie",
                "About the Agency",
                "Newsroom",
                "News Releases",
                "Share on",
                "Related news",
                "annual report on river",
                "Pennsylvania Avenue",
                "Privacy policy",
                "dataLayer",
                "Release date",
            ],
        ),
        (
            "opengraph-newsroom.html",
            [
                "cookie",
                "Speeches",
                "Press release",
                "Related press releases",
                "5G frequency auction",
                "Tweet this",
                "E-mail this page",
                "Imprint",
                "_paq",
            ],
        ),
        (
            "h1-time-newsroom.html",
            [
                "cookie",
                "OK, got it",
                "Careers",
                "Posted",
                "More news",
                "food drive",
                "patrol vehicles",
                "Non-emergency",
            ],
        ),
    ],
)
def test_page_furniture_stays_out_of_the_body(name: str, furniture: list[str]) -> None:
    doc = read_fixture(name)
    text = all_text(doc)
    for words in furniture:
        assert words.lower() not in text.lower(), words
    title = doc.meta["title"].value
    assert all(block.text != title for block in doc.blocks or ())


def test_lines_are_the_blocks_separated_by_blank_lines() -> None:
    doc = read_fixture("jsonld-newsroom.html")
    blocks = doc.blocks or ()
    assert doc.lines == tuple("\n\n".join(block.text for block in blocks).split("\n"))
    assert doc.lines[0].startswith("WASHINGTON — ")
    assert doc.lines[1] == ""
    assert doc.first_line == 1


# --- fallbacks and errors ----------------------------------------------------------------------


def test_table_layout_falls_back_to_the_main_container() -> None:
    page = (
        b'<html><body><div class="cookie-bar">We use cookies on this site to make it better.</div>\n'
        b"<main><table><tr><td>\n<p>WASHINGTON \xe2\x80\x93 The department announced new rules for grain "
        b"storage today.</p>\n<p>The rules take effect in May.</p></td></tr></table></main>\n"
        b"<aside>Related: older rules</aside></body></html>"
    )
    doc = html_file.read(page, "old-layout.html")
    assert [(b.kind, b.text, b.line) for b in doc.blocks or ()] == [
        ("paragraph", "WASHINGTON – The department announced new rules for grain storage today.", 3),
        ("paragraph", "The rules take effect in May.", 4),
    ]


def test_text_after_an_empty_formatting_tag_is_kept() -> None:
    # justice.gov writes "WASHINGTON <strong></strong> Daniel …"; the text after it must survive
    page = (
        b"<html><body><article><h1>Man Pleads Guilty</h1><p>WASHINGTON <strong></strong> Daniel Roe pleaded "
        b"guilty today to eight counts in a federal indictment, the Justice Department announced.</p>"
        b"<p>Sentencing is scheduled for April 1.</p></article></body></html>"
    )
    doc = html_file.read(page, "a.html")
    assert doc.lines[0] == (
        "WASHINGTON Daniel Roe pleaded guilty today to eight counts in a federal indictment, "
        "the Justice Department announced."
    )


def test_title_tag_alone_gives_the_headline_and_the_site() -> None:
    page = (
        b"<html><head><title>Budget 2024 - What Changes for Farmers | Press | Ministry of Agriculture</title>"
        b"</head><body><div><p>The ministry presented its budget for 2024 today in the capital.</p>"
        b"</div></body></html>"
    )
    doc = html_file.read(page, "a.html")
    assert meta_of(doc)["title"] == ("Budget 2024 - What Changes for Farmers", "html title")
    assert meta_of(doc)["source"] == ("Ministry of Agriculture", "html title")


def test_page_without_release_text_is_an_error() -> None:
    page = b"<html><head><title>Loading</title><script>render()</script></head><body><nav>Home</nav></body>"
    with pytest.raises(ReleaseError) as caught:
        html_file.read(page, "archive/2020/shell.html")
    problem = caught.value.problem
    assert (problem.path, problem.line, problem.message) == (
        "archive/2020/shell.html",
        None,
        "no release text found in the page",
    )
    assert "paste the release text into a .txt file" in problem.hint


def test_utf16_page_with_bom() -> None:
    page = "<html><body><article><h1>Título</h1><p>MADRID – Texto del comunicado.</p></article></body></html>"
    doc = html_file.read(codecs.BOM_UTF16_LE + page.encode("utf-16-le"), "es.html")
    assert doc.meta["title"].value == "Título"
    assert doc.lines == ("MADRID – Texto del comunicado.",)


def test_undeclared_windows_1252_is_read_and_reported_on_its_line() -> None:
    doc = html_file.read(
        b"<html>\n<body>\n<p>caf\xe9 is where the mayor said the plan was made.</p></body></html>", "bad.html"
    )
    assert doc.lines == ("café is where the mayor said the plan was made.",)
    (problem,) = doc.problems
    assert (problem.code, problem.line, problem.severity) == ("legacy-encoding", 3, "warning")


def test_unknown_declared_charset_is_an_error() -> None:
    with pytest.raises(ReleaseError) as caught:
        html_file.read(b'<html><head><meta charset="x-klingon"></head><body><p>Text.</p></body></html>', "k.html")
    assert caught.value.problem.message == "unknown character encoding 'x-klingon' declared in the page"


# --- general mechanisms -------------------------------------------------------------------------


def test_rdfa_date_and_labelled_taxonomy_fields() -> None:
    # the markup of a Drupal newsroom: an RDFa date and "label: items" taxonomy fields
    page = b"""<html><body><article>
<span class="date-display-single" property="dc:date" content="2016-02-29T00:00:00-05:00">Monday</span>
<h1 id="node-title">Leap Day Fraud Sweep Charges 20 People</h1>
<div class="body"><p>WASHINGTON - Twenty people were charged today in a nationwide sweep.</p></div>
<div class="field field--label-above"><div class="field__label">Topic(s):&nbsp;</div>
<div class="field__items"><div class="field__item even">Health Care Fraud</div>
<div class="field__item odd">Elder Justice</div></div></div>
<div class="field field--label-above"><div class="field__label">Component(s):&nbsp;</div>
<div class="field__items"><div class="field__item even">Criminal Division</div></div></div>
</article></body></html>"""
    doc = html_file.read(page, "drupal.html")
    assert meta_of(doc) == {
        "title": ("Leap Day Fraud Sweep Charges 20 People", "h1"),
        "date": (dt.date(2016, 2, 29), "meta"),
        "topics": (("Health Care Fraud", "Elder Justice"), "html meta"),
    }
    assert doc.meta["date"].line == 2


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Headline | OPA | Department of Justice", {"opa", "department of justice"}, "Headline"),
        ("Headline – Ministry of Digital Affairs", {"ministry of digital affairs"}, "Headline"),
        ("Jobs - Not the Site Name", {"ministry"}, "Jobs - Not the Site Name"),
        ("Plain headline", set(), "Plain headline"),
        ("COVID-19 Update - Week 3", {"agency"}, "COVID-19 Update - Week 3"),
    ],
)
def test_strip_site_suffix(title: str, sites: set[str], expected: str) -> None:
    assert strip_site_suffix(title, sites) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe", ["Jane Doe", "John Roe"]),
        ("Gil Alterovitz, PhD", ["Gil Alterovitz, PhD"]),
    ],
)
def test_split_names(text: str, names: list[str]) -> None:
    assert split_names(text) == names


# --- the real corpus ---------------------------------------------------------------------------


def test_corpus_doj_release_with_topic_and_subtitle() -> None:
    doc = read_corpus("doj-00059.html")
    title = (
        "Department of Justice and Health and Human Services Return $2.6 Billion in Taxpayer Savings From "
        "Efforts to Fight Healthcare Fraud"
    )
    assert meta_of(doc)["title"] == (title, "html meta")
    assert doc.meta["title"].line == 25
    assert (doc.meta["date"].value, doc.meta["date"].line) == (dt.date(2018, 4, 6), 185)
    assert doc.meta["topics"].value == ("Health Care Fraud",)
    assert doc.meta["source_url"].value == (
        "https://www.justice.gov/opa/pr/department-justice-and-health-and-human-services-return-26-billion-"
        "taxpayer-savings-efforts"
    )
    assert doc.meta["source"].value == "Department of Justice"
    blocks = kinds_and_texts(doc)
    assert blocks[0] == ("heading", "Departments Work to Stamp out Pill Mills and Opioid Overprescribing")
    assert ("list_item", "Providers operating pill mills out of their medical offices.") in blocks
    assert blocks[2][1].startswith("In FY 2017, the governments healthcare fraud prevention")  # after a <br><br>
    text = all_text(doc)
    for furniture in ("Justice News", "Component(s)", "Press Release Number", "Topic(s)", "Updated April"):
        assert furniture not in text


def test_corpus_doj_release_loses_the_page_header_above_its_headline() -> None:
    doc = read_corpus("doj-12644.html")
    assert doc.meta["title"].value == "President George W. Bush Grants Commutations"
    assert doc.meta["date"].value == dt.date(2009, 1, 19)
    assert "topics" not in doc.meta
    assert "author" not in doc.meta
    assert doc.meta["summary"].value == (
        "On Jan. 19, 2009, President George W. Bush granted commutations of sentence to two individuals."
    )
    assert doc.lines[0].startswith("WASHINGTON On Jan. 19, 2009, President George W. Bush granted commutations")
    assert ("list_item", "Jose Alonso Compean El Paso, Texas") in kinds_and_texts(doc)


def test_corpus_doj_plain_release() -> None:
    doc = read_corpus("doj-00002.html")
    assert doc.meta["title"].value == (
        "Justice Department Obtains Settlement of Case Alleging Disability-Based Discrimination in Housing "
        "in "
        "Ellensburg, Washington"
    )
    assert doc.meta["date"].value == dt.date(2018, 4, 13)
    blocks = doc.blocks or ()
    # justice.gov's og:description is the whole first paragraph here: a complete sentence, so a summary
    assert doc.meta["summary"].value == blocks[0].text
    assert len(blocks) == 8
    assert all(block.kind == "paragraph" for block in blocks)
    assert blocks[-1].text.endswith("or contact HUD at 1-800-669-9777.")


def test_corpus_doj_description_cut_mid_sentence_is_no_summary() -> None:
    doc = read_corpus("doj-05551.html")
    assert doc.meta["title"].value == "Admitted Gang Member Sentenced for Federal Racketeering Charges"
    assert doc.meta["date"].value == dt.date(2014, 7, 24)
    assert "summary" not in doc.meta  # "… relating to a Dec. 3, 2011, attempted murder"
