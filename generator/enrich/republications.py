"""Republications: the same release as published by two outlets (a wire copy and the agency's own
page, say) — near-duplicate body text — so each page can say "Also published as".

Word 5-gram shingles, MinHash signatures and LSH banding (datasketch) find candidate pairs in time
linear in the archive; every candidate is then verified with the exact Jaccard similarity of the
two shingle sets, so the published links never depend on hashing luck, only on the threshold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from datasketch import MinHash, MinHashLSH

from generator.model import Release

SHINGLE = 5
"""Words per shingle: long enough that two unrelated releases on one topic share few of them."""
THRESHOLD = 0.8
"""Exact Jaccard similarity of the shingle sets from which two releases are one text."""
NUM_PERM = 64
SEED = 1
"""Fixed, so the signatures (and so the candidate pairs) are the same on every machine."""
MIN_WORDS = 25
"""Shorter texts (a one-line notice) are alike by chance, not because they are the same release."""

_WORD_RE = re.compile(r"\w+")


def words_of(release: Release) -> list[str]:
    """The release's body text as lower-case words; datelines, bylines and footers are not part of
    the body, so two outlets' copies of one release differ only where an outlet edited the text."""
    text = " ".join(block.text for block in release.body) or f"{release.title} {release.summary or ''}"
    return _WORD_RE.findall(text.casefold())


def shingles(words: Sequence[str], size: int = SHINGLE) -> frozenset[str]:
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_republications(releases: Iterable[Release], threshold: float = THRESHOLD) -> dict[str, tuple[str, ...]]:
    """Release id → ids of the other releases with (nearly) the same text, oldest first.

    Only releases that have republications are keys; the relation is symmetric but not transitive
    (each pair is checked on its own). Output is deterministic: ordered by (date, id).
    """
    ordered = sorted(releases, key=lambda r: (r.date, r.id))
    sets: dict[str, frozenset[str]] = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    for release in ordered:
        words = words_of(release)
        if len(words) < MIN_WORDS:
            continue
        shingle_set = shingles(words)
        signature = MinHash(num_perm=NUM_PERM, seed=SEED)
        signature.update_batch([s.encode() for s in sorted(shingle_set)])
        sets[release.id] = shingle_set
        signatures[release.id] = signature
        lsh.insert(release.id, signature)
    found: dict[str, set[str]] = defaultdict(set)
    for release_id, signature in signatures.items():
        for other in lsh.query(signature):
            if other <= release_id:  # each unordered pair once (and never a release with itself)
                continue
            if jaccard(sets[release_id], sets[other]) >= threshold:
                found[release_id].add(other)
                found[other].add(release_id)
    order = {r.id: (r.date, r.id) for r in ordered}
    return {rid: tuple(sorted(others, key=order.__getitem__)) for rid, others in sorted(found.items())}
