"""Datelines: `Washington, DC–(ENEWSPF)–June 29, 2017`, `WASHINGTON (AP) —`, `ARLINGTON, Va. - Jan. 5, 2018 -`.

A dateline is the place (in capitals, or a city with its state), then optionally the outlet in
parentheses and the date, each joined by a dash; the story's first sentence may follow on the same
line. Hand-written: no library parses datelines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.extract.dates import DATE, DATE_RE, parse_date

# A dash joining dateline parts: en/em dash with or without spaces, a spaced hyphen, or "--".
SEP = r"(?:\s*[–—]+\s*|\s+-{1,2}\s+|-{1,2}|\s*:\s+)"
# After the last part a bare hyphen is not enough ("SEN. JOHNSON CO-SPONSORS" is a headline).
END = r"(?:\s*[–—]+\s*|\s+-{1,2}\s+|--(?=\S)|\s*:\s+|\s*$)"
_WORD = r"[A-Z][A-Za-z.'’]*(?:-[A-Za-z]+)*"
# "Washington", "WASHINGTON", "St. Louis", "New York" — one to four capitalised words ...
CITY = rf"{_WORD}(?:\s{_WORD}){{0,3}}"
# ... then optionally the state or country: ", DC", ", D.C.", ", Va.", ", New Mexico".
STATE = rf",\s*{_WORD}(?:\s{_WORD})?"
DATELINE_RE = re.compile(
    rf"^\s*(?P<place>{CITY}(?:{STATE})?)"
    rf"(?:,?\s*(?P<date0>{DATE}))?"
    # The outlet in parentheses, or between slashes as wire services write it: "/PRNewswire/".
    rf"(?:\s*(?:{SEP})?\s*(?:\((?P<outlet>[^()\n]{{2,40}})\)|/(?P<wire>[A-Za-z][\w .-]{{1,38}})/))?"
    rf"(?:{SEP}(?P<date>{DATE}))?"
    rf"(?P<end>{END})",
)
_STATE_RE = re.compile(STATE)
# Words that start sentences but are never places ("The", "This"): a dateline's place has no verb.
NOT_PLACES = frozenset({"The", "This", "That", "These", "Those", "It", "In", "On", "At", "For", "Today", "A", "An"})


@dataclass(frozen=True)
class Dateline:
    place: str
    outlet: str | None
    date: dt.date | None
    rest: str


def parse_dateline(line: str) -> Dateline | None:
    """Parse a dateline at the start of `line`; `rest` is the text after it (may be empty)."""
    match = DATELINE_RE.match(line)
    if not match:
        return None
    place = match.group("place").strip().rstrip(",")
    outlet = match.group("outlet") or match.group("wire")
    date_text = match.group("date") or match.group("date0")
    if outlet and not date_text and DATE_RE.fullmatch(outlet.strip()):
        # "WASHINGTON, D.C. (June 29, 2017) –": a date in parentheses, as Senate offices write it.
        date_text, outlet = outlet.strip(), None
    date = parse_date(date_text) if date_text else None
    rest = line[match.end() :].strip()
    first_word = place.split()[0].rstrip(",")
    if first_word.capitalize() in NOT_PLACES and not outlet:
        return None
    if match.group("end").strip() == ":" and not (outlet or date):
        return None  # "Contact: …", "Note: …" are labels, not datelines
    # Without an outlet or a date, only a capitalised place or "City, State" followed by text
    # reads as a dateline ("WASHINGTON - The Senate …", "Wilmington, DE – Senator …").
    if not outlet and not date:
        city_upper = first_word.isupper() and len(first_word) > 1
        if not (rest and (city_upper or _STATE_RE.search(place))):
            return None
    if date_text and date is None:
        return None
    letters = [c for c in rest[:80] if c.isalpha()]
    if len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return None  # "GENETIC NON-DISCRIMINATION - TIME TO ACT": an all-caps headline, not a dateline
    return Dateline(place=place, outlet=outlet.strip() if outlet else None, date=date, rest=rest)
