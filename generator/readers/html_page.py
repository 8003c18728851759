"""Where a newsroom page keeps its metadata: JSON-LD articles, `<meta>` tags, the `<title>`, RDFa and
microdata attributes, labelled fields and the article's `<h1>`. `html_metadata` weighs what these
give, field by field."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import lxml.html

from generator.readers.html_body import CONTAINER_XPATHS
from generator.readers.html_values import _unique
from generator.whitespace import collapse

# schema.org types of a news item; JSON-LD objects of other types (WebSite, BreadcrumbList …)
# describe the site, not the release.
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "PressRelease",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BlogPosting",
        "Report",
        "SocialMediaPosting",
    }
)

# Taxonomy fields that CMSs print as a label followed by items; the label says whether the items are
# topics. Drupal 8+ themes use `field__label`/`field__item`, Drupal 6/7 `field-label`/`field-item`.
LABELLED_FIELDS = (("field__label", "field__item"), ("field-label", "field-item"))

TOPIC_LABEL = re.compile(r"^\s*(topics?|tags?|subjects?|issues?|categor(?:y|ies)|keywords)\b", re.IGNORECASE)

H1_XPATHS = ("//article//h1", "//main//h1", "//*[@role='main']//h1", "//*[@role='article']//h1")


def _json_ld_article(tree: lxml.html.HtmlElement) -> tuple[dict[str, Any], int | None]:
    """The first JSON-LD object of a news-item type, with `@id` references into its graph resolved,
    and the line of its `<script>`."""
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except json.JSONDecodeError:
            continue  # a broken JSON-LD block is the site's bug, and the other sources still count
        nodes = list(_json_ld_nodes(data))
        by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        for node in nodes:
            types = node.get("@type")
            type_set = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
            if type_set & ARTICLE_TYPES:
                return {key: _resolve(value, by_id) for key, value in node.items()}, script.sourceline
    return {}, None


def _json_ld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_nodes(data["@graph"])


def _resolve(value: Any, by_id: Mapping[str, dict[str, Any]]) -> Any:
    if isinstance(value, list):
        return [_resolve(item, by_id) for item in value]
    if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
        return by_id[value["@id"]]
    return value


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, list[tuple[str, int | None]]]:
    """`<meta name|property|itemprop=… content=…>` by lower-cased key, all values in page order."""
    metas: dict[str, list[tuple[str, int | None]]] = {}
    for element in tree.iterfind(".//meta[@content]"):
        content = collapse(element.get("content", ""))
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = element.get(attr)
            if key:
                metas.setdefault(key.strip().lower(), []).append((content, element.sourceline))
    return metas


def _title_tag(tree: lxml.html.HtmlElement) -> tuple[str, int | None] | None:
    element = tree.find(".//title")
    if element is None:
        return None
    text = collapse(element.text_content())
    return (text, element.sourceline) if text else None


def _meta_values(
    metas: Mapping[str, list[tuple[str, int | None]]], keys: Iterable[str]
) -> Iterator[tuple[str, int | None]]:
    for key in keys:
        yield from metas.get(key, [])


def _semantic_values(tree: lxml.html.HtmlElement, names: frozenset[str]) -> Iterator[tuple[Any, str]]:
    """Body elements carrying RDFa `property` or microdata `itemprop` of one of `names`."""
    for element in tree.xpath("//body//*[@property or @itemprop]"):
        keys = f"{element.get('property', '')} {element.get('itemprop', '')}".split()
        if not any(key.rsplit(":", 1)[-1].lower() in names for key in keys):
            continue
        value = element.get("content") or element.get("datetime") or element.text_content()
        value = collapse(value)
        if value:
            yield element, value


def _labelled_topics(tree: lxml.html.HtmlElement) -> Iterator[tuple[int | None, tuple[str, ...]]]:
    for label_class, item_class in LABELLED_FIELDS:
        for label in tree.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {label_class} ')]"):
            if not TOPIC_LABEL.match(label.text_content()):
                continue
            field = label.getparent()
            if field is None:
                continue
            items = field.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {item_class} ')]")
            tags = _unique(collapse(item.text_content()) for item in items)
            if tags:
                yield label.sourceline, tags


def _first_h1(tree: lxml.html.HtmlElement) -> Any:
    for xpath in H1_XPATHS:
        for element in tree.xpath(xpath):
            if collapse(element.text_content()):
                return element
    headings = [h for h in tree.iterfind(".//h1") if collapse(h.text_content())]
    # A lone <h1> outside any article is still the page's headline; several are a site's furniture.
    return headings[0] if len(headings) == 1 else None


def _containers(tree: lxml.html.HtmlElement) -> Iterator[Any]:
    for xpath in CONTAINER_XPATHS[:-1]:
        yield from tree.xpath(xpath)
