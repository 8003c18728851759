"""Topics of a release: the archive's vocabulary matched in its text, ranked by where and how often."""

from __future__ import annotations

from collections import Counter

from generator.enrich.vocabulary import Vocabulary
from generator.kinds import term_slug

MAX_TOPICS = 8
TITLE_WEIGHT = 3
LEDE_WEIGHT = 2
# A topic mentioned once deep in the body is a passing mention, not what the release is about.
MIN_SCORE = 2


def match_topics(title: str, lede: str, body: str, vocabulary: Vocabulary, limit: int = MAX_TOPICS) -> list[str]:
    """Vocabulary topics found in the text, best first (score, then first appearance, then name)."""
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    offset = 0
    for text, weight in ((title, TITLE_WEIGHT), (lede, LEDE_WEIGHT), (body, 1)):
        for position, name in vocabulary.topic_matcher.find(text):
            score[name] += weight
            first.setdefault(name, offset + position)
        offset += len(text) + 1
    ranked = sorted((n for n in score if score[n] >= MIN_SCORE), key=lambda n: (-score[n], first[n], n))
    return ranked[:limit]


def map_tags(tags: tuple[str, ...], vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """Publisher tags (Hugo slugs, DOJ topic names) → vocabulary names, and the tags that map to none."""
    index = vocabulary.topic_index
    mapped: list[str] = []
    unknown: list[str] = []
    for tag in tags:
        name = index.get(term_slug(str(tag)))
        if name:
            mapped.append(name)
        else:
            unknown.append(str(tag))
    return list(dict.fromkeys(mapped)), unknown


def canonical(names: tuple[str, ...], vocabulary: Vocabulary) -> list[str]:
    """Override topics spelled as an alias or in another case become the vocabulary's own name."""
    index = vocabulary.topic_index
    return list(dict.fromkeys(index.get(term_slug(n), n) for n in names))
