"""Which releases go into which Pagefind index: consecutive years, newest first, ≤ `limit` each.

Pagefind's indexer holds every page of an index in memory (as much for a lean search document as
for a full page: it is the index of the words), so one index of a large archive
does not fit; pieces bound it. Pieces follow years so that a new release re-indexes only the newest
piece, and so that "newest first" across pieces is simply the order of the pieces. A year larger
than `limit` is cut by date into parts of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# Pagefind's indexer holds ~243 KB per release (benchmarks/search.py: 803 MB for 3,300 synthetic
# releases, 2,170 MB for 10,000 in one index; 236 MB for 1,000 lean search documents). Pieces of at
# most 3,500 releases let two run side by side within the indexer's memory budget
# (indexer.MEMORY_BUDGET, ~1.7 GB for two, under 2 GB), one beside MkDocs
# (build.MEMORY_BESIDE_MKDOCS), and a first query searches the newest two pieces, about 6,700
# releases — within the reader's 500 KB per query, where two pieces of 5,000 at 10k releases took
# up to 527 KB. Each extra piece a query touches costs the reader one more index chunk per word, so
# pieces are not made smaller.
DEFAULT_LIMIT = 3_500


@dataclass(frozen=True, kw_only=True)
class ReleaseRef:
    """A release as the indexer needs it: its id (page `releases/<id>/`) and its date."""

    id: str
    date: dt.date


@dataclass(frozen=True, kw_only=True)
class Piece:
    """One Pagefind index: its folder name under `pagefind/` and its releases, newest first."""

    name: str
    releases: tuple[ReleaseRef, ...]

    @property
    def newest(self) -> dt.date:
        return self.releases[0].date

    @property
    def oldest(self) -> dt.date:
        return self.releases[-1].date

    def manifest(self) -> dict[str, object]:
        years = sorted({r.date.year for r in self.releases}, reverse=True)
        return {
            "name": self.name,
            "path": f"{self.name}/",
            "releases": len(self.releases),
            "years": years,
            "newest": self.newest.isoformat(),
            "oldest": self.oldest.isoformat(),
        }


def _newest_first(releases: Iterable[ReleaseRef]) -> list[ReleaseRef]:
    # Ties broken by id (reversed with the dates) so the plan is deterministic.
    return sorted(releases, key=lambda r: (r.date, r.id), reverse=True)


def _name(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{min(years)}-{max(years)}"


def plan_pieces(releases: Iterable[ReleaseRef], limit: int = DEFAULT_LIMIT) -> list[Piece]:
    """Group releases into pieces of consecutive years (newest first), each at most `limit` long."""
    if limit < 1:
        raise ValueError("a piece holds at least one release")
    by_year: dict[int, list[ReleaseRef]] = {}
    for release in _newest_first(releases):
        by_year.setdefault(release.date.year, []).append(release)
    pieces: list[Piece] = []
    years: list[int] = []
    current: list[ReleaseRef] = []

    def close() -> None:
        if current:
            pieces.append(Piece(name=_name(years), releases=tuple(current)))
        years.clear()
        current.clear()

    for year in sorted(by_year, reverse=True):
        members = by_year[year]
        if len(members) > limit:
            close()
            # Cut from the oldest end, so a growing year only changes its newest part.
            oldest_first = members[::-1]
            parts = [oldest_first[i : i + limit] for i in range(0, len(oldest_first), limit)]
            for number in range(len(parts), 0, -1):
                pieces.append(Piece(name=f"{year}.{number}", releases=tuple(parts[number - 1][::-1])))
            continue
        if len(current) + len(members) > limit:
            close()
        years.append(year)
        current.extend(members)
    close()
    return pieces
