"""The browse pages' charts (generator/render/charts.py): what they draw is what the releases say,
in pictures and in words; they are well-formed SVG with a title and a description, the same on
every run, safe with hostile names, and written identically by both emitters."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml

from generator.enrich.vocabulary import Vocabulary
from generator.model import Release
from generator.render import charts
from generator.render.emitters import Emitter
from generator.render.fast_path import page_files
from generator.render.indexes import newest_month, render_term, render_year, render_year_list, years_of
from generator.render.site import WHOLE, render_changed
from generator.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "</title><script>alert(1)</script> & [x](javascript:y) *a* \x07\ufffe]]>"


def release(day: dt.date, number: int = 0, topics: tuple[str, ...] = ()) -> Release:
    return Release(id=f"{day.isoformat()}-r{number}", title=f"Release {number}", date=day, topics=topics)


def xml(text: str) -> ET.Element:
    return ET.fromstring(text)  # noqa: S314 - the generator's own output, under test


def parse(figure: str) -> ET.Element:
    """The chart's <svg> (the figure parsed as XML, with the SVG namespace an HTML parser implies)."""
    root = xml(figure.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    assert root.tag == "figure"
    svg = root.find(f"{SVG}svg")
    assert svg is not None
    return svg


def title_and_desc(svg: ET.Element) -> tuple[str, str]:
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None and title.text and desc.text
    # Named and described by them, by ids the page holds once.
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return title.text, desc.text


def bar_heights(svg: ET.Element) -> dict[int, int]:
    """Bar centre x → height, from the bars' one path (`M x base v-h h w v h z` each)."""
    path = svg.find(f"{SVG}path[@class='pa-chart-bar']")
    if path is None:
        return {}
    bars = re.findall(r"M(\d+) (\d+)v-(\d+)h(\d+)v\3z", path.get("d", ""))
    assert "".join(f"M{x} {b}v-{h}h{w}v{h}z" for x, b, h, w in bars) == path.get("d")
    return {int(x) + (int(w) + 1) // 2: int(h) for x, _, h, w in bars}


def line_points(svg: ET.Element) -> list[tuple[int, int]]:
    path = svg.find(f"{SVG}path[@class='pa-chart-line']")
    assert path is not None
    numbers = [int(n) for n in path.get("d", "").removeprefix("M").split()]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def y_at(points: list[tuple[int, int]], x: int) -> float:
    """The line's height at `x` (points inside a level run are left out of the path)."""
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    raise AssertionError(f"no point of the line at x={x}")


# A year with busy, quiet and empty months, and releases of the years around it that must not count.
YEAR = [dt.date(2019, 12, 31), dt.date(2020, 1, 1), dt.date(2020, 1, 31), dt.date(2020, 3, 15),
        *[dt.date(2020, 7, d) for d in range(1, 8)], dt.date(2020, 12, 31), dt.date(2021, 1, 1)]
COUNTS_2020 = [2, 0, 1, 0, 0, 0, 7, 0, 0, 0, 0, 1]


def test_month_bars_draw_and_say_the_releases_of_each_month() -> None:
    svg = parse(charts.month_bars(2020, YEAR))
    title, desc = title_and_desc(svg)
    assert title == "Releases of 2020 per month"
    assert desc == ", ".join(f"{m} {c}" for m, c in zip(charts.MONTHS, COUNTS_2020, strict=True)) + "."
    numbers = svg.find(f"{SVG}text[@class='pa-chart-n']")
    assert numbers is not None
    assert [int(t.text or "") for t in numbers] == COUNTS_2020
    heights = bar_heights(svg)
    centres = [int(t.get("x", "")) for t in numbers]
    # Each month's bar stands over its label, as tall as its count (the busiest month full height),
    # and an empty month has none.
    assert [heights.get(x, 0) for x in centres] == [round(80 * c / 7) for c in COUNTS_2020]
    labels = svg.find(f"{SVG}text[@class='pa-chart-x']")
    assert labels is not None and labels.text == "JFMAMJJASOND"
    assert [int(x) for x in labels.get("x", "").split()] == centres


def test_a_single_release_among_thousands_still_shows() -> None:
    svg = parse(charts.month_bars(2020, [dt.date(2020, 1, 1)] * 5000 + [dt.date(2020, 2, 1)]))
    assert sorted(bar_heights(svg).values()) == [1, 80]


def test_year_bars_have_every_year_from_first_to_last() -> None:
    counts = {2001: 3, 2004: 12, 2005: 6}
    svg = parse(charts.year_bars(counts))
    title, desc = title_and_desc(svg)
    assert title == "Releases per year, 2001 to 2005"
    assert desc.startswith("Most releases in 2004: 12.")
    labels = svg.find(f"{SVG}text[@class='pa-chart-x']")
    assert labels is not None
    years = {int(span.text or ""): int(span.get("x", "")) for span in labels}
    assert sorted(years) == [2001, 2002, 2003, 2004, 2005]
    heights = bar_heights(svg)
    assert {y: heights.get(x, 0) for y, x in years.items()} == {2001: 20, 2002: 0, 2003: 0, 2004: 80, 2005: 40}


def test_year_labels_are_thinned_to_fit_and_stay_inside_the_picture() -> None:
    counts = {year: 100 + year % 7 for year in range(1990, 2026)}
    svg = parse(charts.year_bars(counts))
    width = int(svg.get("viewBox", "").split()[2])
    labels = svg.find(f"{SVG}text[@class='pa-chart-x']")
    assert labels is not None
    shown = [(int(span.text or ""), int(span.get("x", ""))) for span in labels]
    assert shown[-1][0] == 2025, "the newest year keeps its label"
    assert 5 <= len(shown) < len(counts)
    half = 4 * charts.CHAR_WIDTH / 2
    assert all(half <= x <= width - half for _, x in shown)
    assert all(b - a >= 2 * half for (_, a), (_, b) in zip(shown, shown[1:], strict=False)), "labels overlap"
    assert len(bar_heights(svg)) == len(counts)


def test_a_mistyped_year_centuries_away_still_draws_every_year() -> None:
    svg = parse(charts.year_bars({1066: 1, 2024: 40}))
    bars = svg.find(f"{SVG}path[@class='pa-chart-bar']")
    assert bars is not None
    widths = [int(w) for w in re.findall(r"h(\d+)v", bars.get("d", ""))]
    assert len(widths) == 2 and min(widths) >= 1
    labels = svg.find(f"{SVG}text[@class='pa-chart-x']")
    assert labels is not None and [span.text for span in labels][-1] == "2024"


def test_activity_line_counts_the_twelve_months_that_end_with_the_newest() -> None:
    dates = [dt.date(2023, 2, 28), dt.date(2023, 3, 1), dt.date(2023, 3, 9), dt.date(2023, 12, 5),
             dt.date(2024, 2, 1), dt.date(2024, 2, 29), dt.date(2024, 2, 3), dt.date(2024, 3, 1)]
    svg = parse(charts.activity_line("Ports", dates, dt.date(2024, 2, 10)))
    title, desc = title_and_desc(svg)
    assert title == "Ports: releases per month"
    # March 2023 … February 2024: the release of February 2023 and of March 2024 are outside.
    assert desc == "2023: March 2, December 1; 2024: February 3. No releases in the other months."
    expected = [2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3]
    points = line_points(svg)
    assert [x for x, _ in points][0] == 2 and points[-1][0] == 112
    heights = [charts.SPARK_BASE - y_at(points, 2 + 10 * i) for i in range(12)]
    assert heights == [round(20 * c / 3) for c in expected]
    figure = xml(charts.activity_line("Ports", dates, dt.date(2024, 2, 10)))
    caption = figure.find("figcaption")
    assert caption is not None and caption.text == "Releases per month, March 2023 to February 2024"


def test_empty_months_are_zero() -> None:
    svg = parse(charts.activity_line("Quiet", [dt.date(2001, 5, 1)], dt.date(2024, 12, 1)))
    _, desc = title_and_desc(svg)
    assert desc == "No releases in these twelve months."
    assert line_points(svg) == [(2, charts.SPARK_BASE), (112, charts.SPARK_BASE)]
    busy = parse(charts.activity_line("Busy", [dt.date(2024, m, 1) for m in range(1, 13)], dt.date(2024, 12, 1)))
    assert title_and_desc(busy)[1].endswith("December 1.")
    assert {y for _, y in line_points(busy)} == {charts.SPARK_TOP}
    assert charts.month_counts([], dt.date(2024, 1, 1), 12) == [0] * 12
    empty_year = parse(charts.month_bars(2020, []))
    assert bar_heights(empty_year) == {}
    numbers = empty_year.find(f"{SVG}text[@class='pa-chart-n']")
    assert numbers is not None and [t.text for t in numbers] == ["0"] * 12


def test_a_hostile_name_stays_text() -> None:
    figure = charts.activity_line(HOSTILE, [dt.date(2024, 1, 1)], dt.date(2024, 1, 1))
    svg = parse(figure)
    title, _ = title_and_desc(svg)
    assert title == HOSTILE.replace("\x07", "").replace("\ufffe", "") + ": releases per month"
    assert [child.tag for child in svg] == [f"{SVG}title", f"{SVG}desc", f"{SVG}path"]
    assert "<script" not in figure and "](javascript:" not in figure


@pytest.mark.parametrize("name", ["years", "year", "term"])
def test_charts_are_the_same_on_every_run_and_in_any_order(name: str) -> None:
    def draw(dates: list[dt.date]) -> str:
        if name == "years":
            return charts.year_bars({d.year: dates.count(d) for d in dates})
        if name == "year":
            return charts.month_bars(2020, dates)
        return charts.activity_line("T", dates, dt.date(2020, 12, 1))

    assert draw(YEAR) == draw(list(reversed(YEAR))) == draw(list(YEAR))
    assert draw(YEAR) != draw(YEAR[:-3]), "the chart should depend on the releases"


def test_no_fractional_coordinates_and_no_inline_style() -> None:
    for figure in (charts.month_bars(2020, YEAR), charts.year_bars({2001: 7, 2013: 3}),
                   charts.activity_line("T", YEAR, dt.date(2020, 12, 1))):
        assert "style=" not in figure and "<script" not in figure
        numbers = re.findall(r'(?:d|x|y|viewBox)="([^"]*)"', figure)
        assert numbers and not any("." in value for value in numbers)


def _python_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions (and their settings) that mkdocs.yml enables."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = yaml.load(text, Loader=yaml.BaseLoader)["markdown_extensions"]  # noqa: S506 - our own file
    names = [e if isinstance(e, str) else next(iter(e)) for e in listed]
    configs = {next(iter(e)): e[next(iter(e))] for e in listed if isinstance(e, dict)}
    configs = {n: {k: v == "true" if v in ("true", "false") else v for k, v in c.items()} for n, c in configs.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs)


@pytest.mark.parametrize("figure", [
    charts.month_bars(2020, YEAR),
    charts.year_bars({2001: 7, 2013: 3}),
    charts.activity_line(HOSTILE, YEAR, dt.date(2020, 12, 1)),
], ids=["month", "years", "term"])
def test_python_markdown_passes_a_chart_through_unchanged(figure: str) -> None:
    html = _python_markdown().convert(f"# Page\n\nText.\n\n{figure}\n\nMore text.\n")
    assert html.split("\n")[2] == figure


@pytest.mark.parametrize("last", [True, False], ids=["at the end", "followed by text"])
def test_both_emitters_write_the_same_chart(last: bool) -> None:
    def layout(out: Emitter) -> None:
        out.title("Page")
        out.figure(charts.month_bars(2020, YEAR))
        if not last:
            out.paragraph("Text.")
            out.figure(charts.activity_line("T", YEAR, dt.date(2020, 12, 1)))
            out.release_table([("2020-01-01", "A title", "", "")])

    files = page_files("years/2020/index.md", {"title": "2020"}, layout)
    side = json.loads(files["@html/years/2020/index.json"])
    made = _python_markdown().convert(files["years/2020/index.md"].split("\n---\n", 1)[1])
    assert made == side["html"]
    assert charts.month_bars(2020, YEAR) in side["html"]


def test_browse_pages_carry_their_charts() -> None:
    settings = Settings.load(ROOT)
    releases = [release(d, i, ("Ports",)) for i, d in enumerate(YEAR)]
    by_year = years_of(releases)
    assert charts.year_bars({2019: 1, 2020: 11, 2021: 1}) in render_year_list(by_year)
    assert charts.month_bars(2020, YEAR) in render_year(2020, by_year[2020], settings)["years/2020/index.md"]
    last = newest_month(by_year)
    assert last == dt.date(2021, 1, 1)
    page = render_term("topics", "Ports", releases, None, settings, last=last)["topics/ports/index.md"]
    assert charts.activity_line("Ports", YEAR, dt.date(2021, 1, 1)) in page
    # Without the archive's newest month, a term's line ends with its own newest release.
    alone = render_term("topics", "Ports", releases[:3], None, settings)["topics/ports/index.md"]
    assert "February 2019 to January 2020" in alone


def test_only_the_first_page_of_a_list_has_the_chart() -> None:
    settings = Settings.load(ROOT)
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(settings.per_page + 1)]
    releases = [release(day, i, ("Ports",)) for i, day in enumerate(days)]
    pages = render_term("topics", "Ports", list(reversed(releases)), None, settings)
    years = render_year(2020, list(reversed(releases)), settings)
    for made in (pages, years):
        markdown_pages = {p: t for p, t in made.items() if p.endswith(".md")}
        assert len(markdown_pages) == 2
        assert [p for p, t in markdown_pages.items() if "pa-chart" in t] == [min(markdown_pages, key=len)]


@pytest.mark.parametrize(("day", "rendered_again"), [(dt.date(2024, 5, 30), False), (dt.date(2024, 6, 1), True)])
def test_a_term_page_is_rendered_again_when_the_archive_gains_a_month(day: dt.date, rendered_again: bool) -> None:
    """A term's line ends with the archive's newest month, so the term's unit key holds it: a
    release of another term in a new month renders the term's page again, one in the same month not."""
    settings = Settings.load(ROOT)
    old = [release(dt.date(2024, 3, 1), 0, ("Ports",)), release(dt.date(2024, 5, 2), 1, ("Rail",))]
    first = render_changed(old, Vocabulary.empty(), settings, processes=1)
    previous = {unit: value for unit, value in first.units.items() if unit != WHOLE}
    later = render_changed([*old, release(day, 2, ("Rail",))], Vocabulary.empty(), settings, previous=previous,
                           processes=1)
    page = "topics/ports/index.md"
    assert (page in later.files) is rendered_again and (page in later.kept) is not rendered_again
    if rendered_again:
        assert "July 2023 to June 2024" in later.files[page].decode()
