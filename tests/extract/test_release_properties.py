"""Whole releases built from parts — headline, dateline, byline, paragraphs full of characters that
mean something to HTML, Markdown, YAML or Jinja — go through read → extract → render, and come out
with the right fields and with their text shown literally, never as markup."""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import extract
from generator.readers import read
from tests.extract.test_properties import FIRST_NAMES, LAST_NAMES, MONTHS, OUTLETS, PLACES
from tests.pages import release_page_text
from tests.render.test_escape import render

PLAIN_WORDS = ["harbor", "channel", "officials", "project", "million", "director", "port", "plan", "city", "board"]
# Tokens that are syntax somewhere: HTML, Markdown (links, emphasis, tables, attribute lists), YAML,
# Jinja, pymdown snippets, entities, URLs with a dangerous scheme.
HOSTILE_WORDS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[link](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "{{ config }}",
    "{% include 'x' %}",
    "--8<--",
    "*bold*",
    "_under_",
    "`code`",
    "|",
    "&amp;",
    "&lt;b&gt;",
    "{: onclick=x }",
    "key: value",
    "&anchor",
    "*alias",
    "!!python/object",
    "#hash",
    "~~del~~",
    "^sup^",
    "\\",
    "<!--",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://example.com/a_b*c",
]
FORBIDDEN = frozenset(
    {
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "svg",
        "style",
        "form",
        "input",
        "code",
        "em",
        "strong",
        "del",
        "sup",
        "table",
    }
)
SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")
WORD = st.one_of(st.sampled_from(PLAIN_WORDS), st.sampled_from(HOSTILE_WORDS))
TITLE_WORD = st.sampled_from(["Harbor", "Dredging", "Begins", "Port", "Plan", "Board", "Approves", "City"])


@st.composite
def releases(draw: st.DrawFn) -> dict[str, object]:
    headline = " ".join(
        draw(st.lists(TITLE_WORD, min_size=2, max_size=6)) + draw(st.lists(WORD, min_size=0, max_size=3))
    )
    headline += " " + draw(TITLE_WORD)
    place = draw(st.sampled_from(PLACES))
    date = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
    outlet = draw(st.one_of(st.none(), st.sampled_from(OUTLETS)))
    dateline = f"{place} – ({outlet}) – " if outlet else f"{place} – "
    dateline += f"{MONTHS[date.month - 1]} {date.day}, {date.year}"
    author = draw(
        st.one_of(
            st.none(),
            st.builds(lambda first, last: f"{first} {last}", st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)),
        )
    )
    paragraphs = [
        "The " + " ".join(draw(st.lists(WORD, min_size=8, max_size=30))) + " today."
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    lines = [headline, dateline, *([f"By: {author}"] if author else []), *paragraphs]
    return {
        "text": "\n".join(lines) + "\n",
        "headline": headline,
        "place": place,
        "outlet": outlet,
        "date": date,
        "author": (author,) if author else (),
        "paragraphs": paragraphs,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases())
def test_fields_and_literal_text(case: dict[str, object]) -> None:
    draft = extract(read(str(case["text"]).encode(), "archive/2021/2021-05-01-generated.txt"))
    release = draft.release
    assert release.title == " ".join(str(case["headline"]).split())
    assert release.date == case["date"]
    assert release.place == case["place"]
    assert release.outlet == case["outlet"]
    assert release.author == case["author"]
    assert [block.text for block in release.body] == case["paragraphs"]

    page = release_page_text(release)
    _, head, body = page.split("---\n", 2)
    assert yaml.safe_load(head)["title"] == release.title  # the front matter is one YAML mapping
    tree = lxml.html.fragment_fromstring(render(body), create_parent="div")
    shown = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    for paragraph in case["paragraphs"]:
        assert " ".join(str(paragraph).split()) in shown
    assert " ".join(release.title.split()) in " ".join(tree.text_content().split())
    # The "Cite this release" block is the page's own markup (a <pre><code> holds the BibTeX).
    for cite in tree.xpath(".//details[@class='pa-cite']"):
        cite.getparent().remove(cite)
    for element in tree.iter():
        assert element.tag not in FORBIDDEN, element.tag
        for attribute, value in element.attrib.items():
            assert not attribute.startswith("on"), attribute
            if attribute in ("href", "src"):
                # The page's own links are relative (../years/2000/index.md); release text links only http(s).
                assert not SCHEME.match(value) or value.startswith(("http://", "https://")), value
