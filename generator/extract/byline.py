"""Bylines: `By: Cheryl Pellerin`, `By Jane Roe and John Doe`, `By Sen. Jon Kyl`, `By Jim Garamone, DoD News`."""

from __future__ import annotations

import re

from generator.words import BYLINE, words_for

BYLINE_RE = re.compile(r"^\s*(?:By|BY|by)(?::\s*|\s+)(?P<names>\S.{0,200}?)\s*$")
# Split authors at "and", "&" and semicolons; commas are decided per part (name or title?).
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|&|\band\b)\s*", re.IGNORECASE)
# Honorifics dropped from names: op-eds are signed "By Sen. Larry Craig", military "By Army Col. …".
HONORIFICS_RE = re.compile(
    r"^(?:(?:U\.S\.|US|United States|State|Sen|Senator|Rep|Congressman|Congresswoman|Representative|"
    r"Gov|Governor|Dr|Mr|Mrs|Ms|Secretary|Sec|Hon|Col|Gen|Lt|Maj|Capt|"
    r"Sgt|Adm|Army|Navy|Air Force|Marine Corps|Cmdr|Amb|Ambassador|The Honorable|Judge|Mayor|Prof)\.?\s+)+",
    re.IGNORECASE,
)
# A comma segment with any of these words is a job title or an organisation, not another person.
TITLE_WORDS = words_for(BYLINE)
NAME_RE = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|der|del|la|le|bin|al-\w+)){0,4}$")


def parse_byline(line: str) -> tuple[str, ...] | None:
    """Author names of a byline line, honorifics and job titles removed; None when not a byline."""
    match = BYLINE_RE.match(line)
    if not match:
        return None
    names = match.group("names").strip()
    last = names.split()[-1] if names.split() else ""
    # A sentence-final full stop goes; the one of "Jr." or an initial ("Jon Q.") stays.
    if names.endswith(".") and last.rstrip(".").lower() not in NAME_SUFFIXES and len(last) > 2:
        names = names[:-1]
    authors: list[str] = []
    for part in AUTHOR_SPLIT_RE.split(names):
        segments = [s.strip() for s in part.split(",") if s.strip()]
        for index, segment in enumerate(segments):
            name = HONORIFICS_RE.sub("", segment).strip()
            if index > 0 and not _looks_like_person(name):
                break  # "Jim Garamone, DoD News, Defense Media Activity": the rest is his title
            if _looks_like_person(name):
                authors.append(_normalise_case(name))
    if not authors:
        return None
    return tuple(dict.fromkeys(authors))


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})


def _normalise_case(name: str) -> str:
    """'CHERYL PELLERIN' → 'Cheryl Pellerin', so one author has one spelling (and one page)."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return name
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in name.split())


def _looks_like_person(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if any(w.lower().strip(".,") in TITLE_WORDS for w in words):
        return False
    return bool(NAME_RE.match(text)) and len(words) >= 2
