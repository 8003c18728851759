"""Who acts at the head of a release: the subject of its headline, of its lede, its byline.

The issuer of a release is the one acting in it, not everyone it names: "The Federal Open Market
Committee decided today…", "U.S. Sen. John Cornyn, R-Texas, today voted…", "SEN. ALLEN DELIVERS
AMERICAN ENERGY INDEPENDENCE INITIATIVE", "By Sen. Jon Kyl". The rules are deliberately narrow:

- the lede: in its first sentence, the first organisation (a `sources.yml` name or alias) or
  officeholder (`generator.enrich.offices`) standing where a subject stands — at the start, after
  "The", after an opening phrase ending in a comma ("After months of talks, Sen. X announced"),
  after "Today" — and followed by a verb (after its party tag, an appositive between commas, "today"
  or "at its meeting today"). Names after "by", "to", "with" … are objects, never subjects.
  Several joined by "and" or commas acting together are joint issuers.
- the headline: an officeholder at its start, not followed by "'s" or a hyphen ("SEN. FEINGOLD-BACKED
  BILL" is about a bill); a name in capitals is read by the name the body spells, or by an entry of
  `sources.yml`. An organisation at its start followed by a headline verb ("NASA Selects …"). A
  report, column or statement "BY SEN. X" at its end.
- the byline: one author who is an officeholder, or whom an entry lists by name.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from generator.enrich.offices import Officeholder, officeholders
from generator.enrich.vocabulary import Term, Vocabulary, _is_acronym
from generator.extract import lede_of
from generator.extract.sentences import sentences
from generator.kinds import term_slug
from generator.model import Release
from generator.whitespace import collapse

# Openings after which a subject starts without a comma: "Today Sen. Olympia J. Snowe met…".
INTRO_RE = re.compile(
    r"(?:Today|Yesterday|Tonight|Earlier today|Once again|Again|This (?:week|morning|afternoon|evening|month)"
    r"|Last (?:week|night|month)|On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:,? [A-Z][a-z]+\.? \d{1,2})?|On [A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?)"
)
# A dateline the extractors left at the head of the lede: "Dover, DE- Senator Carper starts…".
DATELINE_PREFIX_RE = re.compile(r"[A-Z][A-Za-z.,' ]{0,40}?\s*(?:--|[-–—])")
# What may stand between a subject and "the": "The Department…", "The office of Sen. Mike DeWine…".
ARTICLE_RE = re.compile(r"(?:(?:the|The)(?: (?:press )?office of)?)$")
# Between joint issuers: "Sens. Kent Conrad and Byron Dorgan", "The FBI and the Department …".
JOINT_RE = re.compile(r",?\s+(?:and|&)\s+(?:the\s+)?|,\s+(?:the\s+)?")
# What may come between a subject and its verb: "Sen. Ted Stevens (R-Alaska) on Tuesday, Jan. 30,
# urged…", "The Federal Open Market Committee at its meeting today decided…".
ADVERBIALS = (
    r"today|yesterday|tonight|also|again|jointly|recently|now|earlier today"
    r"|this (?:week|morning|afternoon|evening|month)|last (?:week|night|month)"
    r"|(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?,?"
    r"|at (?:its|their|a|the) (?:[\w-]+ ){0,3}(?:meeting|hearing|session|conference)(?: today)?"
)
VERB_RE = re.compile(rf"\s+(?:(?:{ADVERBIALS})\s+)*(?P<verb>[a-z][a-z'’-]*)\b(?: (?P<next>[a-z]+))?")
# "Be" and "have" act only before a verb: "is working", "is pleased to announce", "has invited",
# "has made"; "18F is an open-source team" describes, "was selected" and "has been" are done to it,
# "NASA has no plans" has.
BE = frozenset({"is", "are"})
BE_ACTING = frozenset({"pleased", "proud", "happy", "delighted", "committed"})
HAVE = frozenset({"has", "have"})
NOT_ACTING = frozenset({"was", "were", "had", "been", "being", "be", "no", "not", "never"})
# Words after a name that make it no subject: it is the object of a preposition, joined to a
# clause, or a noun's modifier ("Sen. X and seven colleagues", "of", "who", "to strip").
FUNCTION_WORDS = frozenset(
    (
        "and", "or", "nor", "but", "of", "in", "on", "at", "by", "for", "from", "to", "with", "without",
        "into", "onto", "upon", "about", "after", "before", "during", "under", "over", "between", "against",
        "as", "than", "who", "whom", "whose", "which", "that", "the", "a", "an", "his", "her", "their", "its",
        "this", "these", "those",
    )
)
# Words after a name that make it no subject's verb.
NOT_VERBS = FUNCTION_WORDS | NOT_ACTING
# An acronym in brackets after an organisation's name: "Food and Drug Administration (FDA)".
BRACKETED_ACRONYM_RE = re.compile(r"\s*\([A-Z][A-Za-z.]{1,9}\)")
# How far an appositive runs before its verb: "Sen. Chris Dodd (D-CT), the second ranking Democrat
# on the Senate's Health, Education, Labor and Pensions Committee, today announced…".
APPOSITIVE_MAX = 200
# Verbs that make an organisation at the head of a headline its subject ("NASA Selects …"); nouns
# that read as verbs ("Grants", "Funds", "Open") are left out on purpose.
HEADLINE_VERB_STEMS = (
    "announce", "adopt", "applaud", "appoint", "approve", "award", "celebrate", "charge", "commend", "decide",
    "expand", "file", "finalize", "host", "introduce", "invite", "issue", "join", "launch", "lower", "name",
    "offer", "publish", "propose", "raise", "recognize", "release", "select", "settle", "sue", "unveil",
    "update", "urge", "vote", "warn", "welcome",
)
HEADLINE_VERBS = frozenset(
    [*(s + ("s" if not s.endswith(("sh", "ch")) else "es") for s in HEADLINE_VERB_STEMS)]
    + [s + ("d" if s.endswith("e") else "ed") for s in HEADLINE_VERB_STEMS]
    + [
        "says", "said", "keeps", "kept", "holds", "held", "leaves", "left", "cuts", "seeks", "sought",
        "reaches", "reached",
    ]
)
# A writing at the head of a headline whose end names its author: "WEEKLY REPORT FROM WASHINGTON BY
# SEN. FRIST", "Column by Gov. X".
HEADLINE_BYLINE_RE = re.compile(
    r"\b(?:report|column|op-ed|commentary|statement|letter|update|newsletter|message|remarks|address)\b.*\bby\s*$",
    re.IGNORECASE,
)
# How much of the body is read for the spelling of a name the headline prints in capitals.
BODY_WINDOW = 3000
# A name the headline prints in capitals is found among the first words after the title
# ("SEN. TOM CARPER VISITS …").
HEADLINE_NAME_WORDS = 3


@dataclass(frozen=True)
class Head:
    """What the rules read: the headline (None when the title was made from the lede), the lede and
    its line, the authors and the body text."""

    headline: str | None
    lede: str
    lede_line: int | None
    authors: tuple[str, ...]
    text: str

    @classmethod
    def of(cls, release: Release, text: str) -> Head:
        lede = lede_of(release.body)
        line = next((b.line for b in release.body if b.text == lede), None)
        headline = None if release.extracted.get("title") == "lede" else release.title
        return cls(headline, lede, line, release.author, text)


@dataclass(frozen=True)
class Actor:
    """An organisation or officeholder at `start`…`end` of a line, the source it stands for (None:
    an office its title and place do not settle) and whether `sources.yml` lists that source."""

    start: int
    end: int
    source: str | None
    listed: bool


def lede_subject(lede: str, vocabulary: Vocabulary) -> tuple[Actor, ...] | None:
    """The issuer(s) acting as the subject of the lede's first sentence, or None."""
    sentence = _first_sentence(lede, vocabulary)
    if not sentence:
        return None
    actors = _actors(sentence, vocabulary)
    for actor in actors:
        if _subject_position(sentence[: actor.start]):
            return _acting(sentence, actors, actor)
    return None


def headline_subject(headline: str, text: str, vocabulary: Vocabulary) -> tuple[Actor, ...] | None:
    """The issuer(s) the headline's subject (or its closing "BY SEN. X") names, or None."""
    line = collapse(headline)
    holders = officeholders(line, vocabulary.offices)
    body = officeholders(collapse(text[:BODY_WINDOW]), vocabulary.offices) if holders else []
    if holders and HEADLINE_BYLINE_RE.search(line[: holders[-1].start]):
        last = _heading_holder(holders[-1], line, body, vocabulary)
        if last is not None and not line[last[0].end :].strip(" ."):
            return (last[0],)
    if holders and holders[0].start == 0:
        members: list[Actor] = []
        for index, holder in enumerate(holders):
            if index and not JOINT_RE.fullmatch(line[holders[index - 1].end : holder.start]):
                break
            found = _heading_holder(holder, line, body, vocabulary)
            if found is None or found[1]:
                # A name no one spells, or "SEN. FRIST'S BILL": no subject (after a first one,
                # "SEN. DORGAN, COLLEAGUES URGE": the list ends).
                if not members or found is not None:
                    return None
                break
            members.append(found[0])
        rest = line[members[-1].end :]
        return None if rest.startswith(("-", "'", "’")) else tuple(members)
    return _headline_organisation(line, vocabulary)


def byline_actor(authors: tuple[str, ...], vocabulary: Vocabulary) -> Actor | None:
    """The one author, when an officeholder ("Sen. Larry Craig") or named by an entry ("Larry Craig")."""
    if len(authors) != 1:
        return None
    name = collapse(authors[0])
    holders = officeholders(name, vocabulary.offices)
    if holders and holders[0].start == 0 and holders[0].end == len(name):
        return _holder_actor(holders[0], vocabulary)
    term = vocabulary.source_index.get(term_slug(name))
    return Actor(0, len(name), term.name, True) if term else None


def _first_sentence(lede: str, vocabulary: Vocabulary) -> str:
    """The lede's first sentence, not cut after a title the splitter does not know ("Sens.")."""
    parts = sentences(lede)
    titles = {t.split()[-1].casefold() for o in vocabulary.offices for t in o.titles if t.endswith(".")}
    while len(parts) > 1 and parts[0].split()[-1].casefold() in titles:
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    return collapse(parts[0]) if parts else ""


def _actors(sentence: str, vocabulary: Vocabulary) -> list[Actor]:
    """Officeholders and organisations in a sentence, in order; an organisation's alias inside an
    officeholder's phrase ("Sen. Jon Kyl", where "Jon Kyl" names his office) is the officeholder."""
    actors = [_holder_actor(h, vocabulary) for h in officeholders(sentence, vocabulary.offices)]
    spans = [(a.start, a.end) for a in actors]
    for start, name in vocabulary.source_matcher.find(sentence):
        term = vocabulary.source_index.get(term_slug(name))
        end = _alias_end(sentence, start, term) if term else None
        if end is not None and not any(s < end and start < e for s, e in spans):
            actors.append(Actor(start, end, name, True))
            spans.append((start, end))
    return sorted(actors, key=lambda a: a.start)


def _holder_actor(holder: Officeholder, vocabulary: Vocabulary) -> Actor:
    source, listed = _office_source(holder, vocabulary)
    return Actor(holder.start, holder.end, source, listed)


def _office_source(holder: Officeholder, vocabulary: Vocabulary) -> tuple[str | None, bool]:
    """The office's entry, where one lists the officeholder by title and name ("Sen. Ben Nelson") or
    has the template's name; else the template's name. A name in capitals no entry has is not
    spelled out ("Office of U.S. Senator DEWINE" would be a wrong name)."""
    term = vocabulary.source_index.get(term_slug(f"{holder.title} {holder.name}"))
    if term is not None:
        return term.name, True
    issuer = holder.issuer()
    if issuer is None:
        return None, False
    term = vocabulary.source_index.get(term_slug(issuer))
    if term is not None:
        return term.name, True
    if any(len(w) > 1 and w.isupper() for w in holder.surname.split()):
        return None, False
    return issuer, False


def _alias_end(text: str, start: int, term: Term) -> int | None:
    """Where the name or alias of `term` that starts at `start` ends (past an acronym in brackets)."""
    for pattern in _alias_patterns(term):
        match = pattern.match(text, start)
        if match:
            bracket = BRACKETED_ACRONYM_RE.match(text, match.end())
            return bracket.end() if bracket else match.end()
    return None


@cache
def _alias_patterns(term: Term) -> tuple[re.Pattern[str], ...]:
    """The name and aliases of `term`, longest first, each as a whole word and an acronym in its case."""
    return tuple(
        re.compile(r"\s+".join(re.escape(w) for w in alias.split()) + r"(?!\w)", 0 if _is_acronym(alias) else re.I)
        for alias in sorted({term.name, *term.aliases}, key=len, reverse=True)
    )


def _subject_position(prefix: str) -> bool:
    """Whether a name after `prefix` stands where the sentence's subject stands."""
    prefix = ARTICLE_RE.sub("", prefix.rstrip()).rstrip()
    return (
        not prefix
        or prefix.endswith((",", ",”", ",\"", ",’"))
        or INTRO_RE.fullmatch(prefix) is not None
        or DATELINE_PREFIX_RE.fullmatch(prefix) is not None
    )


def _acting(sentence: str, actors: list[Actor], first: Actor) -> tuple[Actor, ...] | None:
    """`first` and those acting with it, when a verb follows them; else None."""
    by_start = {a.start: a for a in actors}
    members = [first]
    at = first.end

    def joined(position: int) -> Actor | None:
        """The actor that "and"/"," joins at `position`, if any."""
        joint = JOINT_RE.match(sentence, position)
        return by_start.get(joint.end()) if joint else None

    while True:
        following = joined(at)
        if following is None and sentence.startswith(",", at):
            close = _appositive_end(sentence, at, by_start)
            if close is None:
                return None
            following = joined(close)
            if following is None:
                at = close + 1
        if following is None:
            break
        members.append(following)
        at = following.end
    return tuple(members) if _verb(sentence, at) else None


def _verb(sentence: str, at: int) -> bool:
    """Whether a verb of the subject's follows at `at` (after adverbials such as "today")."""
    match = VERB_RE.match(sentence, at)
    if match is None or match.group("verb") in NOT_VERBS:
        return False
    verb, following = match.group("verb"), match.group("next") or ""
    if verb in BE:
        return following.endswith("ing") or following in BE_ACTING
    return verb not in HAVE or (bool(following) and following not in NOT_VERBS)


def _appositive_end(sentence: str, at: int, by_start: dict[int, Actor]) -> int | None:
    """The comma that closes the appositive opened by the comma at `at`: the first one followed by
    another issuer or by a verb."""
    for match in re.finditer(",", sentence[at + 1 : at + 1 + APPOSITIVE_MAX]):
        comma = at + 1 + match.start()
        joint = JOINT_RE.match(sentence, comma)
        if joint and joint.end() in by_start:
            return comma
        if _verb(sentence, comma + 1):
            return comma
    return None


def _heading_holder(
    holder: Officeholder, line: str, body: list[Officeholder], vocabulary: Vocabulary
) -> tuple[Actor, bool] | None:
    """The officeholder a headline names (the actor ends after the surname) and whether the name is
    possessive ("FRIST'S"); the spelling is the body's, or an entry's. None: no one known."""
    words = [(m.group(0), holder.at + m.end()) for m in re.finditer(r"\S+", line[holder.at : holder.end])]
    for index, (word, end) in enumerate(words[:HEADLINE_NAME_WORDS]):
        possessive = word.casefold().endswith(("'s", "’s"))
        base = word[:-2] if possessive else word
        before = {w.casefold() for w, _ in words[:index]}
        for named in body:
            same = set(named.offices) & set(holder.offices) and named.surname.split()[-1].casefold() == base.casefold()
            if same and before <= {w.casefold() for w in named.full_name.split()}:
                source, listed = _office_source(named, vocabulary)
                return Actor(holder.start, end, source, listed), possessive
        alone = dataclasses.replace(holder, name=base)
        source, listed = _office_source(alone, vocabulary)
        if listed:
            return Actor(holder.start, end, source, listed), possessive
    return None


def _headline_organisation(line: str, vocabulary: Vocabulary) -> tuple[Actor, ...] | None:
    """An organisation at the head of the headline, followed by a headline verb ("NASA: Open Gov
    Plan" is a label, not a statement)."""
    start = len(line) - len(re.sub(r"^(?:the|The|THE)\s+", "", line))
    hits = vocabulary.source_matcher.find(line[:200])
    if not hits or hits[0][0] != start:
        return None
    term = vocabulary.source_index.get(term_slug(hits[0][1]))
    end = _alias_end(line, start, term) if term else None
    if end is None:
        return None
    after = re.match(r"\s+(?P<word>[\w’']+)", line[end:])
    if after and after.group("word").casefold() in HEADLINE_VERBS:
        return (Actor(start, end, hits[0][1], True),)
    return None
