"""Search: the built site indexed with Pagefind in bounded pieces that the browser merges.

`pieces` decides which releases go into which index (pure); `indexer` stages each piece's pages
and runs the Pagefind binary over them, one piece at a time, and writes the manifest that the
search page reads (`pagefind/pieces.json`).
"""

from __future__ import annotations

from generator.search.indexer import IndexReport, PieceReport, index_site
from generator.search.pieces import Piece, ReleaseRef, plan_pieces

__all__ = ["IndexReport", "Piece", "PieceReport", "ReleaseRef", "index_site", "plan_pieces"]
