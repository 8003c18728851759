"""Which organisation issued a release, named as `sources.yml` names it."""

from __future__ import annotations

import fnmatch
from urllib.parse import urlsplit

from generator.enrich.vocabulary import Term, Vocabulary
from generator.kinds import term_slug
from generator.model import Found

# How much of the text is searched for a source's name when nothing structured names it: the head
# of a release names its issuer ("U.S. Senator Daniel K. Akaka today…"), the body names many others.
MENTION_WINDOW = 600


def source_for_url(url: str, sources: tuple[Term, ...]) -> Term | None:
    """The organisation whose web domain (or a subdomain of it) serves `url`."""
    host = (urlsplit(url).hostname or "").lower()
    best: tuple[int, Term] | None = None
    for term in sources:
        for domain in term.domains:
            if (host == domain or host.endswith("." + domain)) and (best is None or len(domain) > best[0]):
                best = (len(domain), term)
    return best[1] if best else None


def source_for_name(name: str, vocabulary: Vocabulary) -> Term | None:
    return vocabulary.source_index.get(term_slug(name))


def resolve_source(
    candidates: tuple[Found[str], ...],
    source_url: str | None,
    path: str,
    head_text: str,
    vocabulary: Vocabulary,
) -> tuple[str | None, str | None]:
    """(source name, how) from, in order: named sources (override, page metadata, `Source:` footer),
    the release's URL, the archive's per-folder defaults (`files:` patterns), and a mention of a
    known organisation at the head of the text. An unknown name is kept as given."""
    sources = vocabulary.sources
    unknown: str | None = None
    for found in candidates:
        value = found.value.strip()
        if value.lower().startswith(("http://", "https://")):
            term = source_for_url(value, sources)
        else:
            term = source_for_name(value, vocabulary)
            if term is None and unknown is None:
                unknown = value
        if term:
            return term.name, found.how
    if unknown:
        return unknown, "unknown"
    if source_url:
        term = source_for_url(source_url, sources)
        if term:
            return term.name, "url"
    for term in sources:
        if any(fnmatch.fnmatch(path, pattern) for pattern in term.files):
            return term.name, "files"
    hits = vocabulary.source_matcher.find(head_text[:MENTION_WINDOW])
    if hits:
        return hits[0][1], "mention"
    return None, None
