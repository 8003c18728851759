"""Accessibility of the pages a reader browses: axe-core in chromium at desktop and phone widths in
both palettes, and, from the built HTML, heading order and real tables for the date lists.

axe-core is the copy bundled in axe-playwright-python (injected into the page): nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pytest

SEED = "releases/2017-06-29-isis-on-the-run/"
PAGES = {
    "home": "",
    "year": "years/2017/",
    "topic": "topics/isis/",
    "author": "authors/cheryl-pellerin/",
    "source": "sources/us-department-of-defense/",
    "release": SEED,
}
LISTS = ["years/", "topics/", "topics/by-count/", "authors/", "sources/"]
BLOCKING = {"serious", "critical"}
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = node.get("failureSummary", "").splitlines()[-1:]
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_axe_violations(page: Any, site_url: str, name: str, size: dict[str, int], scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size(size)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGES[name], wait_until="load")
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == ("slate" if scheme == "dark" else "default")
    # The palettes differ only in colour: the dark run checks the colour rules, the light run all.
    options = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}  # type: ignore[assignment]
    results = Axe().run(page, options=options)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{PAGES[name] or 'home'} at {size['width']} px, {scheme}:\n{_describe(blocking)}"


@pytest.mark.browser
def test_release_table_stacks_on_phones_without_overflow(page: Any, site_url: str) -> None:
    """A phone shows each release of a list as a stacked row, and nothing is wider than the screen."""
    page.set_viewport_size(PHONE)
    page.goto(site_url + "years/2017/", wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.locator(".pa-releases tbody tr").first.bounding_box()
    title = page.locator(".pa-releases tbody tr td:nth-child(2)").first.bounding_box()
    assert box is not None and title is not None
    assert title["width"] > 0.8 * box["width"], "the title should take the row's full width on a phone"
    for path in PAGES.values():
        page.goto(site_url + path, wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{path or 'home'} overflows"


def _html(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / path / "index.html")).getroot()


@pytest.mark.parametrize("path", [*PAGES.values(), *LISTS, "about/"])
def test_headings_in_order(browser_site: Path, path: str) -> None:
    """One h1 first, then no level skipped on the way down (h1 → h3 is an error, h3 → h2 is fine)."""
    levels = [int(h.tag[1]) for h in _html(browser_site, path).iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels, f"{path} has no headings"
    assert levels[0] == 1 and levels.count(1) == 1, f"{path}: headings {levels}"
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"{path}: h{before} is followed by h{after}"


@pytest.mark.parametrize("path", ["", "years/2017/", "topics/isis/", "authors/cheryl-pellerin/",
                                  "sources/us-department-of-defense/", *LISTS])
def test_lists_are_tables_with_header_cells(browser_site: Path, path: str) -> None:
    tables = _html(browser_site, path).xpath("//article//table")
    assert tables, f"{path} lists nothing in a table"
    for table in tables:
        headers = [th.text_content().strip() for th in table.xpath("./thead/tr/th")]
        assert headers and all(headers), f"{path}: a table without header cells"
        width = len(headers)
        for row in table.xpath("./tbody/tr"):
            assert len(row.xpath("./td")) == width
        if headers[0] == "Date":
            dates = table.xpath("./tbody/tr/td[1]/time/@datetime")
            assert len(dates) == len(table.xpath("./tbody/tr")), f"{path}: each date is a <time datetime>"
