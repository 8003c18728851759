"""The republication search's own MinHash and LSH bands are datasketch's, value for value, and find
the same republications as datasketch's MinHashLSH did."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict

from datasketch import MinHash, MinHashLSH

from generator.enrich import republications as rep
from generator.model import Block, Release

WORDS = [
    "agency", "program", "report", "policy", "plan", "grant", "budget", "office", "committee", "council", "review",
    "data", "safety",
]


def release(number: int, text: str) -> Release:
    return Release(
        id=f"r{number:03d}", title=f"Release {number}", date=dt.date(2020, 1, 1) + dt.timedelta(days=number % 40),
        body=(Block(kind="paragraph", text=text),),
    )


def corpus(seed: int = 3) -> list[Release]:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 200))) for _ in range(60)]
    # Near copies: a few words changed, so some pairs pass the threshold and some do not.
    for base in range(0, 60, 4):
        words = texts[base].split()
        for _ in range(rng.randint(0, 12)):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        texts.append(" ".join(words))
    return [release(i, t) for i, t in enumerate(texts)]


def test_signature_is_datasketchs() -> None:
    for item in corpus():
        words = rep.words_of(item)
        ours = rep.signature_of(item)
        if len(words) < rep.MIN_WORDS:
            assert ours is None
            continue
        theirs = MinHash(num_perm=rep.NUM_PERM, seed=rep.SEED)
        theirs.update_batch([s.encode() for s in sorted(rep.shingles(words))])
        assert ours is not None and (ours == theirs.hashvalues).all()


def test_bands_are_datasketchs() -> None:
    lsh = MinHashLSH(threshold=rep.THRESHOLD, num_perm=rep.NUM_PERM)
    assert (lsh.b, lsh.r) == (rep.BANDS, rep.ROWS)


def datasketch_republications(releases: list[Release]) -> dict[str, tuple[str, ...]]:
    """The implementation before the numpy one, with datasketch's MinHashLSH."""
    ordered = sorted(releases, key=lambda r: (r.date, r.id))
    lsh = MinHashLSH(threshold=rep.THRESHOLD, num_perm=rep.NUM_PERM)
    sets, signatures = {}, {}
    for item in ordered:
        words = rep.words_of(item)
        if len(words) < rep.MIN_WORDS:
            continue
        shingle_set = rep.shingles(words)
        signature = MinHash(num_perm=rep.NUM_PERM, seed=rep.SEED)
        signature.update_batch([s.encode() for s in sorted(shingle_set)])
        sets[item.id], signatures[item.id] = shingle_set, signature
        lsh.insert(item.id, signature)
    found: dict[str, set[str]] = defaultdict(set)
    for rid, signature in signatures.items():
        for other in lsh.query(signature):
            if other > rid and rep.jaccard(sets[rid], sets[other]) >= rep.THRESHOLD:
                found[rid].add(other)
                found[other].add(rid)
    order = {r.id: (r.date, r.id) for r in ordered}
    return {rid: tuple(sorted(o, key=order.__getitem__)) for rid, o in sorted(found.items())}


def test_same_republications_as_datasketch() -> None:
    releases = corpus()
    expected = datasketch_republications(releases)
    assert expected  # the corpus has some
    assert rep.find_republications(releases) == expected
    signatures = {r.id: rep.signature_of(r) for r in releases}
    assert rep.find_republications(releases, signatures=signatures) == expected


def assert_signatures_are_datasketchs(texts: list[str]) -> None:
    for number, text in enumerate(texts):
        item = release(number, text)
        theirs = MinHash(num_perm=rep.NUM_PERM, seed=rep.SEED)
        theirs.update_batch([s.encode() for s in sorted(rep.shingles(rep.words_of(item)))])
        ours = rep.signature_of(item)
        assert ours is not None and (ours == theirs.hashvalues).all()


def test_signature_of_non_ascii_text_is_datasketchs() -> None:
    """Shingles are cut from the encoded text by byte offsets: words of several bytes each too."""
    texts = ["Ünïcode wörds façade naïve café " * 10, "日本語 テキスト と English ß straße " * 8]
    assert_signatures_are_datasketchs(texts)


def test_signature_of_text_with_punctuation_and_capitals_is_datasketchs() -> None:
    """Texts that are ASCII once their curly quotes and dashes are spaces take a byte-table path to
    their words; the words, and so the signature, are those of the regex on the casefolded text."""
    texts = [
        "“The PLAN—its Budget_Lines” aren’t final… • Council’s 2nd REVIEW (draft) – said O’Neil. " * 4,
        "Plain ASCII text, with capitals: Grant 2024; Office-of-Data review; safety_first! " * 4,
        "Mixed: café “quoted” naïve — résumé ‘single’ Straße 1² x " * 5,
    ]
    assert_signatures_are_datasketchs(texts)


def test_punctuation_taken_as_spaces_is_never_part_of_a_word() -> None:
    for mark in rep._PUNCTUATION:
        assert not re.match(r"\w", mark) and mark.casefold() == mark and not mark.isascii()
