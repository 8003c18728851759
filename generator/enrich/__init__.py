"""Enrichment: what a release means within the archive — its authors, topics and issuing organisation."""

from __future__ import annotations

import dataclasses

from generator.enrich.authors import unknown_id_warning
from generator.enrich.case import case_capitals
from generator.enrich.sources import GUESSED, Head, resolve_source
from generator.enrich.topics import MAX_TOPICS, canonical, map_tags, match_topics
from generator.enrich.vocabulary import Vocabulary
from generator.errors import Problem, warning
from generator.extract import Draft
from generator.extract.people import match_people
from generator.model import Release


def _warning(release: Release, *, code: str, message: str, hint: str) -> Problem:
    return warning(release.raw, None, code, message, hint)


def enrich(draft: Draft, vocabulary: Vocabulary) -> tuple[Release, list[Problem]]:
    """Resolve the authors through `authors.yml` and the source through `sources.yml`, and choose
    topics from `topics.yml`."""
    release = draft.release
    problems: list[Problem] = []
    authors, unknown_ids = vocabulary.authors.resolve(release.author)
    problems += [unknown_id_warning(release.raw, draft.lines.get("author"), author_id) for author_id in unknown_ids]
    release = dataclasses.replace(release, author=authors) if authors != release.author else release
    release = match_people(release, vocabulary.authors)
    head = Head.of(release, draft.text)
    resolution = resolve_source(draft.source_candidates, release.source_url, release.raw, head, vocabulary)
    source, how = resolution.name, resolution.how
    problems += resolution.problems
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
    found = match_topics(release.title, head.lede, draft.text, vocabulary)
    topics = list(dict.fromkeys([*explicit, *tagged, *found]))
    if len(topics) > MAX_TOPICS:
        topics = topics[: max(MAX_TOPICS, len(explicit))]
    extracted = dict(release.extracted)
    if how in GUESSED:
        extracted["source"] = how
    release = dataclasses.replace(release, source=source, topics=tuple(topics), extracted=extracted)
    # A headline or place found in capitals, in headline case (names spelled as the vocabularies spell them).
    return case_capitals(release, vocabulary), problems
