"""Dates and titles of saved web pages, side by side: Press Archive, htmldate and trafilatura.

Usage: python benchmarks/page_accuracy.py DIR [DIR ...] [--misses N] [--json] [--vocabulary ARCHIVE]

DIR holds truth.jsonl (records with "file", "title", "date" and optionally "lang") and the files it
names; only the .html records are measured. The page reader earns its code only if it does at least
as well as the general-purpose extractors on the very same bytes, so all three read each file as
stored: Press Archive through `read_release` (as benchmarks/accuracy.py calls it), htmldate's
`find_date` (extensive search, original date) and trafilatura's `extract_metadata` (its default date
settings). A release that cannot be read counts as no date and no title, and so does a title our
reader made up from the lede: the comparison is about what the page says, not what we can derive.

Titles are compared with whitespace collapsed (exact) and normalised by `normalise` (NFKC,
entities, case, punctuation; benchmarks/accuracy.py folds its titles with it too), since `<title>`
and `og:title` often differ from the headline only in quotes or the site name. Rates are given
overall and per language (truth "lang", else "en").
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import htmldate  # noqa: E402
from trafilatura.metadata import extract_metadata  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from generator import ReleaseError, Settings, read_release  # noqa: E402
from generator.enrich.vocabulary import Vocabulary, load_vocabulary  # noqa: E402


def normalise(text: str | None) -> str:
    """A title folded for comparison (NFKC, entities, case, punctuation, spaces); accuracy.py uses it too."""
    # Publishers' metadata sometimes keeps HTML entities ("Nation&#8217;s"); pages show characters.
    text = unicodedata.normalize("NFKC", html.unescape(text or "")).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())

TOOLS = ("Press Archive", "htmldate", "trafilatura")
DATES_ONLY = ("htmldate",)
"""Tools that do not look for a title: their title columns read "n/a", not 0."""
COLUMNS = ("exact date", "no date", "exact title", "normalised title")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Found:
    """A date (YYYY-MM-DD) and a title, or None where none was given."""

    date: str | None
    title: str | None


@dataclass(frozen=True)
class Page:
    """One saved page: its truth and what each tool found in its bytes."""

    file: str
    lang: str
    truth: Found
    found: dict[str, Found]


@dataclass(frozen=True)
class Score:
    """Counts for one tool over some pages; titles only over the pages whose truth has one."""

    pages: int = 0
    exact_date: int = 0
    no_date: int = 0
    titled: int = 0
    exact_title: int = 0
    normalised_title: int = 0

    def rates(self) -> dict[str, float]:
        """The table's columns as fractions (0 when nothing applies)."""
        return {
            "exact date": self.exact_date / self.pages if self.pages else 0.0,
            "no date": self.no_date / self.pages if self.pages else 0.0,
            "exact title": self.exact_title / self.titled if self.titled else 0.0,
            "normalised title": self.normalised_title / self.titled if self.titled else 0.0,
        }


@dataclass(frozen=True)
class Report:
    """All pages of one corpus folder, with the scores per tool and per language."""

    corpus: Path
    pages: list[Page] = field(default_factory=list)

    def score(self, tool: str, lang: str | None = None) -> Score:
        """The counts of `tool`, over all pages or over those in `lang`."""
        return tally((page.truth, page.found[tool]) for page in self.pages if lang in (None, page.lang))

    def languages(self) -> list[str]:
        """Sorted, so that the tables of two runs can be compared line by line."""
        return sorted({page.lang for page in self.pages})

    def misses(self) -> list[str]:
        """Our dates and (whitespace-collapsed) titles that are not the truth, with the others' answers."""
        lines = []
        for page in self.pages:
            for key in ("date", "title"):
                want = getattr(page.truth, key)
                if want is not None and collapse(getattr(page.found[TOOLS[0]], key)) != want:
                    answers = "; ".join(f"{tool}: {getattr(page.found[tool], key)!r}" for tool in TOOLS)
                    lines.append(f"{page.file}: {key}: truth {want!r}; {answers}")
        return lines


def collapse(text: str | None) -> str | None:
    """Whitespace collapsed: markup wraps and indents headlines, which is no difference in the title."""
    return " ".join(text.split()) if text is not None else None


def tally(pairs: Iterable[tuple[Found, Found]]) -> Score:
    """Counts of exact dates, missing dates and exact/normalised titles over (truth, found) pairs."""
    counts = Score()
    for truth, got in pairs:
        titled = truth.title is not None
        counts = Score(
            pages=counts.pages + 1,
            exact_date=counts.exact_date + (got.date == truth.date),
            no_date=counts.no_date + (got.date is None),
            titled=counts.titled + titled,
            exact_title=counts.exact_title + (titled and collapse(got.title) == truth.title),
            normalised_title=counts.normalised_title + (titled and normalise(got.title) == normalise(truth.title)),
        )
    return counts


def ours(path: Path, settings: Settings, vocabulary: Vocabulary) -> Found:
    """What the generator publishes for the file; a title derived from the lede is not the page's."""
    try:
        release = read_release(path, settings, vocabulary=vocabulary)
    except ReleaseError:
        return Found(None, None)
    return Found(release.date.isoformat(), release.title if release.extracted.get("title") != "lede" else None)


def others(data: bytes) -> dict[str, Found]:
    """htmldate's and trafilatura's answers for the same bytes (each decodes them as the page declares)."""
    date = htmldate.find_date(data, original_date=True)
    tree = load_html(data)
    metadata = extract_metadata(tree) if tree is not None else None
    return {
        "htmldate": Found(date, None),
        "trafilatura": Found(metadata.date, metadata.title) if metadata else Found(None, None),
    }


def compare(corpus: Path, vocabulary: Vocabulary | None = None) -> Report:
    """Every .html record of DIR/truth.jsonl read by the three tools (vocabulary: ROOT/archive's)."""
    if vocabulary is None:
        vocabulary, _ = load_vocabulary(ROOT / "archive")
    settings = Settings.load(corpus)
    report = Report(corpus)
    for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        if not truth["file"].endswith(".html"):
            continue
        path = corpus / truth["file"]
        found = {TOOLS[0]: ours(path, settings, vocabulary), **others(path.read_bytes())}
        want = Found(truth["date"], collapse(truth["title"]))
        report.pages.append(Page(truth["file"], truth.get("lang") or DEFAULT_LANGUAGE, want, found))
    return report


def rates(tool: str, score: Score) -> dict[str, float | None]:
    """The tool's rates, with None for the title columns of a tool that finds no titles."""
    return {key: None if tool in DATES_ONLY and "title" in key else rate for key, rate in score.rates().items()}


def table(report: Report, languages: bool = False) -> list[str]:
    """A Markdown table: one row per tool (per language and tool), the pages and the rates in per cent."""
    groups = [(f"{lang}: ", lang) for lang in report.languages()] if languages else [("", None)]
    first = "language: tool" if languages else "tool"
    lines = [f"| {first} | pages | " + " | ".join(f"{c} %" for c in COLUMNS) + " |", "| --- |" + " ---: |" * 5]
    for prefix, lang in groups:
        for tool in TOOLS:
            score = report.score(tool, lang)
            cells = " | ".join("n/a" if r is None else f"{100 * r:.1f}" for r in rates(tool, score).values())
            lines.append(f"| {prefix}{tool} | {score.pages} | {cells} |")
    return lines


def format_report(report: Report, misses: int = 20) -> str:
    """The side-by-side table, the same per language, and the first `misses` of our misses."""
    lines = [f"### {report.corpus} ({len(report.pages)} HTML pages)", ""]
    lines += [*table(report), "", *table(report, languages=True)]
    found = report.misses()
    lines += ["", f"Press Archive misses: {len(found)}" + (f" (first {misses})" if len(found) > misses else "")]
    lines += [f"- {miss}" for miss in found[:misses]]
    return "\n".join(lines)


def as_json(report: Report) -> dict[str, object]:
    """Counts and rates per tool, overall and per language, and our misses."""

    def entry(tool: str, lang: str | None = None) -> dict[str, object]:
        score = report.score(tool, lang)
        return {**asdict(score), **rates(tool, score)}

    return {
        "pages": len(report.pages),
        "tools": {tool: entry(tool) for tool in TOOLS},
        "languages": {lang: {tool: entry(tool, lang) for tool in TOOLS} for lang in report.languages()},
        "misses": report.misses(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--misses", type=int, default=20, help="how many of our misses to list")
    parser.add_argument("--json", action="store_true", help="print the counts and rates as JSON")
    parser.add_argument(
        "--vocabulary", type=Path, default=ROOT / "archive", help="folder with topics.yml/sources.yml/authors.yml"
    )
    args = parser.parse_args()
    # The extractors warn about every page they find no date in; the table says that already.
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    vocabulary, _ = load_vocabulary(args.vocabulary)
    reports = [compare(corpus, vocabulary) for corpus in args.corpus]
    if args.json:
        print(json.dumps({str(r.corpus): as_json(r) for r in reports}, indent=1, ensure_ascii=False))
    else:
        print("\n\n".join(format_report(r, args.misses) for r in reports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
