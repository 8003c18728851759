"""The site's URL scheme: where each generated page lives in docs/, its address in the site, and
how pages link to each other. Every other module takes paths and addresses from here (pages,
feeds, `releases.json`, the search documents and the indexer)."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from generator.kinds import KINDS, term_slug

HOME = "index.md"
SITE_FEED = "feed.xml"
RELEASES_JSON = "releases.json"
RELEASES_CSV = "releases.csv"
"""Every release's front matter, one row each (generator/render/exports.py)."""
RELEASES_JSONL = "releases.jsonl.gz"
"""Every release with its body text, one JSON object a line, gzip-compressed."""
RELEASE_FOLDER = "releases"
"""The folder of release pages, in docs/ and in the site."""
GENERATED = (RELEASE_FOLDER, *(kind.name for kind in KINDS))
"""Folders of docs/ that the generator owns entirely (and empties of stale files)."""
GENERATED_FILES = (HOME, SITE_FEED, RELEASES_JSON, RELEASES_CSV, RELEASES_JSONL)
"""Single generated files at the top of docs/. Everything else in docs/ is hand-written."""


def release_page(release_id: str) -> str:
    return f"{RELEASE_FOLDER}/{release_id}.md"


def term_page(kind: str, name: str, page: int = 1) -> str:
    """kind is 'topics', 'authors' or 'sources'."""
    base = f"{kind}/{term_slug(name)}"
    return f"{base}/index.md" if page == 1 else f"{base}/page/{page}.md"


def term_feed(kind: str, name: str) -> str:
    """The Atom feed of one topic, author or source, beside its first page."""
    return f"{kind}/{term_slug(name)}/feed.xml"


def term_json(kind: str, name: str) -> str:
    """The JSON list of one topic's, author's or source's releases, beside its first page."""
    return f"{kind}/{term_slug(name)}/index.json"


def kind_list(kind: str, by_count: bool = False) -> str:
    """The list of every term of a browse kind, by name or by number of releases."""
    return f"{kind}/by-count.md" if by_count else f"{kind}/index.md"


def release_url(release_id: str) -> str:
    """A release page's address, relative to the site's root: `releases/<id>/`."""
    return url_of(release_page(release_id))


def release_html(release_id: str) -> str:
    """The file of a release page in the built site, and of its search document in the search
    tree (whose paths are the site's): `releases/<id>/index.html`."""
    return release_url(release_id) + "index.html"


def redirect_url(old: str) -> str:
    """The address a `redirect_from` value names, written as the site's other addresses are
    (`release_url`: from the site's root, directory style): `releases/old-id`, `/releases/old-id/`
    and `releases/old-id/index.html` are all `releases/old-id/`; the root is "". Its redirect page
    is the file `<address>index.html` of the built site."""
    parts = [part for part in old.split("/") if part not in ("", ".")]
    while parts and parts[-1] == "index.html":
        parts.pop()
    return "".join(f"{part}/" for part in parts)


def url_from(here: str, there: str) -> str:
    """The relative link from the page at address `here` to the address `there` (both directory
    style, as `release_url`): from `releases/old/` to `releases/new/` it is `../new/`. Relative, so
    that it leads to the same page on any host and under any sub-path."""
    return _relative(there.rstrip("/"), here.rstrip("/")) + "/"


def year_page(year: int, page: int = 1) -> str:
    return f"years/{year}/index.md" if page == 1 else f"years/{year}/page/{page}.md"


def link(source: str, target: str) -> str:
    """Relative Markdown link from one docs/ file to another (MkDocs turns it into the page URL)."""
    return _relative(target, posixpath.dirname(source))


@lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    # posixpath.relpath without its two os.getcwd() calls (both paths are docs/-relative): pages
    # link to a few thousand distinct targets from a few hundred folders, so results are cached.
    if target.startswith("/") or folder.startswith("/") or {".", ".."} & {*target.split("/"), *folder.split("/")}:
        return posixpath.relpath(target, folder or ".")
    start = [p for p in folder.split("/") if p]
    parts = [p for p in target.split("/") if p]
    common = 0
    for a, b in zip(start, parts, strict=False):
        if a != b:
            break
        common += 1
    rel = [".."] * (len(start) - common) + parts[common:]
    return "/".join(rel) if rel else "."


def url_of(doc_path: str) -> str:
    """Site URL path (directory style) of a docs/ Markdown file: releases/x.md → releases/x/."""
    if doc_path.endswith("index.md"):
        return doc_path[: -len("index.md")]
    return doc_path[: -len(".md")] + "/" if doc_path.endswith(".md") else doc_path



def page_url_link(source: str, target: str) -> str:
    """The address MkDocs writes for a Markdown link from docs/ file `source` to `target` (with
    directory URLs): `url_of(target)` relative to `url_of(source)`, as MkDocs' `get_relative_url`
    makes it (so the home page seen from a release is `../..`, without a final slash)."""
    there = url_of(target)
    here = url_of(source)
    if source.endswith("index.md") or there.startswith(here):
        relative = _relative(there.rstrip("/"), here.rstrip("/"))
    else:
        # `releases/x.md` is served at `releases/x/`, one folder below its own: relative to that
        # folder, through the (cached, shared by every page beside it) link from `releases`.
        beside = _relative(there.rstrip("/"), posixpath.dirname(source))
        relative = ".." if beside == "." else "../" + beside
    return relative + "/" if there.endswith("/") else relative
