"""Headline case for headlines and places written in capitals ("SEN. JOHNSON CO-SPONSORS BILL").

Extraction marks a title or place found in capitals (`extracted: {title: capitals}`); the case is
changed here because only enrichment knows the vocabularies, whose names keep their registered
spelling ("DeWine", "FedRAMP", "USA.gov"). The rules of headline case (small words, "McCAIN",
"O'NEILL", hyphenated words) are John Gruber's, as the `titlecase` package implements them; the
callback keeps acronyms in capitals. Only the case of letters ever changes: a result with any
other difference is discarded, and the text stays as found. The raw file is never touched; the
change is recorded as `extracted: {title: case}` (or `place`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from titlecase import titlecase

from generator.enrich.vocabulary import Vocabulary
from generator.extract import CAPITALS
from generator.extract.sentences import ABBREVIATIONS, ACRONYMS
from generator.model import Release

# `extracted:` of a title or place whose case was changed.
CASED = "case"
# A word's punctuation around its letters: quotes, brackets, a closing comma or colon.
_WRAPPED_RE = re.compile(r"^(?P<lead>\W*)(?P<core>.*?)(?P<trail>\W*)$")
# The possessive of an acronym: "DOE'S WINTER FUEL PRICE FORECAST" → "DOE's".
_POSSESSIVE_RE = re.compile(r"^(?P<core>.+?)(?P<s>['’]S)$")
# Initials written with dots: "U.S.", "H.R.", "D.C.".
_INITIALS_RE = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]\.[A-Z]$")
# A word with digits is a number, a bill, a model or a code ("COVID-19", "F-35", "FY2018", "3221"),
# kept as written — except ordinals, whose suffix is lower case ("109TH" → "109th").
_ORDINAL_RE = re.compile(r"^(?P<n>\d+)(?P<suffix>ST|ND|RD|TH)$")
# Around a word of a vocabulary name: quotes, brackets, closing punctuation (not the dot of "U.S.").
_PUNCTUATION = "()[]{}\"'“”‘’,;:!?"
_INNER_CAPITAL_RE = re.compile(r"[a-z][A-Z]")
_INLINE_PERIOD_RE = re.compile(r"[A-Za-z]\.[a-z]")
# "v." and "vs." between the parties of a case, which titlecase would keep as an initial ("V.").
_VERSUS = frozenset({"V", "VS"})
# Names with an elided article: "O'NEILL" → "O'Neill", "D'AMATO" → "D'Amato" (titlecase keeps the
# capitals of such a word when a comma or colon follows it).
_ELIDED_RE = re.compile(r"^([DLO]['’])([A-Z])([A-Z]+)$")
# A place's state after the comma, kept when it is a postal code ("IL", "DC").
_POSTAL_CODE_RE = re.compile(r"^[A-Z]{2}$")


def case_capitals(release: Release, vocabulary: Vocabulary) -> Release:
    """The release with its title and place in headline case where extraction found them in capitals."""
    marked = [key for key in ("title", "place") if release.extracted.get(key) == CAPITALS]
    if not marked:
        return release
    extracted = dict(release.extracted)
    names = _names_of(vocabulary)
    title = headline_case(release.title, names) if "title" in marked else release.title
    place = place_case(release.place, names) if "place" in marked and release.place else release.place
    for key, before, after in (("title", release.title, title), ("place", release.place, place)):
        if key not in marked:
            continue
        if after != before:
            extracted[key] = CASED
        else:
            del extracted[key]  # nothing to change ("FBI" alone): the text is as found
    return dataclasses.replace(release, title=title, place=place, extracted=extracted)


def headline_case(text: str, names: Iterable[str] = ()) -> str:
    """A headline in capitals in headline case: acronyms (`ACRONYMS`, initials, words with digits)
    stay in capitals and `names` keep their spelling; the text is returned unchanged if the result
    would differ from it in anything but the case of letters."""
    cased = _spell_names(titlecase(text, callback=_keep_acronym), tuple(names))
    return cased if same_letters(text, cased) else text


def place_case(place: str, names: Iterable[str] = ()) -> str:
    """A place in capitals in headline case: "SPRINGFIELD, Ill." → "Springfield, Ill.", "SILVER SPRING,
    MD" → "Silver Spring, MD"; a state after the comma is kept when abbreviated ("Ill.", "D.C.", "IL")."""
    city, comma, state = place.partition(",")
    cased = headline_case(city, names)
    stripped = state.strip()
    if stripped and not ("." in stripped or _POSTAL_CODE_RE.match(stripped)) and stripped == stripped.upper():
        state = state.replace(stripped, headline_case(stripped, names))
    return f"{cased}{comma}{state}"


def same_letters(before: str, after: str) -> bool:
    """Whether `after` is `before` with only the case of some letters changed."""
    return len(before) == len(after) and all(
        a == b or a.lower() == b.lower() or a.upper() == b.upper() for a, b in zip(before, after, strict=True)
    )


def _keep_acronym(word: str, **_: object) -> str | None:
    """titlecase's callback: the word as it stays, or None to let titlecase case it."""
    match = _WRAPPED_RE.match(word)
    if match is None:  # pragma: no cover - the pattern matches every string
        return None
    lead, core, trail = match.group("lead", "core", "trail")
    if not core:
        return None
    possessive = _POSSESSIVE_RE.match(core)
    suffix = ""
    if possessive and (possessive.group("core") in ACRONYMS or _INITIALS_RE.match(possessive.group("core"))):
        core, suffix = possessive.group("core"), possessive.group("s").lower()
    if core in _VERSUS and trail.startswith("."):
        return f"{lead}{core.lower()}{trail}"  # "BROWN V. BOARD" → "Brown v. Board"
    elided = _ELIDED_RE.match(core)
    if elided:
        return f"{lead}{elided.group(1)}{elided.group(2)}{elided.group(3).lower()}{trail}"  # "O'Neill"
    ordinal = _ORDINAL_RE.match(core)
    if ordinal:
        return f"{lead}{ordinal.group('n')}{ordinal.group('suffix').lower()}{trail}"
    if core in ACRONYMS and not (trail.startswith(".") and core.lower() in ABBREVIATIONS):
        # "SEC." is the abbreviation of "Secretary", not the Securities and Exchange Commission.
        return f"{lead}{core}{suffix}{trail}"
    if _INITIALS_RE.match(core + trail[:1]) or _INITIALS_RE.match(core):
        return f"{lead}{core}{suffix}{trail}"
    if any(c.isdigit() for c in core) and any(c.isalpha() for c in core):
        return word
    return None


def _spell_names(text: str, names: tuple[str, ...]) -> str:
    """`text` with every whole-word mention of one of `names` (any case) spelled as the name is."""
    pattern = _names_pattern(names)
    if pattern is None:
        return text
    spelling = {name.casefold(): name for name in names}
    return pattern.sub(lambda m: spelling.get(m.group(0).casefold(), m.group(0)), text)


_PATTERNS: dict[tuple[str, ...], re.Pattern[str] | None] = {}
_NAMES: list[tuple[Vocabulary, tuple[str, ...]]] = []


def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of the names, longest first, between word guards (compiled once per list)."""
    if names not in _PATTERNS:
        ordered = sorted(set(names), key=lambda n: (-len(n), n))
        alternation = "|".join(re.escape(n) for n in ordered)
        _PATTERNS[names] = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE) if ordered else None
    return _PATTERNS[names]


def _names_of(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The spellings the vocabularies register: the words of topic, source and author names and aliases whose
    case headline case would not give ("DeWine" of "Senator DeWine", "FedRAMP", "USA.gov", "iPhone"),
    and names or aliases of one word in capitals ("CFPB", "LIBOR"). Phrases are not taken whole: an
    alias such as "Medicare fraud" is a way of matching, not a spelling of "MEDICARE FRAUD"."""
    for known, names in _NAMES:
        if known is vocabulary:
            return names
    spellings: dict[str, str] = {}
    for term in (*vocabulary.topics, *vocabulary.sources, *vocabulary.authors):
        for name in (term.name, *term.aliases):
            words = name.split()
            for word in words:
                core = word.strip(_PUNCTUATION)
                if _special_case(core) or (len(words) == 1 and len(core) > 1 and core.isupper()):
                    spellings.setdefault(core.casefold(), core)
    names = tuple(spellings.values())
    _NAMES[:] = [(vocabulary, names)]
    return names


def _special_case(word: str) -> bool:
    """A word whose case is its own: a capital after a small letter ("DeWine", "iPhone"), or a dot
    inside a word ("USA.gov")."""
    return bool(_INNER_CAPITAL_RE.search(word) or _INLINE_PERIOD_RE.search(word))
