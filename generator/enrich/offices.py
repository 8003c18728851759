"""Officeholders' offices: the `office:` entries of `sources.yml`, and the officeholders releases name.

Many releases come from an office rather than an agency: "U.S. Sen. John Cornyn, R-Texas, today
voted…" is issued by the senator's press office. An `office:` entry names the titles that name
such an officeholder ("U.S. Sen.", "Senator") and a template for the office that issues their
releases (`Office of U.S. Senator {surname}`), so that an archive need not list every senator.

This module reads and validates the entries (every problem names its line) and finds
officeholders in text: a title, a name ("Daniel K. Akaka", "Chris Van Hollen", "Bill Frist, M.D."),
a party and state tag ("R-Texas", "(R-South Carolina)", "D-N.Y.") or "of Nevada". Whether an
officeholder is the one *acting* — the issuer — rather than one merely named is decided by
`generator.enrich.subjects`.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml
from nameparser import HumanName

from generator.errors import Problem

OFFICE_KEY = "office"
KEYS = (OFFICE_KEY, "titles", "template", "jurisdiction")
PLACEHOLDERS = ("surname", "name", "jurisdiction")

# A name as releases print it after a title: capitalised words and initials ("Daniel K. Akaka"; a
# full stop after a word is the sentence's), inner capitals ("DeWine", "McCain"), an apostrophe or
# hyphen before a capital ("O'Rourke", "Cortez-Masto"; not the possessive "Snowe's", not
# "Feingold-backed"), particles ("Van Hollen", "de la Cruz"). At most five words: a name in a
# headline in capitals runs on into its verb.
_UPPER = "A-ZÀ-ÖØ-Þ"
NAME_WORD = rf"[{_UPPER}]\.|[{_UPPER}](?:[^\W\d_]|['’](?=[{_UPPER}])|-(?=[{_UPPER}]))*"
NAME_PARTICLES = r"(?:van|von|de|del|della|der|den|di|da|du|la|le|ter|ten)"
_WORD_RE = re.compile(NAME_WORD)
_PARTICLE_RE = re.compile(rf"{NAME_PARTICLES} ")
NAME_MAX_WORDS = 5
# Generational suffixes stay part of the name ({name}); degrees are dropped ("Bill Frist, M.D.").
SUFFIX_RE = re.compile(r",?\s+(?P<suffix>Jr\.?|Sr\.?|II|III|IV|M\.\s?D\.|Ph\.\s?D\.)(?=[\s,;:)]|$)")
GENERATIONAL = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Party and state: "(R-South Carolina)", "(both D-Calif.)", "(R - Mont.)", ", I-Vt.,", "(ID-CT)".
PAREN_TAG_RE = re.compile(r",?\s*\((?:both\s+)?[A-Z]{1,3}\s*[-–]\s*(?P<place>[^()]{1,30}?)\s*\)")
COMMA_TAG_RE = re.compile(r",\s*(?:R|D|I|ID|DFL)\s*[-–]\s*(?P<place>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?),")
# "Senate Majority Leader Harry Reid of Nevada made the following statement".
OF_PLACE_RE = re.compile(rf"\s+of\s+(?P<place>[{_UPPER}][a-z]+(?:\s[{_UPPER}][a-z]+)?)\b")
# More officeholders under one plural title: "Sens. Kent Conrad and Byron Dorgan", "Senators Chris
# Dodd, (D-CT), and Joe Lieberman".
CONTINUATION_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# Words before a title that make it another office ("Assistant Attorney General", "Lt. Gov.") or
# no office at all ("former Sen.").
RANKS = frozenset(
    {"assistant", "associate", "acting", "deputy", "former", "lieutenant", "lt.", "vice", "principal", "chief"}
)
# Words before a title that say which side, not which place ("Republican Sen. X").
PARTY_WORDS = frozenset({"republican", "democratic", "democrat", "independent", "gop", "freshman", "senior", "junior"})
# Words that open a sentence and are not a place ("Today Sen. Olympia J. Snowe met…").
NOT_PLACES = frozenset({"today", "yesterday", "tonight", "on", "this", "last", "and", "the", "then", "also", "by"})


@dataclass(frozen=True, kw_only=True)
class Office:
    """An office whose holder issues releases: the titles that name them, and the template that
    names the office (`{surname}`, `{name}`, `{jurisdiction}`)."""

    office: str
    titles: tuple[str, ...]
    template: str
    jurisdiction: tuple[str, ...] = ()
    """The place the office is of, as releases spell it ("Texas", "TX", "Tex."); first is its name."""
    line: int | None = None

    def admits(self, place: str | None) -> bool:
        """Whether an officeholder of `place` (None: not said) may hold this office."""
        return not self.jurisdiction or place is None or _place_key(place) in {_place_key(j) for j in self.jurisdiction}


@dataclass(frozen=True, kw_only=True)
class Officeholder:
    """A title and a name at `start`…`end` of a text (the end is past the tag), and what they say."""

    title: str
    name: str
    place: str | None
    start: int
    at: int
    """Where the name begins."""
    end: int
    offices: tuple[Office, ...]
    """Every office one of whose titles is `title`; `office` chooses by the place."""

    @cached_property
    def parsed(self) -> HumanName:
        return HumanName(self.name)

    @property
    def surname(self) -> str:
        # One word ("Sen. Snowe") is read as a given name by the parser: here it is the surname.
        return str(self.parsed.last or self.parsed.first)

    @property
    def full_name(self) -> str:
        parts = [str(p) for p in (self.parsed.first, self.parsed.middle, self.parsed.last) if p]
        suffix = str(self.parsed.suffix)
        return " ".join(parts + ([suffix] if suffix.casefold() in GENERATIONAL else []))

    @property
    def office(self) -> Office | None:
        """The one office the title and place name; None when none or several could be meant."""
        fitting = [o for o in self.offices if o.admits(self.place)]
        return fitting[0] if len(fitting) == 1 else None

    def issuer(self) -> str | None:
        """The office's name by its template, or None when the office is not known for sure."""
        office = self.office
        if office is None:
            return None
        values = {
            "surname": self.surname,
            "name": self.full_name,
            "jurisdiction": office.jurisdiction[0] if office.jurisdiction else "",
        }
        return " ".join(office.template.format_map(values).split())


def officeholders(text: str, offices: tuple[Office, ...]) -> list[Officeholder]:
    """Every title + name in `text` (one line, spaces single), with those that follow under a
    plural title ("Sens. Kent Conrad and Byron Dorgan" gives two), in order."""
    pattern = _titles_re(offices)
    if pattern is None:
        return []
    by_title = _offices_by_title(offices)
    found: list[Officeholder] = []
    for match in pattern.finditer(text):
        if found and match.start() < found[-1].end:
            continue
        before = text[: match.start()].split()[-1:]
        if before and before[0].casefold() in RANKS:
            continue
        # Stacked titles ("Senate Majority Leader Sen. Harry Reid"): the name follows the last.
        end = match.end()
        while (stacked := pattern.match(text, _skip_space(text, end))) is not None:
            end = stacked.end()
        # A place before the title ("Texas Attorney General …", "Montana Sens. …"), not a party.
        start, place = match.start(), None
        word = before[0] if before and text[: match.start()].endswith(" ") else ""
        # Not in a headline in capitals, where any word before the title looks like one ("WITH SEN. X").
        if re.fullmatch(rf"[{_UPPER}][a-z.]*", word) and word.casefold() not in NOT_PLACES | PARTY_WORDS:
            start, place = match.start() - 1 - len(word), word
        offices_of = by_title[_key(match.group(0))]
        holder = _holder_at(text, _skip_space(text, end), start, match.group(0), place, offices_of)
        while holder is not None:
            found.append(holder)
            joint = CONTINUATION_RE.match(text, holder.end)
            if joint is None or pattern.match(text, joint.end()):
                break
            holder = _holder_at(text, joint.end(), joint.end(), match.group(0), None, offices_of, continuing=True)
    return found


def _holder_at(
    text: str, at: int, start: int, title: str, place: str | None, offices: tuple[Office, ...], *,
    continuing: bool = False,
) -> Officeholder | None:
    """The name (with its suffix and tag) at `at`, under `title`; the phrase starts at `start`."""
    first = _WORD_RE.match(text, at)
    # After "and", a word such as "Reps." is a title this archive does not list, not a name.
    if first is None or (continuing and re.fullmatch(r"[A-Z][a-z]+\.", first.group(0))):
        return None
    end, count, capitals = first.end(), 1, _capitals(first.group(0))
    while count < NAME_MAX_WORDS and text.startswith(" ", end) and not SUFFIX_RE.match(text, end):
        at_word = end + 1
        while particle := _PARTICLE_RE.match(text, at_word):
            at_word = particle.end()
        word = _WORD_RE.match(text, at_word)
        # A name in mixed case ends before a word in capitals ("Senator DeWine WASHINGTON, Oct. 4").
        if word is None or (not capitals and _capitals(word.group(0))):
            break
        end, count = word.end(), count + 1
    written = text[at:end]
    suffix = SUFFIX_RE.match(text, end)
    if suffix:
        written += " " + suffix.group("suffix")
        end = suffix.end()
    for tag_re in (PAREN_TAG_RE, COMMA_TAG_RE, OF_PLACE_RE):
        tag = tag_re.match(text, end)
        if tag:
            place, end = tag.group("place").strip(), tag.end()
            break
    return Officeholder(title=title, name=written, place=place, start=start, at=at, end=end, offices=offices)


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _key(title: str) -> str:
    return " ".join(title.casefold().split())


def _place_key(place: str) -> str:
    return re.sub(r"[\s.]", "", place.casefold())


@cache
def _titles_re(offices: tuple[Office, ...]) -> re.Pattern[str] | None:
    """Every title, longest first ("U.S. Sen." before "Sen."), as whole words followed by a space
    (a name must follow); in capitals too, as headlines print them ("SEN.")."""
    titles = sorted({t for o in offices for t in o.titles}, key=lambda t: (-len(t), t))
    if not titles:
        return None
    # As written or in capitals, never in lower case: "company representative John Smith" is no title.
    spellings = sorted({s for t in titles for s in (t, t.upper())}, key=lambda t: (-len(t), t))
    parts = [r"\s+".join(re.escape(w) for w in t.split()) for t in spellings]
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])(?=\s)")


@cache
def _offices_by_title(offices: tuple[Office, ...]) -> dict[str, tuple[Office, ...]]:
    by_title: dict[str, tuple[Office, ...]] = {}
    for office in offices:
        for title in office.titles:
            key = _key(title)
            if office not in by_title.get(key, ()):
                by_title[key] = (*by_title.get(key, ()), office)
    return by_title


def is_office(entry: object, path: Path) -> bool:
    """An `office:` entry of sources.yml: read here, not as an organisation."""
    return path.name == "sources.yml" and isinstance(entry, dict) and OFFICE_KEY in entry


def load_offices(path: Path, shown: str, problems: list[Problem]) -> tuple[Office, ...]:
    """The `office:` entries of `path` (sources.yml), valid ones only; each problem found is added
    to `problems`, naming the file and the line. The YAML was read already (a syntax error stops
    the vocabulary before this); here it is composed again for the lines. `shown` names the file
    in messages."""
    if not path.exists():
        return ()
    text = path.read_text(encoding="utf-8")
    if f"{OFFICE_KEY}:" not in text:
        return ()
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.SequenceNode):
        return ()
    offices: list[Office] = []
    for node in root.value:
        if isinstance(node, yaml.MappingNode) and any(k.value == OFFICE_KEY for k, _ in node.value):
            office = _office(node, shown, problems)
            if office is not None:
                offices.append(office)
    # Offices may share a title when a jurisdiction can tell them apart ("Texas Attorney General").
    titles: dict[str, Office] = {}
    for office in offices:
        for title in office.titles:
            other = titles.setdefault(_key(title), office)
            if other is not office and not (office.jurisdiction or other.jurisdiction):
                problems.append(_problem(
                    shown, office.line, f"title '{title}' names both office '{other.office}' (line {other.line}) "
                    f"and office '{office.office}'", "give one of them a 'jurisdiction', or keep the title in one"))
    return tuple(offices)


def _office(node: yaml.MappingNode, shown: str, problems: list[Problem]) -> Office | None:
    """One `office:` entry, or None (with problems) when it cannot be used."""
    line = node.start_mark.line + 1
    values: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in node.value:
        key, key_line = str(key_node.value), key_node.start_mark.line + 1
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            problems.append(_problem(shown, key_line, f"unknown key '{key}' in an office entry",
                                     (f"did you mean '{close[0]}'? " if close else "") + "use: " + ", ".join(KEYS)))
            continue
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        texts = [" ".join(str(i.value).split()) for i in items if isinstance(i, yaml.ScalarNode)]
        if len(texts) != len(items) or not all(texts):
            problems.append(_problem(shown, key_line, f"'{key}' must be text or a list of texts",
                                     f"write it as {key}: … (quote it if it has a colon or braces)"))
            continue
        values[key] = tuple(texts)
    name = values.get(OFFICE_KEY, ("",))[0]
    if not name:
        problems.append(_problem(shown, line, "an office entry has no 'office' name", "write office: U.S. Senator"))
        return None
    for key, example in (("titles", "the titles that name its holder, e.g. titles: [Gov., Governor]"),
                         ("template", "the name of the office, e.g. template: Office of Governor {surname}")):
        if key not in values:
            problems.append(_problem(shown, line, f"office '{name}' has no '{key}'", f"add {example}"))
    if "titles" not in values or "template" not in values:
        return None
    template = values["template"][0]
    fields = _template_fields(template)
    if fields is None or not fields <= set(PLACEHOLDERS):
        wrong = "its braces do not pair" if fields is None else "it names " + ", ".join(
            "{" + f + "}" for f in sorted(fields - set(PLACEHOLDERS)))
        problems.append(_problem(shown, line, f"the template of office '{name}' cannot be used: {wrong}",
                                 "use {surname}, {name} or {jurisdiction}, e.g. Office of U.S. Senator {surname}"))
        return None
    if "jurisdiction" in fields and "jurisdiction" not in values:
        problems.append(_problem(shown, line, f"the template of office '{name}' names {{jurisdiction}}, "
                                 "but the office has none", "add jurisdiction: [Texas, TX, Tex.]"))
        return None
    return Office(office=name, titles=values["titles"], template=template,
                  jurisdiction=values.get("jurisdiction", ()), line=line)


def _template_fields(template: str) -> set[str] | None:
    """The placeholders a template names, or None when it is not a format string."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    except ValueError:
        return None


def _problem(shown: str, line: int | None, message: str, hint: str) -> Problem:
    return Problem(path=shown, line=line, code="bad-vocabulary", message=message, hint=hint)
