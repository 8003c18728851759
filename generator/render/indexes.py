"""Browse pages: home, years (by month), and the topic, author and source lists and term pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from itertools import groupby

from generator.enrich.links import newest_first
from generator.enrich.vocabulary import Term, Vocabulary, term_slug
from generator.model import Release
from generator.render.escape import escape_text
from generator.render.markdown import front_matter, human_date, pager, release_table
from generator.render.paths import link, release_page, term_page, year_page
from generator.settings import Settings

KINDS = {"topics": "Topics", "authors": "Authors", "sources": "Sources"}
SINGULAR = {"topics": "topic", "authors": "author", "sources": "source"}
RECENT_TOPICS = 12


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def _chunks(items: Sequence[Release], per_page: int) -> Iterator[tuple[int, Sequence[Release]]]:
    for index in range(_pages(len(items), per_page)):
        yield index + 1, items[index * per_page : (index + 1) * per_page]


def terms_of(release: Release, kind: str) -> Sequence[str]:
    if kind == "topics":
        return release.topics
    if kind == "authors":
        return release.author
    return [release.source] if release.source else []


def group_by(releases: Sequence[Release], kind: str) -> dict[str, list[Release]]:
    """Term name → its releases, newest first."""
    groups: dict[str, list[Release]] = defaultdict(list)
    for release in newest_first(releases):
        for name in terms_of(release, kind):
            groups[name].append(release)
    return dict(groups)


def render_home(releases: Sequence[Release], settings: Settings) -> str:
    here = "index.md"
    newest = newest_first(releases)[: settings.home_size]
    years = sorted({r.date.year for r in releases}, reverse=True)
    counts = {
        "releases": len(releases),
        "sources": len({r.source for r in releases if r.source}),
        "authors": len({a for r in releases for a in r.author}),
        "topics": len({t for r in releases for t in r.topics}),
        "years": len(years),
    }
    lines = [front_matter({"title": "Home", "hide": ["navigation", "toc"]})]
    lines.append(f"# {escape_text(settings.site_name)}\n")
    summary = " · ".join(
        f'<span class="pa-count">**{counts[key]:,}** [{key}]({target})</span>'
        for key, target in (
            ("releases", "years/index.md"),
            ("sources", "sources/index.md"),
            ("authors", "authors/index.md"),
            ("topics", "topics/index.md"),
            ("years", "years/index.md"),
        )
    )
    lines.append(f'<p class="pa-counts" markdown>{summary}</p>\n')
    recent = _recent_topics(releases)
    if recent:
        chips = " ".join(
            f"[{escape_text(name)} ({count})]({link(here, term_page('topics', name))}){{ .pa-chip }}"
            for name, count in recent
        )
        lines.append(f"## Most active topics of the last 12 months\n\n{chips}\n")
    lines.append("## Newest releases\n")
    lines.append(release_table(here, newest) + "\n")
    if years:
        lines.append("## Browse by year\n\n" + " · ".join(f"[{y}]({year_page(y)})" for y in years) + "\n")
    lines.append(
        "[All topics](topics/index.md) · [All authors](authors/index.md) · [All sources](sources/index.md) · "
        "[Atom feed](feed.xml){ type=application/atom+xml }\n"
    )
    return "\n".join(lines)


def _recent_topics(releases: Sequence[Release]) -> list[tuple[str, int]]:
    """Topics of the archive's last 12 months (counted back from its newest release, not from
    today, so the page does not change with the build date)."""
    if not releases:
        return []
    newest = max(r.date for r in releases)
    since = newest - dt.timedelta(days=365)
    counts = Counter(t for r in releases if r.date > since for t in r.topics)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:RECENT_TOPICS]


def render_years(releases: Sequence[Release], settings: Settings) -> dict[str, str]:
    by_year = years_of(releases)
    pages = {"years/index.md": render_year_list(by_year)}
    for year, items in by_year.items():
        pages.update(render_year(year, items, settings))
    return pages


def years_of(releases: Sequence[Release]) -> dict[int, list[Release]]:
    """Year → its releases, newest first (years in order of their newest release)."""
    by_year: dict[int, list[Release]] = defaultdict(list)
    for release in newest_first(releases):
        by_year[release.date.year].append(release)
    return dict(by_year)


def render_year_list(by_year: dict[int, list[Release]]) -> str:
    here = "years/index.md"
    rows = ["| Year | Releases |", "| --- | ---: |"]
    rows += [f"| [{y}]({link(here, year_page(y))}) | {len(by_year[y]):,} |" for y in sorted(by_year, reverse=True)]
    return front_matter({"title": "Years"}) + "# Releases by year\n\n" + "\n".join(rows) + "\n"


def render_year(year: int, items: Sequence[Release], settings: Settings) -> dict[str, str]:
    """The paginated pages of one year, by month."""
    pages: dict[str, str] = {}
    targets = [year_page(year, n) for n in range(1, _pages(len(items), settings.per_page) + 1)]
    for number, chunk in _chunks(items, settings.per_page):
        path = year_page(year, number)
        title = f"{year}" if number == 1 else f"{year}, page {number}"
        body = [front_matter({"title": title}), f"# Releases of {year}\n"]
        if number > 1:
            body.append(f"Page {number} of {len(targets)}.\n")
        for first_day, month_items in groupby(chunk, key=lambda r: r.date.replace(day=1)):
            body.append(f"## {first_day:%B %Y}\n\n" + release_table(path, list(month_items)) + "\n")
        body.append(pager(path, targets, number))
        pages[path] = "\n".join(body) + "\n"
    return pages


def render_terms(releases: Sequence[Release], kind: str, vocabulary: Vocabulary, settings: Settings) -> dict[str, str]:
    """The list of every term of a kind (by name, and by count), and each term's paginated page."""
    groups = group_by(releases, kind)
    terms = terms_of_kind(kind, vocabulary)
    pages = render_term_lists(kind, groups)
    for name, items in groups.items():
        pages.update(render_term(kind, name, items, terms.get(name), settings))
    return pages


def terms_of_kind(kind: str, vocabulary: Vocabulary) -> dict[str, Term]:
    """Vocabulary entries (descriptions, web sites) of a kind, by name; authors have none."""
    if kind == "topics":
        return {t.name: t for t in vocabulary.topics}
    if kind == "sources":
        return {t.name: t for t in vocabulary.sources}
    return {}


def render_term_lists(kind: str, groups: dict[str, list[Release]]) -> dict[str, str]:
    """`<kind>/index.md` (terms by name) and `<kind>/by-count.md` (by number of releases)."""
    pages: dict[str, str] = {}
    title = KINDS[kind]
    index = f"{kind}/index.md"
    by_count = f"{kind}/by-count.md"
    for path, order, other, label in (
        (index, sorted(groups, key=lambda n: (n.casefold(), n)), by_count, "by number of releases"),
        (by_count, sorted(groups, key=lambda n: (-len(groups[n]), n.casefold(), n)), index, "by name"),
    ):
        rows = [f"| {SINGULAR[kind].capitalize()} | Releases |", "| --- | ---: |"]
        rows += [f"| [{escape_text(n)}]({link(path, term_page(kind, n))}) | {len(groups[n]):,} |" for n in order]
        sorted_by = "name" if path == index else "number of releases"
        pages[path] = (
            front_matter({"title": title})
            + f"# {title}\n\n{len(groups):,} {kind}, sorted by {sorted_by}. "
            + f"Sort [{label}]({link(path, other)}).\n\n"
            + "\n".join(rows)
            + "\n"
        )
    return pages


def render_term(
    kind: str, name: str, items: Sequence[Release], term: Term | None, settings: Settings
) -> dict[str, str]:
    """The paginated pages of one topic, author or source."""
    pages: dict[str, str] = {}
    targets = [term_page(kind, name, n) for n in range(1, _pages(len(items), settings.per_page) + 1)]
    for number, chunk in _chunks(items, settings.per_page):
        path = term_page(kind, name, number)
        page_title = name if number == 1 else f"{name}, page {number}"
        feed_path = f"{kind}/{term_slug(name)}/feed.xml"
        feed_url = link(path, feed_path)
        body = [front_matter({"title": page_title, "feed": feed_path}), f"# {escape_text(name)}\n"]
        if term and term.description and number == 1:
            body.append(escape_text(term.description) + "\n")
        if term and term.url and number == 1 and term.url.startswith(("http://", "https://")):
            body.append(f"Website: [{escape_text(term.url)}]({term.url})\n")
        body.append(
            f"{plural(len(items), 'release')}, newest first. "
            f"[Atom feed of this {SINGULAR[kind]}]({feed_url}){{ type=application/atom+xml }}\n"
        )
        body.append(release_table(path, chunk) + "\n")
        body.append(pager(path, targets, number))
        pages[path] = "\n".join(body) + "\n"
    return pages


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def newest_date(releases: Sequence[Release]) -> str:
    return human_date(max(r.date for r in releases)) if releases else ""


def release_link(source: str, release: Release) -> str:
    return link(source, release_page(release.id))
