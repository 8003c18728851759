"""Republications: the same release as published by two outlets (a wire copy and the agency's own
page, say) — near-duplicate body text — so each page can say "Also published as".

Word 5-gram shingles, MinHash signatures and LSH banding find candidate pairs in time linear in the
archive; every candidate is then verified with the exact Jaccard similarity of the two shingle
sets, so the published links never depend on hashing luck, only on the threshold.

The signatures and bands are datasketch's (`MinHash(num_perm=64, seed=1)`, its default "affine32"
scheme, and the bands `MinHashLSH(threshold=0.8, num_perm=64)` chooses), computed here with numpy
alone: importing datasketch pulls in scipy, a third of a second that every `generate` paid.
tests/test_republications_minhash.py checks both against datasketch itself.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from generator.model import Release

SHINGLE = 5
"""Words per shingle: long enough that two unrelated releases on one topic share few of them."""
THRESHOLD = 0.8
"""Exact Jaccard similarity of the shingle sets from which two releases are one text."""
NUM_PERM = 64
SEED = 1
"""Fixed, so the signatures (and so the candidate pairs) are the same on every machine."""
BANDS, ROWS = 5, 11
"""LSH bands × rows per band: what datasketch's MinHashLSH picks for THRESHOLD and NUM_PERM."""
MIN_WORDS = 25
"""Shorter texts (a one-line notice) are alike by chance, not because they are the same release."""

_WORD_RE = re.compile(r"\w+")
# MurmurHash3's 32-bit finalizer (datasketch's `_fmix` for width 32).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def words_of(release: Release) -> list[str]:
    """The release's body text as lower-case words; datelines, bylines and footers are not part of
    the body, so two outlets' copies of one release differ only where an outlet edited the text."""
    return _WORD_RE.findall(_text_of(release).casefold())


def _text_of(release: Release) -> str:
    return " ".join(block.text for block in release.body) or f"{release.title} {release.summary or ''}"


# Punctuation that is common in English text and never part of a word (\w): the text with these
# as spaces has the same words, and is often ASCII, whose words a byte table finds faster.
_PUNCTUATION = "“”‘’—–…•·\u00a0®©™°§"
_ASCII_WORDS = bytes(
    byte if byte < 128 and (chr(byte).isalnum() or byte == ord("_")) else ord(" ") for byte in bytes(range(256)).lower()
)
"""Byte table: ASCII capitals to lower case, word characters ([0-9A-Za-z_]) kept, the rest spaces."""


def _encoded_words(release: Release) -> tuple[bytes, int]:
    """`words_of(release)` joined by spaces and encoded as UTF-8, and how many words there are."""
    text = _text_of(release)
    for mark in _PUNCTUATION:
        if mark in text:
            text = text.replace(mark, " ")
    if text.isascii():
        # In ASCII, \w is [0-9A-Za-z_] and casefold() is lower(): one pass of a byte table.
        found = text.encode().translate(_ASCII_WORDS).split()
        return b" ".join(found), len(found)
    words = _WORD_RE.findall(text.casefold())
    return " ".join(words).encode(), len(words)


def shingles(words: Sequence[str], size: int = SHINGLE) -> frozenset[str]:
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


@cache
def _permutations() -> tuple[Any, Any]:
    """The affine permutations (a, b) of datasketch's MinHash for (NUM_PERM, SEED): drawn once."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def signature_of(release: Release) -> Any | None:
    """The release's MinHash values (a numpy array), or None when its text is too short to compare.

    A function of the release alone, so it is computed where the release is extracted (in parallel,
    and kept in the cache). The hash of a shingle is datasketch's default: the first 4 bytes of its
    SHA-1, little endian, then the MurmurHash3 finalizer and h → a·h + b (mod 2³²) per permutation.
    """
    data, count = _encoded_words(release)
    if count < MIN_WORDS:
        return None
    # The shingles as UTF-8 bytes: slices of the encoded text, from the byte where a word starts to
    # the byte where the word SHINGLE - 1 further on ends. Words are runs of \w, so the encoded text
    # holds a space byte (never part of a multi-byte character) exactly between two words, and
    # numpy finds them all at once: word j spans the bytes after bounds[j] up to bounds[j + 1].
    # A shingle that occurs twice is hashed twice: the minimum is the same.
    bounds = np.empty(count + 1, dtype=np.intp)
    bounds[0] = -1
    bounds[1:count] = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 32)
    bounds[count] = len(data)
    starts = (bounds[: count - SHINGLE + 1] + 1).tolist()
    sha1 = hashlib.sha1
    # Whole digests joined, and their first 4 bytes read by numpy (every fifth little-endian uint32).
    pairs = zip(starts, bounds[SHINGLE:].tolist(), strict=True)
    hashed = b"".join([sha1(data[start:end]).digest() for start, end in pairs])
    hv = np.frombuffer(hashed, dtype="<u4")[::5].astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    a, b = _permutations()
    # One row per permutation, one column per shingle: each minimum is over a contiguous row.
    values = a[:, None] * hv[None, :]
    values += b[:, None]
    return values.min(axis=1)


def find_republications(
    releases: Iterable[Release],
    threshold: float = THRESHOLD,
    signatures: Mapping[str, Any | None] | None = None,
    full: Callable[[Release], Release] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Release id → ids of the other releases with (nearly) the same text, oldest first.

    Only releases that have republications are keys; the relation is symmetric but not transitive
    (each pair is checked on its own). Output is deterministic: ordered by (date, id).
    `signatures` are `signature_of` each release when the caller has them already (None for a
    short text; an array or its bytes as little-endian uint32); `full` gives a release with its
    body when the caller's releases have none (the exact check reads the candidates' bodies only).
    """
    ordered = sorted(releases, key=lambda r: (r.date, r.id))
    by_id = {r.id: r for r in ordered}
    # Two releases are candidates when all ROWS values of one band are equal (LSH banding).
    buckets: list[dict[bytes, list[str]]] = [defaultdict(list) for _ in range(BANDS)]
    bands_of: dict[str, list[bytes]] = {}
    ids: list[str] = []
    rows: list[Any] = []
    for release in ordered:
        known = signatures is not None and release.id in signatures
        values = signatures[release.id] if signatures is not None and known else signature_of(release)
        if values is not None:
            ids.append(release.id)
            rows.append(np.frombuffer(values, dtype="<u4") if isinstance(values, bytes) else values)
    if rows:
        # Each band's values of every release as one bytes object, cut by numpy in one go (a row
        # of ROWS uint32 seen as one opaque item) rather than sliced and copied release by release.
        matrix = np.stack(rows).astype(np.uint32, copy=False)
        width = np.dtype((np.void, ROWS * matrix.itemsize))
        by_band: list[list[bytes]] = [
            np.ascontiguousarray(matrix[:, i * ROWS : (i + 1) * ROWS]).view(width).ravel().tolist()  # type: ignore[misc]
            for i in range(BANDS)
        ]
        for number, release_id in enumerate(ids):
            keys = [by_band[band][number] for band in range(BANDS)]
            bands_of[release_id] = keys
            for band, key in enumerate(keys):
                buckets[band][key].append(release_id)
    sets: dict[str, frozenset[str]] = {}

    def shingle_set(release_id: str) -> frozenset[str]:
        # Only the candidates' shingles are needed, for the exact check.
        if release_id not in sets:
            release = by_id[release_id]
            sets[release_id] = shingles(words_of(full(release) if full is not None else release))
        return sets[release_id]

    found: dict[str, set[str]] = defaultdict(set)
    for release_id, keys in bands_of.items():
        candidates = {other for band, key in enumerate(keys) for other in buckets[band][key]}
        for other in sorted(candidates):
            if other <= release_id:  # each unordered pair once (and never a release with itself)
                continue
            if jaccard(shingle_set(release_id), shingle_set(other)) >= threshold:
                found[release_id].add(other)
                found[other].add(release_id)
    order = {r.id: (r.date, r.id) for r in ordered}
    return {rid: tuple(sorted(others, key=order.__getitem__)) for rid, others in sorted(found.items())}
