"""Extraction accuracy: what the generator extracts for DIR/raw/* against DIR/truth.jsonl.

Usage: python benchmarks/accuracy.py DIR [--vocabulary ARCHIVE] [--no-file-patterns] [--misses N]

Per field: exact-match rate over the records whose truth has that field (title: records with a
headline; author: records with a byline; place: records with a labelled dateline), plus a
normalised title match (case, punctuation and whitespace folded). `--no-file-patterns` ignores the
`files:` publisher defaults of sources.yml, to show what the text alone yields.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import ReleaseError, Settings, read_release  # noqa: E402
from generator.enrich.vocabulary import Vocabulary, load_vocabulary  # noqa: E402

FIELDS = (
    "title",
    "title (normalised)",
    "date",
    "author (text byline)",
    "author (front-matter names)",
    "source",
    "place",
)


def normalise(text: str | None) -> str:
    # Publishers' metadata sometimes keeps HTML entities ("Nation&#8217;s"); pages show characters.
    text = unicodedata.normalize("NFKC", html.unescape(text or "")).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def evaluate(corpus: Path, vocabulary: Vocabulary) -> tuple[dict[str, list[bool]], list[str], float]:
    scores: dict[str, list[bool]] = {field: [] for field in FIELDS}
    misses: list[str] = []
    # The corpus stands for a project: its files are named relative to it, as in truth.jsonl.
    settings = Settings.load(corpus)
    started = time.perf_counter()
    for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        path = truth["file"]
        try:
            release = read_release(corpus / path, settings, vocabulary=vocabulary)
            got = {
                "title": release.title if "title" not in release.extracted else None,
                "date": release.date.isoformat(),
                "author": list(release.author),
                "source": release.source,
                "place": release.place,
            }
        except ReleaseError as error:
            got = {"error": error.problem.format()}
        checks = {
            "date": (True, got.get("date") == truth["date"]),
            "source": (True, got.get("source") == truth["source"]),
            "title": (truth["title"] is not None, got.get("title") == truth["title"]),
            "title (normalised)": (
                truth["title"] is not None,
                normalise(got.get("title")) == normalise(truth["title"]),
            ),
            # A byline printed in the text, vs. author slugs of a site's front matter (which only the
            # site's own author registry can turn into display names).
            "author (text byline)": (
                bool(truth["authors"]) and path.endswith(".txt"),
                got.get("author") == truth["authors"],
            ),
            "author (front-matter names)": (
                bool(truth["authors"]) and not path.endswith(".txt"),
                got.get("author") == truth["authors"],
            ),
            "place": (truth.get("place") is not None, got.get("place") == truth.get("place")),
        }
        for field, (applies, ok) in checks.items():
            if applies:
                scores[field].append(ok)
                if not ok and field != "title":
                    key = "title" if field == "title (normalised)" else field.split(" (")[0]
                    want = truth["authors"] if key == "author" else truth.get(key)
                    misses.append(f"{truth['id']}: {key}: got {got.get(key, got.get('error'))!r}, want {want!r}")
    return scores, misses, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--vocabulary", type=Path, default=ROOT / "archive", help="folder with topics.yml/sources.yml")
    parser.add_argument("--no-file-patterns", action="store_true")
    parser.add_argument("--misses", type=int, default=60, help="how many misses to list")
    parser.add_argument("--json", action="store_true", help="print the rates as JSON")
    args = parser.parse_args()
    vocabulary, _ = load_vocabulary(args.vocabulary)
    if args.no_file_patterns:
        sources = tuple(dataclasses.replace(s, files=()) for s in vocabulary.sources)
        vocabulary = dataclasses.replace(vocabulary, sources=sources)
    scores, misses, seconds = evaluate(args.corpus, vocabulary)
    rates = {f: (sum(v) / len(v) if v else 0.0, sum(v), len(v)) for f, v in scores.items()}
    if args.json:
        print(json.dumps({f: r[0] for f, r in rates.items()}, indent=1))
        return 0
    print("| field | exact match | matched / applicable |\n| --- | ---: | ---: |")
    for field, (rate, ok, total) in rates.items():
        print(f"| {field} | {rate:.1%} | {ok} / {total} |")
    count = len(scores["date"])
    print(f"\n{count} releases in {seconds:.2f} s ({1000 * seconds / max(count, 1):.1f} ms each)")
    if misses:
        print(f"\nMisses ({len(misses)}; first {min(len(misses), args.misses)}):")
        for miss in misses[: args.misses]:
            print(f"- {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
