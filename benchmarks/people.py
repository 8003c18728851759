"""Precision and recall of the people-quoted extractor on the hand-labelled releases.

    python benchmarks/people.py [--misses]

Runs the whole pipeline (`generator.read_release`) over each file of
tests/fixtures/people/labels.jsonl and compares the release's `people` (and the role it gives each,
`Release.roles`) with the labels, which follow tests/fixtures/people/RULES.md. A name counts when it
is the label's exactly; a role when the name and the role both are (a missing role is `null`).
Figures per collection (the id's prefix: doj, senate, digitalgov, pclob, fomc; the sample
archive's seed release is "archive") and in all; `--misses` lists every false positive and negative.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fixtures" / "people" / "labels.jsonl"
COLLECTIONS = ("doj", "senate", "digitalgov", "pclob", "fomc")


@dataclass
class Tally:
    """Counts of one collection: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, found: set[tuple[str, ...]], truth: set[tuple[str, ...]]) -> None:
        self.tp += len(found & truth)
        self.fp += len(found - truth)
        self.fn += len(truth - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    names: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    roles: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)


def collection(release_id: str) -> str:
    prefix = release_id.split("-", 1)[0]
    return prefix if prefix in COLLECTIONS else "archive"


def evaluate(labels: Path = LABELS) -> Report:
    """Score every labelled release; totals are under "all"."""
    from generator import read_release
    from generator.enrich.vocabulary import load_vocabulary
    from generator.settings import Settings

    settings = Settings.load(ROOT)
    vocabulary, _ = load_vocabulary(settings.archive)
    report = Report()
    for line in labels.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        release = read_release(ROOT / label["file"], settings, vocabulary=vocabulary)
        truth_names = {(p["name"],) for p in label["people"]}
        found_names = {(name,) for name in release.people}
        truth_roles = {(p["name"], p["role"] or "") for p in label["people"]}
        found_roles = {(name, release.roles.get(name, "")) for name in release.people}
        for group in (collection(label["id"]), "all"):
            report.names[group].add(found_names, truth_names)
            report.roles[group].add(found_roles, truth_roles)
        report.misses += [f"{label['id']}: false positive {n!r}" for (n,) in sorted(found_names - truth_names)]
        report.misses += [f"{label['id']}: missed {n!r}" for (n,) in sorted(truth_names - found_names)]
        report.misses += [
            f"{label['id']}: role of {n!r}: {r!r}, labelled {dict(truth_roles - found_roles).get(n)!r}"
            for n, r in sorted(found_roles - truth_roles) if (n,) in truth_names
        ]
    return report


def main(argv: list[str]) -> int:
    report = evaluate()
    print(f"{'collection':<12} {'names P':>8} {'names R':>8} {'roles P':>8} {'roles R':>8} {'people':>7}")
    for group in (*COLLECTIONS, "archive", "all"):
        names, roles = report.names[group], report.roles[group]
        print(f"{group:<12} {names.precision:>8.1%} {names.recall:>8.1%} {roles.precision:>8.1%} "
              f"{roles.recall:>8.1%} {names.tp + names.fn:>7}")
    if "--misses" in argv:
        print()
        print("\n".join(report.misses))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
