"""The Markdown reader: front matter → meta with lines, CommonMark body → plain-text blocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import ReleaseError
from generator.model import Block, RawDocument
from generator.readers import markdown

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown"
# The shared test corpus sits beside the repository (see its README); tests on it skip without it.
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "raw"


def read_fixture(name: str) -> RawDocument:
    return markdown.read((FIXTURES / name).read_bytes(), f"tests/fixtures/markdown/{name}")


def read_corpus(name: str) -> RawDocument:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"test corpus not available: {path}")
    return markdown.read(path.read_bytes(), f"corpus/raw/{name}")


def kinds_and_texts(doc: RawDocument) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in doc.blocks or ()]


def all_text(doc: RawDocument) -> str:
    return "\n".join(block.text for block in doc.blocks or ())


# --- Hugo ------------------------------------------------------------------------------------


def test_hugo_front_matter_becomes_meta_with_key_lines() -> None:
    doc = read_fixture("hugo-post.md")
    meta = {key: (found.value, found.line, found.how) for key, found in doc.meta.items()}
    assert meta == {
        "title": ("Open Data Week: What We Learned", 4, "front matter"),
        "date": (dt.date(2016, 5, 26), 3, "front matter"),
        # Hugo's author ids stay ids: only the authors registry names them (tests/test_authors.py).
        "author": (("gray-brooks", "maria-de-la-cruz", "cfpb-digital-analytics-team"), 6, "front matter"),
        "topics": (("open-data", "application-programming-interface"), 10, "front matter"),
        "source": ("usagov", 13, "front matter"),
        "source_url": ("https://blog.usa.gov/open-data-week-recap", 14, "front matter"),
        "summary": (
            "Five agencies shared how they publish data people actually use — and what they would do "
            "differently.",
            5,
            "front matter",
        ),
    }
    assert doc.overrides == {}
    assert (doc.format, doc.id, doc.first_line) == ("markdown", "hugo-post", 18)


def test_hugo_body_is_plain_text_blocks() -> None:
    doc = read_fixture("hugo-post.md")
    assert kinds_and_texts(doc) == [
        (
            "paragraph",
            "WASHINGTON – Five agencies came to Open Data Week to talk about the data sets people actually "
            "use, and the Data.gov team (https://www.data.gov/about) hosted the closing panel.",
        ),
        ("paragraph", "Registration for the fall workshop is now open."),
        ("quote", "Publish the data you have, then listen to the people who use it. — Panel moderator"),
        ("heading", "Three lessons"),
        ("list_item", "Start with the questions people ask."),
        ("list_item", "Document every field:"),
        ("list_item", "units and formats"),
        ("list_item", "how often it changes"),
        ("list_item", "Keep old URLs working & redirect the rest."),
        ("quote", "Data that nobody can find is data that nobody uses. — a panelist"),
        ("paragraph", "Line one of the address"),
        ("paragraph", "Line two of the address"),
        ("paragraph", "GET /api/v1/datasets?limit=10"),
        ("paragraph", "Slides are on the event page (https://www.data.gov/events/odw-2016)."),
    ]


def test_title_heading_and_shortcodes_leave_no_trace() -> None:
    text = all_text(read_fixture("hugo-post.md"))
    assert "Open Data Week: What We Learned" not in text
    for trace in ("{{", "}}", "legacy-img", "ref ", "note", "**", "_data", "&amp;", "600-x-400"):
        assert trace not in text


def test_block_lines_point_at_the_raw_file() -> None:
    for name in ("hugo-post.md", "jekyll-post.md", "hostile.md"):
        raw_lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
        doc = read_fixture(name)
        for block in doc.blocks or ():
            assert block.line is not None
            first_word = block.text.split()[0].strip("“”")
            assert first_word in raw_lines[block.line - 1], (name, block)


def test_lines_are_the_body_as_received() -> None:
    doc = read_fixture("hugo-post.md")
    raw_lines = (FIXTURES / "hugo-post.md").read_text(encoding="utf-8").split("\n")
    assert doc.lines == tuple(raw_lines[doc.first_line - 1 :])
    assert doc.lines[doc.line_no(0) - doc.first_line] == ""
    assert doc.lines[5].startswith("WASHINGTON – Five agencies")
    assert doc.line_no(5) == 23


# --- Jekyll ----------------------------------------------------------------------------------


def test_jekyll_front_matter() -> None:
    doc = read_fixture("jekyll-post.md")
    assert doc.meta["title"].value == "Board Releases Report on Data Retention"
    assert doc.meta["date"].value == dt.date(2014, 7, 2)
    assert doc.meta["date"].line == 5
    assert doc.meta["author"].value == ("Jane Roe",)
    # tags and categories are both topics; `category` (singular) is PCLOB's section, not a topic
    assert doc.meta["topics"].value == ("privacy", "oversight", "reports")
    assert doc.meta["summary"].value == (
        "The Board today released its report on how long agencies keep the records they collect."
    )
    assert "source_url" not in doc.meta


def test_jekyll_liquid_is_removed_and_html_tables_become_rows() -> None:
    doc = read_fixture("jekyll-post.md")
    assert kinds_and_texts(doc) == [
        (
            "paragraph",
            "The Board today released its report on how long agencies keep the records they collect. "
            "Read the full report or the press statement.",
        ),
        ("paragraph", "Board staff will answer questions at the public meeting."),
        ("heading", "Public meeting"),
        ("paragraph", "10:00 AM | Opening remarks"),
        ("paragraph", "10:30 AM | Panel: Retention schedules"),
        ("paragraph", "Written comments may be sent to until August 15."),
    ]
    assert [block.line for block in doc.blocks or ()] == [17, 19, 21, 27, 35, 43]


# --- hostile input ----------------------------------------------------------------------------


def test_hostile_markup_yields_only_safe_text() -> None:
    doc = read_fixture("hostile.md")
    assert kinds_and_texts(doc) == [
        ("paragraph", "Click here for the notice, or here."),
        (
            "paragraph",
            "Details in the attachment and on the official page site (https://www.example.gov/notice).",
        ),
        ("paragraph", "The office is closed on Monday."),
    ]
    text = all_text(doc).lower()
    for bad in (
        "script",
        "javascript",
        "data:",
        "alert",
        "evil",
        "cookie",
        "draft figures",
        "display",
        "frames",
    ):
        assert bad not in text


def test_only_http_links_keep_their_url() -> None:
    body = (
        "[a](https://example.gov/a) [b](/relative) [c](mailto:press@example.gov) "
        "[d](ftp://example.gov/d) <https://example.gov/e> [](https://example.gov/empty)\n"
    )
    blocks = markdown.markdown_blocks(body)
    assert blocks == [
        Block(kind="paragraph", text="a (https://example.gov/a) b c d https://example.gov/e", line=1)
    ]


def test_inline_html_keeps_its_text() -> None:
    blocks = markdown.markdown_blocks(
        'Tel. <b>555&nbsp;0100</b><br>Fax <a href="https://x.gov/fax">form</a>\n', 10
    )
    assert blocks == [
        Block(kind="paragraph", text="Tel. 555 0100", line=10),
        Block(kind="paragraph", text="Fax form (https://x.gov/fax)", line=10),
    ]


def test_stray_emphasis_markers_are_dropped() -> None:
    blocks = markdown.markdown_blocks("**“Quoted headline” with a trailing marker **\n\nEnd of text.__\n")
    assert [b.text for b in blocks] == ["“Quoted headline” with a trailing marker", "End of text."]


def test_indented_html_after_a_blank_line_is_still_html() -> None:
    body = "<table>\n  <tr>\n    <td>One</td>\n    \n    <td>Two</td>\n  </tr>\n</table>\n"
    assert [b.text for b in markdown.markdown_blocks(body)] == ["One | Two"]


def test_strip_templates_keeps_line_count() -> None:
    body = 'a {{< x\n y="1" >}} b\n{% if x %}\n{{< note >}}kept{{< /note >}}\n'
    stripped = markdown.strip_templates(body)
    assert stripped.count("\n") == body.count("\n")
    assert "kept" in stripped
    assert "{" not in stripped


# --- front-matter errors -----------------------------------------------------------------------


def test_unparsable_date_names_its_line() -> None:
    raw = b"---\ntitle: A release\ndate: sometime in spring\n---\nText.\n"
    with pytest.raises(ReleaseError) as caught:
        markdown.read(raw, "archive/2020/a.md")
    problem = caught.value.problem
    assert (problem.path, problem.line) == ("archive/2020/a.md", 3)
    assert problem.message == "front matter 'date' is not a date: 'sometime in spring'"
    assert "four-digit year" in problem.hint


def test_two_digit_year_is_refused_not_guessed() -> None:
    with pytest.raises(ReleaseError) as caught:
        markdown.read(b"---\ndate: 05/26/16\n---\nText.\n", "a.md")
    assert caught.value.problem.line == 2


def test_title_that_is_not_text_is_an_error() -> None:
    with pytest.raises(ReleaseError) as caught:
        markdown.read(b"---\ndate: 2020-01-02\ntitle:\n  - one\n  - two\n---\nText.\n", "a.md")
    assert caught.value.problem.line == 3
    assert caught.value.problem.message == "front matter 'title' must be text, not list"


def test_bad_yaml_is_reported_with_its_line() -> None:
    with pytest.raises(ReleaseError) as caught:
        markdown.read(b"---\ntitle: ok\ndate: [2020\n---\nText.\n", "a.md")
    assert caught.value.problem.code == "bad-front-matter"
    assert caught.value.problem.line is not None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-05-26 11:25:13 -0400", dt.date(2016, 5, 26)),
        ("2013-09-03 9:50:06 -0400", dt.date(2013, 9, 3)),
        ("'2012-10-31'", dt.date(2012, 10, 31)),
        ("2012-10-31", dt.date(2012, 10, 31)),
        ("2020-01-01T23:30:00-05:00", dt.date(2020, 1, 1)),
        ("June 29, 2017", dt.date(2017, 6, 29)),
    ],
)
def test_front_matter_dates(value: str, expected: dt.date) -> None:
    doc = markdown.read(f"---\ndate: {value}\n---\nText.\n".encode(), "a.md")
    assert doc.meta["date"].value == expected


def test_author_mappings_and_single_strings() -> None:
    raw = b"---\nauthor:\n  - name: Jane Roe\n  - John Doe\ntags: budget\n---\nText.\n"
    doc = markdown.read(raw, "a.md")
    assert doc.meta["author"].value == ("Jane Roe", "John Doe")
    assert doc.meta["topics"].value == ("budget",)
    assert "date" not in doc.meta


def test_relative_source_url_is_not_kept() -> None:
    doc = markdown.read(b"---\nsource_url: /blog/post\n---\nText.\n", "a.md")
    assert "source_url" not in doc.meta


@pytest.mark.parametrize("author", ["gray-brooks", "jherman", "data-gov-team", "Gray Brooks", "V David Zvenyach"])
def test_authors_are_kept_as_written(author: str) -> None:
    # No name is made up from an id ('jherman' is not 'Jherman'): ids and names go to enrichment as given.
    doc = markdown.read(f"---\nauthors:\n  - {author}\n---\nText.\n".encode(), "a.md")
    assert doc.meta["author"].value == (author,)


# --- the real corpus ---------------------------------------------------------------------------


def test_corpus_digitalgov_post() -> None:
    doc = read_corpus("digitalgov-2013-04-29-usability-testing-gov-apis-best.md")
    assert doc.meta["title"].value == "Usability Testing + Gov APIs = Best"
    assert doc.meta["date"].value == dt.date(2013, 4, 29)
    assert doc.meta["author"].value == ("gray-brooks",)
    assert doc.meta["topics"].value == ("application-programming-interface", "research")
    blocks = doc.blocks or ()
    assert blocks[0].text.startswith("Good APIs can transform intimidating data sets")
    assert "Digital Government Strategy (http://www.whitehouse.gov/" in blocks[0].text
    assert Block(kind="heading", text="API Usability Good Practices", line=24) in blocks
    assert (
        Block(
            kind="list_item",
            text="Create a central developer hub with a path to each of your APIs and all related resources.",
            line=28,
        )
        in blocks
    )


def test_corpus_hugo_note_shortcode() -> None:
    doc = read_corpus("digitalgov-2013-12-20-gov-url-shorteners-and-how-to-use-them.md")
    blocks = doc.blocks or ()
    assert blocks[0] == Block(
        kind="paragraph", text="The 1.USA.gov URL shortener was fully decommissioned in 2019.", line=15
    )
    assert doc.meta["summary"].value.startswith(
        "USA.gov offers two different types of URL shorteners – 1.USA.gov"
    )
    assert "{{" not in all_text(doc)


def test_corpus_pclob_event_drops_its_title_heading() -> None:
    doc = read_corpus("pclob-2012-10-31-october-31-2012-public-meeting.md")
    assert doc.meta["title"].value == "October 31, 2012 Public Meeting"
    assert doc.meta["date"].value == dt.date(2012, 10, 31)
    assert "author" not in doc.meta
    assert "topics" not in doc.meta
    blocks = doc.blocks or ()
    assert blocks[0].kind == "paragraph"
    assert blocks[0].text.startswith("The meeting on October 31, 2012 was the Board's first public meeting.")
    assert ("list_item", "ACLU Submission (PDF)") in kinds_and_texts(doc)
    assert "site.baseurl" not in all_text(doc)
