"""Search: Pagefind indexes of the releases, in bounded pieces that the search page merges.

The index does not wait for the site. The generator renders each release's lean search document
(`generator.render.search_document`: its title, body and the filter, sort and meta values,
nothing of the theme) into a staging tree whose paths are the site's URLs (`SEARCH_TREE`); `pieces`
decides which releases go into which index (pure, by year, newest first); `indexer` runs the
Pagefind binary over each piece, side by side within a memory budget, and writes the manifest the
search page reads (`pagefind/pieces.json`); `job` does that in the background while MkDocs
renders, and installs the index into `site/pagefind/` when both are done. The documents give the
same index as the built pages would (`indexer.index_site`, kept for the tests that compare them):
the search page cannot tell the two apart.
"""

from __future__ import annotations

from generator.render.search_document import SEARCH_TREE, search_document
from generator.search.indexer import IndexReport, PieceReport, index_site
from generator.search.pieces import Piece, ReleaseRef, plan_pieces

__all__ = [
    "SEARCH_TREE",
    "IndexReport",
    "Piece",
    "PieceReport",
    "ReleaseRef",
    "index_site",
    "plan_pieces",
    "search_document",
]
