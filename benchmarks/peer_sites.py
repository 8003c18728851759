"""The peers of benchmarks/build.py: the same synthetic releases built by Hugo (then indexed by
Pagefind) and by Material's blog plugin, in projects under the benchmark's work folder.

Hugo is Debian's `hugo` with the layouts and config of benchmarks/peers/hugo/: a page per release
(previous/next in the section), taxonomy pages for topics, authors and sources (50 per page), and a
release template that marks title and body `data-pagefind-body` and carries the filters (topic,
author, source, year), the `date` sort and the title/date/source meta of our release pages. The
Pagefind that indexes Hugo's `public/` is ours (`python -m pagefind`, the binary of the `pagefind_bin`
package), run once over the release pages as a Hugo user would run it.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import synth
from measuring import ENV, RELEASE_PAGES, Published, Run, combined, measure, published

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = HERE / "peers"


def _peer_releases(size: int) -> list[synth.Release]:
    pool = synth.pools(synth.SEED, REPO / "archive")
    return [synth.make_release(i, synth.SEED, pool)[0] for i in range(size)]


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def _markdown_body(release: synth.Release) -> str:
    out = []
    for index, paragraph in enumerate(release.paragraphs):
        if index in release.subheads:
            out.append(f"## {release.subheads[index]}")
        out.append(" ".join(paragraph))
    return "\n\n".join(out) + "\n"


def _peer_site(peer: str, size: int, work: Path) -> tuple[Path, bool]:
    """The peer's project for `size` releases in `work`, with the current layouts or config from
    benchmarks/peers/; True when its content is already there (same size), else it starts empty."""
    site = work / f"{peer}-{size}"
    if (site / ".synth").exists() and (site / ".synth").read_text() == str(size):
        shutil.copytree(PEERS / peer, site, dirs_exist_ok=True)
        return site, True
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(PEERS / peer, site)
    return site, False


def _peer_slugs(size: int) -> Iterator[tuple[str, synth.Release]]:
    for number, release in enumerate(_peer_releases(size)):
        yield f"{release.date.isoformat()}-{synth.slugify(release.headline)}-{number}", release


# --- Hugo + Pagefind ---------------------------------------------------------------------------


def write_hugo(size: int, work: Path) -> Path:
    site, ready = _peer_site("hugo", size, work)
    if ready:
        return site
    content = site / "content" / "releases"
    content.mkdir(parents=True)
    for slug, release in _peer_slugs(size):
        front = (
            f"---\ntitle: {json.dumps(release.headline)}\ndate: {release.date.isoformat()}\n"
            f"authors: {_yaml_list(release.authors)}\ntopics: {_yaml_list(release.topics)}\n"
            f"sources: {_yaml_list([release.source[0]])}\n---\n\n"
        )
        (content / f"{slug}.md").write_text(front + _markdown_body(release), encoding="utf-8")
    (site / ".synth").write_text(str(size))
    return site


def hugo_installed() -> bool:
    return shutil.which("hugo") is not None


def run_hugo(size: int, work: Path, related: bool = False) -> Run | None:
    """Hugo's build of the same releases into `public/`: pages, taxonomy pages, previous/next; with
    `related`, also Hugo's own related-content lists (five per page, by shared topics)."""
    if not hugo_installed():
        return None
    site = write_hugo(size, work)
    shutil.rmtree(site / "public", ignore_errors=True)
    shutil.rmtree(site / "resources", ignore_errors=True)
    env = {**ENV, "HUGO_PARAMS_RELATED": "true" if related else ""}
    return measure(["hugo", "--quiet", "--destination", "public"], site, env)


def pagefind_on_hugo_command() -> list[str]:
    """Pagefind over Hugo's release pages (the same glob as ours: only release pages are read, and
    only their `data-pagefind-body` is indexed), into public/pagefind/, in English like ours."""
    return [sys.executable, "-m", "pagefind", "--site", "public", "--output-path", "public/pagefind",
            "--glob", RELEASE_PAGES, "--force-language", "en", "--quiet"]


@dataclass
class HugoPagefind:
    hugo: Run
    pagefind: Run | None
    """None when Hugo failed."""
    published: Published
    """`public/` with its pagefind/ folder."""

    @property
    def total(self) -> Run:
        """Hugo + Pagefind: one run after the other."""
        return combined(self.hugo, self.pagefind) if self.pagefind else self.hugo

    @property
    def ok(self) -> bool:
        return self.hugo.ok and self.pagefind is not None and self.pagefind.ok


def run_hugo_pagefind(size: int, work: Path) -> HugoPagefind | None:
    """Hugo, then Pagefind on Hugo's output, each a measured process tree; None without Hugo."""
    hugo = run_hugo(size, work)
    if hugo is None:
        return None
    site = work / f"hugo-{size}"
    if not hugo.ok:
        return HugoPagefind(hugo, None, published(site / "public"))
    pagefind = measure(pagefind_on_hugo_command(), site)
    return HugoPagefind(hugo, pagefind, published(site / "public"))


# --- Material's blog plugin --------------------------------------------------------------------


def write_blog(size: int, work: Path) -> Path:
    site, ready = _peer_site("material-blog", size, work)
    if ready:
        return site
    posts = site / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    for slug, release in _peer_slugs(size):
        front = (
            f"---\ndate: {release.date.isoformat()}\ncategories: {_yaml_list(release.topics)}\n"
            f"slug: {json.dumps(slug)}\n---\n\n# {release.headline}\n\n"
        )
        paragraphs = _markdown_body(release).split("\n\n")
        # The excerpt separator: the blog index shows the lede, as release lists do.
        text = paragraphs[0] + "\n\n<!-- more -->\n\n" + "\n\n".join(paragraphs[1:])
        (posts / f"{slug}.md").write_text(front + text, encoding="utf-8")
    (site / ".synth").write_text(str(size))
    return site


def run_blog(size: int, work: Path) -> Run:
    site = write_blog(size, work)
    shutil.rmtree(site / "site", ignore_errors=True)
    return measure([sys.executable, "-m", "mkdocs", "build", "--quiet"], site)
