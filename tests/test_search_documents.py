"""Lean search documents: release text stays data, and Pagefind makes of a document exactly what it
makes of the built release page — the same words, word count, title/date/source meta and filters —
for every release of the sample archive and of the hostile corpus."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from generator.model import Block, Release
from generator.pipeline import load_archive
from generator.render.search_document import SEARCH_TREE, document_path, search_document
from generator.search.indexer import EXCLUDE_SELECTORS, Schedule, release_refs, site_releases, write_index
from generator.settings import Settings
from tests.conftest import PRESS_ARCHIVE, make_project, run

HOSTILE = Path(__file__).resolve().parent / "hostile"
HOSTILE_CASES: dict[str, Any] = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))


def _release(**fields: Any) -> Release:
    values: dict[str, Any] = {"id": "2020-01-02-a", "title": "A title", "date": dt.date(2020, 1, 2)}
    values.update(fields)
    return Release(**values)


def _parse(document: bytes) -> Any:
    return lxml.html.document_fromstring(document.decode("utf-8"))


def _spans(tree: Any) -> list[tuple[str, str]]:
    found = []
    for span in tree.iter("span"):
        kind = next(k for k in span.attrib if k.startswith("data-pagefind-"))
        found.append((f"{kind.removeprefix('data-pagefind-')}:{span.get(kind)}", span.get("data-value")))
    return found


def test_a_document_holds_the_spans_the_title_and_the_body() -> None:
    body = (
        Block(kind="paragraph", text="First  paragraph\nwith http://example.org/a a link."),
        Block(kind="heading", text="A subheading"),
        Block(kind="list_item", text="one"),
        Block(kind="list_item", text="two"),
        Block(kind="quote", text="quoted"),
        Block(kind="paragraph", text="   "),
        Block(kind="paragraph", text="last"),
    )
    release = _release(
        source="Agency", author=("Ann", "Bob"), topics=("Budget", "Health"), body=body, place="Here", outlet="Wire"
    )
    tree = _parse(search_document(release))
    assert tree.get("lang") == "en"
    assert tree.findtext(".//title") == "A title"
    assert _spans(tree) == [
        ("meta:title[data-value]", "A title"),
        ("meta:date[data-value]", "2020-01-02"),
        ("sort:date[data-value]", "2020-01-02"),
        ("filter:year[data-value]", "2020"),
        ("meta:source[data-value]", "Agency"),
        ("filter:source[data-value]", "Agency"),
        ("filter:author[data-value]", "Ann"),
        ("filter:author[data-value]", "Bob"),
        ("filter:topic[data-value]", "Budget"),
        ("filter:topic[data-value]", "Health"),
    ]
    (main,) = tree.xpath("//main[@data-pagefind-body]")
    blocks = [(child.tag, " ".join(child.text_content().split())) for child in main if child.tag != "span"]
    assert blocks == [
        ("h1", "A title"),
        ("p", "First paragraph with http://example.org/a a link."),
        ("h2", "A subheading"),
        ("ul", "one two"),
        ("blockquote", "quoted"),
        ("p", "last"),
    ]
    # Nothing of the header: place, outlet and the names are values of attributes only.
    assert "Here" not in main.text_content() and "Ann" not in main.text_content()


def test_a_release_without_source_authors_or_topics_has_no_such_spans() -> None:
    assert [name for name, _ in _spans(_parse(search_document(_release())))] == [
        "meta:title[data-value]", "meta:date[data-value]", "sort:date[data-value]", "filter:year[data-value]"
    ]


HOSTILE_TEXT = '"><script>alert(1)</script><img src=x onerror=alert(2)> & &amp; \'quoted\' *em* [l](javascript:x)'


def test_release_text_is_data_never_markup() -> None:
    release = _release(
        title=HOSTILE_TEXT,
        source=HOSTILE_TEXT,
        author=('a" onmouseover="alert(3)',),
        topics=("</span><iframe src=javascript:alert(4)>",),
        body=tuple(Block(kind=kind, text=HOSTILE_TEXT) for kind in ("paragraph", "heading", "list_item", "quote")),
    )
    tree = _parse(search_document(release))
    tags = {element.tag for element in tree.iter()}
    assert tags <= {"html", "head", "meta", "title", "body", "main", "span", "h1", "h2", "p", "ul", "li", "blockquote"}
    assert all(len(span.attrib) == 3 and {"hidden", "data-value"} < set(span.attrib) for span in tree.iter("span"))
    values = dict(_spans(tree))
    assert values["meta:title[data-value]"] == HOSTILE_TEXT
    assert values["filter:author[data-value]"] == 'a" onmouseover="alert(3)'
    assert values["filter:topic[data-value]"] == "</span><iframe src=javascript:alert(4)>"
    (main,) = tree.xpath("//main")
    texts = [child.text_content().strip("\n") for child in main if child.tag != "span"]
    assert texts == [HOSTILE_TEXT] * 5


def test_text_the_page_can_hold_the_document_can_hold() -> None:
    # A lone surrogate passes through as the page's encoder passes it (surrogatepass).
    document = search_document(_release(body=(Block(kind="paragraph", text="broken \ud800 text"),)))
    assert "broken \ud800 text".encode("utf-8", "surrogatepass") in document


def test_a_document_is_its_text_and_little_else() -> None:
    body = tuple(Block(kind="paragraph", text="word " * 100) for _ in range(10))
    assert len(search_document(_release(body=body))) < len(b"word " * 1000) + 600


# ---- the index of the documents against the index of the built pages ---------------------------


def _fragments(index: Path) -> dict[str, dict[str, Any]]:
    fragments = {}
    for path in (index / "pagefind").glob("*/fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        fragments[data["url"]] = data
    return fragments


@pytest.fixture(scope="module")
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of the hostile corpus (tests/hostile/), generated and built with MkDocs."""
    extra = {f"2021/{name}": (HOSTILE / name).read_bytes() for name in HOSTILE_CASES}
    root = make_project(tmp_path_factory.mktemp("hostile-search") / "project", extra=extra).root
    run([*PRESS_ARCHIVE, "generate"], root)  # exit 1: some files are refused, the others are pages
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
    assert built.returncode == 0, built.stderr
    return root


@pytest.mark.e2e
@pytest.mark.parametrize("project", ["built_site", "hostile_built"])
def test_documents_index_as_the_built_pages(project: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    root: Path = request.getfixturevalue(project)
    settings = Settings.load(root)
    tree = tmp_path / SEARCH_TREE
    for release in load_archive(settings).releases:
        target = tree / document_path(release.id)
        target.parent.mkdir(parents=True)
        target.write_bytes(search_document(release))
    pages = write_index(root / "site", site_releases(root / "site"), tmp_path / "pages", Schedule(2),
                        exclude=EXCLUDE_SELECTORS)
    documents = write_index(tree, release_refs(settings.docs / "releases.json", tree), tmp_path / "documents",
                            Schedule(2))
    assert pages.releases == documents.releases > 40
    old, new = _fragments(tmp_path / "pages"), _fragments(tmp_path / "documents")
    assert sorted(new) == sorted(old)
    # Anchors are not compared: the page's headings have ids (permalinks), the documents' do not,
    # and the search page does not use them (no sub-results); they change no word or score. Sort
    # keys are not in fragments: tests/browser/test_search_documents.py compares the newest-first order.
    fields = ("content", "word_count", "filters", "meta")
    differences = {
        url: {key: (old[url].get(key), new[url].get(key)) for key in fields if old[url].get(key) != new[url].get(key)}
        for url in old
    }
    assert {url: diff for url, diff in differences.items() if diff} == {}
    manifests = [(tmp_path / where / "pagefind" / "pieces.json").read_text() for where in ("pages", "documents")]
    assert manifests[0] == manifests[1]
