"""MkDocs' fast path for generated release pages: a hooks module (MkDocs' built-in `hooks:`, loaded
through `overrides/hooks/fast_path.py`), never needed for a correct site.

- **Body HTML.** The generator writes, beside each release page, the HTML that Python-Markdown makes
  of it (`generator/render/fast_path.py`). When the page's Markdown is exactly the text that HTML
  was made from (a digest says so), the page gets that HTML, its table of contents and its anchors
  instead of a Python-Markdown run; its links to other pages are checked as MkDocs checks them, so
  `--strict` still fails on a broken one. Any other page, or a stale side file, takes MkDocs' path.
- **Chrome.** Theme blocks that are the same on every release page (tabs, navigation, footer,
  scripts …) are rendered once per process and reused (`generator/chrome_cache.py`).
- **Preview search.** Under `press-archive serve` only (`PRESS_ARCHIVE_PREVIEW_SEARCH` set), the
  served site gets the preview's search index as `pagefind/`, and MkDocs reloads the open pages
  when that index is replaced (`generator/search/preview.py`). Elsewhere these hooks do nothing.

`PRESS_ARCHIVE_FAST_PATH=0` (`press-archive build --no-fast-path`) turns the first two off: the site must
come out the same (tests/e2e/test_fast_path.py builds both ways and compares every page).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from generator.chrome_cache import ChromeCache
from generator.search import preview
from generator.settings import FAST_PATH_SWITCH, STAGING
from generator.staging import markdown_digest, side_path

_log = logging.getLogger("mkdocs.plugins.press_archive.fast_path")
_pages_log = logging.getLogger("mkdocs.structure.pages")


class _State:
    enabled = False
    staging: Path = Path()
    chrome: ChromeCache | None = None
    generated: set[str] = set()
    """The pages given the generator's HTML (read before `on_env`: MkDocs reads every page first)."""
    lazy: dict[str, Path] = {}
    """Pages whose HTML is read from their side file only when their template renders, and
    dropped once written (see `on_page_markdown`), by docs/ path."""


_state = _State()


def enabled() -> bool:
    return os.environ.get(FAST_PATH_SWITCH, "1") != "0"


def on_config(config: Any) -> Any:
    _state.enabled = enabled()
    root = Path(config.config_file_path).resolve().parent
    _state.staging = root / STAGING["@html"]
    _state.chrome = None
    _state.generated = set()
    _state.lazy = {}
    config.watch.extend(preview.watched_files())
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    if _state.enabled:
        _state.chrome = ChromeCache.install(env, _state.generated)
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Give the page the generator's HTML when it was made from exactly this Markdown."""
    if not _state.enabled:
        return markdown
    side = _state.staging / side_path(page.file.src_uri).partition("/")[2]
    try:
        data = json.loads(side.read_bytes())
    except (OSError, ValueError):
        return markdown
    if not isinstance(data, dict) or data.get("markdown") != markdown_digest(markdown):
        return markdown
    # MkDocs holds every page's HTML from the moment it reads the pages until the build ends:
    # with nothing else reading it in between (no `on_page_content` handler), the HTML is read
    # again just before the page's template renders and let go once it is written, so a process
    # holds one page's HTML instead of its whole share (~0.5 GB a process at 50k releases).
    lazy = not config.plugins.events.get("page_content")
    if lazy:
        _state.lazy[page.file.src_uri] = side
        del data["html"]

    def render(config: Any, files: Any) -> None:
        _render(page, data, files)
        if lazy:
            page.markdown = None

    page.render = render
    _state.generated.add(page.file.src_uri)
    return markdown


def _render(page: Any, data: dict[str, Any], files: Any) -> None:
    """What `Page.render` sets, from the side file (mkdocs/structure/pages.py, MkDocs 1.6)."""
    from mkdocs.structure.toc import get_toc

    source = page.file.src_uri
    for target in data["links"]:
        if files.get_file_from_path(target) is None:
            _log.warning(
                f"Doc file '{source}' contains a link to '{target}', but the target is not found among documentation "
                "files."
            )
    page.content = data.get("html", "")
    page.toc = get_toc(data["toc"])
    ids = set(_ids(data["toc"]))
    first = data["toc"][0] if data["toc"] else None
    page._title_from_render = first["name"] if first and first["level"] == 1 else None
    page.present_anchor_ids = ids
    if _pages_log.getEffectiveLevel() > logging.DEBUG:
        # Each heading's permanent link is a link to an anchor of the page itself.
        page.links_to_anchors = {page.file: {anchor: f"#{anchor}" for anchor in _ids(data["toc"])}} if ids else {}


def _ids(tokens: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for token in tokens:
        found.append(token["id"])
        found.extend(_ids(token["children"]))
    return found


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if _state.chrome is not None:
        _state.chrome.page = page
    side = _state.lazy.get(page.file.src_uri)
    if side is not None:
        page.content = json.loads(side.read_bytes())["html"]
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    if page.file.src_uri in _state.lazy:
        page.content = None
    return output


def on_post_build(config: Any) -> None:
    """Say how much the fast path did (tests read this line; `--quiet` hides it); in the preview,
    serve its search index."""
    preview.link_into(Path(config.site_dir))
    if _state.enabled:
        reused = ", ".join(sorted(_state.chrome.reused())) if _state.chrome is not None else ""
        _log.info(f"fast path: {len(_state.generated)} pages from the generator's HTML; chrome reused: {reused}")
