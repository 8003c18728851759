"""A release page's files: its Markdown page, and beside it (outside docs/) the HTML that
Python-Markdown would make of that Markdown, for the MkDocs fast path (`generator/mkdocs_hooks.py`).

The side file names the Markdown it was made from by a digest, so the hook uses it only for that
exact text: a page edited by hand, or one from an older run, is converted by MkDocs as usual.
"""

from __future__ import annotations

import hashlib
import json

from generator.model import Release
from generator.render.markdown import front_matter
from generator.render.page import PageInputs, release_html, release_markdown
from generator.render.paths import release_page

HTML_PREFIX = "@html"
"""The staging tree of the side files (`settings.STAGING`)."""


def side_path(page: str) -> str:
    """The side file of a docs/ page: `releases/x.md` → `@html/releases/x.json`."""
    return f"{HTML_PREFIX}/{page.removesuffix('.md')}.json"


def markdown_digest(markdown: str) -> str:
    """The digest of a page's Markdown as MkDocs hands it to hooks: below the front matter, with
    the blank lines that follow it removed (`mkdocs.utils.meta.get_data`)."""
    return hashlib.blake2b(markdown.lstrip("\n").encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def release_files(release: Release, inputs: PageInputs) -> dict[str, bytes]:
    """The page (front matter + Markdown) and its side file (body HTML, toc, linked pages)."""
    page = release_page(release.id)
    markdown = release_markdown(release, inputs)
    html = release_html(release, inputs)
    side = {"markdown": markdown_digest(markdown), "html": html.text, "toc": html.toc, "links": html.links}
    return {
        page: (front_matter(release.to_front_matter()) + markdown).encode(),
        side_path(page): json.dumps(side, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"),
    }
