"""The browse pages' charts as a reader sees them in chromium: drawn (not an empty box), inside the
screen at 390 px, in the palette's colours in light and dark mode with enough contrast, exposed to
assistive technology as one image named by its title, and without axe violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGES = {
    "years": "years/",
    "year": "years/2017/",
    "topic": "topics/isis/",
    "author": "authors/cheryl-pellerin/",
    "source": "sources/us-department-of-defense/",
}
TITLES = {
    "years": "Releases per year, ",
    "year": "Releases of 2017 per month",
    "topic": "ISIS: releases per month",
    "author": "Cheryl Pellerin: releases per month",
    "source": "U.S. Department of Defense: releases per month",
}
BLOCKING = {"serious", "critical"}


def _person(site: Path) -> str:
    found = sorted((site / "people").glob("*/index.html"))
    assert found, "the sample archive should have people pages"
    return found[0].parent.relative_to(site).as_posix() + "/"


def _luminance(rgb: str) -> float:
    """Relative luminance (WCAG) of a computed `rgb(r, g, b)` colour."""
    channels = [int(part) / 255 for part in rgb.removeprefix("rgb(").removeprefix("rgba(").rstrip(")").split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_DRAWN = """() => {
  const svg = document.querySelector('article .pa-chart svg');
  const box = svg.getBoundingClientRect();
  const ink = svg.querySelector('.pa-chart-bar, .pa-chart-line');
  const inkStyle = getComputedStyle(ink);
  // The labels: SVG text under the bars, or the activity line's caption beside it.
  const text = svg.querySelector('text');
  const label = text || svg.closest('figure').querySelector('figcaption');
  return {
    left: box.left, right: box.right, width: box.width, height: box.height,
    ink: ink.classList.contains('pa-chart-bar') ? inkStyle.fill : inkStyle.stroke,
    label: text ? getComputedStyle(text).fill : getComputedStyle(label).color,
    labelHeight: label.getBoundingClientRect().height,
    background: getComputedStyle(document.body).backgroundColor,
    scrollWidth: document.documentElement.scrollWidth,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", [*PAGES, "person"])
def test_charts_are_drawn_inside_the_screen_in_both_palettes(
    page: Any, site_url: str, browser_site: Path, name: str, size: dict[str, int], scheme: str
) -> None:
    path = PAGES.get(name) or _person(browser_site)
    page.set_viewport_size(size)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default"
    )
    assert page.locator("article .pa-chart").count() == 1, f"{path}: one chart"
    drawn = page.evaluate(_DRAWN)
    assert drawn["scrollWidth"] <= size["width"], f"{path} overflows at {size['width']} px"
    assert drawn["left"] >= 0 and drawn["right"] <= size["width"]
    assert drawn["width"] >= 80 and drawn["height"] >= 16, f"{path}: the chart is not drawn ({drawn})"
    # The bars or the line: the palette's colour (not SVG's default black, nor none), at least
    # 3:1 against the page (WCAG 1.4.11); the labels readable text (4.5:1), not shrunk to specks.
    assert drawn["ink"] not in ("none", "rgb(0, 0, 0)"), drawn
    assert _contrast(drawn["ink"], drawn["background"]) >= 3, drawn
    assert _contrast(drawn["label"], drawn["background"]) >= 4.5, drawn
    assert drawn["labelHeight"] >= 8, drawn


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_a_chart_is_one_image_named_by_its_title(page: Any, site_url: str, name: str) -> None:
    page.goto(site_url + PAGES[name], wait_until="load")
    image = page.locator("article .pa-chart svg")
    assert image.get_attribute("role") == "img"
    label = page.evaluate(
        """() => { const svg = document.querySelector('article .pa-chart svg');
        return svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent); }"""
    )
    assert label[0].startswith(TITLES[name])
    assert label[1], "the description is empty"
    assert page.get_by_role("img", name=label[0], exact=False).count() == 1


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["years", "person"])
def test_no_axe_violations_on_the_chart_pages_the_accessibility_test_leaves_out(
    page: Any, site_url: str, browser_site: Path, name: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = PAGES.get(name) or _person(browser_site)
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="load")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    blocking = [v["id"] for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{path}, {scheme}: {blocking}"
