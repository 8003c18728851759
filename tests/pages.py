"""The Markdown page `press-archive generate` writes for one release, for tests that look at it."""

from __future__ import annotations

from generator.model import Release
from generator.render.fast_path import release_files
from generator.render.page import PageInputs
from generator.render.paths import release_page


def release_page_text(release: Release, inputs: PageInputs | None = None) -> str:
    """The release's page (front matter, header, body, cross-links from `inputs`; none by default),
    through the same function as the generator."""
    files = release_files(release, inputs or PageInputs())
    return files[release_page(release.id)].decode("utf-8", "surrogatepass")
