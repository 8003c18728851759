"""Citations (generator/render/cite.py): the hand-written APA and Chicago templates give what a CSL
processor gives with the official styles, BibTeX entries read back as they were meant, and the
"Cite this release" block shows release text as data in both emitters.

The reference is citeproc-py with `apa.csl` and `chicago-author-date.csl` of the Citation Style
Language styles repository (tests/fixtures/csl/, CC BY-SA 3.0). Two gaps of citeproc-py are
bridged, nothing else: it ignores `initialize="false"` on a name (so the Chicago style is given
without its root `initialize-with`, which only its short in-text names use), and it does not move
a full stop or comma inside closing quotation marks (`punctuation-in-quote`), which CSL's English
locale asks for.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import warnings
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import bibtexparser
import markdown
import pytest
from bibtexparser import middlewares
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator import read_release
from generator.enrich.links import Links
from generator.enrich.vocabulary import load_vocabulary
from generator.errors import ReleaseError
from generator.model import Release
from generator.readers import READERS
from generator.render import cite
from generator.render.emitters import HtmlPage, MarkdownPage, cite_block
from generator.render.keys import page_key
from generator.render.page import PageInputs, release_layout
from generator.render.paths import release_page
from generator.settings import Settings
from generator.whitespace import collapse
from tests.render.test_escape import site_extensions

ROOT = Path(__file__).resolve().parents[2]
CSL = ROOT / "tests" / "fixtures" / "csl"
HOSTILE = ROOT / "tests" / "hostile"
SITE = "https://press-archive.example.org/"


@cache
def _style(name: str) -> CitationStylesStyle:
    tree = etree.parse(str(CSL / f"{name}.csl"))
    if name.startswith("chicago"):
        del tree.getroot().attrib["initialize-with"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of the CSL 1.0.2 elements it skips
        return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


def reference(style: str, item: dict[str, object]) -> str:
    """The bibliography entry citeproc-py makes of a CSL-JSON item with an official style."""
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.html)
    bibliography.register(CslCitation([CitationItem(str(item["id"]))]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = str(bibliography.bibliography()[0])
    if style.startswith("chicago"):
        text = re.sub(r"([.?!])”\.", r"\1”", text).replace("”.", ".”").replace("”,", ",”")
    return text


@cache
def _read(folder: Path) -> tuple[Release, ...]:
    """The releases of every raw file in `folder` (recursively) that becomes one, as the sample
    archive's vocabularies enrich them."""
    settings = Settings.load(ROOT)
    vocabulary, _ = load_vocabulary(settings.archive)
    releases = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in READERS and path.name != "SOURCES.md":
            try:
                releases.append(read_release(path, settings, vocabulary=vocabulary))
            except ReleaseError:
                continue  # refused with an error: no page, no citation
    return tuple(releases)


def sample_releases() -> tuple[Release, ...]:
    return _read(ROOT / "archive")


def _people(count: int) -> tuple[str, ...]:
    return tuple(f"Given{chr(97 + i)} Family{chr(97 + i)}" for i in range(count))


def _release(title: str = "Statement on the budget", **kwargs: object) -> Release:
    values: dict[str, object] = {"id": "2017-06-29-x", "title": title, "date": dt.date(2017, 6, 29), **kwargs}
    return Release(**values)  # type: ignore[arg-type]


# Cases the sample archive lacks: several authors (and past each style's "et al." threshold),
# suffixes, particles, titles and degrees, hyphenated given names, a one-word author, titles ending
# in a full stop or a question mark, lower-case titles with stop words, publishers ending in a full
# stop.
MADE = [
    _release(author=("Cheryl Pellerin", "Jim Garamone"), source="U.S. Department of Defense"),
    _release("Three ask: is it over?", author=("Cheryl Pellerin", "Jim Garamone", "Terri Moon Cronk"),
             source="Acme Inc."),
    _release("six of them", author=_people(6), source="Office"),
    _release("seven of them", author=_people(7)),
    _release("twenty of them", author=_people(20), source="X"),
    _release("twenty-five of them", author=_people(25), source="X"),
    _release("King and Sartre", author=("Martin Luther King Jr.", "Jean-Paul Sartre"), source="X"),
    _release("Ends with a full stop.", source="Office of U.S. Senator Snowe", date=dt.date(2008, 12, 1)),
    _release("a release from the staff", author=("Staff",), source="Org"),
    _release("Team news", author=("Digital.gov Team", "Ann Lee, PhD", "Lee, Ann")),
    _release("Particles and titles", author=("Ludwig van Beethoven", "Col. Ryan Dillon", "Mary Ann Smith-Jones III")),
]


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_apa_and_chicago_are_what_citeproc_py_makes_with_the_official_styles(style: str) -> None:
    releases = [*(r for r in sample_releases() if r.author or r.source), *MADE]
    assert len(releases) > 60
    differences = []
    for release in releases:
        url = f"{SITE}releases/{release.id}/"
        mine = cite.apa(release, url) if style == "apa" else cite.chicago(release, url)
        # citeproc-py's HTML formatter escapes its own "&" but leaves the item's text as it is.
        expected = reference(style, cite.csl_item(release, url))
        if html.unescape(mine) != html.unescape(expected):
            differences.append((release.id, mine, expected))
    assert differences == []


def test_a_release_without_author_or_source_is_cited_by_its_title() -> None:
    # citeproc-py prints the title twice here (it does not suppress a substituted variable), so
    # the expected forms are the manuals': APA 7 §9.12, Chicago 18 §13.81.
    release = _release("Budget & plans")
    url = f"{SITE}releases/x/"
    assert cite.apa(release, url) == f"<i>Budget &amp; plans</i> [Press release]. (2017, June 29). {url}"
    assert cite.chicago(release, url) == f"“Budget &amp; Plans.” 2017. Press release. June 29. {url}."
    assert "author" not in cite.csl_item(release, url)


def test_the_citation_gives_the_page_address_from_site_url() -> None:
    release = _release(source="Org")
    page = MarkdownPage(release_page(release.id))
    release_layout(page, release=release, inputs=PageInputs(site_url=SITE))
    text = page.finish().text
    assert f"(2017, June 29). <i>Statement on the budget</i> [Press release]. {SITE}releases/{release.id}/</dd>" in text
    page = MarkdownPage(release_page(release.id))
    release_layout(page, release=release, inputs=PageInputs())
    assert "[Press release].</dd>" in page.finish().text  # no site address, no URL


def test_the_page_key_follows_the_site_address(tmp_path: Path) -> None:
    release = _release()
    one = Settings(root=tmp_path, archive=tmp_path, docs=tmp_path, site_url=SITE)
    other = Settings(root=tmp_path, archive=tmp_path, docs=tmp_path, site_url="https://elsewhere.example/")
    links = Links(previous=None, next=None, related=())
    assert page_key(release, links, {}, (), one) != page_key(release, links, {}, (), other)


# --- BibTeX -----------------------------------------------------------------------------------

def _decoder() -> LatexNodes2Text:
    """LaTeX to text, with the three text commands of `bibtex_text` as LaTeX defines them
    (pylatexenc drops the brace commands and gives "ˆ" for the circumflex)."""
    context = get_default_latex_context_db()
    context.add_context_category("press-archive", prepend=True, macros=[
        MacroTextSpec("textbraceleft", simplify_repl="{"),
        MacroTextSpec("textbraceright", simplify_repl="}"),
        MacroTextSpec("textasciicircum", simplify_repl="^"),
    ])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


DECODER = _decoder()


def parse_bibtex(text: str) -> dict[str, object]:
    """The one entry of `text`, its fields decoded from LaTeX and its authors split."""
    # Authors are split before decoding: braces keep an "and" inside one name.
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.SeparateCoAuthors()])
    assert library.failed_blocks == []
    (entry,) = library.entries
    fields: dict[str, object] = {"key": entry.key, "type": entry.entry_type}
    for field in entry.fields:
        value = field.value
        decoded = [DECODER.latex_to_text(v) for v in value] if isinstance(value, list) else DECODER.latex_to_text(value)
        fields[field.key] = decoded if field.key != "url" else value  # biblatex reads `url` verbatim
    return fields


def braces_balance(text: str) -> bool:
    """BibTeX's own rule: every brace counts, escaped or not, and none may close what is not open."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_a_bibtex_entry_reads_back() -> None:
    release = _release("Costs: 5% & $3 #1 under_score ^ ~ {x} \\y -- ``q''",
                       author=("Cheryl Pellerin", "Smith and Sons", "Ann Lee-Smith, Sr."), source="Org & Co")
    entry = parse_bibtex(cite.bibtex(release, SITE + "releases/a%20b/"))
    assert entry["key"] == release.id and entry["type"] == "misc"
    assert entry["title"] == release.title
    assert entry["author"] == ["Pellerin, Cheryl", "Smith and Sons", "Lee-Smith, Sr., Ann"]
    assert entry["organization"] == "Org & Co"
    assert (entry["year"], entry["month"], entry["date"]) == ("2017", "jun", "2017-06-29")
    assert entry["url"] == SITE + "releases/a%20b/"


NAME = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(lambda s: collapse(s))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=NAME, authors=st.lists(NAME, max_size=4))
@example(title="}{ \\ %x", authors=["a } b", "{Pellerin}, Ch{eryl"])
@example(title="@misc{evil, title={x}}", authors=["and", "x and y"])
def test_any_title_and_authors_give_a_balanced_entry_that_reads_back(title: str, authors: list[str]) -> None:
    release = _release(title, author=tuple(authors))
    entry = cite.bibtex(release, SITE)
    assert braces_balance(entry)
    parsed = parse_bibtex(entry)
    assert parsed["title"] == collapse(title)
    assert len(parsed.get("author", [])) == len(authors)


# --- The block on the page --------------------------------------------------------------------

def hostile_releases() -> tuple[Release, ...]:
    return _read(HOSTILE)


ALLOWED = {"details", "summary", "dl", "dt", "dd", "i", "pre", "code", "a"}


@pytest.mark.parametrize("release", hostile_releases(), ids=lambda r: r.id)
def test_the_citations_of_hostile_releases_stay_data(release: Release) -> None:
    url = f"{SITE}releases/{release.id}/"
    citation = cite.cite(release, url)
    block = cite_block(citation)
    # What Python-Markdown makes of the page is the block, as it is, in both emitters' output.
    page = MarkdownPage(release_page(release.id))
    release_layout(page, release=release, inputs=PageInputs(site_url=SITE))
    names, configs = site_extensions()
    converted = markdown.Markdown(extensions=names, extension_configs=configs).convert(page.finish().text)
    fast = HtmlPage(release_page(release.id))
    release_layout(fast, release=release, inputs=PageInputs(site_url=SITE))
    assert converted.endswith(block) and fast.finish().text.endswith(block)
    # Only the block's own elements, no attribute but its class and the search exclusion.
    (details,) = lxml_html.fragments_fromstring(block)
    assert {e.tag for e in details.iter()} <= ALLOWED
    attributes = [(e.tag, dict(e.attrib)) for e in details.iter() if e.attrib]
    prefix = "data:application/json;charset=utf-8,"
    (download,) = [attrs for tag, attrs in attributes if tag == "a"]
    assert attributes == [
        ("details", {"class": "pa-cite", "data-pagefind-ignore": ""}),
        ("a", {"class": "pa-cite-download", "download": f"{release.id}.json", "href": download["href"]}),
    ]
    texts = [dd.text_content() for dd in details.iter("dd")]
    assert collapse(release.title) in texts[0]
    assert texts[2] == citation.bibtex
    assert download["href"].startswith(prefix)
    assert json.loads(unquote(download["href"][len(prefix):]))[0]["title"] == collapse(release.title)
    assert braces_balance(citation.bibtex)
    assert parse_bibtex(citation.bibtex)["title"] == collapse(release.title)


def test_the_csl_json_download_holds_the_release_item() -> None:
    """The block's download link carries the CSL-JSON itself (a `data:` address, no file per
    release), percent-encoded so that no release text can leave the attribute."""
    from generator.render.cite import cite
    from generator.render.emitters import cite_block

    release = Release(id="2021-05-01-x", title='A "quoted" <b>title</b> & more', date=dt.date(2021, 5, 1),
                      source="Agency", raw="archive/x.txt")
    block = cite_block(cite(release, "https://example.org/releases/2021-05-01-x/"))
    (href,) = re.findall(r'class="pa-cite-download" download="2021-05-01-x.json" href="([^"]*)"', block)
    prefix = "data:application/json;charset=utf-8,"
    assert href.startswith(prefix) and not set(href[len(prefix):]) & set("<>\"' &")
    (item,) = json.loads(unquote(href[len(prefix):]))
    assert item["id"] == release.id and item["title"] == release.title
