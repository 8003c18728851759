"""A deterministic synthetic archive of N raw press releases, for benchmarks.

    python benchmarks/synth.py N OUT [--seed S]

writes OUT/archive/YYYY/YYYY-MM-DD-slug.{txt,html} (plus the repository's `topics.yml`,
`sources.yml` and `authors.yml`), OUT/mkdocs.yml and the repository's hand-written pages (`docs/`, minus the
generated folders) and `overrides/`, so OUT is a project that `press-archive build` builds.

The releases have the seed's shape: mostly plain text with a dateline in one of several forms, a
`By:` byline, a headline line, paragraphs, one-line subheadings and a `Source: https://domain`
footer; about one in ten is a saved newsroom page (`<meta>`, `<h1>`, `<time>`). About 30 sources
(from sources.yml), 300 generated authors, topics from topics.yml with a long tail (Zipf), dates over
15 years, 300–1,500 words from a fixed word list and sentence templates: no network, no model.

Release i depends only on the seed and i, so the first 1,000 releases of a 10k archive are the
1k archive (benchmarks at different sizes share their releases, and an archive can be grown one
release at a time); the same N always writes the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.render import paths

REPO = Path(__file__).resolve().parent.parent
SEED = 7
SOURCES = 30
AUTHORS = 300
HTML_SHARE = 0.10
FIRST_DAY = dt.date(2010, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days  # 15 years
MIN_WORDS, MAX_WORDS = 300, 1500
ZIPF_S = 1.1
GENERATED = {*paths.GENERATED, *paths.GENERATED_FILES}
"""Generated folders and files of docs/: not copied into OUT."""

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
PLACES = [
    ("Washington", "DC"), ("Arlington", "Va."), ("Baltimore", "Md."), ("Chicago", "Ill."),
    ("Denver", "Colo."), ("Atlanta", "Ga."), ("Boston", "Mass."), ("Seattle", "Wash."),
    ("Houston", "Texas"), ("Phoenix", "Ariz."), ("Sacramento", "Calif."), ("Albany", "N.Y."),
    ("Billings", "Mont."), ("Santa Fe", "N.M."), ("Richmond", "Va."), ("Columbus", "Ohio"),
]
OUTLETS = ["ENEWSPF", "AP", "PRNewswire", "Business Wire", "GlobeNewswire", "States News Service"]
FIRST_NAMES = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
    "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily",
    "Andrew", "Donna", "Kenneth", "Michelle", "Joshua", "Carol", "Kevin", "Amanda", "Brian", "Melissa",
]
LAST_NAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
    "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
]
NOUNS = [
    "agency", "program", "report", "policy", "plan", "grant", "budget", "office", "committee",
    "council", "review", "proposal", "project", "system", "service", "network", "market", "region",
    "community", "district", "county", "state", "city", "department", "initiative", "measure", "rule",
    "standard", "guidance", "framework", "partnership", "effort", "investment", "facility", "contract",
    "agreement", "study", "survey", "data", "record", "analysis", "outcome", "progress", "support",
    "funding", "resource", "safety", "security", "access", "training", "workforce", "employer",
    "family", "student", "worker", "consumer", "patient", "veteran", "resident", "business",
]
VERBS = [
    "announced", "approved", "released", "expanded", "launched", "reviewed", "completed", "improved",
    "proposed", "supported", "funded", "extended", "updated", "published", "awarded", "issued",
    "adopted", "strengthened", "delivered", "recommended",
]
ADJECTIVES = [
    "new", "federal", "local", "national", "regional", "public", "annual", "additional", "significant",
    "important", "critical", "comprehensive", "effective", "independent", "initial", "final", "current",
    "long-term", "rural", "urban", "digital",
]
ADVERBS = [
    "today", "recently", "formally", "jointly", "quickly", "carefully", "publicly", "again", "also",
    "further",
]
SENTENCES = [
    "The {adj} {noun} {verb} {adv} will help the {noun2} meet its {adj2} goals.",
    "Officials said the {noun} {verb} the {adj} {noun2} after a {adj2} {noun3} of {num} months.",
    "\u201cThis {noun} is {adj} for every {noun2} in the {noun3},\u201d said {person}.",
    "Under the {adj} {noun}, the {noun2} {verb} ${num},{num3} for {adj2} {noun3}.",
    "The {noun} {verb} by the {noun2} includes {num} {adj} {noun3}s and a {adj2} {noun4}.",
    "More than {num} {noun}s {verb} the {adj} {noun2} in {year}, according to the {noun3}.",
    "{person} {verb} the {noun} and the {adj} {noun2} that the {noun3} {verb2} last year.",
    "The {noun2} {verb} {adv} that {topic} remains a {adj} {noun} for the {noun3}.",
    "Work on {topic} and the {adj} {noun} {verb} in {month}, the {noun2} said.",
]
SUBHEADS = ["Background", "Next Steps", "About the {noun}", "{Adj} {Noun}s", "Funding", "{Topic} and the {Noun}"]


@dataclass(frozen=True)
class Pools:
    """What every release draws from: depends on the seed only."""

    topics: list[str]
    weights: list[float]
    sources: list[tuple[str, str]]  # (name, domain)
    authors: list[str]


def pools(seed: int, archive: Path) -> Pools:
    rng = random.Random(f"{seed}:pools")
    topics_yml = yaml.safe_load((archive / "topics.yml").read_text(encoding="utf-8")) or []
    names: list[str] = []
    for topic in topics_yml:
        names.append(str(topic["name"]))
        names += [str(a) for a in topic.get("aliases") or []]
    # One phrase per topic or alias, in a seeded order; Zipf weights give the long tail.
    rng.shuffle(names)
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(names) + 1)]
    sources_yml = yaml.safe_load((archive / "sources.yml").read_text(encoding="utf-8")) or []
    with_domains = [(str(s["name"]), str(s["domains"][0])) for s in sources_yml if s.get("domains")]
    sources = rng.sample(with_domains, min(SOURCES, len(with_domains)))
    authors: list[str] = []
    seen: set[str] = set()
    while len(authors) < AUTHORS:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.3:
            name = f"{name.split()[0]} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {name.split()[1]}"
        if name not in seen:
            seen.add(name)
            authors.append(name)
    return Pools(topics=names, weights=weights, sources=sources, authors=authors)


def _fill(template: str, rng: random.Random, topics: list[str], date: dt.date, authors: list[str]) -> str:
    values: dict[str, Any] = {
        "noun": rng.choice(NOUNS), "noun2": rng.choice(NOUNS), "noun3": rng.choice(NOUNS),
        "noun4": rng.choice(NOUNS), "verb": rng.choice(VERBS), "verb2": rng.choice(VERBS),
        "adj": rng.choice(ADJECTIVES), "adj2": rng.choice(ADJECTIVES), "adv": rng.choice(ADVERBS),
        "num": rng.randint(2, 900), "num3": f"{rng.randint(0, 999):03d}", "year": date.year - rng.randint(0, 3),
        "month": MONTHS[rng.randrange(12)], "topic": rng.choice(topics),
        "person": rng.choice(authors) if rng.random() < 0.5 else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
    }
    values.update({k.capitalize(): str(v).capitalize() for k, v in list(values.items())})
    return template.format(**values)


def slugify(text: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "release"


@dataclass(frozen=True)
class Release:
    date: dt.date
    headline: str
    authors: list[str]
    source: tuple[str, str]
    topics: list[str]
    paragraphs: list[list[str]]  # paragraphs; a one-item paragraph marked by None heading is body
    subheads: dict[int, str]  # paragraph index → subheading before it
    place: tuple[str, str]
    outlet: str | None


def make_release(i: int, seed: int, pool: Pools) -> tuple[Release, random.Random]:
    rng = random.Random(f"{seed}:{i}")
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS + 1))
    topics = list(dict.fromkeys(rng.choices(pool.topics, weights=pool.weights, k=rng.randint(1, 5))))
    authors = rng.sample(pool.authors, rng.choice([0, 1, 1, 1, 1, 2]))
    source = rng.choice(pool.sources)
    headline = _fill(
        rng.choice(["{Adj} {noun} on {topic} {verb} by {noun2} office", "{Noun} {verb} to support {topic}",
                    "{Topic}: {adj} {noun} {verb} for {noun2}s", "{Adj} {Noun} {verb} {adv}"]),
        rng, topics, date, pool.authors,
    )
    headline = headline[0].upper() + headline[1:]
    target = rng.randint(MIN_WORDS, MAX_WORDS - 150)  # the last paragraph, header and footer add words
    paragraphs: list[list[str]] = []
    subheads: dict[int, str] = {}
    count = 0
    while count < target:
        if paragraphs and rng.random() < 0.12:
            subheads[len(paragraphs)] = _fill(rng.choice(SUBHEADS), rng, topics, date, pool.authors)
        sentences = [_fill(rng.choice(SENTENCES), rng, topics, date, pool.authors) for _ in range(rng.randint(2, 5))]
        count += sum(len(s.split()) for s in sentences)
        paragraphs.append(sentences)
    place = rng.choice(PLACES)
    outlet = rng.choice(OUTLETS) if rng.random() < 0.4 else None
    release = Release(date, headline, authors, source, topics, paragraphs, subheads, place, outlet)
    return release, rng


def dateline(release: Release, rng: random.Random) -> str:
    """The dateline forms of the seed and the wires, chosen per release."""
    d = release.date
    city, state = release.place
    long_date = f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    form = rng.randrange(4)
    if release.outlet and form < 2:
        return f"{city}, {state}–({release.outlet})–{long_date}"
    if form == 0:
        return f"{city}, {state}–{long_date}"
    if form == 1:
        return f"{city.upper()}, {MONTHS_AP[d.month - 1]} {d.day}, {d.year} –"
    if form == 2:
        return f"{city}, {state} - {long_date} -"
    return f"{city.upper()}, {state} ({long_date}) –"


def as_text(release: Release, rng: random.Random) -> str:
    # Headline on the first line, then the dateline and the byline (the seed's order).
    lines = [release.headline, dateline(release, rng)]
    if release.authors:
        lines.append("By: " + " and ".join(release.authors))
    for index, paragraph in enumerate(release.paragraphs):
        if index in release.subheads:
            lines.append(release.subheads[index])
        lines.append(" ".join(paragraph))
    if rng.random() < 0.2:
        lines.append("###")
    lines.append(f"Source: https://{release.source[1]}")
    return "\n".join(lines) + "\n"


def as_html(release: Release, rng: random.Random) -> str:
    d = release.date
    e = html.escape
    body = []
    for index, paragraph in enumerate(release.paragraphs):
        if index in release.subheads:
            body.append(f"      <h2>{e(release.subheads[index])}</h2>")
        body.append(f"      <p>{e(' '.join(paragraph))}</p>")
    authors = "".join(f'\n  <meta name="author" content="{e(a)}">' for a in release.authors[:1])
    byline = f'\n      <p class="byline">By {e(" and ".join(release.authors))}</p>' if release.authors else ""
    keywords = e(", ".join(release.topics[:2]))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(release.headline)} | {e(release.source[0])}</title>
  <meta property="og:title" content="{e(release.headline)}">
  <meta property="og:site_name" content="{e(release.source[0])}">
  <meta property="article:published_time" content="{d.isoformat()}">
  <meta name="keywords" content="{keywords}">{authors}
  <link rel="canonical" href="https://{release.source[1]}/news/{d.year}/{slugify(release.headline)}">
</head>
<body>
  <header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About</a></nav></header>
  <main>
    <article>
      <h1>{e(release.headline)}</h1>
      <time datetime="{d.isoformat()}">{MONTHS[d.month - 1]} {d.day}, {d.year}</time>{byline}
{chr(10).join(body)}
    </article>
  </main>
  <footer><p>{e(release.source[0])} · https://{release.source[1]}</p></footer>
</body>
</html>
"""


def releases(n: int, seed: int, archive: Path) -> dict[str, str]:
    """Archive-relative path → text of the first n synthetic releases."""
    pool = pools(seed, archive)
    files: dict[str, str] = {}
    used: set[str] = set()
    for i in range(n):
        release, rng = make_release(i, seed, pool)
        is_html = rng.random() < HTML_SHARE
        stem = f"{release.date.isoformat()}-{slugify(release.headline)}"
        unique, k = stem, 2
        while unique in used:
            unique, k = f"{stem}-{k}", k + 1
        used.add(unique)
        ext = "html" if is_html else "txt"
        files[f"{release.date.year}/{unique}.{ext}"] = as_html(release, rng) if is_html else as_text(release, rng)
    return files


def write_project(n: int, out: Path, seed: int = SEED, repo: Path = REPO) -> int:
    """Write the synthetic project into `out` (its archive/ is replaced); returns the file count."""
    archive = out / "archive"
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    for name in ("topics.yml", "sources.yml", "authors.yml"):
        shutil.copyfile(repo / "archive" / name, archive / name)
    files = releases(n, seed, archive)
    for relative, text in files.items():
        path = archive / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    shutil.copyfile(repo / "mkdocs.yml", out / "mkdocs.yml")
    # The hand-written pages and theme overrides, so that `mkdocs build` works in OUT.
    shutil.copytree(repo / "overrides", out / "overrides", dirs_exist_ok=True)
    (out / "docs").mkdir(exist_ok=True)
    for entry in (repo / "docs").iterdir():
        if entry.name in GENERATED:
            continue
        if entry.is_dir():
            shutil.copytree(entry, out / "docs" / entry.name, dirs_exist_ok=True)
        else:
            shutil.copyfile(entry, out / "docs" / entry.name)
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of raw releases")
    parser.add_argument("out", type=Path, help="project folder to write (OUT/archive is replaced)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    count = write_project(args.n, args.out, args.seed)
    print(f"{count} releases in {args.out / 'archive'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
