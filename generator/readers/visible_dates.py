"""The date a saved page shows its readers near the headline, read in the page's language.

Newsroom themes print the day above or below the headline ("Pressemitteilung · 1. November 2023",
"Published 01.11.2023", "By Jane Doe | November 1, 2023"). The short text pieces around the
headline — in the page's own article, never in a teaser or sidebar (`OwnParts`) — are read for
the first date, nearest first. Month names come from the Unicode CLDR data of the page's language
(through babel) besides English, so no language needs a hand-made table; numeric dates follow the
page's order of day and month (`page_language.day_first`), or the order its written-out dates use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import lxml.html
from babel import Locale, UnknownLocaleError

from generator.readers.html_body import ARTICLE_XPATH, SKIPPED
from generator.readers.page_language import day_first
from generator.readers.page_parts import OwnParts
from generator.whitespace import collapse

# How many text pieces before and after the headline are looked at, and how long a piece may be:
# a date line or a byline, not a paragraph that mentions a date.
PIECES_BEFORE, PIECES_AFTER = 12, 30
MAX_PIECE = 100
# How much text a date line may hold besides the date ("Published on", a byline, a time of day).
MAX_BESIDE = 50

# Words before a date that make it another date than the publication's.
UPDATED = re.compile(
    r"(?:updated|modified|revised|aktualisiert|geändert|stand(?=:)|mis à jour|modifié|actualizad[oa]|aggiornat[oa]"
    r"|bijgewerkt|gewijzigd|päivitetty|muokattu|oppdatert|endret|uppdaterad|ändrad|opdateret|atualizad[oa]"
    r"|zaktualizowano|обновлено)\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)

DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
MONTH_NUMBER = r"(?P<m>0?[1-9]|1[0-2])"
YEAR = r"(?P<y>(?:19|20)\d{2})"
# Numeric dates; Czech, Slovak and Serbian put a space after each dot ("1. 11. 2023").
NUMERIC_DATE = re.compile(
    r"(?<![\d.,/-])(?P<a>\d{1,2})(?P<sep>[./-])\s?(?P<b>\d{1,2})(?P=sep)\s?" + YEAR + r"(?![\d/-])"
)
YEAR_FIRST = re.compile(
    r"(?<![\d.,/-])" + YEAR + r"(?P<sep>[./-])\s?" + MONTH_NUMBER + r"(?P=sep)\s?" + DAY + r"(?![\d/-])"
)
# Chinese and Japanese 2023年11月1日, Korean 2023년 11월 1일.
CJK_DATE = re.compile(YEAR + r"\s*[年년]\s*" + MONTH_NUMBER + r"\s*[月월]\s*" + DAY + r"\s*[日일]")
# The written-out shapes of dates, each with the order of day and month it shows (None: none), and
# the month number of each month name.
Spellings = tuple[tuple[tuple[re.Pattern[str], bool | None], ...], dict[str, int]]

# Marks of writing direction that right-to-left pages put between the parts of a date ("01‏/11‏/2023").
DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c\u200b]")


def visible_date(
    tree: lxml.html.HtmlElement, headline: Any, language: str | None, own: OwnParts
) -> tuple[dt.date, int | None] | None:
    """The first date shown near the headline (nearest first, below before above), with its line;
    `own` says which parts of the page are its own article."""
    if headline is not None:
        # A headline in an <article> or <main> has its date in there too, not in what follows it.
        container = next(headline.iterancestors("article", "main"), None)
        root = container if container is not None else tree.find(".//body")
        pieces = list(_pieces(root, headline))
        inside = {headline, *headline.iterdescendants()}
        at = next((i for i, (element, _, _) in enumerate(pieces) if element in inside), None)
        if at is None:
            return None
        below = [i for i in range(at, min(len(pieces), at + PIECES_AFTER)) if pieces[i][0] not in inside]
        above = [j for i in range(1, PIECES_BEFORE + 1) if (j := at - i) >= 0]
        order = _interleave(below, above)
    else:
        containers = tree.xpath(ARTICLE_XPATH)
        if not containers:
            return None
        pieces = list(_pieces(containers[0], None))
        order = list(range(min(len(pieces), PIECES_AFTER)))
    patterns = _patterns(language)
    looked_at = (pieces[i] for i in order)
    short = [(text, line) for element, text, line in looked_at if len(text) <= MAX_PIECE and own.holds(element)]
    first_day = day_first(language)
    if first_day is None:
        # Plain "en" or no language: the page's written-out dates ("4 March 2022") tell the order.
        written = (spelled for text, _ in short for _, spelled, _ in _dates_in(text, patterns, None))
        first_day = next((spelled for spelled in written if spelled is not None), None)
    for text, line in short:
        for day, _, length in _dates_in(text, patterns, first_day):
            if len(text) - length <= MAX_BESIDE:  # a date line, not a sentence that mentions a date
                return day, line
    return None


def _interleave(after: list[int], before: list[int]) -> list[int]:
    """Pieces nearest the headline first: the next one below, then the next one above, and so on."""
    merged: list[int] = []
    for index in range(max(len(after), len(before))):
        merged += after[index : index + 1] + before[index : index + 1]
    return merged


def _pieces(root: Any, headline: Any) -> Iterator[tuple[Any, str, int | None]]:
    """The short texts of `root` (the headline's article, else the body) in document order, each
    with its element and line: the largest elements whose whole text is short (a date split over
    links, "Thursday, <a>June</a> <a>11th,</a> <a>2009</a>", is one piece), the headline on its
    own, and the loose text of longer elements."""
    if root is None:
        return
    holders = set(headline.iterancestors()) if headline is not None else set()
    yield from _walk(root, headline, holders)


def _walk(element: Any, headline: Any, holders: set[Any]) -> Iterator[tuple[Any, str, int | None]]:
    text = collapse(element.text_content())
    if not text:
        return
    if element is headline or (len(text) <= MAX_PIECE and element not in holders):
        yield element, text, element.sourceline
        return
    if element.text and element.text.strip():
        yield element, collapse(element.text), element.sourceline
    for child in element:
        if isinstance(child.tag, str) and child.tag not in SKIPPED:
            yield from _walk(child, headline, holders)
        if child.tail and child.tail.strip():
            yield element, collapse(child.tail), child.sourceline


def _dates_in(
    text: str, patterns: Spellings, first_day: bool | None
) -> Iterator[tuple[dt.date, bool | None, int]]:
    """Dates in one piece of text, each with the order of day and month its spelling shows
    (True: day first, False: month first, None: numeric or year first) and its length."""
    named, months = patterns
    text = DIRECTION_MARKS.sub("", text)
    for pattern, order in named:
        for match in pattern.finditer(text):
            if not UPDATED.search(text[: match.start()]):
                date = _day(match.group("y"), months[match.group("mon").lower().rstrip(".")], match.group("d"))
                if date:
                    yield date, order, match.end() - match.start()
    for pattern in (YEAR_FIRST, CJK_DATE):
        for match in pattern.finditer(text):
            date = _day(match.group("y"), int(match.group("m")), match.group("d"))
            if date and not UPDATED.search(text[: match.start()]):
                yield date, None, match.end() - match.start()
    for match in NUMERIC_DATE.finditer(text):
        if UPDATED.search(text[: match.start()]):
            continue
        a, b = int(match.group("a")), int(match.group("b"))
        # Dots are the day-first notation everywhere; slashes and dashes follow the page's language.
        first = True if match.group("sep") == "." and first_day is not False else first_day
        if first is None:
            first = a > 12  # an unknown order is read as dateutil reads it, month first, unless it cannot be
        date = _day(match.group("y"), b, str(a)) if first else _day(match.group("y"), a, str(b))
        if date:
            yield date, None, match.end() - match.start()


def _day(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


@cache
def _patterns(language: str | None) -> Spellings:
    """The written-out shapes ("1. November 2023", "November 1, 2023", "2023. november 1.") for the
    page's language and English, and the month number of each name."""
    months = _month_names("en")
    if language:
        months = {**months, **_month_names(language)}
    names = "|".join(sorted((re.escape(name) for name in months), key=len, reverse=True))
    month = rf"(?P<mon>{names})\.?"
    day_month = re.compile(
        rf"(?<!\w){DAY}(?:\.|º|°|er|st|nd|rd|th)?\s*(?:de\s+|of\s+)?{month},?\s+(?:de\s+|del\s+)?{YEAR}(?!\d)",
        re.IGNORECASE,
    )
    month_day = re.compile(rf"(?<!\w){month}\s+{DAY}(?:st|nd|rd|th)?,?\s+{YEAR}(?!\d)", re.IGNORECASE)
    # Year first, as Hungarian, Lithuanian and Latvian write it ("2023. november 1.", "2023 m.
    # lapkričio 1 d.", "2023. gada 1. novembris"): no order of day and month to learn from.
    year_month_day = re.compile(rf"(?<!\d){YEAR}\.?\s+(?:\w{{1,4}}\.\s+)?{month}\s+{DAY}(?!\d)", re.IGNORECASE)
    year_day_month = re.compile(rf"(?<!\d){YEAR}\.?\s+\w{{1,4}}\s+{DAY}\.\s+{month}(?!\w)", re.IGNORECASE)
    named = ((day_month, True), (month_day, False), (year_month_day, None), (year_day_month, None))
    return named, months


def _month_names(language: str) -> dict[str, int]:
    """Month names and abbreviations of a language, case-folded, from CLDR; {} if CLDR lacks it."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        try:
            locale = Locale.parse(language.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                # lower(), not casefold(): folding decomposes letters ("Μαΐου"), and the match would
                # no longer find its name.
                key = name.lower().rstrip(".")
                if len(key) >= 3 and not key.isdigit():
                    names.setdefault(key, number)
    return names
