"""The publication day of a saved newsroom page, and how it was found.

Pages state their date in several places that do not always agree: JSON-LD, `<meta>` tags, RDFa or
microdata attributes, `<time datetime>` elements, and the date printed near the headline. They are
weighed by how much each says about the *local* day of publication:

1. a timestamp with its offset, or a plain date, from the page's metadata (JSON-LD, then `<meta>`
   and semantic attributes, then the article's own `<time>`): the publisher's day as written;
2. the date printed near the headline ("visible"), read in the page's language, which decides the
   order of day and month (`01.11.2023` on a German page is 1 November);
3. a bare UTC timestamp ("…T23:30:00Z"): its day is the UTC day, which the local day can differ
   from by one; a shown date further from it than that is another date, and the timestamp stays.

`<time>` elements and attributes inside related-article teasers, sidebars and the like are not the
page's own date and are skipped, as are `<time>`s marked as an update's. Two sources more than a
day apart give a warning naming both. When nothing is stated, htmldate's extensive search reads
the untouched tree (`searched_date`); `generator.extract` takes that date last, after a dateline
opening the text and the file name's date, with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import lxml.html
from htmldate import find_date

from generator.errors import Problem, warning
from generator.extract.dates import HTMLDATE, JSON_LD, META, TIME, VISIBLE, parse_date
from generator.model import Found
from generator.readers.html_page import _semantic_values
from generator.readers.page_language import day_first, page_language
from generator.readers.page_parts import OwnParts
from generator.readers.visible_dates import visible_date

# <meta name|property=…> keys, lower-cased, strongest first.
META_DATE = (
    "article:published_time",
    "og:published_time",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dc.date.issued",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "datepublished",
)

# RDFa `property` / microdata `itemprop` names (prefix dropped, lower-cased), e.g. Drupal's
# `<span property="dc:date" content="2018-04-13T00:00:00-04:00">`.
SEMANTIC_DATE = frozenset({"date", "datepublished", "issued"})

TIME_XPATH = "//body//time[@datetime]"

# Class or itemprop words of a `<time>` that dates an update, or the first publication.
UPDATED_MARK = re.compile(r"modif|updat|revis|edited", re.IGNORECASE)
PUBLISHED_MARK = re.compile(r"publi|pubdate|posted|entry-date|created|released", re.IGNORECASE)

# A timestamp that says it is in UTC: "Z", "+00:00", "+0000", "GMT", "UTC" after a time of day.
UTC_TIMESTAMP = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]00:?00|\s?(?:GMT|UTC)(?:[+-]00:?00)?)\s*$", re.I
)

# Rank of a clue: what it says about the local day (lower is stronger).
LOCAL, SHOWN, UTC = 0, 1, 2

MAX_DISAGREEMENT = dt.timedelta(days=1)


@dataclass(frozen=True)
class DateClue:
    """One statement of the page's date: the day, how it was found, where, and how exact it is."""

    day: dt.date
    how: str
    line: int | None
    rank: int
    label: str


def page_date_clues(
    tree: lxml.html.HtmlElement,
    ld: Mapping[str, Any],
    ld_line: int | None,
    metas: Mapping[str, list[tuple[str, int | None]]],
    headline: Any,
) -> list[DateClue]:
    """Every statement of the page's own date, in the page's language, strongest source first."""
    language = page_language(tree, metas)
    own = OwnParts(tree, headline)
    clues = list(_metadata_clues(tree, ld, ld_line, metas, day_first(language), own))
    shown = visible_date(tree, headline, language, own)
    if shown is not None:
        clues.append(DateClue(shown[0], VISIBLE, shown[1], SHOWN, "the date shown on the page"))
    return clues


def searched_date(tree: lxml.html.HtmlElement) -> Found[dt.date] | None:
    """htmldate's extensive search for the original publication date, when the page's markup and
    the text near its headline state none; htmldate works on its own copy of the untouched tree."""
    day = parse_date(find_date(tree, extensive_search=True, original_date=True), metadata=True)
    return Found(day, None, HTMLDATE) if day is not None else None


def choose_date(clues: list[DateClue], path: str) -> tuple[DateClue | None, list[Problem]]:
    """The clue whose day is the page's, and a warning for each source more than a day from it."""
    if not clues:
        return None, []
    best = min(clues, key=lambda clue: clue.rank)  # min keeps the first (strongest source) of a rank
    if best.how == VISIBLE:
        # The shown date corrects a UTC day by the time zone's one day; further away, it is another
        # date (an event's, a related item's) rather than the local day, and the metadata stays.
        utc = next((clue for clue in clues if clue.rank == UTC), None)
        if utc is not None and abs(utc.day - best.day) > MAX_DISAGREEMENT:
            best = utc
    problems: list[Problem] = []
    named: set[str] = {best.how}
    for clue in clues:
        if clue.how in named:
            continue
        named.add(clue.how)
        if abs(clue.day - best.day) > MAX_DISAGREEMENT:
            problems.append(
                warning(
                    path,
                    clue.line if clue.line is not None else best.line,
                    "date-conflict",
                    f"the page's dates disagree: {best.label} says {best.day.isoformat()}, "
                    f"{clue.label} says {clue.day.isoformat()}; {best.day.isoformat()} is used",
                    "check the release's date on the page; if the one used is wrong, archive the release as a "
                    "Markdown file whose front matter says 'date: YYYY-MM-DD' instead of the saved page",
                )
            )
    return best, problems


def _metadata_clues(
    tree: lxml.html.HtmlElement,
    ld: Mapping[str, Any],
    ld_line: int | None,
    metas: Mapping[str, list[tuple[str, int | None]]],
    first_day: bool | None,
    own: OwnParts,
) -> Iterator[DateClue]:
    for key in ("datePublished", "dateCreated"):
        value = ld.get(key)
        clue = _clue(value, JSON_LD, ld_line, f"JSON-LD {key}", first_day)
        if clue is not None:
            yield clue
    for key in META_DATE:
        for value, line in metas.get(key, []):
            clue = _clue(value, META, line, f"<meta {key}>", first_day)
            if clue is not None:
                yield clue
    for element, value in _semantic_values(tree, SEMANTIC_DATE):
        if not own.holds(element):
            continue
        keys = f"{element.get('property', '')} {element.get('itemprop', '')}".split()
        clue = _clue(value, META, element.sourceline, f"the page's {' '.join(keys)} attribute", first_day)
        if clue is not None:
            yield clue
    times = [t for t in tree.xpath(TIME_XPATH) if own.holds(t) and not UPDATED_MARK.search(_marks(t))]
    # A <time> marked as the publication's ("published", "pubdate", "entry-date") before others.
    times.sort(key=lambda t: not PUBLISHED_MARK.search(_marks(t)))
    for element in times:
        clue = _clue(element.get("datetime"), TIME, element.sourceline, "the page's <time> element", first_day)
        if clue is not None:
            yield clue


def _marks(element: Any) -> str:
    """What a `<time>` says of itself: its class, itemprop and pubdate attribute, and its parent's class."""
    parent = element.getparent()
    names = (element.get("class"), element.get("itemprop"), "pubdate" if element.get("pubdate") is not None else "")
    return " ".join(filter(None, (*names, parent.get("class") if parent is not None else "")))


def _clue(value: object, how: str, line: int | None, label: str, first_day: bool | None) -> DateClue | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    day = parse_date(value, metadata=True, day_first=first_day)
    if day is None:
        return None
    return DateClue(day, how, line, UTC if UTC_TIMESTAMP.search(value) else LOCAL, label)
