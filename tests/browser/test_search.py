"""The search page in chromium: Pagefind's index of the built site, facets, order, URL state, and
release text (and the query) shown as text, never run as markup."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from generator.search import index_site
from tests.browser.conftest import serve_quietly

SEED = "releases/2017-06-29-isis-on-the-run/"
SEED_TITLE = "The Islamic State of Iraq and Syria is on the run in Syria and Iraq"

pytestmark = pytest.mark.browser


def _settled(page: Any) -> None:
    page.wait_for_function("['done', 'idle', 'error'].includes(document.getElementById('pa-search-app').dataset.state)")
    assert page.get_attribute("#pa-search-app", "data-state") != "error", page.inner_text("#pa-search-status")


def _wait_for_new_results(page: Any, action: Any) -> None:
    """Run `action` (which starts a search) and wait until that search has rendered."""
    page.evaluate("document.getElementById('pa-search-app').dataset.state = 'stale'")
    action()
    _settled(page)


def _titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".pa-result__title").all_inner_texts()]


def _count(page: Any) -> int:
    match = re.match(r"([\d,]+) releases?", page.inner_text("#pa-search-status"))
    assert match, page.inner_text("#pa-search-status")
    return int(match.group(1).replace(",", ""))


def _facet(page: Any, name: str, value: str) -> Any:
    return page.locator(f'fieldset[data-facet="{name}"] input[value="{value}"]')


def _facet_count(page: Any, name: str, value: str) -> int:
    label = page.locator(f'fieldset[data-facet="{name}"] label:has(input[value="{value}"])')
    return int(label.locator(".pa-facet__count").inner_text())


def _search(page: Any, site_url: str, query: str) -> None:
    page.goto(site_url + "search/")
    _settled(page)
    _wait_for_new_results(page, lambda: (page.fill("#pa-search-q", query), page.press("#pa-search-q", "Enter")))


def test_index_has_pieces_and_no_builtin_search(browser_site: Path) -> None:
    manifest = json.loads((browser_site / "pagefind" / "pieces.json").read_text(encoding="utf-8"))
    releases = len(list((browser_site / "releases").glob("*/index.html")))
    assert manifest["releases"] == releases == sum(p["releases"] for p in manifest["pieces"])
    for piece in manifest["pieces"]:
        assert (browser_site / "pagefind" / piece["path"] / "pagefind-entry.json").is_file()
    newest = [p["newest"] for p in manifest["pieces"]]
    assert newest == sorted(newest, reverse=True)
    assert not (browser_site / "search" / "search_index.json").exists()


def test_header_box_leads_to_the_search_page(page: Any, site_url: str) -> None:
    page.goto(site_url + "about/")
    page.fill(".pa-header-search__input", "Raqqa")
    page.press(".pa-header-search__input", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Raqqa$"))
    _settled(page)
    assert SEED_TITLE in _titles(page)
    assert page.input_value("#pa-search-q") == "Raqqa"


def test_raqqa_finds_the_seed_with_highlights(page: Any, site_url: str) -> None:
    _search(page, site_url, "Raqqa")
    assert SEED_TITLE in _titles(page)
    seed = page.locator(".pa-result", has=page.locator(f'a[href$="/{SEED}"]'))
    assert "29 June 2017 · U.S. Department of Defense" in seed.locator(".pa-result__meta").inner_text()
    marks = seed.locator(".pa-result__excerpt mark").all_inner_texts()
    assert marks and all(m.lower().startswith("raqqa") for m in marks)
    assert parse_qs(urlparse(page.url).query) == {"q": ["Raqqa"]}


def test_topic_and_source_filters_change_counts(page: Any, site_url: str) -> None:
    _search(page, site_url, "Iraq")
    total = _count(page)
    iraq_topic = _facet_count(page, "topic", "Iraq")
    assert 0 < iraq_topic < total
    _wait_for_new_results(page, lambda: _facet(page, "topic", "Iraq").check())
    assert _count(page) == iraq_topic
    assert parse_qs(urlparse(page.url).query) == {"q": ["Iraq"], "topic": ["Iraq"]}
    dod = _facet_count(page, "source", "U.S. Department of Defense")
    assert 0 < dod < iraq_topic
    _wait_for_new_results(page, lambda: _facet(page, "source", "U.S. Department of Defense").check())
    assert _count(page) == dod
    assert SEED_TITLE in _titles(page)
    # The state is in the URL: a copied link shows the same search.
    linked = page.url
    page.goto(site_url)
    page.goto(linked)
    _settled(page)
    assert _count(page) == dod
    assert _facet(page, "topic", "Iraq").is_checked()


def test_sort_by_newest(page: Any, site_url: str) -> None:
    _search(page, site_url, "Iraq")
    best = page.locator(".pa-result__meta").all_inner_texts()
    _wait_for_new_results(page, lambda: page.select_option("#pa-search-sort", "newest"))
    assert parse_qs(urlparse(page.url).query)["sort"] == ["newest"]
    metas = page.locator(".pa-result__meta").all_inner_texts()
    assert sorted(metas) == sorted(best)  # same results, another order
    dates = [dt.datetime.strptime(m.split(" · ")[0], "%d %B %Y").date() for m in metas]
    assert dates == sorted(dates, reverse=True)


def test_open_a_result_lands_on_the_release(page: Any, site_url: str) -> None:
    page.goto(site_url + "search/?q=Raqqa")
    _settled(page)
    page.locator(".pa-result__title", has_text=SEED_TITLE).click()
    page.wait_for_url(site_url + SEED)
    assert page.locator("h1").first.inner_text().startswith(SEED_TITLE)


def test_script_in_the_query_is_text(page: Any, site_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    query = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    _search(page, site_url, query)
    page.wait_for_timeout(300)
    assert not dialogs
    assert query in page.inner_text("#pa-search-status")
    assert page.locator("#pa-search-app script, #pa-search-app img").count() == 0
    assert page.input_value("#pa-search-q") == query


def test_release_pages_read_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + SEED)
    assert page.locator("h1").first.inner_text().startswith(SEED_TITLE)
    assert "Raqqa" in page.locator("article").inner_text()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_has_no_serious_axe_violations(page: Any, site_url: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "search/?q=Raqqa")
    _settled(page)
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    blocking = [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations
                if v["impact"] in {"serious", "critical"}]
    assert not blocking, blocking


@pytest.fixture(scope="module")
def pieced_url(browser_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site indexed in pieces of at most 10 releases, the newest 20 searched first:
    what a large archive looks like to the search page, at the size of the sample."""
    site = tmp_path_factory.mktemp("pieced") / "site"
    shutil.copytree(browser_site, site)
    report = index_site(site, limit=10, first=20)
    assert len(report.pieces) > 3
    with serve_quietly(site) as url:
        yield url


def _metas(page: Any) -> list[str]:
    while page.locator("#pa-search-more").is_visible():
        count = page.locator(".pa-result").count()
        page.click("#pa-search-more")
        page.wait_for_function(f"document.querySelectorAll('.pa-result').length > {count}")
    return [m.strip() for m in page.locator(".pa-result__meta").all_inner_texts()]


def test_pieces_search_as_one_index(page: Any, site_url: str, pieced_url: str) -> None:
    query = "search/?q=department&all=1"
    page.goto(site_url + query)
    _settled(page)
    one_index = (_count(page), _facet_count(page, "topic", "Iraq"), sorted(_metas(page)))
    page.goto(pieced_url + query)
    _settled(page)
    assert (_count(page), _facet_count(page, "topic", "Iraq"), sorted(_metas(page))) == one_index
    assert one_index[0] > 20
    # Newest first is one date order across all the pieces, not one per piece.
    _wait_for_new_results(page, lambda: page.select_option("#pa-search-sort", "newest"))
    dates = [dt.datetime.strptime(m.split(" · ")[0], "%d %B %Y").date() for m in _metas(page)]
    assert len(dates) == one_index[0]
    assert dates == sorted(dates, reverse=True)


def test_older_pieces_load_when_asked(page: Any, pieced_url: str) -> None:
    manifest = json.loads(page.request.get(pieced_url + "pagefind/pieces.json").text())
    page.goto(pieced_url + "search/?q=department")
    _settled(page)
    assert page.locator("#pa-search-scope").is_visible()
    newest_only = _count(page)
    oldest_year = str(manifest["pieces"][-1]["years"][-1])
    # An older year is offered (without a count until its piece is searched).
    assert _facet(page, "year", oldest_year).count() == 1
    _wait_for_new_results(page, lambda: page.click(".pa-search-all"))
    assert parse_qs(urlparse(page.url).query)["all"] == ["1"]
    assert not page.locator("#pa-search-scope").is_visible()
    assert _count(page) > newest_only
