"""The search page finds the same with the index of the lean search documents as with the index of
the built release pages: for words from rare to common, phrases and filters, the same results in
the same order, with the same titles, dates, sources and excerpts, and the same filter counts.

Both indexes are made here from the same build of the sample archive: the old one by Pagefind over
the Material release pages (`index_site`, through the indexer's exclude selectors), the new one
from `search_document` of each release, as `press-archive build` makes it. The order is compared as
it is, not as a set: the two indexes give every page the same words, so the same score, and
Pagefind keeps equal scores in the order of its pages, which is the same in both (a phrase search,
which scores every hit alike, is among the searches).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from generator.pipeline import load_archive
from generator.render.search_document import document_path, search_document
from generator.search import index_site
from generator.search.indexer import Schedule, install, release_refs, write_index
from generator.settings import Settings
from tests.browser.conftest import serve_quietly

pytestmark = pytest.mark.browser

# From one release to nearly all of them (hits in the sample archive of 65), then filters and order.
WORDS = 12
SEARCHES: list[dict[str, str]] = [
    {"q": "Rafiqah"},  # 1
    {"q": "fentanyl"},  # 1
    {"q": "spreadsheet formulas"},  # 1, two words
    {"q": "veterans"},  # 3
    {"q": "health care"},  # 3
    {"q": '"civil rights"'},  # 5, a phrase: every hit scores the same
    {"q": "energy"},  # 5
    {"q": "Iraq"},  # 6
    {"q": "tax"},  # 7
    {"q": "prices"},  # 8
    {"q": "department"},  # 35
    {"q": "the"},  # 61
    {"q": "Iraq", "topic": "Iraq"},
    {"q": "department", "source": "U.S. Department of Justice"},
    {"q": "department", "year": "2016"},
    {"q": "department", "sort": "newest"},
]


@pytest.fixture(scope="module")
def both_indexes(browser_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(URL of the site with the index of its built pages, URL of the site with the index of the
    search documents): two copies of the same built site that differ only in site/pagefind/."""
    where = tmp_path_factory.mktemp("both-indexes")
    pages, documents = where / "pages", where / "documents"
    for copy in (pages, documents):
        shutil.copytree(browser_site, copy, ignore=shutil.ignore_patterns("pagefind"))
    index_site(pages)
    root = browser_site.parent
    settings = Settings.load(root)
    tree = where / "tree"
    for release in load_archive(settings).releases:
        target = tree / document_path(release.id)
        target.parent.mkdir(parents=True)
        target.write_bytes(search_document(release))
    write_index(tree, release_refs(settings.docs / "releases.json", tree), where / "work", Schedule(2))
    install(where / "work" / "pagefind", documents)
    with serve_quietly(pages) as old, serve_quietly(documents) as new:
        yield old, new


def _settled(page: Any) -> None:
    page.wait_for_function("['done', 'idle', 'error'].includes(document.getElementById('pa-search-app').dataset.state)")
    assert page.get_attribute("#pa-search-app", "data-state") == "done", page.inner_text("#pa-search-status")


def _what_the_reader_sees(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    _settled(page)
    while page.locator("#pa-search-more").is_visible():
        count = page.locator(".pa-result").count()
        page.click("#pa-search-more")
        page.wait_for_function(f"document.querySelectorAll('.pa-result').length > {count}")
    results = page.evaluate(
        """() => [...document.querySelectorAll('.pa-result')].map((item) => ({
             url: new URL(item.querySelector('.pa-result__title').href).pathname,
             title: item.querySelector('.pa-result__title').textContent,
             meta: item.querySelector('.pa-result__meta').textContent,
             excerpt: item.querySelector('.pa-result__excerpt').innerHTML,
           }))"""
    )
    facets = page.evaluate(
        """() => [...document.querySelectorAll('fieldset[data-facet] label')].map((label) => [
             label.closest('fieldset').dataset.facet,
             label.querySelector('input').value,
             label.querySelector('.pa-facet__count').textContent,
           ])"""
    )
    return {"status": page.inner_text("#pa-search-status"), "results": results, "facets": sorted(facets)}


@pytest.mark.parametrize("search", SEARCHES, ids=lambda s: urlencode(s))
def test_documents_find_what_the_pages_found(page: Any, both_indexes: tuple[str, str], search: dict[str, str]) -> None:
    query = "search/?" + urlencode({**search, "all": "1"})
    old = _what_the_reader_sees(page, both_indexes[0] + query)
    new = _what_the_reader_sees(page, both_indexes[1] + query)
    assert old["results"], old["status"]
    assert [r["url"] for r in new["results"]] == [r["url"] for r in old["results"]]
    assert new == old


def test_the_searches_go_from_rare_to_common(page: Any, both_indexes: tuple[str, str]) -> None:
    counts = [len(_what_the_reader_sees(page, both_indexes[1] + "search/?" + urlencode(search))["results"])
              for search in SEARCHES[:WORDS]]
    assert counts[0] == 1
    assert counts[-1] > 50
    assert counts == sorted(counts)
