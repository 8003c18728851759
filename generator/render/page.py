"""One release → its page: front matter (the contract), a header block, the body, cross-links.

The layout is decided once, in `release_layout`, and written by one of two emitters: `MarkdownPage`
writes the page's Markdown (what MkDocs, or any engine reading `mkdocs.yml`, converts), and
`HtmlPage` writes the HTML that Python-Markdown makes of that Markdown, which the fast path
(`generator/mkdocs_hooks.py`) hands to MkDocs instead of converting it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.enrich.links import Links
from generator.fields import Field
from generator.model import FIELDS, Release
from generator.render.cite import Citation, cite
from generator.render.emitters import Emitter
from generator.render.escape import escape_text, is_safe_url
from generator.render.markdown import human_date
from generator.render.paths import release_page, release_url, term_page, year_page


@dataclass(frozen=True, kw_only=True)
class PageInputs:
    """Everything a release page is made from (besides the release itself)."""

    links: Links | None = None
    releases: Mapping[str, Release] | None = None
    repo_url: str = ""
    repo_branch: str = "main"
    also: tuple[str, ...] = ()
    site_url: str = ""
    """The site's address (`Settings.site_url`): citations give the page's absolute address."""


def release_layout(out: Emitter, *, release: Release, inputs: PageInputs, citation: Citation | None = None) -> None:
    """Only this function decides a release page's layout. `citation` is the release's, when the
    caller has it already (both emitters write one page: it is worked out once)."""
    releases = inputs.releases or {}
    links, also = inputs.links, inputs.also
    out.title(escape_text(release.title))
    out.meta(_rows(out, release))
    if release.topics:
        out.chips([out.link(escape_text(t), term_page("topics", t), css="pa-chip") for t in release.topics])
    out.body(release.body)
    if also:
        out.section("Also published as", [_item(out, releases[i]) for i in also if i in releases])
    # A republication is listed once, under "Also published as", not again among related releases.
    related = [i for i in links.related if i in releases and i not in also] if links else []
    if related:
        out.section("Related releases", [_item(out, releases[i]) for i in related])
    if links and (links.previous or links.next):
        items = []
        if links.previous and links.previous in releases:
            older = releases[links.previous]
            items.append("← Previous: " + out.link(escape_text(older.title), release_page(older.id), rel="prev"))
        if links.next and links.next in releases:
            newer = releases[links.next]
            items.append("Next: " + out.link(escape_text(newer.title), release_page(newer.id), rel="next") + "&nbsp;→")
        out.neighbours(items)
    if inputs.repo_url:
        raw_url = f"{inputs.repo_url}/blob/{inputs.repo_branch}/{release.raw}"
        if is_safe_url(raw_url):
            out.raw_link(out.link("Raw release file", raw_url) + " as received by the archive.")
    out.cite(citation or release_citation(release, inputs))


def release_citation(release: Release, inputs: PageInputs) -> Citation:
    """The release's citations, with the page's absolute address when the site has one."""
    return cite(release, cite_url(release, inputs.site_url))


def cite_url(release: Release, site_url: str) -> str:
    """The address a citation gives: the page's, absolute; none while the site has no address."""
    return site_url + release_url(release.id) if site_url else ""


HEADER = tuple(sorted((f for f in FIELDS if f.header), key=lambda f: f.header.rank if f.header else 0))
"""The fields the page header shows, in its order (the registry's `header`)."""


def _rows(out: Emitter, release: Release) -> list[tuple[str, str]]:
    """The header's rows: a description list (a label and its value per row, read as pairs by
    screen readers). Fields with the same label share a row ("Source: Agency · original release")."""
    rows: dict[str, list[str]] = {}
    for field in HEADER:
        value = getattr(release, field.name)
        shown = _show(out, field, value) if value else ""
        if shown and field.header:
            rows.setdefault(field.header.label, []).append(shown)
    return [(label, " · ".join(parts)) for label, parts in rows.items()]


def _show(out: Emitter, field: Field, value: Any) -> str:
    """One field's value in the header, as its `Header.show` says."""
    show = field.header.show if field.header else "text"
    if show == "date":
        return out.link(_time(value), year_page(value.year))
    if show == "terms" and field.browse:
        names = value if field.kind == "names" else (value,)
        return ", ".join(out.link(escape_text(name), term_page(field.browse, name)) for name in names)
    if show == "original":
        return out.link("original release", value, rel="nofollow noopener") if is_safe_url(value) else ""
    return escape_text(str(value))


def _time(date: dt.date) -> str:
    return f'<time datetime="{date.isoformat()}">{human_date(date)}</time>'


def _item(out: Emitter, release: Release) -> str:
    source = f" · {escape_text(release.source)}" if release.source else ""
    if release.outlet:
        source += f" · via {escape_text(release.outlet)}"
    return out.link(escape_text(release.title), release_page(release.id)) + (
        f' <span class="pa-when">{human_date(release.date)}{source}</span>'
    )

