"""Names in a paragraph, each with the title written before it and the office or title after it.

A name is capitalised words ("Daniel K. Akaka", "Lorena Molina-Irizarry", "Thomas L. Kirsch II").
Its title is the run of words before it back to the punctuation, verb or conjunction that opens
it, and must hold a word of the closed list `generator.words.TITLES` ("Combined Joint Task Force
Operation Inherent Resolve spokesman Army Col. Ryan Dillon"): an organisation or a place before a
name is no title. After a name, an office written without a comma ("John Gore of the Civil Rights
Division") or a title between commas ("Anna Mara Faras, HUDs Assistant Secretary for Fair Housing,
said") completes the role, as tests/fixtures/people/RULES.md §4 writes it. Who of them is quoted
is `generator.extract.people`'s question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from generator.words import AUTHOR, HONORIFICS, SENDER, TITLES, words_for


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A word of a name: a capital, then letters, inner capitals ("McQuade", "DeWine"), an apostrophe or
# hyphen before a capital ("O'Rourke", "Molina-Irizarry"); or an initial ("L."). Accents count
# ("Peña"). As in enrich/offices.py, which reads officeholders' names the same way.
_UPPER = "A-ZÀ-ÖØ-Þ"
NAME_WORD_RE = re.compile(
    rf"(?:[{_UPPER}](?:[^\W\d_]|['’](?=[{_UPPER}])|-(?=[{_UPPER}]))*[a-zà-ÿ](?:[^\W\d_])*|[{_UPPER}]\.)"
)
SUFFIXES = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii", "iv"})
PARTICLES = frozenset({"van", "von", "de", "del", "der", "di", "da", "du", "la", "le"})
# Capitalised words that open a sentence rather than a title or a name ("Today Sen. X", "On Monday").
STARTERS = _words(
    "a an the this that these those today yesterday tonight on in at of for from to with by and or but as"
    " when while after before also however last next monday tuesday wednesday thursday friday saturday sunday"
    " january february march april may june july august september october november december"
)
# Capitalised words that are never part of a person's name: starters, the words of organisations and
# documents ("Statement From Sen. Norm Coleman On The Fourth Of July", "Minot Air Force Base said"),
# and the words that open a title ("Acting Assistant Attorney General John Gore").
NOT_NAMES = STARTERS | _words(
    " house senate congress court committee subcommittee division district office department departments"
    " bureau agency administration service services investigation institute commission board council center"
    " centre labs laboratory program section unit force base act report foundation university"
    " corporation authority association group team staff states united america american federal national"
    " government county city state republican democrat democratic democrats republicans white god"
    " statement statements letter release press news"
    " acting former interim principal associate executive under special senior junior vice lieutenant"
    " designate elect chief deputy assistant"
    " security justice rights affairs defense defence homeland enforcement intelligence operations policy"
    " decision courts"
    # Words that end company names ("Contoso Energy said today").
    " energy power health systems solutions technologies technology partners bank airlines airways motors foods"
    " water capital holdings industries international global networks pharmaceuticals insurance electric"
    " utilities port airport railways transit"
) | {word for word in words_for(SENDER) | words_for(AUTHOR) if " " not in word}
MAX_NAME_WORDS = 4
MAX_TITLE_WORDS = 16
# Lower-case words that join the words of one title ("Special Agent in Charge", "Assistant Attorney
# General for the Civil Rights Division"); any other lower-case word ends it.
TITLE_JOINERS = frozenset({"in", "of", "for", "the", "on", "to"})
# A capitalised word after these names a place or an office, not a person ("of the Civil Rights Division").
AFTER_JOINER = frozenset({"of", "for", "in", "the", "on", "at"})
LOWER_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})
PLURALS = {"sens.": "Sen.", "senators": "Senator", "reps.": "Rep.", "representatives": "Representative",
           "members": "Member", "attorneys": "Attorney"}
# More people under one attribution: `Snowe and Collins`, `Sens. A and B, Rep. C and Gov. D`.
JOINT_RE = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+)")
# Party and state tags after a name: "(D-WA)", "(both D-Calif.)", ", I-Vt.,".
TAG_RE = re.compile(r",?\s*\((?:both\s+)?[A-Z]{1,3}\s*[-–]\s*[^()]{1,30}\)|\s*,\s*(?:R|D|I)-[A-Z][\w.]*(?=,)")
# An office written after a name without a comma: "John Gore of the Civil Rights Division",
# "Tracey Montano of the Internal Revenue Service-Criminal Investigation (IRS-CI) in Nashville".
_OFFICE_WORD = r"(?:(?:[A-Z]\.)+|[A-Z][\w'’&/-]*|\([A-Z][\w-]*\))"
QUALIFIER_RE = re.compile(
    rf"\s+(?:of|for|in|at)\s+(?:the\s+)?{_OFFICE_WORD}(?:\s+(?:(?:of|for|and|the|in|on|at)\s+)*{_OFFICE_WORD})*"
)
OFFICE_WORDS = _words(
    "division district office department departments bureau agency administration service"
    " investigation institute commission committee board council court center labs laboratory program"
    " section unit foundation university authority field"
)
ACRONYM_RE = re.compile(r"\b[A-Z]{2,}\b")
# A word between spaces; a full stop before a capitalised word ends one ("said U.S. Attorney
# Rivera.To the contrary": the space went missing), an abbreviation's ("U.S.") does not.
TOKEN_RE = re.compile(r"(?:[^\s.]|\.(?![A-Z][a-z]))+\.?")
ROLE_STOP_RE = re.compile(
    r"[,;]|(?:(?<=[a-z0-9)])|(?<=[A-Z]{2}))\.(?=\s|$)|\s(?:said|says|stated|added|told|explained|noted|who|which|and\s+the)\b"
)
ROLE_WORD_RE = re.compile(r"\b(?:head|member|director|ceo|fellow|chair\w*|president)\b", re.IGNORECASE)



@dataclass(frozen=True)
class Mention:
    """A name in one paragraph: `start` is where its title begins, `at`…`end` the name (end past
    a party tag), `title` the title before it as written (None: none)."""

    paragraph: int
    start: int
    at: int
    end: int
    name: str
    title: str | None
    plural: bool = False

    @cached_property
    def full(self) -> bool:
        """Whether the mention gives a first name too ("Van Hollen" does not)."""
        words = self.name.split()
        return len(words) >= 2 and words[0].casefold() not in PARTICLES


class Token(NamedTuple):
    """A word of a paragraph and where it stands (a tuple: a paragraph makes hundreds)."""

    text: str
    start: int
    end: int



def _tokens(text: str) -> list[Token]:
    return [Token(m.group(0), *m.span()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=65536)
def _core(word: str) -> str:
    """A token without the punctuation around it ('(Sen.' → 'Sen.', 'Snowe,' → 'Snowe')."""
    return word.strip("(\"“”‘'’").rstrip(",;:)\"”’'").removesuffix("'s").removesuffix("’s")


@lru_cache(maxsize=65536)
def _ends(word: str) -> bool:
    """Whether a token ends a run of name and title words: a comma, colon, bracket or quotation
    mark after it, a possessive, or a full stop that ends a sentence rather than an abbreviation."""
    if word[-1] in ",;:)\"”’'" or word.endswith(("'s", "’s")):
        return True
    core = _core(word)
    return core.endswith(".") and not _is_abbreviation(core)


@lru_cache(maxsize=65536)
def _is_abbreviation(core: str) -> bool:
    return core.casefold() in TITLES or core.casefold() in SUFFIXES or bool(re.fullmatch(r"(?:[A-Z]\.)+", core))


@lru_cache(maxsize=65536)
def _is_name_word(core: str) -> bool:
    word = core.removesuffix(".") if not re.fullmatch(r"[A-Z]\.", core) else core
    return (bool(NAME_WORD_RE.fullmatch(word)) and word.casefold() not in NOT_NAMES
            and core.casefold() not in TITLES)


@lru_cache(maxsize=65536)
def _is_title_word(core: str) -> bool:
    return core.casefold() in TITLES or core.casefold() in LOWER_TITLES


# The word tests below are pure functions of one token; a release repeats its words, and an
# archive its names and titles, so each is cached.


def find_mentions(text: str, paragraph: int) -> list[Mention]:
    """Every name in `text`, with the title before it, in order."""
    tokens = _tokens(text)
    found: list[Mention] = []
    index = floor = 0
    while index < len(tokens):
        token = tokens[index]
        if not _is_name_word(_core(token.text)) or token.text[0] in "(":
            index += 1
            continue
        last = _name_end(tokens, index)
        glued = index > 0 and not _ends(tokens[index - 1].text)
        before = _core(tokens[index - 1].text) if glued else ""
        if before in ("to", "of", "for") and last - index >= 2 and not token.text.endswith("."):
            # "Ambassador to Iraq Ryan Crocker", "Under Secretary of Commerce David Kappos".
            index += 1
            token = tokens[index]
        elif before in AFTER_JOINER:
            # "of the Civil Rights Division", "for Fair Housing": an office, not a person.
            index = last + 1
            continue
        if (last + 1 < len(tokens) and not _ends(tokens[last].text)
                and _is_title_word(_core(tokens[last + 1].text)) and _core(tokens[last + 1].text)[:1].isupper()):
            index = last + 1  # "Science Policy Fellow Talla Babou": words of a title, not a name
            continue
        words = [_core(t.text) for t in tokens[index : last + 1]]
        if words[-1].endswith(".") and words[-1].casefold() not in SUFFIXES and not re.fullmatch(r"[A-Z]\.", words[-1]):
            words[-1] = words[-1].removesuffix(".")
        title, start, plural = _title_before(tokens, index, floor)
        end = tokens[last].start + len(_core(tokens[last].text).lstrip("(\"“"))
        tag = TAG_RE.match(text, end)
        end = tag.end() if tag else end
        if title is None and found and found[-1].plural and JOINT_RE.fullmatch(text[found[-1].end : token.start]):
            # "Sens. Kent Conrad and Byron Dorgan": the plural title is each one's.
            title, plural = found[-1].title, True
        found.append(Mention(paragraph, start, token.start, end, " ".join(words), title, plural))
        index = last + 1
        # A title never runs back over a titled person ("Statement by Attorney General Jeff
        # Sessions on the Hawaii District Courts Decision").
        floor = index if title else floor
        # The office or the title after the name ("John Gore of the Civil Rights Division", "Logan
        # Gregory, Special Agent in Charge of the NOAA Office …") names no one else.
        after = max(qualifier(text, end)[1], appositive(text, end)[1])
        while index < len(tokens) and tokens[index].start < after:
            index += 1
    return found


def _name_end(tokens: list[Token], index: int) -> int:
    """The index of the last token of the name that starts at `index` (a suffix included)."""
    last = index
    while (last + 1 < len(tokens) and last - index + 1 < MAX_NAME_WORDS and not _ends(tokens[last].text)
           and tokens[last + 1].text[0] not in "(\"“"
           and (_is_name_word(_core(tokens[last + 1].text)) or _core(tokens[last + 1].text) in PARTICLES)):
        last += 1
    if (last + 1 < len(tokens) and _core(tokens[last + 1].text).casefold() in SUFFIXES
            and not _ends(tokens[last].text.rstrip(","))):
        last += 1
    return last


def _title_before(tokens: list[Token], index: int, floor: int) -> tuple[str | None, int, bool]:
    """The title written directly before the name at `tokens[index]`, from the punctuation, verb
    or conjunction before it: (the title, where it starts, whether it is plural). Honorifics and
    leading articles are not part of it."""
    start = index
    while start > floor and index - start < MAX_TITLE_WORDS and not _ends(tokens[start - 1].text):
        core = _core(tokens[start - 1].text)
        if core[:1].isupper() and core.casefold() in STARTERS:
            break  # "Statement From Sen. Norm Coleman", "Today Sen. Olympia J. Snowe"
        if tokens[start - 1].text[0] in "(\"“":
            if core and (core[0].isupper() or _is_title_word(core)):
                start -= 1
            break
        if not (core[:1].isupper() or core.casefold() in LOWER_TITLES or core in TITLE_JOINERS) or core == "and":
            break
        start -= 1
    words = [_core(t.text) for t in tokens[start:index]]
    while words and (words[0] in TITLE_JOINERS or words[0].casefold() in STARTERS):
        words.pop(0)
        start += 1
    at = tokens[start].start if start < index else tokens[index].start
    while words and words[-1].casefold() in HONORIFICS:
        words.pop()
    if not any(_is_title_word(w) and w.casefold() not in HONORIFICS for w in words):
        return None, tokens[index].start, False
    plural = words[-1].casefold() in PLURALS
    if plural:
        words[-1] = PLURALS[words[-1].casefold()]
    return " ".join(words), at, plural


def qualifier(text: str, end: int) -> tuple[str, int]:
    """The office written after a name without a comma (" of the Civil Rights Division"), and
    where it ends; ("", end) when the words there name no office (" of Nevada", " at a press
    conference"). It ends before another person ("… Division and U.S. Attorney Thomas Kirsch")."""
    match = QUALIFIER_RE.match(text, end)
    if match is None:
        return "", end
    parts = re.split(r"(\s+and\s+)", match.group(0))
    phrase = parts[0]
    for joiner, part in zip(parts[1::2], parts[2::2], strict=True):
        if any(_is_title_word(word) for word in part.split()):
            break
        phrase += joiner + part
    words = {w.casefold().strip("().,") for w in phrase.split()}
    if words & OFFICE_WORDS or ACRONYM_RE.search(phrase):
        return " " + " ".join(phrase.split()), end + len(phrase)
    return "", end


def appositive(text: str, end: int) -> tuple[str | None, int]:
    """`Anna Faras, HUDs Assistant Secretary for Fair Housing, said` → the words between the
    commas when they are a title (not a place, an age, a clause or another person), and where
    they end; (None, end) when not."""
    if not text.startswith(",", end):
        return None, end
    rest = text[end + 1 :]
    stop = ROLE_STOP_RE.search(rest)
    written = rest[: stop.start()] if stop else rest
    phrase = re.sub(r"^(?:a|an|the)\s+", "", " ".join(written.split()))
    words = [w.strip("().") for w in phrase.split()]
    if not words or len(words) > 25:
        return None, end
    if any(_is_title_word(w) and _is_name_word(n) for w, n in zip(words, words[1:], strict=False)):
        return None, end  # "Byron Dorgan, Rep. Earl Pomeroy and …": the next person
    if any(_is_title_word(w) for w in words) or ROLE_WORD_RE.search(phrase):
        return phrase, end + 1 + len(written)
    return None, end


