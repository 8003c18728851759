"""Cross-links between releases: neighbours in time and related releases by shared topics."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Release

RELATED_COUNT = 5
# Candidates per topic: the releases nearest in time within that topic's list. Common topics
# have posting lists of thousands; a window keeps the work linear in archive size.
WINDOW = 60


@dataclass(frozen=True)
class Links:
    previous: str | None
    next: str | None
    related: tuple[str, ...]


def chronological(releases: Sequence[Release]) -> list[Release]:
    """Oldest first; ties broken by id so the order never depends on file-system order."""
    return sorted(releases, key=lambda r: (r.date, r.id))


def newest_first(releases: Sequence[Release]) -> list[Release]:
    return sorted(releases, key=lambda r: (-r.date.toordinal(), r.id))


def link_releases(releases: Sequence[Release]) -> dict[str, Links]:
    """Previous/next across the whole archive and the top related releases of each.

    Related = the most IDF-weighted shared topics (a rare shared topic says more than a common
    one), then a shared author, then the nearer date, then id: deterministic. Candidates come from
    an inverted index of topics, limited to the WINDOW nearest in time per topic, so the cost is
    linear in the archive size rather than n².
    """
    ordered = chronological(releases)
    total = len(ordered)
    frequency = Counter(t for r in ordered for t in r.topics)
    idf = {t: math.log(1 + total / n) for t, n in frequency.items()}
    by_topic: dict[str, list[Release]] = defaultdict(list)
    position: dict[tuple[str, str], int] = {}
    for release in ordered:
        for topic in release.topics:
            position[(topic, release.id)] = len(by_topic[topic])
            by_topic[topic].append(release)
    links: dict[str, Links] = {}
    for index, release in enumerate(ordered):
        scores: dict[str, float] = defaultdict(float)
        others: dict[str, Release] = {}
        for topic in release.topics:
            at = position[(topic, release.id)]
            for other in by_topic[topic][max(0, at - WINDOW) : at + WINDOW + 1]:
                if other.id != release.id:
                    scores[other.id] += idf[topic]
                    others[other.id] = other
        authors = set(release.author)
        ranked: list[tuple[float, int, int, str]] = []
        for other_id, score in scores.items():
            other = others[other_id]
            shared_author = 1 if authors and authors.intersection(other.author) else 0
            ranked.append((-round(score, 9), -shared_author, abs((other.date - release.date).days), other_id))
        related = tuple(key[-1] for key in sorted(ranked)[:RELATED_COUNT])
        links[release.id] = Links(
            previous=ordered[index - 1].id if index > 0 else None,
            next=ordered[index + 1].id if index + 1 < total else None,
            related=related,
        )
    return links
