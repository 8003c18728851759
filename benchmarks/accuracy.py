"""Extraction accuracy: what the generator extracts for DIR/raw/* against DIR/truth.jsonl.

Usage: python benchmarks/accuracy.py DIR [--vocabulary ARCHIVE] [--no-file-patterns] [--misses N]

Per field: exact-match rate over the records whose truth has that field (title: records with a
headline; author: records with a byline; place: records with a labelled dateline), plus a
normalised title match (case, punctuation and whitespace folded). `--no-file-patterns` ignores the
`files:` publisher defaults of sources.yml, to show what the text alone yields.

Then the source per collection (id prefix; "plain text" = the .txt releases), with and without the
`files:` patterns: recall (the truth's source) and the wrong-source rate (a source given that is
not the truth's; no source is not wrong). For an archive a wrong source is worse than none.

When DIR has HTML pages, their dates and titles follow side by side with htmldate's and
trafilatura's on the same bytes (benchmarks/page_accuracy.py, which measures other folders too).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from page_accuracy import compare, format_report, normalise  # noqa: E402

from generator import ReleaseError, Settings, read_release  # noqa: E402
from generator.enrich.vocabulary import Vocabulary, load_vocabulary  # noqa: E402

FIELDS = (
    "title",
    "title (normalised)",
    "date",
    "author (text byline)",
    "author (front-matter names)",
    "author (front-matter names, none wrong)",
    "source",
    "place",
)


COLLECTIONS = ("doj", "digitalgov", "pclob", "senate", "fomc")
PLAIN_TEXT = "plain text"


def same_place(got: dict[str, object], place: str | None) -> bool:
    """The place found is the truth's: as written, or in headline case when it was in capitals."""
    if got.get("place_cased"):
        return str(got.get("place")).casefold() == str(place).casefold()
    return got.get("place") == place


def evaluate(
    corpus: Path, vocabulary: Vocabulary, outcomes: list[tuple[str, str]] | None = None
) -> tuple[dict[str, list[bool]], list[str], float]:
    """Scores per field, the misses, the seconds taken; `outcomes` (when given) gets each release's
    file and its source outcome: "right", "wrong" (another source) or "none"."""
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
                "title": release.title if release.extracted.get("title") != "lede" else None,
                "date": release.date.isoformat(),
                "author": list(release.author),
                "source": release.source,
                "place": release.place,
                "place_cased": release.extracted.get("place") == "case",
            }
        except ReleaseError as error:
            got = {"error": error.problem.format()}
        checks = {
            "date": (True, got.get("date") == truth["date"]),
            # A set without the publisher's source or bylines (tests/fixtures/newsroom) is measured on the rest.
            "source": ("source" in truth, got.get("source") == truth.get("source")),
            "title": (truth.get("title") is not None, got.get("title") == truth.get("title")),
            "title (normalised)": (
                truth.get("title") is not None,
                normalise(got.get("title")) == normalise(truth.get("title")),
            ),
            # A byline printed in the text, vs. author slugs of a site's front matter (which only the
            # site's own author registry can turn into display names).
            "author (text byline)": (
                bool(truth.get("authors")) and path.endswith(".txt"),
                got.get("author") == truth.get("authors"),
            ),
            "author (front-matter names)": (
                bool(truth.get("authors")) and not path.endswith(".txt"),
                got.get("author") == truth.get("authors"),
            ),
            # A publisher id the registry does not know gives no author: never a wrong one.
            "author (front-matter names, none wrong)": (
                bool(truth.get("authors")) and not path.endswith(".txt"),
                set(got.get("author") or ()) <= set(truth.get("authors") or ()),
            ),
            # The truth keeps a place as written; one written in capitals is published in headline case.
            "place": (truth.get("place") is not None, same_place(got, truth.get("place"))),
        }
        if outcomes is not None and "source" in truth:
            given = got.get("source")
            outcomes.append((path, "right" if given == truth["source"] else "wrong" if given else "none"))
        for field, (applies, ok) in checks.items():
            if applies:
                scores[field].append(ok)
                if not ok and field != "title":
                    key = "title" if field == "title (normalised)" else field.split(" (")[0]
                    want = truth.get("authors") if key == "author" else truth.get(key)
                    misses.append(f"{truth['id']}: {key}: got {got.get(key, got.get('error'))!r}, want {want!r}")
    return scores, misses, time.perf_counter() - started


def source_rates(outcomes: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Per collection (and for the plain-text releases, and all): releases, recall, wrong-source rate."""
    groups: dict[str, list[str]] = {key: [] for key in (*COLLECTIONS, PLAIN_TEXT, "all")}
    for path, outcome in outcomes:
        name = Path(path).name
        for key in COLLECTIONS:
            if name.startswith(key + "-"):
                groups[key].append(outcome)
        if name.endswith(".txt"):
            groups[PLAIN_TEXT].append(outcome)
        groups["all"].append(outcome)
    return {
        key: {
            "releases": len(found),
            "recall": found.count("right") / len(found),
            "wrong": found.count("wrong") / len(found),
        }
        for key, found in groups.items()
        if found
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--vocabulary", type=Path, default=ROOT / "archive", help="folder with topics.yml/sources.yml/authors.yml"
    )
    parser.add_argument("--no-file-patterns", action="store_true")
    parser.add_argument("--misses", type=int, default=60, help="how many misses to list")
    parser.add_argument("--json", action="store_true", help="print the rates as JSON")
    args = parser.parse_args()
    loaded, _ = load_vocabulary(args.vocabulary)
    without = dataclasses.replace(loaded, sources=tuple(dataclasses.replace(s, files=()) for s in loaded.sources))
    vocabulary = without if args.no_file_patterns else loaded
    outcomes: dict[bool, list[tuple[str, str]]] = {args.no_file_patterns: []}
    scores, misses, seconds = evaluate(args.corpus, vocabulary, outcomes[args.no_file_patterns])
    outcomes[not args.no_file_patterns] = []
    evaluate(args.corpus, loaded if args.no_file_patterns else without, outcomes[not args.no_file_patterns])
    rates = {f: (sum(v) / len(v) if v else 0.0, sum(v), len(v)) for f, v in scores.items()}
    table = {no_patterns: source_rates(found) for no_patterns, found in outcomes.items()}
    if args.json:
        rows = {f"source {key} ({'no ' if no_patterns else ''}file patterns)": value
                for no_patterns, by_collection in table.items() for key, value in by_collection.items()}
        print(json.dumps({**{f: r[0] for f, r in rates.items()}, **rows}, indent=1))
        return 0
    print("| field | exact match | matched / applicable |\n| --- | ---: | ---: |")
    for field, (rate, ok, total) in rates.items():
        print(f"| {field} | {f'{rate:.1%}' if total else 'n/a'} | {ok} / {total} |")
    if table[True]:
        print("\n| source | releases | recall | wrong | recall, no file patterns | wrong, no file patterns |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for key in table[True]:
        cells = [f"{table[p][key]['recall']:.1%} | {table[p][key]['wrong']:.1%}" for p in (False, True)]
        print(f"| {key} | {table[True][key]['releases']:.0f} | {cells[0]} | {cells[1]} |")
    count = len(scores["date"])
    print(f"\n{count} releases in {seconds:.2f} s ({1000 * seconds / max(count, 1):.1f} ms each)")
    if misses:
        print(f"\nMisses ({len(misses)}; first {min(len(misses), args.misses)}):")
        for miss in misses[: args.misses]:
            print(f"- {miss}")
    pages = compare(args.corpus, vocabulary)
    if pages.pages:
        print(f"\nHTML pages, side by side with htmldate and trafilatura:\n\n{format_report(pages, args.misses)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
