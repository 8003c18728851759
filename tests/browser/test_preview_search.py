"""The live preview's search in chromium: a release added to archive/ while `press-archive serve`
runs is found by the search page, for a word only it contains, soon after its page appears."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED, make_project
from tests.e2e.test_serve import NEW_ID, NEW_RELEASE, preview_of, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

WORD = "quillmarsh"
"""In the new release only (and in no word of the seed's)."""
SEARCHABLE_WITHIN = 30.0


def _results(page: Any, url: str) -> list[str]:
    """The result links of the search page at `url` once it has searched, or raises. The preview
    reloads its pages whenever its index changes, so a search may be cut short: callers retry."""
    page.goto(url)
    page.wait_for_function(
        "['done', 'idle', 'error'].includes(document.getElementById('pa-search-app').dataset.state)", timeout=5_000
    )
    assert page.get_attribute("#pa-search-app", "data-state") != "error", page.inner_text("#pa-search-status")
    return [str(link.get_attribute("href")) for link in page.locator("#pa-results a.pa-result__title").all()]


def _results_within(page: Any, url: str, found: str, seconds: float) -> list[str]:
    """Search again until a result link ends with `found`; the last results after `seconds`."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + seconds
    links: list[str] = []
    while time.monotonic() < deadline:
        try:
            links = _results(page, url)
        except (Error, AssertionError):
            links = []  # the page reloaded mid-search, or the index was being replaced
        if any(link.endswith(found) for link in links):
            break
        time.sleep(0.2)
    return links


def test_a_new_release_is_found_by_the_preview_search(page: Any, tmp_path: Path) -> None:
    project = tmp_path / "project"
    make_project(project, [SEED])
    with preview_of(project, tmp_path / "serve.log") as (base, process):
        seed = "releases/2017-06-29-isis-on-the-run/"
        wait_for(base + seed, "Cheryl Pellerin", 90, process)
        # The preview's index is there before any change, and knows nothing of the word yet.
        assert any(link.endswith(seed) for link in _results_within(page, f"{base}search/?q=Raqqa", seed, 60))
        assert _results(page, f"{base}search/?q={WORD}") == []

        target = project / "archive" / "2018" / f"{NEW_ID}.txt"
        target.parent.mkdir(parents=True)
        target.write_text(NEW_RELEASE.replace("Both lanes open", f"Both {WORD} lanes open"), encoding="utf-8")
        wait_for(f"{base}releases/{NEW_ID}/", WORD, 60, process)
        appeared = time.monotonic()

        links = _results_within(page, f"{base}search/?q={WORD}", f"releases/{NEW_ID}/", SEARCHABLE_WITHIN)
        assert [link.rsplit("/", 2)[-2] for link in links] == [NEW_ID], (links, (tmp_path / "serve.log").read_text())
        assert time.monotonic() - appeared < SEARCHABLE_WITHIN
        # The old releases stay searchable in the new index.
        assert any(link.endswith(seed) for link in _results(page, f"{base}search/?q=Raqqa"))
