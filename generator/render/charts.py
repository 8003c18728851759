"""Small pictures of the browse pages, drawn here as inline SVG: releases per year (years index),
per month (a year's page), and a twelve-month activity line (a topic's, author's, source's or
person's page).

Hand-written rather than drawn by a plotting library: each chart is one bar path or one line, a
few labels and its text equivalent, and must be byte-stable, small (it is repeated on thousands of
term pages), free of inline styles and scripts, and coloured by the site's style sheet so that the
light and the dark palette both apply (classes `pa-chart…` in docs/assets/archive.css). A plotting
library would write kilobytes of styled, high-precision markup for the same picture.

Every chart is one `<figure>` line of raw HTML, which Python-Markdown passes through unchanged, so
the Markdown page and the fast path's HTML hold the same bytes. The SVG has `role="img"` and is
labelled by its `<title>` and `<desc>`, which say in words what it shows: the counts of a year's
months and of a term's twelve months (the years index's are in the table under the chart). Names
in them are release text, escaped as everywhere. Coordinates are integers in a fixed `viewBox`;
the style sheet scales the picture to the column (390 px phones included).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from generator.render.escape import escape_text

MONTHS = ("January", "February", "March", "April", "May", "June",
          "July", "August", "September", "October", "November", "December")
WIDTH = 360
"""The bar charts' viewBox width: about a phone's column at 1:1, so 11-unit labels stay readable."""
BAR_TOP, BAR_BASE, BAR_HEIGHT = 14, 94, 112
"""The tallest bar's top (room above it for its count), the baseline, and the viewBox height
(room below the baseline for the labels)."""
CHAR_WIDTH = 7
"""Width of a digit at the labels' font size (11 units), rounded up: labels that do not fit their
bar's slot are thinned (every other year …), counts that do not fit are left to the text."""
SPARK_STEP, SPARK_TOP, SPARK_BASE = 10, 2, 22
"""The activity line: units between months, and the y of the highest and of a zero month."""
# Characters XML 1.0 does not allow at all (C0 controls but tab and newline, lone surrogates,
# U+FFFE/U+FFFF): a name holding one would make the picture unreadable to an XML parser.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    """Release text (a term's name) for an SVG `<title>` or `<desc>`: one line, escaped as all
    release text is (`escape_text`: Markdown and HTML syntax become character references, which
    are XML too), without the characters XML cannot hold at all."""
    return escape_text(_NOT_XML.sub("", value))


def add_months(month: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after (or before) the month of `month`."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def month_counts(dates: Iterable[dt.date], first: dt.date, months: int) -> list[int]:
    """Releases in each of `months` months from the month of `first`; a month without any is 0."""
    start = first.year * 12 + first.month - 1
    counts = Counter(d.year * 12 + d.month - 1 - start for d in dates)
    return [counts[i] for i in range(months)]


def year_bars(counts: dict[int, int]) -> str:
    """Releases per year, every year from the first to the last (a year without releases is 0);
    the years index's table gives each year's number, so the text names the range and the peak."""
    if not counts:
        return ""
    years = list(range(min(counts), max(counts) + 1))
    values = [counts.get(y, 0) for y in years]
    peak = max(values)
    busiest = ", ".join(str(y) for y, v in zip(years, values, strict=True) if v == peak)
    title = f"Releases per year, {years[0]} to {years[-1]}"
    desc = f"Most releases in {busiest}: {peak:,}. The table below gives the number of every year."
    return _column_chart([str(y) for y in years], values, title, desc, counts=False)


def month_bars(year: int, dates: Iterable[dt.date]) -> str:
    """Releases per month of one year, January to December."""
    values = month_counts(dates, dt.date(year, 1, 1), 12)
    desc = ", ".join(f"{MONTHS[i]} {v:,}" for i, v in enumerate(values)) + "."
    return _column_chart([m[0] for m in MONTHS], values, f"Releases of {year} per month", desc, counts=True)


def activity_line(name: str, dates: Iterable[dt.date], last: dt.date) -> str:
    """A term's releases in each of the twelve months that end with the month of `last` (the
    archive's newest release, not today: a build must not change with its date)."""
    first = add_months(last, -11)
    values = month_counts(dates, first, 12)
    span = f"{MONTHS[first.month - 1]} {first.year} to {MONTHS[last.month - 1]} {last.year}"
    # The months with releases, by year; the others (most, for most terms) summed up in words.
    by_year: dict[int, list[str]] = {}
    for i, value in enumerate(values):
        month = add_months(first, i)
        if value:
            by_year.setdefault(month.year, []).append(f"{MONTHS[month.month - 1]} {value:,}")
    desc = "; ".join(f"{year}: {', '.join(items)}" for year, items in by_year.items())
    if all(values):
        desc += "."
    else:
        desc += ". No releases in the other months." if desc else "No releases in these twelve months."
    peak = max(values) or 1
    ys = [SPARK_BASE - round((SPARK_BASE - SPARK_TOP) * v / peak) for v in values]
    # A point inside a level run adds nothing to the line: a quiet year is two points, not twelve.
    points = " ".join(f"{i * SPARK_STEP + 2} {y}" for i, y in enumerate(ys)
                      if i in (0, 11) or not ys[i - 1] == y == ys[i + 1])
    svg = (
        f'<svg viewBox="0 0 {11 * SPARK_STEP + 4} {SPARK_BASE + 2}"'
        f"{_labelled(f'{text(name)}: releases per month', desc)}"
        f'<path class="pa-chart-line" d="M{points}"/></svg>'
    )
    return f'<figure class="pa-chart pa-chart-spark">{svg}<figcaption>Releases per month, {span}</figcaption></figure>'


def _labelled(title: str, desc: str) -> str:
    """The opening of a chart's SVG after its viewBox: named by its title, described by its desc
    (markup: any release text in them is escaped by `text` first)."""
    return (f' role="img" aria-labelledby="pa-chart-t pa-chart-d"><title id="pa-chart-t">{title}</title>'
            f'<desc id="pa-chart-d">{desc}</desc>')


def _column_chart(labels: Sequence[str], values: Sequence[int], title: str, desc: str, *, counts: bool) -> str:
    """A column chart in its figure: one path for all bars, a baseline, the labels under the bars
    (thinned to every n-th, the last always kept, when they do not fit) and, with `counts`, the
    numbers above them (all or none: when one does not fit its bar, the text carries them)."""
    label_width = max(len(label) for label in labels) * CHAR_WIDTH
    # Room at both ends for the first and last labels, which may be wider than their bars.
    pad = max(0, (label_width - WIDTH // len(values)) // 2 + 1)
    # Centuries of years (a mistyped date) get thin bars in a wider picture rather than none.
    slot = max(2, (WIDTH - 2 * pad) // len(values))
    gap = max(2, slot // 5) if slot > 5 else 1
    peak = max(values) or 1
    bars = []
    tops = []
    for i, value in enumerate(values):
        height = round((BAR_BASE - BAR_TOP) * value / peak)
        if value and not height:
            height = 1  # a month with one release among thousands still shows
        tops.append(BAR_BASE - height)
        if height:
            bars.append(f"M{pad + i * slot + gap // 2} {BAR_BASE}v-{height}h{slot - gap}v{height}z")
    centres = [pad + i * slot + slot // 2 for i in range(len(values))]
    width = slot * len(values) + 2 * pad
    parts = [f'<svg viewBox="0 0 {width} {BAR_HEIGHT}"{_labelled(title, desc)}',
             f'<path class="pa-chart-axis" d="M0 {BAR_BASE}H{width}"/>']
    if bars:
        parts.append(f'<path class="pa-chart-bar" d="{"".join(bars)}"/>')
    step = math.ceil(label_width / slot)
    if step == 1 and all(len(label) == 1 for label in labels):
        # One character a label: one <text>, each character placed by its own x.
        parts.append(f'<text class="pa-chart-x" x="{" ".join(map(str, centres))}" y="{BAR_HEIGHT - 4}">'
                     f"{html.escape(''.join(labels))}</text>")
    else:
        shown = [i for i in range(len(labels)) if (len(labels) - 1 - i) % step == 0]
        spans = "".join(f'<tspan x="{centres[i]}">{html.escape(labels[i])}</tspan>' for i in shown)
        parts.append(f'<text class="pa-chart-x" y="{BAR_HEIGHT - 4}">{spans}</text>')
    if counts and max(len(f"{v:,}") for v in values) * CHAR_WIDTH <= slot:
        numbers = zip(centres, tops, values, strict=True)
        parts.append('<text class="pa-chart-n">' + "".join(
            f'<tspan x="{c}" y="{top - 3}">{v:,}</tspan>' for c, top, v in numbers) + "</text>")
    return '<figure class="pa-chart">' + "".join(parts) + "</svg></figure>"
