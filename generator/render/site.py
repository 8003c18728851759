"""The whole archive → every generated file of docs/, as a mapping of relative path → bytes.

The site is rendered in *units*: each release page, each year's pages, each topic's, author's and
source's pages with its feed, and the few archive-wide files (home, lists, feed, releases.json).
Units are independent, so they are rendered in parallel processes on a large archive, and each
gets a *key*, a hash of everything it is made from. A caller that still has the files of a unit
from an earlier run with the same key (`previous`) gets the unit back as kept instead of rendered:
adding one release re-renders its page, its neighbours', the lists it appears in, and little else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import parallel
from generator.enrich.links import LinkIndex, Links, chronological
from generator.enrich.republications import find_republications
from generator.enrich.vocabulary import Vocabulary, term_slug
from generator.fields import cache_key
from generator.model import FIELDS, Release
from generator.render.fast_path import release_files
from generator.render.feeds import atom_feed, releases_json
from generator.render.indexes import (
    KINDS,
    group_by,
    render_home,
    render_term,
    render_term_lists,
    render_year,
    render_year_list,
    terms_of_kind,
    years_of,
)
from generator.render.page import PageInputs
from generator.render.paths import release_page, term_page
from generator.settings import Settings

RELEASES_PER_TASK = 50
"""Release pages per parallel task (a term or a year is one task)."""


KnownLinks = tuple[str, dict[str, Links], dict[str, bytes]]
"""(key of the inputs of all links, release id → its links, release id → `LinkIndex.fingerprint`)."""


@dataclass
class Rendered:
    files: dict[str, bytes] = field(default_factory=dict)
    """Every generated file that was rendered, path → bytes."""
    units: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    """Unit name → (key of its inputs, the paths of its files), for the next run's `previous`."""
    kept: set[str] = field(default_factory=set)
    """Files not rendered because `previous` had their unit with the same key."""
    links: KnownLinks = ("", {}, {})
    """The links of every release, for the next run's `links`."""


def render_site(
    releases: Sequence[Release],
    vocabulary: Vocabulary,
    settings: Settings,
    republications: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, bytes]:
    """Every generated file. Republications are found here (unless the caller passes them) so the
    pipeline hands over the releases only."""
    return render_changed(releases, vocabulary, settings, republications).files


def render_changed(
    releases: Sequence[Release],
    vocabulary: Vocabulary,
    settings: Settings,
    republications: dict[str, tuple[str, ...]] | None = None,
    previous: Mapping[str, tuple[str, tuple[str, ...]]] | None = None,
    processes: int | None = None,
    *,
    digests: Mapping[str, str] | None = None,
    links: KnownLinks | None = None,
    full: Callable[[Release], Release] | None = None,
    records: Mapping[str, str] | None = None,
    sink: Callable[[str, bytes], None] | None = None,
) -> Rendered:
    """Every generated file, except those of the units whose key is the one in `previous`
    (unit name → (key, its files)). `digests` (release id → hash of what the release was made from) make the
    keys cheaper to compute; without them a release enters its keys whole.

    `links` are the links of an earlier run (`Rendered.links`): ranking the related releases of
    every page is the largest cost of a run that changed little. The links depend only on the ids,
    dates, topics and authors of all releases, so when those are the same the earlier links are
    used as they are; otherwise a release whose `LinkIndex.fingerprint` is the earlier one keeps its
    related releases, and only the others are ranked again. `full` gives a release with its body when the
    caller passes releases whose bodies were left in the cache (only pages rendered again need one).
    `records` are the releases' `json_record`s the caller has already. With `sink`, every rendered
    file is handed to it (path, bytes) as its unit arrives instead of being kept in `files`: at
    50,000 releases the pages would otherwise hold ~1 GB of the parent's memory until the end."""
    if republications is None:
        republications = find_republications(releases)
    ordered = chronological(releases)
    link_key = _key("links", [(r.id, r.date, r.topics, r.author) for r in ordered])
    known = links if links is not None and links[0] == link_key else None
    digests = digests or {}
    metas = {r.id: _meta(r, digests.get(r.id)) for r in releases}
    everything = _key("all", [metas[r.id] for r in releases])
    # Every unit's key is made from these (and the vocabulary, which the caller's cache salt
    # covers): when they are the earlier run's and all its units are still there, nothing is due.
    whole = _key("whole", everything, link_key, republications, _settings_key(settings))
    if known is not None and len(digests) == len(releases):
        unchanged = _unchanged_site(whole, previous or {})
        if unchanged is not None:
            return Rendered(kept={path for _, paths in unchanged.values() for path in paths}, units=unchanged,
                            links=known)
    index = LinkIndex(releases) if known is None else None
    groups = {kind: group_by(releases, kind) for kind in KINDS}
    shared: dict[str, Any] = {
        "releases": releases,
        "ordered": ordered,
        "index": index,
        "links": known,
        "earlier": links if known is None else None,
        "records": records,
        "full": full or (lambda release: release),
        "by_id": {r.id: r for r in releases},
        "republications": republications,
        "settings": settings,
        "vocabulary": vocabulary,
        "previous": previous or {},
        "digests": digests,
        "groups": groups,
        "years": years_of(releases),
        "meta": metas,
        "everything": everything,
    }
    # The archive-wide files first, the release pages last: the longest tasks are not the ones
    # left to a single worker at the end.
    tasks: list[tuple[str, Any]] = [("site", name) for name in SITE_UNITS]
    tasks += [("term", (kind, name)) for kind in KINDS for name in groups[kind]]
    tasks += [("year", year) for year in shared["years"]]
    tasks += [
        ("releases", range(start, min(start + RELEASES_PER_TASK, len(ordered))))
        for start in range(0, len(ordered), RELEASES_PER_TASK)
    ]
    rendered = Rendered()
    found: dict[str, Links] = {}
    prints: dict[str, bytes] = {}

    def take(units: list[Unit]) -> None:
        for unit, key, files, unit_links in units:
            if unit_links is not None:
                found[unit_links[0]] = unit_links[1]
                prints[unit_links[0]] = unit_links[2]
            if isinstance(files, tuple):
                rendered.kept.update(files)
                rendered.units[unit] = (key, files)
                continue
            if sink is None:
                rendered.files.update(files)
            else:
                for path, data in files.items():
                    sink(path, data)
            rendered.units[unit] = (key, tuple(files))

    parallel.run(_render_tasks, tasks, shared, processes=processes, chunk=8, consume=take)
    rendered.links = (link_key, found, prints)
    rendered.units[WHOLE] = (f"{whole}:{len(rendered.units)}", ())
    return rendered


WHOLE = "whole"
"""A unit without files whose key is that of everything the site is made from, with the number of
the other units: `previous` holding it and that many others means no unit needs rendering."""


def _unchanged_site(
    whole: str, previous: Mapping[str, tuple[str, tuple[str, ...]]]
) -> dict[str, tuple[str, tuple[str, ...]]] | None:
    """All the units of `previous` when it is the output of inputs whose key is `whole` and all of
    them are still intact (`previous` holds only those), else None."""
    recorded = previous.get(WHOLE)
    if recorded is None or recorded[0] != f"{whole}:{len(previous) - 1}":
        return None
    return dict(previous)


Unit = tuple[str, str, "dict[str, bytes] | tuple[str, ...]", "tuple[str, Links, bytes] | None"]
"""(unit name, key, its files rendered — or the paths of the kept files, (release id, its links, the
fingerprint of their inputs) for a release page)."""


def _render_tasks(tasks: Sequence[tuple[str, Any]]) -> list[list[Unit]]:
    return [_RENDERERS[kind](arg) for kind, arg in tasks]


def _unit(
    name: str, key: str, render: Callable[[], dict[str, bytes]], links: tuple[str, Links, bytes] | None = None
) -> Unit:
    shared = parallel.state()
    previous: Mapping[str, Any] = shared["previous"]
    kept = previous.get(name)
    if kept is not None and kept[0] == key:
        return (name, key, kept[1], links)
    return (name, key, render(), links)


def _key(*parts: object) -> str:
    text = repr(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _meta(release: Release, digest: str | None) -> str:
    """What lists and feeds show of a release: every field but the body."""
    if digest:
        return f"{release.raw}\0{digest}"
    return cache_key(release, FIELDS)


def _settings_key(settings: Settings) -> tuple[object, ...]:
    return (settings.site_name, settings.site_url, settings.repo_url, settings.repo_branch, settings.per_page,
            settings.feed_size, settings.home_size)


def _render_releases(numbers: Sequence[int]) -> list[Unit]:
    shared = parallel.state()
    index: LinkIndex = shared["index"]  # None when `known`
    known: KnownLinks | None = shared["links"]
    earlier: KnownLinks | None = shared["earlier"]
    ordered: list[Release] = shared["ordered"]
    by_id: dict[str, Release] = shared["by_id"]
    settings: Settings = shared["settings"]
    full: Callable[[Release], Release] = shared["full"]
    shown: dict[str, str] = shared.setdefault("shown", {})
    out = []
    for number in numbers:
        release = ordered[number]
        if known is not None:
            links, fingerprint = known[1][release.id], known[2][release.id]
        else:
            links, fingerprint = index.links_reusing(number, *(earlier[1:] if earlier is not None else (None, None)))
        also = shared["republications"].get(release.id, ())
        path = release_page(release.id)
        key = page_key(release, links, by_id, also, settings, shared["digests"].get(release.id), shown)

        def render(release: Release = release, links: Links = links, also: tuple[str, ...] = also,
                   path: str = path) -> dict[str, bytes]:
            return release_files(full(release), PageInputs(
                links=links, releases=by_id, repo_url=settings.repo_url, repo_branch=settings.repo_branch, also=also
            ))

        out.append(_unit(path, key, render, (release.id, links, fingerprint)))
    return out


def _render_year(year: int) -> list[Unit]:
    shared = parallel.state()
    settings: Settings = shared["settings"]
    items = shared["years"][year]
    key = _key("year", year, [shared["meta"][r.id] for r in items], _settings_key(settings))

    def render() -> dict[str, bytes]:
        return {path: text.encode() for path, text in render_year(year, items, settings).items()}

    return [_unit(f"year:{year}", key, render)]


def _render_term(kind_name: tuple[str, str]) -> list[Unit]:
    kind, name = kind_name
    shared = parallel.state()
    settings: Settings = shared["settings"]
    items = shared["groups"][kind][name]
    term = terms_of_kind(kind, shared["vocabulary"]).get(name)
    key = _key("term", kind, name, term, [shared["meta"][r.id] for r in items], _settings_key(settings))

    def render() -> dict[str, bytes]:
        files = {path: text.encode() for path, text in render_term(kind, name, items, term, settings).items()}
        feed = f"{kind}/{term_slug(name)}/feed.xml"
        files[feed] = atom_feed(
            f"{settings.site_name}: {name}", feed, term_page(kind, name), items, settings.site_url, settings.feed_size
        )
        return files

    return [_unit(f"term:{kind}:{name}", key, render)]


def _render_site_file(name: str) -> list[Unit]:
    """The archive-wide files: each depends on what lists show of every release (their `meta`)."""
    shared = parallel.state()
    settings: Settings = shared["settings"]
    key = _key("site", name, shared["everything"], _settings_key(settings))
    return [_unit(f"site:{name}", key, lambda: _site_files(name))]


def _site_files(name: str) -> dict[str, bytes]:
    shared = parallel.state()
    releases: Sequence[Release] = shared["releases"]
    settings: Settings = shared["settings"]
    files: dict[str, bytes]
    if name == "home":
        files = {"index.md": render_home(releases, settings).encode()}
    elif name == "years":
        files = {"years/index.md": render_year_list(shared["years"]).encode()}
    elif name == "feed":
        files = {"feed.xml": atom_feed(settings.site_name, "feed.xml", "index.md", releases, settings.site_url,
                                       settings.feed_size)}
    elif name == "json":
        files = {"releases.json": releases_json(releases, settings.site_url, shared["records"])}
    else:
        kind = name.removeprefix("lists:")
        files = {path: text.encode() for path, text in render_term_lists(kind, shared["groups"][kind]).items()}
    return files


SITE_UNITS = ("home", "years", "feed", "json", *(f"lists:{kind}" for kind in KINDS))
_RENDERERS: dict[str, Callable[[Any], list[Unit]]] = {
    "releases": _render_releases,
    "year": _render_year,
    "term": _render_term,
    "site": _render_site_file,
}


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
    of each linked release (title, date, source, outlet), its republications and the repository
    address. Equal keys, equal pages (the renderer's own code is covered by the cache's salt).
    `digest`, the hash of the raw file the release was read from, stands for the release.
    `shown` memoises what is shown of each linked release across calls (its text is built once)."""
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
    return _key(own, (links.previous, links.next, links.related), linked, also, settings.repo_url,
                settings.repo_branch)
