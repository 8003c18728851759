"""A saved newsroom page's metadata, strongest first: JSON-LD, Open Graph and other `<meta>` tags
(with RDFa and microdata attributes in the body), the canonical link, then the article's own
`<h1>` and `<time>`; trafilatura's metadata only fills what is still missing. Dates are read by
`generator.extract.dates.parse_date`, as metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import lxml.html
from trafilatura.metadata import extract_metadata

from generator.errors import Problem
from generator.model import Found
from generator.readers.html_dates import choose_date, page_date_clues
from generator.readers.html_page import (
    _containers,
    _json_ld_article,
    _labelled_topics,
    _meta_tags,
    _meta_values,
    _title_tag,
)
from generator.readers.html_titles import (
    GENERIC_TITLE,
    META_SITE,
    SITE_SEPARATOR,
    headline_element,
    page_site_names,
    title_candidates,
)
from generator.readers.html_values import (
    ORGANISATION_NAME,
    _clear_tags,
    _names,
    _organisation_authors,
    _unique,
    as_written,
    split_names,
)
from generator.urls import ABSOLUTE_URL
from generator.whitespace import collapse

# <meta name|property=…> keys, lower-cased, strongest first within each field.
META_AUTHOR = ("author", "article:author", "dcterms.creator", "dc.creator", "byl", "parsely-author")

META_URL = ("og:url",)

META_SUMMARY = ("og:description", "description", "dcterms.description", "twitter:description")

# `news_keywords` is Google News' tag list; plain `keywords` is often SEO filler and is only used
# when it looks like a short list of tags (see `_clear_tags`).
META_TAGS = ("article:tag",)

META_KEYWORDS = ("news_keywords", "keywords")


SENTENCE_END = re.compile(r"""[.!?]["'”’)]?$""")

BYLINE_PREFIX = re.compile(r"^\s*by[:\s]+", re.IGNORECASE)


# --- metadata ----------------------------------------------------------------------------------


def extract_page_metadata(tree: lxml.html.HtmlElement, path: str) -> tuple[dict[str, Found[Any]], list[Problem]]:
    """Contract fields from the page's own markup, strongest source first (missing fields are
    absent), and warnings about them (dates that disagree)."""
    ld, ld_line = _json_ld_article(tree)
    metas = _meta_tags(tree)
    title_tag = _title_tag(tree)
    site_names = page_site_names(tree, ld, metas, title_tag)
    title = next(title_candidates(tree, ld, metas, title_tag, site_names), None)
    headline = headline_element(tree, title.value if title else None)
    if title is not None and title.how == "html title" and headline is not None:
        # The <title> only found the headline; the heading shows it as the page prints it (quotes, case).
        title = Found(collapse(headline.text_content()), headline.sourceline, "heading")
    date, problems = choose_date(page_date_clues(tree, ld, ld_line, metas, headline), path)
    fields: tuple[tuple[str, Iterator[Found[Any]]], ...] = (
        ("title", iter((title,) if title else ())),
        ("author", _author_candidates(tree, ld, metas, site_names)),
        ("source", _source_candidates(ld, metas, title_tag)),
        ("source_url", _url_candidates(tree, ld, metas)),
        ("topics", _topic_candidates(tree, ld, metas)),
        ("summary", _summary_candidates(ld, metas)),
    )
    found: dict[str, Found[Any]] = {}
    for key, candidates in fields:
        first = next(candidates, None)
        if first is not None:
            # JSON-LD values have no element of their own: point at the <script> that holds them.
            found[key] = Found(first.value, ld_line, first.how) if first.how == "json-ld" else first
    if date is not None:
        found["date"] = Found(date.day, date.line, date.how)
    return found, problems


def _author_candidates(
    tree: lxml.html.HtmlElement,
    ld: Mapping[str, Any],
    metas: Mapping[str, list[tuple[str, int | None]]],
    site_names: set[str],
) -> Iterator[Found[tuple[str, ...]]]:
    # An organisation as "author" is the publisher speaking, not a byline: it belongs to `source`.
    names = _names(ld.get("author"), people_only=True)
    names = tuple(name for name in names if name.casefold() not in site_names and not ORGANISATION_NAME.search(name))
    if names:
        yield Found(names, None, "json-ld")
    for key in META_AUTHOR:
        for value, line in metas.get(key, []):
            people = tuple(
                name
                for name in split_names(BYLINE_PREFIX.sub("", value))
                if not ABSOLUTE_URL.match(name)
                and name.casefold() not in site_names
                and not ORGANISATION_NAME.search(name)
            )
            if people:
                yield Found(people, line, "html meta")
    for container in _containers(tree):
        links = container.xpath(".//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]")
        people = tuple(dict.fromkeys(n for n in (collapse(a.text_content()) for a in links) if n))
        if people:
            yield Found(people, links[0].sourceline, "html meta")
        break


def _source_candidates(
    ld: Mapping[str, Any],
    metas: Mapping[str, list[tuple[str, int | None]]],
    title_tag: tuple[str, int | None] | None,
) -> Iterator[Found[str]]:
    # The issuer named as the article's author beats the site that carries it: a ministry's release
    # on GOV.UK, a company's release on a wire service's site.
    for name in _organisation_authors(ld.get("author")):
        yield Found(name, None, "json-ld")
    for value, line in metas.get("author", []):
        if ORGANISATION_NAME.search(value) and not ABSOLUTE_URL.match(value):
            yield Found(collapse(value), line, "html meta")
    for name in _names(ld.get("publisher"), people_only=False):
        yield Found(SITE_SEPARATOR.split(name)[0], None, "json-ld")
    for value, line in _meta_values(metas, META_SITE):
        yield Found(SITE_SEPARATOR.split(value)[0], line, "html meta")
    if title_tag is not None:
        parts = SITE_SEPARATOR.split(title_tag[0])
        if len(parts) > 1:
            # "Headline | Office | Agency": the last part names the site as a whole.
            yield Found(parts[-1], title_tag[1], "html title")


def _url_candidates(
    tree: lxml.html.HtmlElement, ld: Mapping[str, Any], metas: Mapping[str, list[tuple[str, int | None]]]
) -> Iterator[Found[str]]:
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            url = link.get("href", "").strip()
            if ABSOLUTE_URL.match(url):
                yield Found(url, link.sourceline, "html meta")
    for value, line in _meta_values(metas, META_URL):
        if ABSOLUTE_URL.match(value):
            yield Found(value, line, "html meta")
    for key in ("url", "mainEntityOfPage"):
        entry = ld.get(key)
        url = entry.get("@id") or entry.get("url") if isinstance(entry, dict) else entry
        if isinstance(url, str) and ABSOLUTE_URL.match(url.strip()):
            yield Found(url.strip(), None, "json-ld")


def _topic_candidates(
    tree: lxml.html.HtmlElement, ld: Mapping[str, Any], metas: Mapping[str, list[tuple[str, int | None]]]
) -> Iterator[Found[tuple[str, ...]]]:
    keywords = ld.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    if isinstance(keywords, list):
        tags = _unique(collapse(str(k)) for k in keywords if isinstance(k, str | int))
        if tags:
            yield Found(tags, None, "json-ld")
    for key in META_TAGS:
        values = metas.get(key, [])
        tags = _unique(value for value, _ in values)
        if tags:
            yield Found(tags, values[0][1], "html meta")
    for container in _containers(tree):
        links = container.xpath(".//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]")
        tags = _unique(collapse(a.text_content()) for a in links)
        if tags:
            yield Found(tags, links[0].sourceline, "html meta")
        break
    for line, tags in _labelled_topics(tree):
        yield Found(tags, line, "html meta")
    for key in META_KEYWORDS:
        for value, line in metas.get(key, []):
            tags = _clear_tags(value.split(","))
            if tags:
                yield Found(tags, line, "html meta")


def _summary_candidates(
    ld: Mapping[str, Any], metas: Mapping[str, list[tuple[str, int | None]]]
) -> Iterator[Found[str]]:
    # Sites cut descriptions to a length ("… relating to a Dec. 3, 2011, attempted murder"): only a
    # complete sentence is a usable summary; otherwise it is left to the extractor that reads the lede.
    description = ld.get("description")
    if isinstance(description, str) and SENTENCE_END.search(collapse(description)):
        yield Found(collapse(description), None, "json-ld")
    for value, line in _meta_values(metas, META_SUMMARY):
        if SENTENCE_END.search(value):
            yield Found(value, line, "html meta")


def _trafilatura_metadata(tree: lxml.html.HtmlElement, have: Mapping[str, Found[Any]]) -> dict[str, Found[Any]]:
    """trafilatura's guesses for the fields the page's markup did not give (it reads the same tree)."""
    # The date is htmldate's own extensive search (`html_dates.searched_date`): trafilatura's is its fast one.
    document = extract_metadata(tree, date_config={"extensive_search": False, "original_date": True})
    found: dict[str, Found[Any]] = {}
    if document.title and "title" not in have and not GENERIC_TITLE.match(collapse(document.title)):
        found["title"] = Found(collapse(document.title), None, "trafilatura")
    people = tuple(name for name in split_names(document.author or "") if not ORGANISATION_NAME.search(name))
    if people and "author" not in have:
        page_text = collapse(" ".join(tree.itertext()))
        people = _unique(written for name in people if (written := as_written(name, page_text)))
    if people and "author" not in have:
        found["author"] = Found(people, None, "trafilatura")
    if document.sitename and "source" not in have:
        found["source"] = Found(collapse(document.sitename), None, "trafilatura")
    return found
