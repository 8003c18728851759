"""Enrichment: what a release means within the archive — its topics and its issuing organisation."""

from __future__ import annotations

import dataclasses

from generator.enrich.sources import resolve_source
from generator.enrich.topics import MAX_TOPICS, canonical, map_tags, match_topics
from generator.enrich.vocabulary import Vocabulary
from generator.errors import Problem
from generator.extract import Draft, lede_of
from generator.model import Release


def _warning(release: Release, *, code: str, message: str, hint: str) -> Problem:
    return Problem(path=release.raw, line=None, severity="warning", code=code, message=message, hint=hint)


def enrich(draft: Draft, vocabulary: Vocabulary) -> tuple[Release, list[Problem]]:
    """Resolve the source through `sources.yml` and choose topics from `topics.yml`."""
    release = draft.release
    problems: list[Problem] = []
    lede = lede_of(release.body)
    head = f"{release.title}\n{draft.text}"
    source, how = resolve_source(draft.source_candidates, release.source_url, release.raw, head, vocabulary)
    if how == "unknown":
        problems.append(
            _warning(
                release,
                code="unknown-source",
                message=f"source '{source}' is not in sources.yml",
                hint="add it to archive/sources.yml (name, aliases, domains) or correct the name",
            )
        )
    elif source is None:
        problems.append(
            _warning(
                release,
                code="no-source",
                message="no issuing organisation found",
                hint="end the release with 'Source: https://…' or add 'source: …' in a front-matter header",
            )
        )
    explicit = canonical(release.topics, vocabulary)
    tagged, unknown_tags = map_tags(draft.tags, vocabulary)
    for tag in unknown_tags:
        problems.append(
            _warning(
                release,
                code="unknown-tag",
                message=f"publisher tag '{tag}' matches no topic in topics.yml",
                hint="add it as a topic, or as a 'tags' entry of an existing topic",
            )
        )
    found = match_topics(release.title, lede, draft.text, vocabulary)
    topics = list(dict.fromkeys([*explicit, *tagged, *found]))
    if len(topics) > MAX_TOPICS:
        topics = topics[: max(MAX_TOPICS, len(explicit))]
    extracted = dict(release.extracted)
    if how in ("mention", "files"):
        extracted["source"] = how
    return dataclasses.replace(release, source=source, topics=tuple(topics), extracted=extracted), problems
