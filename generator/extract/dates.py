"""Finding and parsing dates: those press releases print, those publishers put in their metadata
(HTML meta tags, front matter, e-mail headers), and those archivists put in file names.

`parse_date` is the one date parser of the generator; every reader and extractor calls it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from dateutil import parser as dateutil_parser

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
# The three shapes releases use: US "June 29, 2017" / "Jan. 5, 2018", international "29 June 2017",
# and ISO "2017-06-29". Two-digit years are never accepted: a century is never guessed.
DATE = (
    rf"(?:{WEEKDAY}?(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}})"
    r"|\d{4}-\d{2}-\d{2})"
)
DATE_RE = re.compile(DATE, re.IGNORECASE)
_DATE_LABEL = r"(?:Date:\s*|Released:\s*|Posted:\s*)?"
# A line that is nothing but a date (newsroom web pages print one above the text).
DATE_LINE_RE = re.compile(rf"^\s*{_DATE_LABEL}(?P<date>{DATE})\s*$", re.IGNORECASE)
# What stands where a date stands and is shaped like one, readable or not: a capitalised word, a day
# number and a four-digit year ("Smarch 45, 2017", "45 Smarch 2017"), or "2021-13-45". A typo or an
# impossible day in a dateline must be reported, not skipped over for a guess from the file name;
# `is_date_shaped` then asks that the word be a month name or close to one ("Class 12, 2017" is not).
DATE_SHAPED = (
    rf"(?:{DATE}|{WEEKDAY}?[A-Z][A-Za-z]{{2,9}}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][A-Za-z]{2,9}\.?,?\s+\d{4}|\d{4}-\d{1,2}-\d{1,2})"
)
DATE_SHAPED_LINE_RE = re.compile(rf"^\s*{_DATE_LABEL}(?P<date>{DATE_SHAPED})\s*$")
# How close a misspelt month must be to a month name ("Smarch", "Febuary", "Agust": 0.75 and more;
# "Class", "Chapter", "Section": less), by difflib's ratio.
MONTH_LIKENESS = 0.75
_MONTH_WORD_RE = re.compile(r"(?<![\w-])([A-Za-z]{3,10})\.?\s*(?=\d)|(?<=\d)\s+([A-Za-z]{3,10})\b")
_ISO_SHAPED_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")

# How a saved page's date was found, as `extracted: {date: …}` records it (generator/readers/html_dates.py).
PAGE_DATE_METHODS = JSON_LD, META, TIME, VISIBLE, HTMLDATE = ("json-ld", "meta", "time", "visible", "htmldate")

FOUR_DIGIT_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")
# An ISO date at the start of a metadata value, alone or before a time ("2018-04-13T00:00:00-04:00").
ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
# "01.11.2023": dots are the day-first notation wherever they are used.
DOTTED_DATE_RE = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{4}(?!\d)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Archive file names: 2017-06-29-slug, 20170629, 29jun2017 (the Senate collection's style).
FILENAME_DATE_RES = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    re.compile(
        r"(?<![\d])(?P<d>\d{1,2})(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?P<y>(?:19|20)\d{2})(?!\d)",
        re.IGNORECASE,
    ),
)


_ORDINAL_RE = re.compile(r"(\d)(st|nd|rd|th)\b", re.IGNORECASE)
_SEPT_RE = re.compile(r"\bSept\b", re.IGNORECASE)
# The plainest spellings ("June 29, 2017", "29 June 2017", "2017-06-29"), read without dateutil
# when they name a real day: what dateutil reads them as (tests/extract/test_dates.py compares).
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_FULL_MONTHS = tuple(name for name in _MONTH_NUMBERS if len(name) > 3 or name == "may")
_DAY = r"(?P<d>[1-9]|[12]\d|3[01])"
_YEAR = r"(?P<y>[1-9]\d{3})"
_PLAIN_DATE_RES = (
    re.compile(rf"(?P<mon>[A-Za-z]{{3,9}})\.? {_DAY},? {_YEAR}"),
    re.compile(rf"{_DAY} (?P<mon>[A-Za-z]{{3,9}})\.?,? {_YEAR}"),
    re.compile(rf"{_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
)


def parse_date(value: object, *, metadata: bool = False, day_first: bool | None = None) -> dt.date | None:
    """The calendar date a value names, or None; a string without a four-digit year is refused
    rather than given a guessed year or century ("June 29", "6/29/17").

    Dates and datetimes are taken as they are. A string is read as release text prints dates (the
    shapes of `DATE`), or with `metadata` as a publisher's metadata value: an ISO date or timestamp
    by its own date part (a time keeps its own offset's day), any other spelling by dateutil, and
    what dateutil cannot read (another language: "13 avril 2018") by dateparser. `day_first` is
    the order of day and month in numeric dates that the page's language implies (None: unknown,
    month first as dateutil reads them, except dotted dates, which are written day first).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not FOUR_DIGIT_YEAR_RE.search(value):
        return None
    return _metadata_date(value, day_first) if metadata else _text_date(value)


def _text_date(text: str) -> dt.date | None:
    """A date of the shapes in `DATE`; None when it is not a real calendar date."""
    cleaned = _ORDINAL_RE.sub(r"\1", text.strip())
    cleaned = _SEPT_RE.sub("Sep", cleaned)
    plain = _plain_date(cleaned)
    if plain is not None:
        return plain
    try:
        return dateutil_parser.parse(cleaned, fuzzy=False, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def _metadata_date(value: str, day_first: bool | None = None) -> dt.date | None:
    """A publisher's date: ISO first, then dateutil, then dateparser (other languages)."""
    iso = ISO_DATE_RE.match(value)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    dotted = day_first is None and bool(DOTTED_DATE_RE.match(value))
    try:
        return dateutil_parser.parse(value, dayfirst=bool(day_first) or dotted, default=dt.datetime(1, 1, 1)).date()
    except (ValueError, OverflowError):
        pass
    import dateparser  # slow to import; only needed for dates dateutil cannot read (other languages)

    settings: dict[str, object] = {"REQUIRE_PARTS": ["day", "month", "year"]}
    if day_first is not None:
        settings["DATE_ORDER"] = "DMY" if day_first else "MDY"
    parsed = dateparser.parse(value, settings=settings)
    return parsed.date() if parsed is not None else None


def _plain_date(text: str) -> dt.date | None:
    """The day a plain spelling names (see `_PLAIN_DATE_RES`), or None (then dateutil decides)."""
    for pattern in _PLAIN_DATE_RES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = _MONTH_NUMBERS.get(parts["mon"].lower()) if "mon" in parts else int(parts["m"])
        if month is None:
            return None
        try:
            return dt.date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:  # February 30: dateutil says what that is
            return None
    return None


def is_date_shaped(text: str) -> bool:
    """Whether `text` (a `DATE_SHAPED` match) reads as a date: ISO-shaped, or its word is a month name,
    a month's abbreviation or a misspelling close to one. Such a text that `parse_date` cannot read is
    a date written wrong, never something else."""
    if _ISO_SHAPED_RE.fullmatch(text.strip()):
        return True
    words = [w for pair in _MONTH_WORD_RE.findall(text) for w in pair if w]
    if not words:
        return False
    word = words[-1].lower()
    if word in _MONTH_NUMBERS or word == "sept":
        return True
    return bool(difflib.get_close_matches(word, _FULL_MONTHS, n=1, cutoff=MONTH_LIKENESS))


def date_from_filename(name: str) -> dt.date | None:
    """A date an archivist put in the file name, when there is exactly one reading of it."""
    for pattern in FILENAME_DATE_RES:
        match = pattern.search(name)
        if not match:
            continue
        parts = match.groupdict()
        month = _MONTHS.index(parts["mon"].lower()) + 1 if parts.get("mon") else int(parts["m"])
        try:
            return dt.date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            continue
    return None
