"""Which organisation issued a release, named as `sources.yml` names it.

Only an issuer counts. An organisation the text merely names is never the source: a senator's
release names agencies, a department's release names senators. In order:

1. what names the source: a front-matter `source:`, the page's metadata, the `Source:` line, the
   e-mail's sender (an address whose domain no entry lists is reported, with the entry to add);
2. the release's own address (an entry's `domains`);
3. the archive's per-folder defaults (`files:` patterns);
4. the text, where the organisation or the officeholder is the one acting: the byline ("By Sen.
   Jon Kyl"), the headline's subject ("SEN. ALLEN DELIVERS …", "WEEKLY REPORT … BY SEN. FRIST")
   and the lede's ("The Department of Justice announced…", "U.S. Sen. John Cornyn, R-Texas, today
   voted…"), read by `generator.enrich.subjects`; an officeholder's office is named by the
   templates of `generator.enrich.offices`. Headline and lede must agree. A release issued jointly
   ("Sens. Kent Conrad and Byron Dorgan … said") gets the one of its issuers that `sources.yml`
   lists (the first, if several), with a warning: it is a guess.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.enrich.subjects import Actor, Head, byline_actor, headline_subject, lede_subject
from generator.enrich.vocabulary import Term, Vocabulary
from generator.errors import Problem
from generator.kinds import term_slug
from generator.model import Found
from generator.urls import site_host

__all__ = ["Head", "Resolution", "resolve_source", "source_for_name", "source_for_url"]

# How each way of finding the source is recorded in `extracted:` (where a guess came from).
GUESSED = frozenset({"files", "byline", "headline", "lede", "joint"})


@dataclass(frozen=True)
class Resolution:
    """The source (None: not found), how it was found (None, "unknown" for a name that no entry
    has, or one of `GUESSED`, or the candidate's own `how`), and the warnings found on the way."""

    name: str | None
    how: str | None
    problems: tuple[Problem, ...] = ()


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
    head: Head,
    vocabulary: Vocabulary,
) -> Resolution:
    """The issuer, from (in order) the named candidates (override, page metadata, `Source:` footer,
    e-mail sender), the release's URL, the `files:` patterns, and the text where the issuer acts.
    An unknown name is kept as given (how "unknown")."""
    sources = vocabulary.sources
    unknown: str | None = None
    unknown_addresses: list[Found[str]] = []
    for found in candidates:
        value = found.value.strip()
        if value.lower().startswith(("http://", "https://")):
            term = source_for_url(value, sources)
            if term is None:
                unknown_addresses.append(found)
        else:
            term = source_for_name(value, vocabulary)
            if term is None and unknown is None:
                unknown = value
        if term:
            return Resolution(term.name, found.how, _address_warnings(unknown_addresses, term.name, True, path))
    if unknown:
        return Resolution(unknown, "unknown", _address_warnings(unknown_addresses, unknown, False, path))
    name, how, problems = _from_address_or_text(source_url, path, head, vocabulary)
    listed = name is not None and source_for_name(name, vocabulary) is not None
    return Resolution(name, how, (*_address_warnings(unknown_addresses, name, listed, path), *problems))


def _from_address_or_text(
    source_url: str | None, path: str, head: Head, vocabulary: Vocabulary
) -> tuple[str | None, str | None, tuple[Problem, ...]]:
    if source_url:
        term = source_for_url(source_url, vocabulary.sources)
        if term:
            return term.name, "url", ()
    for term in vocabulary.sources:
        if any(fnmatch.fnmatch(path, pattern) for pattern in term.files):
            return term.name, "files", ()
    author = byline_actor(head.authors, vocabulary)
    if author is not None and author.source is not None:
        return author.source, "byline", ()
    return _from_subjects(path, head, vocabulary)


def _from_subjects(path: str, head: Head, vocabulary: Vocabulary) -> tuple[str | None, str | None, tuple[Problem, ...]]:
    """The issuer acting in the headline or the lede: both must agree where both name one."""
    lede = lede_subject(head.lede, vocabulary)
    headline = headline_subject(head.headline, head.text, vocabulary) if head.headline else None
    members, how = _agreed(headline, lede)
    if not members:
        return None, None, ()
    if len(members) == 1:
        return (members[0].source, how, ()) if members[0].source else (None, None, ())
    listed = [m for m in members if m.listed]
    if not listed:
        return None, None, ()
    names = ", ".join(f"'{m.source}'" if m.source else "an office not known for sure" for m in members)
    chosen = listed[0].source
    which = "the one" if len(listed) == 1 else "the first"
    warning = Problem(
        path=path,
        line=head.lede_line,
        severity="warning",
        code="joint-issuers",
        message=f"issued jointly by {names}; source set to '{chosen}', {which} of them in sources.yml",
        hint="if another of them issued this copy, add 'source: …' in a front-matter header",
    )
    return chosen, "joint", (warning,)


def _agreed(
    headline: tuple[Actor, ...] | None, lede: tuple[Actor, ...] | None
) -> tuple[tuple[Actor, ...], str]:
    """The issuers the headline and the lede name, when they do not contradict each other: one
    that names a single issuer among the other's joint ones singles it out; two different single
    issuers, or joint ones that share none, give none (better no source than a wrong one)."""
    if not headline or not lede:
        return (headline or lede or ()), ("headline" if headline else "lede")
    same = [m for m in lede if any(m.source == h.source for h in headline)]
    if not same:
        return (), ""
    if len(headline) == 1 or len(lede) == 1:
        return (same[0],), ("lede" if len(lede) == 1 else "headline")
    return lede, "lede"


def _address_warnings(found: list[Found[str]], name: str | None, listed: bool, path: str) -> tuple[Problem, ...]:
    """`unknown-source-domain` for each address no entry's domain serves, suggesting the entry."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for address in found:
        value = address.value.strip()
        # The host without "www.", not the registrable domain: a shared one would claim too much
        # (senate.gov serves every senator's office; 18f.gsa.gov is not GSA's own entry), and an
        # entry's domain covers its subdomains anyway.
        domain = site_host(value)
        if not domain or domain in seen:
            continue
        seen.add(domain)
        if name and listed:
            hint = f"add {domain} to the domains of '{name}' in archive/sources.yml, if it publishes there"
        else:
            hint = f"add to archive/sources.yml: - name: {name or '…'}, domains: [{domain}]"
        what = f"sender's domain '{domain}'" if address.how == "sender" else f"source address '{value}'"
        problems.append(
            Problem(
                path=path,
                line=address.line,
                severity="warning",
                code="unknown-source-domain",
                message=f"{what} matches no organisation in sources.yml",
                hint=hint,
            )
        )
    return tuple(problems)
