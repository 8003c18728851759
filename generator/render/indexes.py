"""Browse pages: home, years (by month), and the topic, author and source lists and term pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import groupby

from generator.enrich.authors import Author
from generator.enrich.vocabulary import Term, Vocabulary
from generator.kinds import BY_KIND, KINDS, PEOPLE, TERM_KINDS
from generator.model import Release, newest_first
from generator.render.charts import activity_line, month_bars, year_bars
from generator.render.emitters import Emitter, MarkdownPage, TableRow
from generator.render.escape import escape_line, escape_text
from generator.render.fast_path import page_files
from generator.render.markdown import front_matter
from generator.render.paths import (
    HOME,
    RELEASES_CSV,
    RELEASES_JSONL,
    SITE_FEED,
    kind_list,
    link,
    release_page,
    term_feed,
    term_json,
    term_page,
    year_page,
)
from generator.settings import Settings

RECENT_TOPICS = 12


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def _chunks(items: Sequence[Release], per_page: int) -> Iterator[tuple[int, Sequence[Release]]]:
    for index in range(_pages(len(items), per_page)):
        yield index + 1, items[index * per_page : (index + 1) * per_page]


def group_by(releases: Sequence[Release], kind: str) -> dict[str, list[Release]]:
    """Term name → its releases, newest first."""
    groups: dict[str, list[Release]] = defaultdict(list)
    for release in newest_first(releases):
        for name in BY_KIND[kind].terms(release):
            groups[name].append(release)
    return dict(groups)


def render_home(releases: Sequence[Release], settings: Settings) -> str:
    here = HOME
    newest = newest_first(releases)[: settings.home_size]
    years = sorted({r.date.year for r in releases}, reverse=True)
    # Releases, then each browse kind's number of terms, the nav's last kind first.
    counts = [(len(releases), "releases", kind_list("years"))]
    counts += [(len({t for r in releases for t in kind.terms(r)}), kind.name, kind_list(kind.name))
               for kind in reversed(KINDS)]
    lines = [front_matter({"title": "Home", "hide": ["navigation", "toc"]})]
    lines.append(f"# {escape_text(settings.site_name)}\n")
    summary = " · ".join(
        f'<span class="pa-count">**{count:,}** [{name}]({target})</span>' for count, name, target in counts
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
    table = MarkdownPage(here)
    table.release_table(table_rows(table, newest))
    lines.append(table.finish().text.removeprefix("\n"))
    if years:
        lines.append("## Browse by year\n\n" + " · ".join(f"[{y}]({year_page(y)})" for y in years) + "\n")
    lists = "".join(f"[All {kind.name}]({kind_list(kind.name)}) · " for kind in TERM_KINDS)
    exports = f" · [CSV]({RELEASES_CSV}){{ type=text/csv }} · [JSON Lines]({RELEASES_JSONL}){{ type=application/gzip }}"
    lines.append(lists + f"[Atom feed]({SITE_FEED}){{ type=application/atom+xml }}" + exports + "\n")
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


def years_of(releases: Sequence[Release]) -> dict[int, list[Release]]:
    """Year → its releases, newest first (years in order of their newest release)."""
    by_year: dict[int, list[Release]] = defaultdict(list)
    for release in newest_first(releases):
        by_year[release.date.year].append(release)
    return dict(by_year)


def newest_month(by_year: Mapping[int, Sequence[Release]]) -> dt.date | None:
    """The first day of the archive's newest month (`years_of`'s lists are newest first): the
    twelve-month activity of every term ends with it, so it is in every term page's key."""
    return by_year[max(by_year)][0].date.replace(day=1) if by_year else None


def render_year_list(by_year: Mapping[int, list[Release]]) -> str:
    here = kind_list("years")
    rows = ["| Year | Releases |", "| --- | ---: |"]
    rows += [f"| [{y}]({link(here, year_page(y))}) | {len(by_year[y]):,} |" for y in sorted(by_year, reverse=True)]
    chart = year_bars({y: len(items) for y, items in by_year.items()}) if by_year else ""
    head = f"# Releases by year\n\n{chart}\n\n" if chart else "# Releases by year\n\n"
    return front_matter({"title": "Years"}) + head + "\n".join(rows) + "\n"


def render_year(year: int, items: Sequence[Release], settings: Settings) -> dict[str, str]:
    """The paginated pages of one year, by month (with their side files for the fast path)."""
    pages: dict[str, str] = {}
    targets = [year_page(year, n) for n in range(1, _pages(len(items), settings.per_page) + 1)]
    for number, chunk in _chunks(items, settings.per_page):
        path = year_page(year, number)
        title = f"{year}" if number == 1 else f"{year}, page {number}"

        def layout(out: Emitter, number: int = number, chunk: Sequence[Release] = chunk) -> None:
            out.title(f"Releases of {year}")
            if number > 1:
                out.paragraph(f"Page {number} of {len(targets)}.")
            else:
                out.figure(month_bars(year, (r.date for r in items)))
            for first_day, month_items in groupby(chunk, key=lambda r: r.date.replace(day=1)):
                out.release_table(table_rows(out, list(month_items)), heading=f"{first_day:%B %Y}")
            out.pager(pager_items(out, targets, number))

        pages.update(page_files(path, {"title": title}, layout, end="\n"))
    return pages


def terms_of_kind(kind: str, vocabulary: Vocabulary) -> dict[str, Term | Author]:
    """Vocabulary entries (descriptions, web sites; an author's role, organisation and bio) of a
    kind, by name; {} for a kind without a vocabulary."""
    source = BY_KIND[kind].vocabulary
    terms: Iterable[Term | Author] = getattr(vocabulary, source) if source else ()
    return {t.name: t for t in terms}


def render_term_lists(kind: str, groups: Mapping[str, list[Release]]) -> dict[str, str]:
    """`<kind>/index.md` (terms by name) and `<kind>/by-count.md` (by number of releases)."""
    pages: dict[str, str] = {}
    title = BY_KIND[kind].title
    index = kind_list(kind)
    by_count = kind_list(kind, by_count=True)
    for path, order, other, label in (
        (index, sorted(groups, key=lambda n: (n.casefold(), n)), by_count, "by number of releases"),
        (by_count, sorted(groups, key=lambda n: (-len(groups[n]), n.casefold(), n)), index, "by name"),
    ):
        rows = [f"| {BY_KIND[kind].singular.capitalize()} | Releases |", "| --- | ---: |"]
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
    kind: str, name: str, items: Sequence[Release], term: Term | Author | None, settings: Settings,
    *, last: dt.date | None = None,
) -> dict[str, str]:
    """The paginated pages of one topic, author, source or person (with their side files). The
    first shows the term's releases per month of the twelve months that end with `last`: the
    archive's newest release (by default the term's own), so that all terms share one window."""
    until = last or max((r.date for r in items), default=None)
    pages: dict[str, str] = {}
    targets = [term_page(kind, name, n) for n in range(1, _pages(len(items), settings.per_page) + 1)]
    feed_path = term_feed(kind, name)
    for number, chunk in _chunks(items, settings.per_page):
        path = term_page(kind, name, number)
        page_title = name if number == 1 else f"{name}, page {number}"

        def layout(out: Emitter, number: int = number, chunk: Sequence[Release] = chunk) -> None:
            out.title(escape_text(name))
            if isinstance(term, Author) and number == 1:
                _author_facts(out, term)
            if isinstance(term, Term) and term.description and number == 1:
                out.paragraph(escape_text(term.description))
            if term and term.url and number == 1 and term.url.startswith(("http://", "https://")):
                out.paragraph("Website: " + out.link(escape_text(term.url), term.url))
            feed = out.link(f"Atom feed of this {BY_KIND[kind].singular}", feed_path, kind="application/atom+xml")
            data = out.link("JSON", term_json(kind, name), kind="application/json")
            out.paragraph(f"{plural(len(items), 'release')}, newest first. {feed} · {data}")
            if number == 1 and until:
                out.figure(activity_line(name, (r.date for r in items), until))
            out.release_table(table_rows(out, chunk, quoted=name if kind == PEOPLE.name else None))
            out.pager(pager_items(out, targets, number))

        pages.update(page_files(path, {"title": page_title, "feed": feed_path}, layout, end="\n"))
    return pages


def _author_facts(out: Emitter, author: Author) -> None:
    """What the registry says of an author, above the list of their releases: role and
    organisation on one line, then the bio (its web address comes after, as for any term)."""
    position = ", ".join(part for part in (author.role, author.organisation) if part)
    if position:
        out.paragraph(escape_line(position))
    if author.bio:
        out.paragraph(escape_line(author.bio))


def table_rows(out: Emitter, releases: Sequence[Release], quoted: str | None = None) -> list[TableRow]:
    """A release list as table rows (readable without JavaScript, announced by screen readers as a
    table): date, title, source, authors. On a page of a person `quoted`, the title is followed by
    the role that release gives them (a role belongs to one release: people change offices)."""
    rows = []
    for release in releases:
        date = f'<time datetime="{release.date.isoformat()}">{release.date.isoformat()}</time>'
        title = out.link(escape_text(release.title), release_page(release.id))
        role = release.roles.get(quoted) if quoted else None
        if role:
            title += f' — <span class="pa-role">{escape_text(role)}</span>'
        source = out.link(escape_text(release.source), term_page("sources", release.source)) if release.source else ""
        authors = ", ".join(out.link(escape_text(a), term_page("authors", a)) for a in release.author)
        rows.append((date, title, source, authors))
    return rows


def pager_items(out: Emitter, pages: Sequence[str], current: int) -> list[str]:
    """Numbered page links ('← Newer 1 2 3 … Older →') for a paginated list; none for one page."""
    if len(pages) <= 1:
        return []
    items = []
    if current > 1:
        items.append(out.link("← Newer", pages[current - 2], css="pa-pager-prev"))
    for number, target in enumerate(pages, start=1):
        current_page = f'<strong aria-current="page">{number}</strong>'
        items.append(current_page if number == current else out.link(str(number), target))
    if current < len(pages):
        items.append(out.link("Older →", pages[current], css="pa-pager-next"))
    return items


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
