"""People quoted: who a release quotes, with the role the release gives them.

Releases attribute words in a few fixed shapes: `"…," said Mayor Jane Smith`, `Smith said`,
`according to Smith`, `Col. Ryan Dillon told reporters`, `Sen. X issued the following statement`,
`Statement From Sen. X`, `Vitter: "…"`, and joint ones (`Sens. Kent Conrad and Byron Dorgan said`).
This module takes every title + name in the text (`generator.extract.mentions`), keeps those an attribution shape
names, and reads each person's full name and role from the first mention that gives a full name
(tests/fixtures/people/RULES.md is the rule, and the benchmark's labels follow it).

Precision first: a wrong person on an archive page is worse than a missing one. So a name must be
a person's (capitalised words, no organisation word), a surname alone must be one met in full
earlier, words inside someone's quotation are theirs (a name they quote is not quoted), and
bylines, authors and contacts never count.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from nameparser import HumanName

from generator.extract.mentions import JOINT_RE, PARTICLES, Mention, appositive, find_mentions, qualifier
from generator.model import Release

if TYPE_CHECKING:
    from generator.enrich.authors import AuthorRegistry

# Said after the speaker: `Smith said`, `Col. Dillon told reporters`, `Crocker testified that`.
SAID_AFTER_RE = re.compile(
    r"(?:\s*,[^,;\"“”]{1,160},)?\s+(?:also\s+|then\s+|later\s+|further\s+)?"
    r"(?:said|says|stated|states|added|adds|continued|continues|noted|notes|explained|explains|told|tells"
    r"|testified\s+that|argued|argues|warned|warns|emphasized|emphasised|stressed\s+that|remarked|declared"
    r"|agreed(?=[.,:])"
    r"|(?:has\s+|have\s+)?(?:issued|made|released|delivered)\s+(?:the\s+following|a|an|this)\s+(?:\w+\s+){0,2}statement)\b"
)
# Said before the speaker: `"…," said Sen. Smith`; DOJ pages lost their quotation marks, so the
# shape alone marks a quotation there (RULES.md §1).
SAID_BEFORE_RE = re.compile(
    r"(?:\bsaid|\bsays|\badded|\badds|\bcontinued|\bnoted|\bexplained|\bstated|\bcommented|\bremarked"
    r"|\bemphasized|\bdeclared|\baccording\s+to|\bquote\s+(?:comes|came)\s+from|\btext\s+of)\s+$"
)
# `Statement From Sen. Norm Coleman On The Fourth Of July:` over the statement; not a document's
# name in a list ("Statement by Rachel Brand (PDF)").
STATEMENT_RE = re.compile(r"\b[Ss]tatement\s+(?:[Ff]rom|[Bb]y|[Oo]f)\s+$")
# `U.S. Senator Sam Brownback commented on the legacy of …` followed by the quotation.
COMMENTED_RE = re.compile(r"\s+commented\s+on\b")
# Label form: `Vitter: "In this important …"`.
LABEL_RE = re.compile(r"\s*:\s*[\"“]")
# A lines that gives a contact, not a speaker ("Contact: Leroy Coleman, 202/…").
CONTACT_RE = re.compile(r"^\s*(?:media\s+|press\s+)?contacts?\b|^\s*for\s+more\s+information", re.IGNORECASE)
QUOTES = "\"“”"
QUOTE_RE = re.compile(f"[{QUOTES}]")


@dataclass(frozen=True)
class Quoted:
    """A person a release quotes: the full name it gives, the role it gives (None: none given),
    and the raw-file line of the first quotation (None when not known)."""

    name: str
    role: str | None
    line: int | None


def people_quoted(paragraphs: Sequence[tuple[str, int | None]], authors: Iterable[str] = ()) -> tuple[Quoted, ...]:
    """Each person quoted in `paragraphs` (text, raw-file line), in order of first quotation; not
    the release's `authors` (an op-ed's author writes, is not quoted)."""
    texts = [text for text, _ in paragraphs]
    inside = [_quoted_spans(text) for text in texts]
    mentions = [m for index, text in enumerate(texts) if not CONTACT_RE.match(text)
                for m in find_mentions(text, index) if not _within(m.start, inside[index])]
    # An attribution looks only at the names of its own paragraph: grouped once, not searched for each name.
    by_paragraph: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_paragraph.setdefault(mention.paragraph, []).append(mention)
    order: list[tuple[str, int | None]] = []
    full_name = _FullNames(mentions)
    for mention in mentions:
        attributed = _attributed(mention, texts[mention.paragraph], by_paragraph[mention.paragraph], texts, inside)
        for named in attributed:
            full = full_name(named)
            if full is None:
                continue
            if full not in (name for name, _ in order):
                order.append((full, paragraphs[named.paragraph][1]))
    written = {_key(a) for a in authors}
    found = []
    for name, line in order:
        if _key(name) in written:
            continue
        found.append(Quoted(name=name, role=_role(name, mentions, texts, full_name), line=line))
    return tuple(found)


def _key(name: str) -> str:
    return " ".join(name.casefold().replace(".", "").split())


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` is inside quotation marks (straight quotes pair in turn; a quotation left open
    runs to the end, as a quotation that goes on in the next paragraph does)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for found in QUOTE_RE.finditer(text):
        index, char = found.start(), found.group()
        if opened is None and char != "”":
            opened = index
        elif opened is not None and char != "“":
            spans.append((opened, index))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


def _attributed(
    mention: Mention, text: str, neighbours: list[Mention], texts: list[str], inside: list[list[tuple[int, int]]]
) -> list[Mention]:
    """The people an attribution at `mention` names: it and those joined to it, or nobody;
    `neighbours` are the names of its paragraph, in order."""
    group = _joined(mention, text, neighbours)
    after = text[qualifier(text, group[-1].end)[1] :]  # "John Gore of the Civil Rights Division said"
    before = text[: mention.start]
    said = (
        SAID_AFTER_RE.match(after) is not None
        or SAID_BEFORE_RE.search(before) is not None
        or STATEMENT_RE.search(before) is not None and (mention.paragraph == 0 or text.rstrip().endswith(":"))
        # The label form names someone met before, or gives a title: "Energy Efficiency: "…"" is a topic.
        or not text[: mention.start].strip() and LABEL_RE.match(after) is not None
        and (mention.title is not None or not mention.full)
        or COMMENTED_RE.match(after) is not None and _quotation_follows(mention, texts, inside)
    )
    if not said:
        return []
    earlier = [m for m in neighbours if m.end <= mention.start]
    if earlier and JOINT_RE.fullmatch(text[earlier[-1].end : mention.start]) and mention.title is None:
        return []  # the middle of a group, counted with its first member
    return group


def _joined(mention: Mention, text: str, neighbours: list[Mention]) -> list[Mention]:
    """`mention` and the mentions of its paragraph (`neighbours`) joined to it by "and" or commas
    ("Snowe and Collins")."""
    group = [mention]
    gaps = []
    following = [m for m in neighbours if m.start >= mention.end]
    for other in following:
        gap = text[group[-1].end : other.start]
        if not JOINT_RE.fullmatch(gap):
            break
        group.append(other)
        gaps.append(gap)
    # Commas alone do not make a list of speakers: "In his letter to Johanns, Johnson said".
    return group if any("and" in gap for gap in gaps) else group[-1:]


def _quotation_follows(mention: Mention, texts: list[str], inside: list[list[tuple[int, int]]]) -> bool:
    here = inside[mention.paragraph]
    return any(start > mention.end for start, _ in here) or (
        mention.paragraph + 1 < len(texts) and texts[mention.paragraph + 1].lstrip()[:1] in QUOTES
    )


@cache
def _surname(name: str) -> str:
    if name.split()[0].casefold() in PARTICLES:
        return name.casefold()
    parsed = HumanName(name)
    return str(parsed.last or parsed.first).casefold()


@cache
def _first(name: str) -> str:
    words = name.split()
    return str(HumanName(name).first).casefold() if len(words) > 1 and words[0].casefold() not in PARTICLES else ""


class _FullNames:
    """The full name a mention refers to: the first full-name mention with its surname (and its
    first name, when given); a surname met nowhere in full gives nobody.

    The answer depends only on the mention's name (the release's mentions are fixed), so it is
    worked out once per name: a long release names the same people hundreds of times."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.full = [(m.name, _surname(m.name), _first(m.name)) for m in mentions if m.full]
        self.known: dict[str, str | None] = {}

    def __call__(self, mention: Mention) -> str | None:
        name = mention.name
        if name not in self.known:
            self.known[name] = self._resolve(name, mention.full)
        return self.known[name]

    def _resolve(self, name: str, is_full: bool) -> str | None:
        surname, first = _surname(name), _first(name)
        full = [(other, last) for other, last, given in self.full if not first or given == first]
        for same in (lambda other: other == surname, lambda other: _one_letter_more(other, surname)):
            for other, last in full:
                if same(last):
                    return other
        return name if is_full else None


def _one_letter_more(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter` with one letter more: the DOJ pages lost their accented
    letters, so "Tracey Montano" (as the newsroom typed it) is later "Montao" (from "Montaño")."""
    if len(shorter) < 4 or len(longer) != len(shorter) + 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _role(name: str, mentions: list[Mention], texts: list[str], full_name: _FullNames) -> str | None:
    """The role of the person `name`: the title before their first full mention (with the office
    after it), else the appositive after it, else the first later title (RULES.md §4)."""
    own = [m for m in mentions if full_name(m) == name]
    if not own:
        return None
    first = own[0]
    text = texts[first.paragraph]
    if first.title:
        return first.title + qualifier(text, first.end)[0]
    after = appositive(text, first.end)[0]
    if after:
        return after
    for later in own[1:]:
        if later.title:
            return later.title + qualifier(texts[later.paragraph], later.end)[0]
    return None


def with_people(release: Release, overrides: Mapping[str, object]) -> Release:
    """`release` with the people its title and body quote and the roles it gives them; a raw
    file's own `people:` list wins (an archivist's correction), and then no role is guessed."""
    if "people" in overrides:
        return release
    paragraphs = [(release.title, None), *((block.text, block.line) for block in release.body)]
    found = people_quoted(paragraphs, release.author)
    roles = {person.name: person.role for person in found if person.role}
    return dataclasses.replace(release, people=tuple(person.name for person in found), roles=roles)


def match_people(release: Release, registry: AuthorRegistry) -> Release:
    """`release` with each person quoted who is in `authors.yml` (by name or alias) under the
    registered name, so that their page is the author's page too, with the registry's facts."""
    renamed = {name: registry.index.get(" ".join(name.split()).casefold(), name) for name in release.people}
    if all(name == new for name, new in renamed.items()):
        return release
    roles = {renamed.get(name, name): role for name, role in release.roles.items()}
    return dataclasses.replace(release, people=tuple(dict.fromkeys(renamed.values())), roles=roles)
