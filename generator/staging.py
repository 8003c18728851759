"""Names of the fast path's side files, shared by the generator that writes them and the MkDocs
hooks that read them. Kept apart (standard library only) so that loading the hooks into every
MkDocs process does not import the generator's pipeline."""

from __future__ import annotations

import hashlib

HTML_PREFIX = "@html"
"""The staging tree of the side files (`settings.STAGING`)."""


def side_path(page: str) -> str:
    """The side file of a docs/ page: `releases/x.md` → `@html/releases/x.json`."""
    return f"{HTML_PREFIX}/{page.removesuffix('.md')}.json"


def markdown_digest(markdown: str) -> str:
    """The digest of a page's Markdown as MkDocs hands it to hooks: below the front matter, with
    the blank lines that follow it removed (`mkdocs.utils.meta.get_data`)."""
    return hashlib.blake2b(markdown.lstrip("\n").encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
