"""The head of a plain-text release: release labels, headline, dateline, date line, byline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.extract.byline import parse_byline
from generator.extract.dateline import Dateline, parse_dateline
from generator.extract.dates import DATE_LINE_RE, DATE_SHAPED, DATE_SHAPED_LINE_RE, is_date_shaped, parse_date
from generator.extract.footer import CONTACT_DETAIL_RE, CONTACT_RE
from generator.extract.units import Unit
from generator.model import Found

# Labels newsrooms put above a release; never a headline.
LABEL_RE = re.compile(
    r"^(?:for immediate release|immediate release|for release|embargoed\b.*|news release|press release|"
    r"media advisory|news advisory|advisory|statement|news|press statement|for planning purposes only)"
    r"[\s:.!-]*(?:\S.{0,60})?$",
    re.IGNORECASE,
)
# Senate offices' web pages put the release label and its date on the headline's line, far to the
# right: "Senator Carper Visits Clayton … August 30th     For Immediate Release: August 29, 2006".
RELEASE_DATE_AFTER_HEADLINE_RE = re.compile(
    rf"\s+(?:for immediate release|for release|released)\s*:?\s*(?P<date>{DATE_SHAPED})\s*$", re.IGNORECASE
)
HEADER_UNITS = 8
HEADLINE_MAX_CHARS = 250
HEADLINE_MAX_WORDS = 40
# A headline is "in capitals" when more than this share of its letters are capitals (then a closing
# period does not make it a sentence); `in_capitals` asks for every letter.
ALL_CAPS_SHARE = 0.8


@dataclass
class Header:
    """What the head of the release said, and the units that remain as body."""

    title: Found[str] | None = None
    date: Found[dt.date] | None = None
    place: Found[str] | None = None
    outlet: Found[str] | None = None
    author: Found[tuple[str, ...]] | None = None
    body: list[Unit] = field(default_factory=list)
    bad_date: Found[str] | None = None
    """A dateline's or date line's date as written, when it names no calendar day."""


def parse_header(units: list[Unit]) -> Header:
    """Walk the first units until the first body paragraph, collecting the header fields.

    A headline is read (and kept out of the body) even when front matter overrides the title:
    the override wins in the merge, and the dateline and byline under the headline are still read.
    """
    header = Header()
    index = 0
    while index < len(units) and index < HEADER_UNITS:
        unit = units[index]
        text = unit.text
        if LABEL_RE.match(text) and len(text) < 80:
            index += 1
            continue
        if _is_contact(text):
            index += 1
            while index < len(units) and CONTACT_DETAIL_RE.search(units[index].text) and len(units[index].text) < 120:
                index += 1
            continue
        date_line = DATE_LINE_RE.match(text) or DATE_SHAPED_LINE_RE.match(text)
        if date_line and is_date_shaped(date_line.group("date")):
            _take_date_line(header, date_line.group("date"), unit.line)
            index += 1
            continue
        authors = parse_byline(text)
        if authors and header.author is None:
            header.author = Found(authors, unit.line, "byline")
            index += 1
            continue
        dateline = parse_dateline(text) if header.place is None else None
        if dateline:
            take_dateline(header, dateline, unit.line)
            if dateline.rest:
                header.body = [Unit(text=dateline.rest, line=unit.line), *units[index + 1 :]]
                return header
            index += 1
            continue
        # The release label and its date run into the headline's line: a date line, never title.
        release_date = RELEASE_DATE_AFTER_HEADLINE_RE.search(text)
        if release_date and (release_date.start() == 0 or not is_date_shaped(release_date.group("date"))):
            release_date = None
        headline = text[: release_date.start()] if release_date else text
        if (
            header.title is None
            and header.place is None
            and header.author is None
            and index + 1 < len(units)
            and is_headline(headline)
        ):
            header.title = Found(headline, unit.line, "headline")
            if release_date:
                _take_date_line(header, release_date.group("date"), unit.line)
            index += 1
            continue
        break
    header.body = units[index:]
    return header


def _take_date_line(header: Header, written: str, line: int) -> None:
    parsed = parse_date(written)
    if parsed and header.date is None:
        header.date = Found(parsed, line, "date line")
    elif parsed is None and header.bad_date is None:
        header.bad_date = Found(written.strip(), line, "date line")


def take_dateline(header: Header, dateline: Dateline, line: int | None) -> None:
    """Put a dateline's place, outlet and date (or its unreadable date) into the header."""
    header.place = Found(dateline.place, line, "dateline")
    if dateline.outlet:
        header.outlet = Found(dateline.outlet, line, "dateline")
    if dateline.date and header.date is None:
        header.date = Found(dateline.date, line, "dateline")
    if dateline.unread_date and header.bad_date is None:
        header.bad_date = Found(dateline.unread_date, line, "dateline")


def _is_contact(text: str) -> bool:
    return bool(CONTACT_RE.match(text)) and len(text) < 160


def is_headline(text: str) -> bool:
    """A headline: short, no sentence-final period (all-caps headlines may have one), not a quote."""
    words = text.split()
    if not words or len(text) > HEADLINE_MAX_CHARS or len(words) > HEADLINE_MAX_WORDS:
        return False
    if text[0] in "“\"'‘(" or not (text[0].isupper() or text[0].isdigit()):
        return False
    letters = [c for c in text if c.isalpha()]
    all_caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > ALL_CAPS_SHARE
    if all_caps:
        return True
    return not text.endswith((".", ",", ";", ":")) or text.endswith(("Inc.", "Co.", "Corp.", "U.S."))


def in_capitals(text: str) -> bool:
    """Whether a headline or place is written in capitals throughout ("SEN. JOHNSON CO-SPONSORS BILL",
    "SPRINGFIELD"): every cased letter a capital, and a word of two letters or more. "FBI Warns
    Public" is not: a text partly in capitals was cased by its writer and is left as written."""
    return text == text.upper() and text != text.lower() and any(sum(c.isalpha() for c in w) > 1 for w in text.split())
