"""The incremental keys: a hash of everything a unit of the site is made from.

Equal keys, equal files: a unit (a release page, a year, a term, an archive-wide file) whose key is
the one of an earlier run is kept as it is instead of rendered again. What goes into a key must be
everything the unit shows; the renderer's own code is covered by the cache's salt (a changed
generator file renders everything again). A release enters the keys of the lists it appears in
through `meta_key`, made from the field registry (`generator.fields.cache_key`), so a new field
cannot be left out of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from generator.enrich.links import Links
from generator.fields import cache_key
from generator.model import FIELDS, Release
from generator.settings import Settings


def key(*parts: object) -> str:
    """The hash of `parts` (their `repr`)."""
    text = repr(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def meta_key(release: Release, digest: str | None) -> str:
    """What lists and feeds show of a release: every field but the body. `digest`, the hash of
    the raw file the release was read from, stands for all of them when the caller has it."""
    if digest:
        return f"{release.raw}\0{digest}"
    # The roles a release gives the people it quotes are shown on their pages, not in front matter.
    return cache_key(release, FIELDS) + repr(sorted(release.roles.items()))


def settings_key(settings: Settings) -> tuple[object, ...]:
    """The settings that change what pages say (not where files are)."""
    return (settings.site_name, settings.site_url, settings.repo_url, settings.repo_branch, settings.per_page,
            settings.feed_size, settings.home_size)


def page_key(
    release: Release,
    links: Links,
    by_id: Mapping[str, Release],
    also: tuple[str, ...],
    settings: Settings,
    digest: str | None = None,
    shown: dict[str, str] | None = None,
) -> str:
    """Hash of everything a release page is made from: the release, its links, what the page shows
    of each linked release (title, date, source, outlet), its republications, the repository
    address and the site's (its citations give the page's absolute address). `digest`, the hash of
    the raw file the release was read from, stands for the release. `shown` memoises what is shown of
    each linked release across calls (its text is built once)."""
    shown = {} if shown is None else shown
    named = [*links.related, links.previous, links.next, *also]
    linked = []
    for i in named:
        if not i:
            continue
        text = shown.get(i)
        if text is None:
            other = by_id.get(i)
            text = shown[i] = (
                repr((i, other.title, other.date.isoformat(), other.source, other.outlet)) if other else repr((i,))
            )
        linked.append(text)
    own = (release.raw, digest) if digest else release
    return key(own, (links.previous, links.next, links.related), linked, also, settings.repo_url,
               settings.repo_branch, settings.site_url)
