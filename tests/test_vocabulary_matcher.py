"""The vocabulary matcher (an Aho-Corasick automaton) finds what regex alternations of the aliases
find: whole words, the longest alias at the leftmost place, no overlaps, acronyms case-sensitive,
any run of whitespace where an alias has a space, and positions in the text as given."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.enrich.vocabulary import _SPACES, Matcher, Term, _alternation, load_vocabulary

from .conftest import ARCHIVE


def reference(matcher: Matcher, text: str) -> list[tuple[int, str]]:
    """What the matcher did before the automaton: one alternation of the acronyms on the text, one
    of the lower-cased other aliases on the lower-cased text (case-insensitive on the text itself
    when lower-casing changes its length)."""
    by_key = matcher.by_key
    hits: list[tuple[int, str]] = []
    exact = _alternation(list(matcher.exact_aliases), 0)
    if exact is not None:
        hits += [(m.start(), by_key[" ".join(m.group(0).split())]) for m in exact.finditer(text)]
    lowered = text.lower()
    if len(lowered) == len(text):
        folded = _alternation([alias.lower() for alias in matcher.folded_aliases], 0)
        found = folded.finditer(lowered) if folded is not None else iter(())
    else:
        folded = _alternation(list(matcher.folded_aliases), re.IGNORECASE)
        found = folded.finditer(text) if folded is not None else iter(())
    hits += [(m.start(), folded_name(matcher, m.group(0))) for m in found]
    return sorted(hits)


def folded_name(matcher: Matcher, matched: str) -> str:
    key = " ".join(matched.split()).casefold()
    if key in matcher.by_key:
        return matcher.by_key[key]
    # Matched case-insensitively but casefolded longer ("İ" for "i"): the alias it spells.
    for alias in matcher.folded_aliases:
        if re.fullmatch(r"\s+".join(map(re.escape, alias.split())), matched, re.IGNORECASE):
            return matcher.by_key[alias.casefold()]
    raise AssertionError(matched)


VOCABULARY, _ = load_vocabulary(ARCHIVE)
MATCHERS = (VOCABULARY.topic_matcher, VOCABULARY.source_matcher)
ALIASES = sorted({alias for term in (*VOCABULARY.topics, *VOCABULARY.sources) for alias in (term.name, *term.aliases)})
# Between aliases: spaces and runs of them, other whitespace, word characters that glue an alias
# to its neighbour, punctuation, and letters whose lower case is longer ("İ") or not ASCII.
SEPARATORS = [
    " ", "  ", "\n", "\t", " \n ", "\u00a0", "\u2003", "", "-", "_", ".", ",", "x", "(", "'s ", "İ", "é", "\x1c",
]


def mangled(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        alias = rng.choice(ALIASES)
        roll = rng.random()
        if roll < 0.3:
            alias = alias.upper()
        elif roll < 0.6:
            alias = alias.lower()
        if rng.random() < 0.3:
            alias = alias.replace(" ", rng.choice(["  ", "\n", "\t ", " \u00a0"]))
        if rng.random() < 0.2:
            alias = alias[: rng.randint(0, len(alias))]
        parts += [alias, rng.choice(SEPARATORS)]
    return "".join(parts)


def test_same_matches_as_the_alternations_on_mangled_names() -> None:
    rng = random.Random(5)  # noqa: S311 - test data, not secrets
    for _ in range(3000):
        text = mangled(rng)
        for matcher in MATCHERS:
            assert matcher.find(text) == reference(matcher, text), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"aiAI .-_\n\tİé\u00a0", "AI", "ai", "Farm", "farmers", "U.S. EPA"])).map("".join))
def test_same_matches_on_any_text(text: str) -> None:
    for matcher in MATCHERS:
        assert matcher.find(text) == reference(matcher, text)


def test_longest_alias_then_the_next_after_it() -> None:
    matcher = Matcher.build(
        [Term(name="Islamic State", aliases=("ISIS", "Islamic State of Iraq and Syria")), Term(name="Syria")]
    )
    text = "The Islamic State of Iraq and\n  Syria (ISIS) left Syria; ISISes and isis did not."
    assert matcher.find(text) == reference(matcher, text)
    assert matcher.find(text) == [(4, "Islamic State"), (39, "Islamic State"), (50, "Syria")]


def test_acronyms_keep_their_case_and_share_a_spelling_with_other_aliases() -> None:
    matcher = Matcher.build([Term(name="Artificial Intelligence", aliases=("AI",)), Term(name="Aid", aliases=("ai",))])
    text = "AI and ai and Ai"
    assert matcher.find(text) == reference(matcher, text)
    assert matcher.find(text) == [(0, "Aid"), (0, "Artificial Intelligence"), (7, "Aid"), (14, "Aid")]


def test_an_empty_vocabulary_finds_nothing() -> None:
    assert Matcher.build([]).find("anything at all") == []


def test_no_whitespace_above_the_last_one_listed() -> None:
    assert "\u3000" in _SPACES
    assert not any(chr(code).isspace() for code in range(0x3001, 0x110000))
