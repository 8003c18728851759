"""Search results in chromium: an excerpt never opens by repeating its result's title.

The indexed text of a release is its title, then its body (and a title taken from the lede is the
body's first sentence too), so Pagefind's excerpt of a word of the title often starts with the whole
title, right under the same title. The search page drops that opening and keeps the highlights.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.browser.test_search import _settled

pytestmark = pytest.mark.browser

# Words of titles of the sample archive: the seed (a title from the lede), Senate headlines in
# capitals (now in headline case), DOJ and Digital.gov headlines.
QUERIES = ["Islamic State", "veterans future", "NASA authorization", "open data", "guilty", "Senate"]

# Pagefind's own results, as its API gives them to the page (before the page renders them).
PAGEFIND_RESULTS = """async (query) => {
  const root = new URL("../", location.href);
  const manifest = await (await fetch(new URL("pagefind/pieces.json", root))).json();
  const pagefind = await import(new URL(`pagefind/${manifest.pieces[0].path}pagefind.js`, root).href);
  const response = await pagefind.search(query);
  const pages = await Promise.all(response.results.map((result) => result.data()));
  return pages.map((page) => ({
    url: new URL(page.url, root).pathname, title: page.meta.title, excerpt: page.excerpt,
  }));
}"""

SHOWN_RESULTS = """() => [...document.querySelectorAll(".pa-result")].map((item) => ({
  url: new URL(item.querySelector(".pa-result__title").href).pathname,
  title: item.querySelector(".pa-result__title").textContent,
  excerpt: item.querySelector(".pa-result__excerpt").textContent,
  html: item.querySelector(".pa-result__excerpt").innerHTML,
  marks: [...item.querySelectorAll(".pa-result__excerpt mark")].map((mark) => mark.textContent),
}))"""


def letters(text: str) -> str:
    """The letters and digits of a text, in lower case: what "starts with the title" compares."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


def tagless(excerpt: str) -> str:
    return re.sub(r"<[^>]*>", "", excerpt)


def _results(page: Any, site_url: str, query: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    page.goto(site_url + "search/?" + urlencode({"q": query, "all": "1"}))
    _settled(page)
    while page.locator("#pa-search-more").is_visible():
        count = page.locator(".pa-result").count()
        page.click("#pa-search-more")
        page.wait_for_function(f"document.querySelectorAll('.pa-result').length > {count}")
    return page.evaluate(PAGEFIND_RESULTS, query), page.evaluate(SHOWN_RESULTS)


def tails(title: str) -> list[str]:
    """The title and its ends of two words or more, as letters: what may open an excerpt."""
    words = title.split()
    return [letters(" ".join(words[i:])) for i in range(max(len(words) - 1, 1))]


def test_no_excerpt_starts_with_its_title(page: Any, site_url: str) -> None:
    repeated = 0
    for query in QUERIES:
        raw, shown = _results(page, site_url, query)
        assert shown, query
        assert sorted(r["url"] for r in raw) == sorted(r["url"] for r in shown), query
        by_url = {r["url"]: r for r in raw}
        for result in shown:
            excerpt, original = letters(result["excerpt"]), by_url[result["url"]]
            title = letters(result["title"])
            assert title and not excerpt.startswith(title), (query, result)
            # Nor is it the beginning of the title alone (an excerpt that ends inside a title from the lede).
            assert not excerpt or not title.startswith(excerpt), (query, result)
            given = letters(tagless(original["excerpt"]))
            opening = next((t for t in tails(result["title"]) if given.startswith(t)), None)
            if opening is None:
                assert result["excerpt"] == tagless(original["excerpt"]), (query, result)  # left as Pagefind gave it
                continue
            repeated += 1
            assert not excerpt.startswith(opening), (query, result)
            # What follows the title is shown as Pagefind gave it, highlights included.
            assert original["excerpt"].rstrip().endswith(result["html"].rstrip()), (query, result)
    # The queries find titles that Pagefind's excerpts repeat: the checks above are not vacuous.
    assert repeated >= 5
