"""Where things are and how the site is addressed: read from `mkdocs.yml`, so there is one config."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

GENERATED = ("releases", "years", "topics", "authors", "sources")
"""Folders of docs/ that the generator owns entirely (and empties of stale files)."""
GENERATED_FILES = ("index.md", "feed.xml", "releases.json")
"""Single generated files at the top of docs/. Everything else in docs/ is hand-written."""
FAST_PATH_SWITCH = "PRESS_ARCHIVE_FAST_PATH"
"""Environment variable that turns the MkDocs fast path off when "0" (generator/mkdocs_hooks.py)."""
STAGING = {"@html": ".staging/html", "@search": ".staging/search"}
"""Generated trees outside docs/ (folders under the project root), by the prefix that names them
in a generated file's path: the body HTML that the fast path hands MkDocs (`@html/releases/<id>.json`)
and the lean search documents that Pagefind indexes (`@search/releases/<id>/index.html`)."""


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; the generator needs none of them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True, kw_only=True)
class Settings:
    root: Path
    archive: Path
    docs: Path
    site_name: str = "Press Archive"
    site_url: str = ""
    repo_url: str = ""
    repo_branch: str = "main"
    per_page: int = 50
    feed_size: int = 50
    home_size: int = 20

    @classmethod
    def load(cls, root: Path, archive: Path | None = None, docs: Path | None = None) -> Settings:
        config: dict[str, Any] = {}
        mkdocs_yml = root / "mkdocs.yml"
        if mkdocs_yml.exists():
            config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}  # noqa: S506
        extra = (config.get("extra") or {}).get("press_archive") or {}
        return cls(
            root=root,
            archive=archive or root / "archive",
            docs=docs or root / str(config.get("docs_dir") or "docs"),
            site_name=str(config.get("site_name") or "Press Archive"),
            site_url=str(config.get("site_url") or "").rstrip("/") + ("/" if config.get("site_url") else ""),
            repo_url=str(config.get("repo_url") or "").rstrip("/"),
            repo_branch=str(extra.get("branch") or "main"),
            per_page=int(extra.get("per_page") or 50),
            feed_size=int(extra.get("feed_size") or 50),
            home_size=int(extra.get("home_size") or 20),
        )
