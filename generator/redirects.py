"""Old addresses of renamed releases (`redirect_from`): which ones the site keeps, and putting their
redirect pages into the built site.

A contributor who renames a raw file lists the page's old address in `redirect_from`, and the site
gets a redirect page there (`generator/render/redirects.py`). An old address must be free: one that
is a page today (a release's, a browse page's, a hand-written page of docs/) or a file of the built
site would be replaced by the redirect, and one claimed by two releases leads nowhere for certain.
Such an address is an error on the raw file's `redirect_from` line (`check` and `generate` report
it, across the archive, like the other `load_archive` checks), and it gets no redirect page; the
release itself is still published, since its own page is right. The redirect pages are planned from
the releases and the hand-written files of docs/ alone, so `check` and `generate` agree on them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, ReleaseError
from generator.model import Release
from generator.output import atomic_write, is_generated
from generator.render.paths import GENERATED, GENERATED_FILES, RELEASE_FOLDER, redirect_url, release_url, url_of
from generator.render.redirects import REDIRECT_PREFIX
from generator.settings import STAGING, Settings

BUILT_ELSEWHERE = ("404.html", "sitemap.xml", "sitemap.xml.gz", "pagefind")
"""Files and folders at the top of the built site that come from neither docs/ nor the generator:
MkDocs' 404 page and sitemap, and the search index (`site/pagefind/`)."""
BROWSE_FOLDERS = tuple(name for name in GENERATED if name != RELEASE_FOLDER)
"""Folders whose every address is the generator's to give (a year, topic, author or source page
may appear there with the next release), so no old address may lie inside them."""
CLASH_HINTS = {
    "taken": "remove it from redirect_from: an address that is in use cannot redirect",
    "shared": "keep it in the file of the release that had this address: an old address leads to one page",
    "twice": "list each old address once",
}


@dataclass(frozen=True)
class Clash:
    """An old address of one raw file that gets no redirect (or a repeated one)."""

    raw: str
    old: str
    message: str
    hint: str


@dataclass
class Plan:
    redirects: dict[str, str] = field(default_factory=dict)
    """Old address → the address of the release page it leads to, for every redirect page."""
    clashes: list[Clash] = field(default_factory=list)


def plan_redirects(releases: Sequence[Release], settings: Settings) -> Plan:
    """The redirect pages the site gets, and the old addresses refused (`Clash`), in a fixed order.

    A contested address (taken, or claimed by two releases) is refused to every claimant: which of
    them is right cannot be told, and each file's author is told why."""
    plan = Plan()
    claims: dict[str, list[Release]] = {}
    for release in releases:
        own: set[str] = set()
        for value in release.redirect_from:
            old = redirect_url(value)
            if old in own:
                plan.clashes.append(Clash(release.raw, old, f"old address '/{old}' is listed twice in redirect_from",
                                          CLASH_HINTS["twice"]))
                continue
            own.add(old)
            claims.setdefault(old, []).append(release)
    if not claims:
        return plan
    pages = {release_url(r.id): r.raw for r in releases}
    docs_name = _shown(settings.docs, settings.root)
    files = {*(name for name in GENERATED_FILES if not name.endswith(".md")), *BUILT_ELSEWHERE}
    for path in _hand_written(settings.docs):
        if path.endswith(".md"):
            pages.setdefault(url_of(path), f"{docs_name}/{path}")
        else:
            files.add(path)
    for old, claimants in sorted(claims.items()):
        taken = _taken(old, pages, files)
        for release in sorted(claimants, key=lambda r: r.raw):
            others = sorted(r.raw for r in claimants if r is not release)
            if taken:
                why = "is this release's own address" if pages.get(old) == release.raw else taken
                plan.clashes.append(Clash(release.raw, old, f"old address '/{old}' in redirect_from {why}",
                                          CLASH_HINTS["taken"]))
            elif others:
                plan.clashes.append(Clash(release.raw, old, f"old address '/{old}' in redirect_from is also claimed by "
                                          f"{others[0]}", CLASH_HINTS["shared"]))
        if not taken and len(claimants) == 1:
            plan.redirects[old] = release_url(claimants[0].id)
    return plan


def _taken(old: str, pages: dict[str, str], files: set[str]) -> str:
    """What already has the address `old` (as a predicate: "is the address of …"), or ""."""
    if old == "":
        return "is the home page's address"
    if old in pages:
        return f"is the address of the page of {pages[old]}"
    parts = old.rstrip("/").split("/")
    if parts[0] in BROWSE_FOLDERS:
        return f"is inside {parts[0]}/, whose pages the generator makes"
    # The redirect page is `<old>index.html`: no file of the site may be there, nor where one of
    # its folders must be (`feed.xml/` cannot be a folder beside the feed).
    for path in ["/".join(parts[: n + 1]) for n in range(len(parts))] + [old + "index.html"]:
        if path in files:
            return f"collides with {path} of the built site"
    return ""


def _hand_written(docs: Path) -> list[str]:
    """The hand-written files of docs/ (POSIX paths below it), without MkDocs' hidden ones."""
    found = []
    for folder, dirs, names in os.walk(docs):
        inside = os.path.relpath(folder, docs).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (not prefix and d in GENERATED)]
        found += [prefix + name for name in names if not name.startswith(".") and not is_generated(prefix + name)]
    return sorted(found)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def redirect_problems(releases: Sequence[Release], settings: Settings) -> list[Problem]:
    """Each refused old address as an error on its raw file's `redirect_from` line."""
    lines: dict[str, int | None] = {}
    problems = []
    for clash in plan_redirects(releases, settings).clashes:
        if clash.raw not in lines:
            lines[clash.raw] = _redirect_line(settings.root / clash.raw, clash.raw)
        problems.append(Problem(path=clash.raw, line=lines[clash.raw], message=clash.message, hint=clash.hint,
                                code="redirect-clash"))
    return problems


def _redirect_line(path: Path, shown: str) -> int | None:
    """The raw-file line of the `redirect_from` key (read again: a release does not keep the lines
    of its header, and a clash is rare)."""
    from generator.readers import read

    try:
        return read(path.read_bytes(), shown).override_lines.get("redirect_from")
    except (OSError, ReleaseError):
        return None


class RedirectError(Exception):
    """Raised by `install_redirects` when a redirect page would replace a file of the built site
    (one that `plan_redirects` cannot know of: a theme's own page, say)."""


def install_redirects(settings: Settings, site_dir: Path) -> int:
    """Copy the redirect pages of the staging tree into `site_dir`, after MkDocs (which empties it
    when it starts); returns how many. A page never replaces a file that is there already."""
    tree = settings.root / STAGING[REDIRECT_PREFIX]
    if not tree.is_dir():
        return 0
    pages = sorted(path for path in tree.rglob("*.html") if path.is_file())
    for page in pages:
        target = site_dir / page.relative_to(tree)
        if target.exists():
            raise RedirectError(f"the redirect page {target.relative_to(site_dir).as_posix()} would replace "
                                "a file of the built site — remove that old address from redirect_from")
        try:
            atomic_write(target, page.read_bytes())
        except (NotADirectoryError, FileExistsError):
            raise RedirectError(f"the redirect page {target.relative_to(site_dir).as_posix()} cannot be written: "
                                "a file of the built site is where its folder must be") from None
    return len(pages)
