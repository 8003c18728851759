"""Datelines: `Washington, DC–(ENEWSPF)–June 29, 2017`, `WASHINGTON (AP) —`, `ARLINGTON, Va. - Jan. 5, 2018 -`.

A dateline is the place (in capitals, or a city with its state), then optionally the outlet in
parentheses and the date, each joined by a dash; the story's first sentence may follow on the same
line. Hand-written: no library parses datelines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.extract.dates import DATE, DATE_SHAPED, is_date_shaped, parse_date
from generator.extract.sentences import ACRONYMS

# A dash joining dateline parts: en/em dash with or without spaces, a spaced hyphen, or "--".
SEP = r"(?:\s*[–—]+\s*|\s+-{1,2}\s+|-{1,2}|\s*:\s+)"
# After the last part a bare hyphen is not enough ("SEN. JOHNSON CO-SPONSORS" is a headline).
END = r"(?:\s*[–—]+\s*|\s+-{1,2}\s+|--(?=\S)|\s*:\s+|\s*$)"
_WORD = r"[A-Z][A-Za-z.'’]*(?:-[A-Za-z]+)*"
# "Washington", "WASHINGTON", "St. Louis", "New York" — one to four capitalised words ...
CITY = rf"{_WORD}(?:\s{_WORD}){{0,3}}"
# ... then optionally the state or country: ", DC", ", D.C.", ", Va.", ", New Mexico".
STATE = rf",\s*{_WORD}(?:\s{_WORD})?"


def _dateline_re(date: str) -> re.Pattern[str]:
    """The dateline pattern with `date` in the date slots."""
    return re.compile(
        rf"^\s*(?P<place>{CITY}(?:{STATE})?)"
        rf"(?:,?\s*(?P<date0>{date}))?"
        # The outlet in parentheses, or between slashes as wire services write it: "/PRNewswire/".
        rf"(?:\s*(?:{SEP})?\s*(?:\((?P<outlet>[^()\n]{{2,40}})\)|/(?P<wire>[A-Za-z][\w .-]{{1,38}})/))?"
        rf"(?:{SEP}(?P<date>{date}))?"
        rf"(?P<end>{END})",
    )


DATELINE_RE = _dateline_re(DATE)
# The same with a date slot that also takes a date written wrong ("Smarch 45, 2017", "February 30,
# 2017"): tried first, so that a dateline whose date cannot be read is reported, not passed over.
DATE_SHAPED_DATELINE_RE = _dateline_re(DATE_SHAPED)
_STATE_RE = re.compile(STATE)
_DATE_SHAPED_RE = re.compile(DATE_SHAPED)
# Words that start sentences but are never places ("The", "This"): a dateline's place has no verb.
NOT_PLACES = frozenset({"The", "This", "That", "These", "Those", "It", "In", "On", "At", "For", "Today", "A", "An"})


# justice.gov pages saved without their non-ASCII characters lost the dash of "WASHINGTON – The
# Department …", and with it the only mark between place and sentence once whitespace is collapsed:
# "WASHINGTON The Department …", "SPOKANE, Wash. The …". At the head of a page's first paragraph, a
# place in capitals (at least RUN_IN_MIN_LETTERS letters, no acronym of ACRONYMS, not written again
# in the paragraph as an acronym would be: "LATAM Airlines Group S.A. (LATAM), …") followed by a
# capitalised word and a sentence of at least RUN_IN_MIN_WORDS words is read as such a dateline.
RUN_IN_DATELINE_RE = re.compile(
    r"^\s*(?P<place>(?:(?:ST|FT|MT)\.\s)?(?P<city>[A-Z]{2,}(?:[ -][A-Z]{2,}){0,2})"
    # The state as AP style abbreviates it: "Wash.", "Va.", "Calif.", "N.Y.".
    r"(?:,\s(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.))?)"
    r"\s(?P<rest>(?:[A-Z](?:[a-z][\w’'-]*)?|(?:[A-Z]\.){2,}),?\s.*)$",
    re.DOTALL,
)
RUN_IN_MIN_LETTERS = 4
RUN_IN_MIN_WORDS = 8


@dataclass(frozen=True)
class Dateline:
    """A dateline's parts; `unread_date` is its date as written when that is no calendar date."""

    place: str
    outlet: str | None
    date: dt.date | None
    rest: str
    unread_date: str | None = None


def parse_dateline(line: str) -> Dateline | None:
    """Parse a dateline at the start of `line`; `rest` is the text after it (may be empty).

    A dateline whose date slot holds a date written wrong (see `is_date_shaped`) is returned with
    `date` None and the text in `unread_date`: the caller reports it rather than guess the date.
    """
    match = DATE_SHAPED_DATELINE_RE.match(line)
    written = match and (match.group("date") or match.group("date0"))
    if written and parse_date(written) is None and not is_date_shaped(written):
        match = None  # "Class 12, 2017": not a date at all, so read the line without it
    return _dateline(line, match or DATELINE_RE.match(line))


def _dateline(line: str, match: re.Match[str] | None) -> Dateline | None:
    if not match:
        return None
    place = match.group("place").strip().rstrip(",")
    outlet = match.group("outlet") or match.group("wire")
    date_text = match.group("date") or match.group("date0")
    if outlet and not date_text and _DATE_SHAPED_RE.fullmatch(outlet.strip()) and is_date_shaped(outlet):
        # "WASHINGTON, D.C. (June 29, 2017) –": a date in parentheses, as Senate offices write it.
        date_text, outlet = outlet.strip(), None
    date = parse_date(date_text) if date_text else None
    rest = line[match.end() :].strip()
    first_word = place.split()[0].rstrip(",")
    if first_word.capitalize() in NOT_PLACES and not outlet:
        return None
    if match.group("end").strip() == ":" and not (outlet or date_text):
        return None  # "Contact: …", "Note: …" are labels, not datelines
    # Without an outlet or a date, only a capitalised place or "City, State" followed by text
    # reads as a dateline ("WASHINGTON - The Senate …", "Wilmington, DE – Senator …").
    if not outlet and not date_text:
        city_upper = first_word.isupper() and len(first_word) > 1
        if not (rest and (city_upper or _STATE_RE.search(place))):
            return None
    letters = [c for c in rest[:80] if c.isalpha()]
    if len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return None  # "GENETIC NON-DISCRIMINATION - TIME TO ACT": an all-caps headline, not a dateline
    unread = date_text.strip() if date_text and date is None else None
    return Dateline(place=place, outlet=outlet.strip() if outlet else None, date=date, rest=rest, unread_date=unread)


def parse_run_in_dateline(paragraph: str) -> Dateline | None:
    """A dateline whose dash was lost ("WASHINGTON The Department …"; see `RUN_IN_DATELINE_RE`), at
    the head of a page's first paragraph; never tried on plain-text lines, where "NASA Announces …"
    is a headline."""
    match = RUN_IN_DATELINE_RE.match(paragraph)
    if not match:
        return None
    city = match.group("city")
    words = re.split(r"[ -]", city)
    rest = match.group("rest").strip()
    if sum(len(w) for w in words) < RUN_IN_MIN_LETTERS or any(w in ACRONYMS for w in words):
        return None
    if len(rest.split()) < RUN_IN_MIN_WORDS or re.search(rf"(?<![\w-]){re.escape(city)}(?![\w-])", rest):
        return None
    return Dateline(place=match.group("place"), outlet=None, date=None, rest=rest)
