"""The head of a plain-text release: release labels, headline, dateline, date line, byline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.extract.byline import parse_byline
from generator.extract.dateline import Dateline, parse_dateline
from generator.extract.dates import DATE_LINE_RE, parse_date
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
HEADER_UNITS = 8
HEADLINE_MAX_CHARS = 250
HEADLINE_MAX_WORDS = 40


@dataclass
class Header:
    """What the head of the release said, and the units that remain as body."""

    title: Found[str] | None = None
    date: Found[dt.date] | None = None
    place: Found[str] | None = None
    outlet: Found[str] | None = None
    author: Found[tuple[str, ...]] | None = None
    body: list[Unit] = field(default_factory=list)


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
        date_line = DATE_LINE_RE.match(text)
        if date_line:
            parsed = parse_date(date_line.group("date"))
            if parsed and header.date is None:
                header.date = Found(parsed, unit.line, "date line")
            index += 1
            continue
        authors = parse_byline(text)
        if authors and header.author is None:
            header.author = Found(authors, unit.line, "byline")
            index += 1
            continue
        dateline = parse_dateline(text) if header.place is None else None
        if dateline:
            _take_dateline(header, dateline, unit)
            if dateline.rest:
                header.body = [Unit(text=dateline.rest, line=unit.line), *units[index + 1 :]]
                return header
            index += 1
            continue
        if (
            header.title is None
            and header.place is None
            and header.author is None
            and index + 1 < len(units)
            and is_headline(text)
        ):
            header.title = Found(text, unit.line, "headline")
            index += 1
            continue
        break
    header.body = units[index:]
    return header


def _take_dateline(header: Header, dateline: Dateline, unit: Unit) -> None:
    header.place = Found(dateline.place, unit.line, "dateline")
    if dateline.outlet:
        header.outlet = Found(dateline.outlet, unit.line, "dateline")
    if dateline.date and header.date is None:
        header.date = Found(dateline.date, unit.line, "dateline")


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
    all_caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    if all_caps:
        return True
    return not text.endswith((".", ",", ";", ":")) or text.endswith(("Inc.", "Co.", "Corp.", "U.S."))
