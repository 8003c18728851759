"""A staging tree of search documents for tests that have releases in hand and no generator run
(`press-archive generate` writes the documents with the pages, through `output.TreeWriter`)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.model import Release
from generator.output import write_if_changed
from generator.render.search_document import document_path, search_document


def write_documents(tree: Path, releases: Iterable[Release]) -> int:
    """Make `tree` hold the documents of `releases` and no other: a document is written (atomically)
    only when its bytes change, the folders of other releases are removed. Returns how many were
    written."""
    wanted: set[str] = set()
    written = 0
    for release in releases:
        wanted.add(release.id)
        written += write_if_changed(tree / document_path(release.id), search_document(release))
    folder = tree / "releases"
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name not in wanted:
            shutil.rmtree(entry)
    return written
