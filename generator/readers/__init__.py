"""Readers turn one raw file into a `RawDocument`; one module per format, registered by extension.

Adding a format is one module with a `read(raw: bytes, path: str) -> RawDocument` function and one
line in `READERS`. Modules are imported on first use: the HTML reader pulls in trafilatura, which
costs half a second that a plain-text archive should not pay.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePosixPath

from generator.errors import ReleaseError
from generator.model import RawDocument
from generator.readers.common import release_id

Reader = Callable[[bytes, str], RawDocument]

READERS: dict[str, str] = {
    ".txt": "generator.readers.text",
    ".md": "generator.readers.markdown",
    ".markdown": "generator.readers.markdown",
    ".html": "generator.readers.html_file",
    ".htm": "generator.readers.html_file",
    ".eml": "generator.readers.email_message",
}


# Ids whose page file would be the folder's index (`releases/index.md` is served as `releases/`).
RESERVED_IDS = frozenset({"index"})


def read(raw: bytes, path: str) -> RawDocument:
    """Read raw bytes of the file at `path` (repo-relative, POSIX) with the reader for its extension."""
    suffix = PurePosixPath(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ReleaseError(
            path,
            None,
            f"unknown file type '{suffix or '(none)'}'",
            f"save the release with one of these extensions: {known}",
            code="unknown-format",
        )
    if not raw.strip():
        raise ReleaseError(
            path, None, "file is empty", "put the release text in the file, or remove it", code="empty-file"
        )
    stem_id = release_id(PurePosixPath(path).stem)
    if stem_id in RESERVED_IDS:
        raise ReleaseError(
            path,
            None,
            f"release id '{stem_id}' is reserved for an index page",
            "name the file YYYY-MM-DD-short-slug, e.g. 2021-03-03-harbor-dredging.txt",
            code="reserved-id",
        )
    read_format: Reader = importlib.import_module(reader).read
    return read_format(raw, path)
