"""One release → its page: front matter (the contract), a header block, the body, cross-links."""

from __future__ import annotations

from collections.abc import Mapping

from generator.enrich.links import Links
from generator.model import Release
from generator.render.escape import escape_text, is_safe_url
from generator.render.markdown import body_markdown, front_matter, human_date, term_links
from generator.render.paths import link, release_page, term_page, year_page


def render_release(
    release: Release,
    links: Links | None = None,
    releases: Mapping[str, Release] | None = None,
    repo_url: str = "",
    repo_branch: str = "main",
    also: tuple[str, ...] = (),
) -> str:
    """The page's Markdown. Only `render_release` decides a release page's layout."""
    here = release_page(release.id)
    releases = releases or {}
    parts = [front_matter(release.to_front_matter()), f"# {escape_text(release.title)}\n", _header(release, here)]
    body = body_markdown(release.body)
    if body:
        parts.append(body + "\n")
    if also:
        items = "\n".join(_item(here, releases[i]) for i in also if i in releases)
        parts.append(f"## Also published as\n\n{items}\n")
    # A republication is listed once, under "Also published as", not again among related releases.
    related = [i for i in links.related if i in releases and i not in also] if links else []
    if related:
        items = "\n".join(_item(here, releases[i]) for i in related)
        parts.append(f"## Related releases\n\n{items}\n")
    if links and (links.previous or links.next):
        parts.append(_neighbours(here, links, releases))
    if repo_url:
        raw_url = f"{repo_url}/blob/{repo_branch}/{release.raw}"
        if is_safe_url(raw_url):
            parts.append(f'<p class="pa-raw" markdown>[Raw release file]({raw_url}) as received by the archive.</p>\n')
    return "\n".join(parts)


def _header(release: Release, here: str) -> str:
    """Date, authors, source, place, outlet and topics above the body: a description list (a label
    and its value per row, read as pairs by screen readers), then the topic chips."""
    rows = [
        ("Date", f'[<time datetime="{release.date.isoformat()}">{human_date(release.date)}</time>]'
                 f"({link(here, year_page(release.date.year))})")
    ]
    if release.author:
        rows.append(("By", term_links(here, "authors", release.author)))
    if release.source:
        source = term_links(here, "sources", [release.source])
        if release.source_url and is_safe_url(release.source_url):
            source += f' · [original release]({release.source_url}){{ rel="nofollow noopener" }}'
        rows.append(("Source", source))
    elif release.source_url and is_safe_url(release.source_url):
        rows.append(("Source", f"[original release]({release.source_url}){{ rel=\"nofollow noopener\" }}"))
    if release.place:
        rows.append(("Place", escape_text(release.place)))
    if release.outlet:
        rows.append(("Published by", escape_text(release.outlet)))
    items = "\n".join(f'<dt class="pa-label">{label}</dt>\n<dd markdown="span">{value}</dd>' for label, value in rows)
    block = f'<dl class="pa-meta" markdown>\n{items}\n</dl>\n'
    if release.topics:
        chips = " ".join(
            f"[{escape_text(t)}]({link(here, term_page('topics', t))}){{ .pa-chip }}" for t in release.topics
        )
        block += f'\n<nav class="pa-topics" aria-label="Topics" markdown>\n{chips}\n</nav>\n'
    return block


def _item(here: str, release: Release) -> str:
    source = f" · {escape_text(release.source)}" if release.source else ""
    if release.outlet:
        source += f" · via {escape_text(release.outlet)}"
    return (
        f"- [{escape_text(release.title)}]({link(here, release_page(release.id))}) "
        f'<span class="pa-when">{human_date(release.date)}{source}</span>'
    )


def _neighbours(here: str, links: Links, releases: Mapping[str, Release]) -> str:
    items = []
    if links.previous and links.previous in releases:
        older = releases[links.previous]
        items.append(f"- ← Previous: [{escape_text(older.title)}]({link(here, release_page(older.id))}){{ rel=prev }}")
    if links.next and links.next in releases:
        newer = releases[links.next]
        items.append(f"- Next: [{escape_text(newer.title)}]({link(here, release_page(newer.id))}){{ rel=next }}&nbsp;→")
    nav = '<nav class="pa-neighbours" aria-label="Previous and next release" markdown>'
    return nav + "\n\n" + "\n".join(items) + "\n\n</nav>\n"
