"""Cross-links between releases: neighbours in time and related releases by shared topics."""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.model import Release, chronological

RELATED_COUNT = 5
# Candidates per topic: the releases nearest in time within that topic's list. Common topics
# have posting lists of thousands; a window keeps the work linear in archive size.
WINDOW = 60


@dataclass(frozen=True)
class Links:
    previous: str | None
    next: str | None
    related: tuple[str, ...]


class LinkIndex:
    """The archive's time order and topic posting lists, from which `links_of` computes the links
    of one release at a time (so the work can be split across processes)."""

    def __init__(self, releases: Sequence[Release]) -> None:
        self.ordered = chronological(releases)
        total = len(self.ordered)
        frequency = Counter(t for r in self.ordered for t in r.topics)
        self.idf = {t: math.log(1 + total / n) for t, n in frequency.items()}
        # Posting lists hold positions in `ordered` (ints hash and compare faster than ids).
        self.by_topic: dict[str, list[int]] = defaultdict(list)
        self.position: list[dict[str, int]] = []
        for number, release in enumerate(self.ordered):
            at: dict[str, int] = {}
            for topic in release.topics:
                at[topic] = len(self.by_topic[topic])
                self.by_topic[topic].append(number)
            self.position.append(at)
        self.index_of = {r.id: number for number, r in enumerate(self.ordered)}
        self.arrays = {topic: np.array(numbers, dtype=np.int64) for topic, numbers in self.by_topic.items()}
        # Each posting list's IDF repeated along it, so a window's weights are a slice, not an array built per call.
        self.weights = {topic: np.full(len(numbers), self.idf[topic]) for topic, numbers in self.by_topic.items()}
        self.ordinals = np.array([r.date.toordinal() for r in self.ordered], dtype=np.int64)
        # Rank of each release's id in string order: the last tie-break, as a number.
        self.id_rank = np.empty(total, dtype=np.int64)
        for rank, number in enumerate(sorted(range(total), key=lambda n: self.ordered[n].id)):
            self.id_rank[number] = rank
        self.by_author: dict[str, set[int]] = defaultdict(set)
        for number, release in enumerate(self.ordered):
            for name in release.author:
                self.by_author[name].add(number)
        self._codes: Any | None = None
        self._patterns: dict[tuple[str, ...], bytes] | None = None

    def fingerprint(self, number: int) -> bytes:
        """A hash of everything the related releases of the release at `number` depend on, except
        what is the same for every release (the ranking code): its id, date and authors; per topic,
        the id, date and authors of each release in its window; and the order of the scores the
        topics it has can give (see `_score_patterns`). When two runs give a release the same
        fingerprint, its related releases are the same, whatever else changed in the archive.

        (An archive-wide count changes every IDF: the scores change, but the ranking of a
        release's candidates only depends on the order of the rounded sums of its topics' IDFs.)"""
        if self._codes is None:
            self._codes = np.array([_code(r) for r in self.ordered], dtype=np.int64)
        if self._patterns is None:
            self._patterns = _score_patterns({r.topics for r in self.ordered}, self.idf)
        codes = self._codes
        parts = [codes[number : number + 1]]
        for topic, at in self.position[number].items():
            window = codes[self.arrays[topic][max(0, at - WINDOW) : at + WINDOW + 1]]
            parts += [np.array([len(window)], dtype=np.int64), window]
        sha = hashlib.blake2b(np.concatenate(parts).tobytes(), digest_size=16)
        topics = self.ordered[number].topics
        sha.update(repr((tuple(self.position[number]), topics)).encode("utf-8", "surrogatepass"))
        sha.update(self._patterns[topics])
        return sha.digest()

    def links_reusing(
        self, number: int, links: Mapping[str, Links] | None, prints: Mapping[str, bytes] | None
    ) -> tuple[Links, bytes]:
        """The links of the release at `number` and their fingerprint, its related releases taken
        from an earlier run's `links` when its fingerprint then (`prints`) is the one it has now."""
        fingerprint = self.fingerprint(number)
        release_id = self.ordered[number].id
        if links is not None and prints is not None and prints.get(release_id) == fingerprint and release_id in links:
            return self.neighbours(number, links[release_id].related), fingerprint
        return self.links_of(number), fingerprint

    def neighbours(self, number: int, related: tuple[str, ...]) -> Links:
        """The links of the release at `number` with `related` already known."""
        ordered = self.ordered
        return Links(
            previous=ordered[number - 1].id if number > 0 else None,
            next=ordered[number + 1].id if number + 1 < len(ordered) else None,
            related=related,
        )

    def links_of(self, number: int) -> Links:
        """The links of the release at `number` in `ordered`."""
        ordered = self.ordered
        release = ordered[number]
        parts = []
        weights = []
        for topic, at in self.position[number].items():
            start, stop = max(0, at - WINDOW), at + WINDOW + 1
            parts.append(self.arrays[topic][start:stop])
            weights.append(self.weights[topic][start:stop])
        related: tuple[str, ...] = ()
        if parts:
            # Score of a candidate = the sum of the IDF of the topics it shares, added in the
            # release's topic order (bincount adds in array order, as a loop over topics would:
            # the float sums, and so the ranking, are those of the plain loop). Bins are positions
            # from the lowest candidate on (cheaper than np.unique's sort); an IDF is > 0, so a
            # bin is a candidate exactly when its sum is not 0.
            everyone = np.concatenate(parts)
            low = int(everyone.min())
            dense = np.bincount(everyone - low, weights=np.concatenate(weights))
            if number >= low and number - low < len(dense):
                dense[number - low] = 0.0
            found = np.flatnonzero(dense)
            if len(found):
                related = self._best(release, found + low, dense[found])
        return Links(
            previous=ordered[number - 1].id if number > 0 else None,
            next=ordered[number + 1].id if number + 1 < len(ordered) else None,
            related=related,
        )

    def _best(self, release: Release, candidates: Any, sums: Any) -> tuple[str, ...]:
        """The RELATED_COUNT best candidates: highest score (rounded to 9 places), shared author,
        nearest date, id. Only candidates whose rounded score ties or beats the RELATED_COUNT-th
        best can be chosen, so rounding and the tie-breaks are computed for those alone (round()
        is monotonic: no candidate below that score by more than the rounding step can tie)."""
        count = min(RELATED_COUNT, len(sums))
        best = float(np.partition(sums, len(sums) - count)[len(sums) - count])
        cut = -round(best, 9)
        chosen = np.flatnonzero(sums >= best - 1e-8)
        # Python's round() (correctly rounded, unlike numpy's) once per distinct score.
        distinct, which = np.unique(sums[chosen], return_inverse=True)
        keys = np.array([-round(float(value), 9) for value in distinct.tolist()])[which]
        chosen, keys = chosen[keys <= cut], keys[keys <= cut]
        peers = candidates[chosen]
        shared = np.zeros(len(peers), dtype=np.int64)
        if release.author:
            colleagues = set().union(*(self.by_author[a] for a in release.author))
            # A set lookup per peer: there are few peers (the best and their ties), and np.isin sorts.
            shared = np.fromiter((peer in colleagues for peer in peers.tolist()), dtype=np.int64, count=len(peers))
        days = np.abs(self.ordinals[peers] - self.ordinals[self.index_of[release.id]])
        # Sort by (key, -shared author, days, id): lexsort's last key is the primary one.
        order = np.lexsort((self.id_rank[peers], days, -shared, keys))[:RELATED_COUNT]
        return tuple(self.ordered[int(peers[i])].id for i in order.tolist())


def _code(release: Release) -> int:
    """64 bits standing for what the ranking reads of a candidate: id, date, authors."""
    text = repr((release.id, release.date.toordinal(), release.author)).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little", signed=True)


def _score_patterns(topic_lists: set[tuple[str, ...]], idf: dict[str, float]) -> dict[tuple[str, ...], bytes]:
    """Topics of a release → the order (with ties) of the rounded scores that candidates sharing
    each non-empty subset of those topics would get, as bytes.

    A candidate's score is the sum of the IDFs of the topics it shares, added in the release's
    topic order, rounded to 9 places (`LinkIndex._best`): here every subset's sum is added in that
    order too (a cumulative sum where absent topics add an exact 0.0), and rounded by Python's
    round() as there. Equal bytes in two runs: the same candidates rank the same."""
    patterns: dict[tuple[str, ...], bytes] = {}
    by_length: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for topics in topic_lists:
        by_length[len(topics)].append(topics)
    for length, lists in by_length.items():
        if length == 0:
            for topics in lists:
                patterns[topics] = b""
            continue
        masks = (np.arange(1, 1 << length)[:, None] >> np.arange(length)[None, :]) & 1
        weights = np.array([[idf[t] for t in topics] for topics in lists])
        sums = np.cumsum(weights[:, None, :] * masks[None, :, :], axis=2)[:, :, -1]
        rounded = np.array([round(value, 9) for value in sums.ravel().tolist()]).reshape(sums.shape)
        order = np.argsort(rounded, axis=1, kind="stable")
        ranked = np.take_along_axis(rounded, order, axis=1)
        ties = ranked[:, 1:] == ranked[:, :-1]
        for row, topics in enumerate(lists):
            patterns[topics] = order[row].astype(np.int16).tobytes() + ties[row].tobytes()
    return patterns
