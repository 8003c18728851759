"""The whole archive → every generated file of docs/, as a mapping of relative path → bytes.

The site is rendered in *units*: each release page, each year's pages, each topic's, author's and
source's pages with its feed, and the few archive-wide files (home, lists, feed, releases.json).
Units are independent, so they are rendered in parallel processes on a large archive, and each
gets a *key*, a hash of everything it is made from. A caller that still has the files of a unit
from an earlier run with the same key (`previous`) gets the unit back as kept instead of rendered:
adding one release re-renders its page, its neighbours', the lists it appears in, and little else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import parallel
from generator.enrich.links import LinkIndex, Links
from generator.enrich.republications import find_republications
from generator.enrich.vocabulary import Vocabulary
from generator.kinds import TERM_KINDS
from generator.model import Release, chronological
from generator.redirects import plan_redirects
from generator.render.exports import releases_csv, releases_jsonl_gz, term_export
from generator.render.fast_path import release_files
from generator.render.feeds import atom_feed, releases_json
from generator.render.indexes import (
    group_by,
    newest_month,
    render_home,
    render_term,
    render_term_lists,
    render_year,
    render_year_list,
    terms_of_kind,
    years_of,
)
from generator.render.keys import key, meta_key, page_key, settings_key
from generator.render.page import PageInputs
from generator.render.paths import (
    HOME,
    RELEASES_CSV,
    RELEASES_JSON,
    RELEASES_JSONL,
    SITE_FEED,
    kind_list,
    release_page,
    term_feed,
    term_json,
    term_page,
)
from generator.render.redirects import redirect_files
from generator.settings import Settings

TERMS = tuple(kind.name for kind in TERM_KINDS)
"""The browse kinds made of terms, by name: each term is a unit, and each kind's lists one."""
RELEASES_PER_TASK = 50
"""Release pages per parallel task (a term or a year is one task)."""


KnownLinks = tuple[str, dict[str, Links], dict[str, bytes]]
"""(key of the inputs of all links, release id → its links, release id → `LinkIndex.fingerprint`)."""


@dataclass(frozen=True, kw_only=True)
class RenderJob:
    """What every render task reads (in the parent, or inherited by forked workers)."""

    releases: Sequence[Release]
    ordered: list[Release]
    """The releases in the archive's order (`chronological`): release tasks are ranges of it."""
    index: LinkIndex | None
    """Ranks related releases; None when the earlier run's links are used as they are."""
    links: KnownLinks | None
    """The earlier run's links, when they are still right for every release."""
    earlier: KnownLinks | None
    """The earlier run's links when they are not: releases whose inputs did not change keep theirs."""
    records: Mapping[str, str] | None
    full: Callable[[Release], Release]
    by_id: Mapping[str, Release]
    republications: Mapping[str, tuple[str, ...]]
    settings: Settings
    vocabulary: Vocabulary
    previous: Mapping[str, tuple[str, tuple[str, ...]]]
    digests: Mapping[str, str]
    groups: Mapping[str, Mapping[str, list[Release]]]
    """Browse kind → term → its releases, newest first."""
    years: Mapping[int, list[Release]]
    meta: Mapping[str, str]
    """Release id → `meta_key`: what lists show of it."""
    everything: str
    """The key of what lists show of every release (the archive-wide files')."""
    redirects: Mapping[str, str] = field(default_factory=dict)
    """Old address → new address of every redirect page (`generator.redirects.plan_redirects`)."""
    shown: dict[str, str] = field(default_factory=dict)
    """`page_key`'s memo of what is shown of each linked release (one per process)."""


def _whole(release: Release) -> Release:
    return release


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
    file is handed to it (path, bytes) as its unit arrives instead of being kept in `files`: on a
    large archive every page would otherwise sit in the parent's memory until the end."""
    if republications is None:
        republications = find_republications(releases)
    ordered = chronological(releases)
    link_key = key("links", [(r.id, r.date, r.topics, r.author) for r in ordered])
    known = links if links is not None and links[0] == link_key else None
    digests = digests or {}
    metas = {r.id: meta_key(r, digests.get(r.id)) for r in releases}
    everything = key("all", [metas[r.id] for r in releases])
    # Every unit's key is made from these (and the vocabulary, which the caller's cache salt
    # covers): when they are the earlier run's and all its units are still there, nothing is due.
    # Which redirects there are depends on the hand-written pages of docs/ too, so it is a part of its own.
    redirects = plan_redirects(releases, settings).redirects
    whole = key("whole", everything, link_key, republications, settings_key(settings), sorted(redirects.items()))
    if known is not None and len(digests) == len(releases):
        unchanged = _unchanged_site(whole, previous or {})
        if unchanged is not None:
            return Rendered(kept={path for _, paths in unchanged.values() for path in paths}, units=unchanged,
                            links=known)
    index = LinkIndex(releases) if known is None else None
    groups = {kind: group_by(releases, kind) for kind in TERMS}
    job = RenderJob(
        releases=releases,
        ordered=ordered,
        index=index,
        links=known,
        earlier=links if known is None else None,
        records=records,
        full=full or _whole,
        by_id={r.id: r for r in releases},
        republications=republications,
        settings=settings,
        vocabulary=vocabulary,
        previous=previous or {},
        digests=digests,
        groups=groups,
        years=years_of(releases),
        meta=metas,
        everything=everything,
        redirects=redirects,
    )
    # The archive-wide files first, the release pages last: the longest tasks are not the ones
    # left to a single worker at the end.
    tasks: list[tuple[str, Any]] = [("site", name) for name in SITE_UNITS]
    tasks += [("term", (kind, name)) for kind in TERMS for name in groups[kind]]
    tasks += [("year", year) for year in job.years]
    tasks += [("redirects", None)] if redirects else []
    tasks += [
        ("releases", range(start, min(start + RELEASES_PER_TASK, len(ordered))))
        for start in range(0, len(ordered), RELEASES_PER_TASK)
    ]
    rendered = Rendered()
    found: dict[str, Links] = {}
    prints: dict[str, bytes] = {}

    def take(units: list[Unit]) -> None:
        for unit, unit_key, files, unit_links in units:
            if unit_links is not None:
                found[unit_links[0]] = unit_links[1]
                prints[unit_links[0]] = unit_links[2]
            if isinstance(files, tuple):
                rendered.kept.update(files)
                rendered.units[unit] = (unit_key, files)
                continue
            if sink is None:
                rendered.files.update(files)
            else:
                for path, data in files.items():
                    sink(path, data)
            rendered.units[unit] = (unit_key, tuple(files))

    parallel.run(_render_tasks, tasks, job, processes=processes, chunk=8, consume=take)
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
    kept = parallel.shared(RenderJob).previous.get(name)
    if kept is not None and kept[0] == key:
        return (name, key, kept[1], links)
    return (name, key, render(), links)


def _render_releases(numbers: Sequence[int]) -> list[Unit]:
    job = parallel.shared(RenderJob)
    settings, known, earlier = job.settings, job.links, job.earlier
    out = []
    for number in numbers:
        release = job.ordered[number]
        if known is not None:
            links, fingerprint = known[1][release.id], known[2][release.id]
        elif job.index is not None:
            links, fingerprint = job.index.links_reusing(
                number, *(earlier[1:] if earlier is not None else (None, None))
            )
        else:
            raise RuntimeError("a render job has either the earlier links or an index to rank them")
        also = job.republications.get(release.id, ())
        path = release_page(release.id)
        unit_key = page_key(release, links, job.by_id, also, settings, job.digests.get(release.id), job.shown)

        def render(release: Release = release, links: Links = links, also: tuple[str, ...] = also) -> dict[str, bytes]:
            return release_files(job.full(release), PageInputs(
                links=links, releases=job.by_id, repo_url=settings.repo_url, repo_branch=settings.repo_branch,
                also=also, site_url=settings.site_url,
            ))

        out.append(_unit(path, unit_key, render, (release.id, links, fingerprint)))
    return out


def _render_year(year: int) -> list[Unit]:
    job = parallel.shared(RenderJob)
    items = job.years[year]
    unit_key = key("year", year, [job.meta[r.id] for r in items], settings_key(job.settings))

    def render() -> dict[str, bytes]:
        return {path: text.encode() for path, text in render_year(year, items, job.settings).items()}

    return [_unit(f"year:{year}", unit_key, render)]


def _render_term(kind_name: tuple[str, str]) -> list[Unit]:
    kind, name = kind_name
    job = parallel.shared(RenderJob)
    settings = job.settings
    items = job.groups[kind][name]
    term = terms_of_kind(kind, job.vocabulary).get(name)
    # The activity line's twelve months end with the archive's newest month, whichever term it is of.
    last = newest_month(job.years)
    unit_key = key("term", kind, name, term, [job.meta[r.id] for r in items], settings_key(settings), last)

    def render() -> dict[str, bytes]:
        pages = render_term(kind, name, items, term, settings, last=last)
        files = {path: text.encode() for path, text in pages.items()}
        feed = term_feed(kind, name)
        files[feed] = atom_feed(
            f"{settings.site_name}: {name}", feed, term_page(kind, name), items, settings.site_url, settings.feed_size
        )
        files[term_json(kind, name)] = term_export(kind, name, items, settings.site_url)
        return files

    return [_unit(f"term:{kind}:{name}", unit_key, render)]


def _render_site_file(name: str) -> list[Unit]:
    """The archive-wide files: each depends on what lists show of every release (their `meta`)."""
    job = parallel.shared(RenderJob)
    # `everything` stands for the bodies too where a release has its raw file's digest; the
    # export of the texts takes the others' bodies into its key.
    bodies = [r.body for r in job.releases if r.id not in job.digests] if name == "jsonl" else []
    unit_key = key("site", name, job.everything, settings_key(job.settings), bodies)
    return [_unit(f"site:{name}", unit_key, lambda: _site_files(name))]


def _site_files(name: str) -> dict[str, bytes]:
    job = parallel.shared(RenderJob)
    releases, settings = job.releases, job.settings
    files: dict[str, bytes]
    if name == "home":
        files = {HOME: render_home(releases, settings).encode()}
    elif name == "years":
        files = {kind_list("years"): render_year_list(job.years).encode()}
    elif name == "feed":
        files = {SITE_FEED: atom_feed(settings.site_name, SITE_FEED, HOME, releases, settings.site_url,
                                      settings.feed_size)}
    elif name == "json":
        files = {RELEASES_JSON: releases_json(releases, settings.site_url, job.records)}
    elif name == "csv":
        files = {RELEASES_CSV: releases_csv(releases, settings.site_url)}
    elif name == "jsonl":
        files = {RELEASES_JSONL: releases_jsonl_gz(releases, settings.site_url, job.full)}
    else:
        kind = name.removeprefix("lists:")
        files = {path: text.encode() for path, text in render_term_lists(kind, job.groups[kind]).items()}
    return files


def _render_redirects(_: None) -> list[Unit]:
    """The redirect pages, one unit: they are few and small, and made of addresses only."""
    job = parallel.shared(RenderJob)
    unit_key = key("redirects", sorted(job.redirects.items()), job.settings.site_url)
    return [_unit("redirects", unit_key, lambda: redirect_files(job.redirects, job.settings.site_url))]


SITE_UNITS = ("jsonl", "home", "years", "feed", "json", "csv", *(f"lists:{kind}" for kind in TERMS))
_RENDERERS: dict[str, Callable[[Any], list[Unit]]] = {
    "releases": _render_releases,
    "year": _render_year,
    "term": _render_term,
    "site": _render_site_file,
    "redirects": _render_redirects,
}
