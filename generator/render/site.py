"""The whole archive → every generated file of docs/, as a mapping of relative path → bytes."""

from __future__ import annotations

from collections.abc import Sequence

from generator.enrich.links import link_releases
from generator.enrich.republications import find_republications
from generator.enrich.vocabulary import Vocabulary, term_slug
from generator.model import Release
from generator.render.feeds import atom_feed, releases_json
from generator.render.indexes import KINDS, group_by, render_home, render_terms, render_years
from generator.render.page import render_release
from generator.render.paths import release_page, term_page
from generator.settings import Settings


def render_site(
    releases: Sequence[Release],
    vocabulary: Vocabulary,
    settings: Settings,
    republications: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, bytes]:
    """Every generated file. Republications are found here (unless the caller passes them) so the
    pipeline hands over the releases only."""
    files: dict[str, bytes] = {}
    by_id = {r.id: r for r in releases}
    links = link_releases(releases)
    if republications is None:
        republications = find_republications(releases)
    for release in releases:
        page = render_release(
            release, links.get(release.id), by_id, settings.repo_url, settings.repo_branch,
            republications.get(release.id, ()),
        )
        files[release_page(release.id)] = page.encode()
    files["index.md"] = render_home(releases, settings).encode()
    for path, text in render_years(releases, settings).items():
        files[path] = text.encode()
    for kind in KINDS:
        for path, text in render_terms(releases, kind, vocabulary, settings).items():
            files[path] = text.encode()
        for name, items in group_by(releases, kind).items():
            files[f"{kind}/{term_slug(name)}/feed.xml"] = atom_feed(
                f"{settings.site_name}: {name}", f"{kind}/{term_slug(name)}/feed.xml",
                term_page(kind, name), items, settings.site_url, settings.feed_size,
            )
    files["feed.xml"] = atom_feed(settings.site_name, "feed.xml", "index.md", releases, settings.site_url,
                                  settings.feed_size)
    files["releases.json"] = releases_json(releases, settings.site_url)
    return files
