"""Checks across the whole archive: what no single file can show wrong.

Two different names of one browse kind (authors, topics, sources, people …) whose slugs are the
same would share one page and silently merge: each such pair is an error on the release that brings
the second spelling. The kinds are `generator.kinds.TERM_KINDS`, so a new kind is checked too.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.errors import Problem
from generator.kinds import TERM_KINDS, term_slug
from generator.model import Release


def slug_clashes(releases: Sequence[Release]) -> list[Problem]:
    """Term names that differ but share a page slug, one error for each release that spells one."""
    problems = []
    override = "override it in front matter"
    for kind in TERM_KINDS:
        by_slug: dict[str, tuple[str, str]] = {}
        for release in releases:
            for name in kind.terms(release):
                other = by_slug.setdefault(term_slug(name), (name, release.raw))
                if other[0] != name:
                    problems.append(
                        Problem(
                            path=release.raw,
                            line=None,
                            code="slug-clash",
                            message=f"{kind.singular} '{name}' and '{other[0]}' ({other[1]}) would share one page",
                            hint=f"spell the {kind.singular} the same way in both releases ({override})",
                        )
                    )
    return problems
