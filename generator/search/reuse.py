"""The build's finished search pieces, kept under `.cache/` and reused when their documents did not change.

A piece (`plan_pieces`: consecutive years, newest first) is stored in `.cache/search-pieces/` under
its name and a fingerprint of everything Pagefind reads for it: the Pagefind version, the
exclusion selectors, and each of its releases' id, date and search document *bytes* (hashed, not
stat'ed: the Check and Deploy workflows restore `.cache/` and the staging tree into a fresh
checkout, where sizes and times say nothing). A piece whose fingerprint is stored is linked into
the new index instead of being indexed again: adding one release changes only the piece of its
year, so one Pagefind run remains. Pieces not used by the build are removed from the store, so
it holds one index's worth.

A stored piece is Pagefind's own output for the same documents with the same Pagefind, so the
index is the one a cold build makes (tests/test_ci_cache.py compares the two).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.render.paths import release_html
from generator.search.indexer import INDEX_DIR, IndexReport, PieceRunner, Schedule, run_pieces
from generator.search.pieces import Piece

STORE = "search-pieces"
"""The store's folder under the work folder (`.cache/`)."""


def pagefind_version() -> str:
    """The versions of the Pagefind wrapper and binary packages: a stored piece made by another
    Pagefind is never reused."""
    versions = []
    for name in ("pagefind", "pagefind_bin"):
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    return ",".join(versions)


def fingerprint(tree: Path, piece: Piece, version: str, exclude: Sequence[str] = ()) -> str:
    """Changes when the piece's releases, any byte of their search documents, the Pagefind version
    or the exclusion selectors change."""
    digest = hashlib.sha256(f"{piece.name}\0{version}\0{'|'.join(exclude)}".encode())
    for release in piece.releases:
        digest.update(f"\0{release.id}\0{release.date}\0".encode())
        digest.update(hashlib.sha256((tree / release_html(release.id)).read_bytes()).digest())
    return digest.hexdigest()[:32]


def _link_tree(source: Path, target: Path) -> None:
    """A copy of `source` at `target` made of hard links (copies on another file system). Neither
    side is ever written in place: a stored piece is replaced by a new folder, an installed index
    by a new one."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


def reusing(store: Path) -> PieceRunner:
    """A piece runner for `indexer.write_index` that takes back the pieces found in `store`
    (named in `report.reused`) and stores the pieces it indexes for the next build."""

    def run(source: Path, pieces: list[Piece], work: Path, schedule: Schedule, exclude: Sequence[str]) -> IndexReport:
        version = pagefind_version()
        stored = {p.name: store / f"{p.name}-{fingerprint(source, p, version, exclude)}" for p in pieces}
        missing = [piece for piece in pieces if not stored[piece.name].is_dir()]
        index = work / INDEX_DIR
        report = run_pieces(source, missing, work, schedule, exclude)
        store.mkdir(parents=True, exist_ok=True)
        for piece in pieces:
            if piece in missing:
                # Into a temporary name first: a store interrupted half-way is never taken for a piece.
                partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=store))
                partial.rmdir()
                _link_tree(index / piece.name, partial)
                partial.rename(stored[piece.name])
            else:
                _link_tree(stored[piece.name], index / piece.name)
                report.reused.append(piece.name)
        used = {path.name for path in stored.values()}
        for entry in store.iterdir():
            if entry.name not in used:
                shutil.rmtree(entry, ignore_errors=True)
        return report

    return run
