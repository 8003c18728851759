"""Saved newsroom pages (`.html`): the publisher's metadata from the page, the release from its body.

Metadata is read strongest first — JSON-LD, Open Graph and other `<meta>` tags (with RDFa and
microdata attributes in the body), the canonical link, then the article's own `<h1>` and `<time>` —
and trafilatura's metadata only fills what is still missing. The body comes from trafilatura's
main-text extraction, walked into plain-text blocks; when that finds nothing, the text of
`<article>`/`<main>` is used. Navigation, banners and "related news" boxes are removed first
(`clean_tree`). The page is parsed once, by lxml; trafilatura works on its own copy of that tree.

`element_blocks`, `drop_title_heading`, `parse_date` and `collapse` are shared with the Markdown
reader, whose raw HTML blocks and front-matter dates need the same treatment.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import PurePosixPath
from typing import Any

import lxml.html
import trafilatura
from dateutil import parser as dateutil_parser
from lxml import etree
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document, Extractor

from generator.errors import ReleaseError
from generator.model import Block, BlockKind, Found, RawDocument
from generator.readers.common import Decoded, decode, decode_as, release_id

# The encoding declaration is looked for where browsers look: in the first 1024 bytes (WHATWG
# "prescan"); we allow a little more because saved pages often carry a long comment first.
PRESCAN_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# Characters that lxml refuses in text and attribute values (C0 controls other than tab and line
# ends, lone surrogates, non-characters): a browser drops or replaces them, and so do we.
XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Browsers decode pages labelled Latin-1 or ASCII as windows-1252 (WHATWG Encoding Standard),
# and newsroom pages do contain its curly quotes while declaring ISO-8859-1.
# Keyed by Python's canonical codec name, whatever label the page used ("latin1", "ISO-8859-1" …).
ENCODING_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}

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

# <meta name|property=…> keys, lower-cased, strongest first within each field.
META_TITLE = ("og:title", "dcterms.title", "dc.title", "twitter:title")
META_DATE = (
    "article:published_time",
    "og:published_time",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dc.date.issued",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "datepublished",
)
META_AUTHOR = ("author", "article:author", "dcterms.creator", "dc.creator", "byl", "parsely-author")
META_SITE = ("og:site_name", "application-name", "dcterms.publisher", "dc.publisher", "publisher")
META_URL = ("og:url",)
META_SUMMARY = ("og:description", "description", "dcterms.description", "twitter:description")
# `news_keywords` is Google News' tag list; plain `keywords` is often SEO filler and is only used
# when it looks like a short list of tags (see `_clear_tags`).
META_TAGS = ("article:tag",)
META_KEYWORDS = ("news_keywords", "keywords")

# RDFa `property` / microdata `itemprop` names (prefix dropped, lower-cased) of the same fields, e.g.
# Drupal's `<span property="dc:date" content="2018-04-13T00:00:00-04:00">`.
SEMANTIC_TITLE = frozenset({"title", "headline"})
SEMANTIC_DATE = frozenset({"date", "datepublished", "issued"})

# Taxonomy fields that CMSs print as a label followed by items; the label says whether the items are
# topics. Drupal 8+ themes use `field__label`/`field__item`, Drupal 6/7 `field-label`/`field-item`.
LABELLED_FIELDS = (("field__label", "field__item"), ("field-label", "field-item"))
TOPIC_LABEL = re.compile(r"^\s*(topics?|tags?|subjects?|issues?|categor(?:y|ies)|keywords)\b", re.IGNORECASE)

# Page furniture that must never become release text: navigation, cookie and consent banners,
# share buttons, "related news" boxes, sidebars — by element, ARIA role, or a word of its class/id
# ("cookie-banner", "block-related", but not "unrelated" or "shareholders"). The article itself and
# its ancestors are spared, since themes put such words in the class of <body> or a layout wrapper.
FURNITURE_TAGS = frozenset({"nav", "aside", "footer"})
FURNITURE_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "dialog", "alertdialog"})
FURNITURE_NAME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|related|share|sharing|social|newsletter|subscribe|breadcrumbs?"
    r"|sidebar)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Formatting tags that carry nothing when empty.
EMPTY_UNWRAPPED = frozenset({"strong", "b", "em", "i", "u", "span", "font", "a"})
ARTICLE_XPATH = "//article | //main | //*[@role='main' or @role='article']"

# Where the release sits when trafilatura finds nothing, most specific first.
CONTAINER_XPATHS = ("//article", "//main", "//*[@role='main']", "//*[@role='article']", "//body")
H1_XPATHS = ("//article//h1", "//main//h1", "//*[@role='main']//h1", "//*[@role='article']//h1")
TIME_XPATHS = ("//article//time[@datetime]", "//main//time[@datetime]", "//time[@pubdate][@datetime]")

# Separators between a page title and the site name: "Headline | Office | Agency". A dash is one
# too ("Headline – Ministry"), but headlines have dashes of their own, so a dash only ends the
# headline before a declared site name; a pipe-like separator always does.
SITE_SEPARATOR = re.compile(r"\s+(?:\||::|»|·)\s+")
TITLE_SEPARATOR = re.compile(r"\s+(?:\||::|»|·|–|—|-)\s+")
SENTENCE_END = re.compile(r"""[.!?]["'”’)]?$""")
BYLINE_PREFIX = re.compile(r"^\s*by[:\s]+", re.IGNORECASE)
# An "author" that is an organisation or its press desk ("Fabrikam Communications", "Contoso Health
# Inc.", "Department for Transport"): the issuer speaking, which belongs to `source`, not a byline.
ORGANISATION_NAME = re.compile(
    r"\b(?:inc|corp|corporation|co|company|llc|ltd|plc|gmbh|ag|sa|group|communications|newsroom|press office|"
    r"press team|media relations|public affairs|department|ministry|agency|office|administration|authority|"
    r"bureau|commission|council|team|staff|editors?|desk)\b\.?",
    re.IGNORECASE,
)
# A page <title>/<h1> that names the section, not the release ("Newsroom | Water Board").
GENERIC_TITLE = re.compile(
    r"^(?:home|news|newsroom|news ?room|press|press releases?|news releases?|media|media (?:centre|center)|"
    r"press (?:centre|center|room)|announcements|latest news|news and (?:media|events)|statements?)$",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose content is never release text.
SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "img",
        "picture",
        "video",
        "audio",
        "canvas",
        "form",
        "button",
        "select",
        "textarea",
        "input",
        "head",
        "title",
        "meta",
        "link",
        "graphic",
    }
)
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
        *HEADINGS,
    }
)
CELLS = frozenset({"td", "th"})
CELL_SEPARATOR = " | "
# trafilatura's XML output names its elements after TEI; mapped onto their HTML equivalents.
TEI_TAGS = {
    "head": "h2",
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "lb": "br",
    "hi": "span",
    "ref": "a",
    "row": "tr",
    "cell": "td",
    "code": "pre",
    "del": "span",
}

# Lines above a page's headline that are its header, not the release ("Office of Public Affairs").
PAGE_HEADER_WORDS = 8

NO_TEXT_HINT = (
    "save the whole page as HTML (not a screenshot or a script-built shell), or paste the release text into a .txt file"
)


def read(raw: bytes, path: str) -> RawDocument:
    """A saved newsroom page: metadata from JSON-LD/meta tags/`<h1>`, body blocks from the main text."""
    decoded = decode_html(raw, path)
    text = XML_INCOMPATIBLE.sub("", decoded.text)
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except etree.ParserError:
        raise ReleaseError(path, None, "no release text found in the page", NO_TEXT_HINT, code="no-text") from None
    meta = extract_page_metadata(tree)
    clean_tree(tree)
    blocks = _main_text_blocks(tree)
    if not blocks:
        blocks = _container_blocks(tree)
    title = meta.get("title")
    blocks = drop_title_heading(blocks, title.value if title else None, header_words=PAGE_HEADER_WORDS)
    if not blocks:
        raise ReleaseError(path, None, "no release text found in the page", NO_TEXT_HINT, code="no-text")
    if "title" not in meta or "date" not in meta:
        meta = {**_trafilatura_metadata(tree, meta), **meta}
        if title is None and "title" in meta:
            blocks = drop_title_heading(blocks, meta["title"].value, header_words=PAGE_HEADER_WORDS)
    if "title" not in meta and blocks[0].kind == "heading" and len(blocks) > 1:
        # A page without usable metadata: its first heading above the text is the headline.
        meta = {**meta, "title": Found(blocks[0].text, blocks[0].line, "heading")}
        blocks = blocks[1:]
    lines = "\n\n".join(block.text for block in blocks).split("\n")
    return RawDocument(
        path=path,
        id=release_id(PurePosixPath(path).stem),
        format="html",
        lines=tuple(lines),
        first_line=1,
        meta=meta,
        blocks=tuple(blocks),
        problems=decoded.problems,
    )


# --- decoding ---------------------------------------------------------------------------------


def decode_html(raw: bytes, path: str) -> Decoded:
    """Decode a page by its BOM, else its `<meta charset>`/http-equiv declaration, else as UTF-8."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(raw, path)
    match = META_CHARSET.search(raw[:PRESCAN_BYTES])
    if match is None:
        return decode(raw, path)
    label = match.group(1).decode("ascii").lower()
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        raise ReleaseError(
            path,
            raw[: match.start()].count(b"\n") + 1,
            f"unknown character encoding '{label}' declared in the page",
            're-save the page as UTF-8 and declare <meta charset="utf-8">',
            code="undecodable",
        ) from None
    encoding = ENCODING_ALIASES.get(encoding, encoding)
    if encoding in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        # A UTF-16 page cannot declare itself in ASCII bytes; browsers read such a label as UTF-8.
        return decode(raw, path)
    return decode_as(raw, encoding, path, "re-save the page as UTF-8, or fix the charset the page declares")


# --- metadata ----------------------------------------------------------------------------------


def extract_page_metadata(tree: lxml.html.HtmlElement) -> dict[str, Found[Any]]:
    """Contract fields from the page's own markup, strongest source first; missing fields are absent."""
    ld, ld_line = _json_ld_article(tree)
    metas = _meta_tags(tree)
    title_tag = _title_tag(tree)
    site_names = _site_names(ld, metas, title_tag)
    fields: tuple[tuple[str, Iterator[Found[Any]]], ...] = (
        ("title", _title_candidates(tree, ld, metas, title_tag, site_names)),
        ("date", _date_candidates(tree, ld, metas)),
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
    return found


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


def _site_names(
    ld: Mapping[str, Any],
    metas: Mapping[str, list[tuple[str, int | None]]],
    title_tag: tuple[str, int | None] | None,
) -> set[str]:
    """Names the site goes by, lower-cased: what a title suffix or an author tag may repeat."""
    names = {value.casefold() for key in META_SITE for value, _ in metas.get(key, [])}
    names |= {name.casefold() for name in _names(ld.get("publisher"), people_only=False)}
    if title_tag is not None:
        names |= {part.casefold() for part in SITE_SEPARATOR.split(title_tag[0])[1:]}
    for name in list(names):
        names |= {part.casefold() for part in SITE_SEPARATOR.split(name)}
    return names


def _title_candidates(
    tree: lxml.html.HtmlElement,
    ld: Mapping[str, Any],
    metas: Mapping[str, list[tuple[str, int | None]]],
    title_tag: tuple[str, int | None] | None,
    site_names: set[str],
) -> Iterator[Found[str]]:
    headline = ld.get("headline") or ld.get("name")
    if isinstance(headline, str) and collapse(headline):
        yield Found(strip_site_suffix(collapse(headline), site_names), None, "json-ld")
    for value, line in _meta_values(metas, META_TITLE):
        yield Found(strip_site_suffix(value, site_names), line, "html meta")
    for element, value in _semantic_values(tree, SEMANTIC_TITLE):
        yield Found(strip_site_suffix(value, site_names), element.sourceline, "html meta")
    h1 = _first_h1(tree)
    if h1 is not None and not GENERIC_TITLE.match(collapse(h1.text_content())):
        yield Found(collapse(h1.text_content()), h1.sourceline, "h1")
    if title_tag is not None:
        first = SITE_SEPARATOR.split(strip_site_suffix(title_tag[0], site_names))[0]
        if not GENERIC_TITLE.match(first):
            yield Found(first, title_tag[1], "html title")


def _date_candidates(
    tree: lxml.html.HtmlElement, ld: Mapping[str, Any], metas: Mapping[str, list[tuple[str, int | None]]]
) -> Iterator[Found[dt.date]]:
    for key in ("datePublished", "dateCreated"):
        date = parse_date(ld.get(key))
        if date is not None:
            yield Found(date, None, "json-ld")
    for value, line in _meta_values(metas, META_DATE):
        date = parse_date(value)
        if date is not None:
            yield Found(date, line, "html meta")
    for element, value in _semantic_values(tree, SEMANTIC_DATE):
        date = parse_date(value)
        if date is not None:
            yield Found(date, element.sourceline, "html meta")
    for xpath in TIME_XPATHS:
        for element in tree.xpath(xpath):
            date = parse_date(element.get("datetime"))
            if date is not None:
                yield Found(date, element.sourceline, "time")


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


def _organisation_authors(value: Any) -> tuple[str, ...]:
    """Names of JSON-LD authors typed Organization (or Person-less entries named like one)."""
    if isinstance(value, list):
        return _unique(name for item in value for name in _organisation_authors(item))
    if isinstance(value, dict):
        types = value.get("@type")
        type_set = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
        name = value.get("name")
        if (
            isinstance(name, str)
            and collapse(name)
            and ("Organization" in type_set or (not type_set & {"Person"} and ORGANISATION_NAME.search(name)))
        ):
            return (collapse(name),)
    return ()


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


def _names(value: Any, *, people_only: bool) -> tuple[str, ...]:
    """Display names from a JSON-LD Person/Organization value, a string, or a list of them."""
    if isinstance(value, list):
        return _unique(name for item in value for name in _names(item, people_only=people_only))
    if isinstance(value, str):
        return tuple(split_names(value)) if people_only else (collapse(value),) if collapse(value) else ()
    if isinstance(value, dict):
        types = value.get("@type")
        type_set = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
        if people_only and type_set and "Person" not in type_set:
            return ()
        name = value.get("name")
        if isinstance(name, str) and collapse(name):
            return (collapse(name),)
    return ()


def split_names(text: str) -> list[str]:
    """'Jane Doe and John Roe' / 'Jane Doe; John Roe' → names; a comma splits only full names."""
    text = collapse(text)
    parts = [p.strip() for p in re.split(r"\s*;\s*|\s+and\s+|\s*&\s*", text) if p.strip()]
    names: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        # "Jane Doe, John Roe" is two people; "Jane Doe, PhD" is one.
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            names.extend(pieces)
        elif part:
            names.append(part)
    return names


def _clear_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Keywords only when they look like a tag list: a few short phrases, not a sentence or SEO dump."""
    tags = _unique(collapse(v) for v in values)
    if not tags or len(tags) > 15:
        return ()
    if any(len(tag) > 40 or len(tag.split()) > 5 for tag in tags):
        return ()
    return tags


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def strip_site_suffix(title: str, site_names: set[str]) -> str:
    """'Headline | OPA | Department of Justice' → 'Headline' when the tail parts name the site."""
    title = collapse(title)
    while True:
        parts = TITLE_SEPARATOR.split(title)
        if len(parts) < 2 or parts[-1].casefold() not in site_names:
            return title
        separators = list(TITLE_SEPARATOR.finditer(title))
        title = title[: separators[-1].start()].strip()


def _trafilatura_metadata(tree: lxml.html.HtmlElement, have: Mapping[str, Found[Any]]) -> dict[str, Found[Any]]:
    """trafilatura's guesses for the fields the page's markup did not give (it reads the same tree)."""
    document = extract_metadata(tree, date_config={"extensive_search": False, "original_date": True})
    found: dict[str, Found[Any]] = {}
    if document.title and "title" not in have and not GENERIC_TITLE.match(collapse(document.title)):
        found["title"] = Found(collapse(document.title), None, "trafilatura")
    date = parse_date(document.date)
    if date is not None and "date" not in have:
        found["date"] = Found(date, None, "trafilatura")
    people = tuple(name for name in split_names(document.author or "") if not ORGANISATION_NAME.search(name))
    if people and "author" not in have:
        found["author"] = Found(people, None, "trafilatura")
    if document.sitename and "source" not in have:
        found["source"] = Found(collapse(document.sitename), None, "trafilatura")
    return found


# --- dates -----------------------------------------------------------------------------------


def parse_date(value: object) -> dt.date | None:
    """The calendar date a value names, as written (an ISO time keeps its own offset's day).

    Accepts dates, datetimes, ISO strings and written dates ('Friday, April 13, 2018'); a string
    without a four-digit year is refused rather than given a guessed century.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    iso = ISO_DATE.match(value)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    if not FOUR_DIGIT_YEAR.search(value):
        return None
    try:
        return dateutil_parser.parse(value, default=dt.datetime(1, 1, 1)).date()
    except (ValueError, OverflowError):
        pass
    import dateparser  # slow to import; only needed for dates dateutil cannot read (other languages)

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed is not None else None


# --- body ------------------------------------------------------------------------------------


def clean_tree(tree: lxml.html.HtmlElement) -> None:
    """Prepare the page for text extraction, in place: drop navigation, banners, share and
    related-news boxes; unwrap empty formatting tags (trafilatura's precision mode loses the text
    after an empty `<strong></strong>`, which justice.gov puts after its "WASHINGTON" datelines)."""
    spared: set[Any] = set()
    for element in tree.xpath(ARTICLE_XPATH):
        spared.add(element)
        spared.update(element.iterancestors())
    doomed: list[Any] = []
    empty: list[Any] = []
    for element in tree.iter(etree.Element):
        if element.tag in EMPTY_UNWRAPPED and not element.text and len(element) == 0:
            empty.append(element)
        elif element not in spared and (
            element.tag in FURNITURE_TAGS
            or element.get("role") in FURNITURE_ROLES
            or FURNITURE_NAME.search(f"{element.get('class', '')} {element.get('id', '')}")
        ):
            doomed.append(element)
    for element in empty:
        element.drop_tag()
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def html_text_blocks(text: str) -> list[Block]:
    """The release text of an HTML document (an e-mail's HTML part): furniture removed, main text."""
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", XML_INCOMPATIBLE.sub("", text), count=1))
    except etree.ParserError:
        return []
    clean_tree(tree)
    return _main_text_blocks(tree) or _container_blocks(tree)


def _main_text_blocks(tree: lxml.html.HtmlElement) -> list[Block]:
    """Blocks of trafilatura's main text (precision first, no comments, no tables)."""
    document = trafilatura.bare_extraction(tree, options=_extraction_options())
    if not isinstance(document, Document) or document.body is None:
        return []
    return element_blocks(document.body, tags=TEI_TAGS, href="target", use_lines=False)


@cache
def _extraction_options() -> Extractor:
    """The options `bare_extraction(favor_precision=True, include_comments=False,
    include_tables=False, include_links=True)` would make, made once: it reads them out of its
    configuration on every call otherwise, and never changes them."""
    return Extractor(output_format="python", precision=True, comments=False, tables=False, links=True)


def _container_blocks(tree: lxml.html.HtmlElement) -> list[Block]:
    """The fallback: text of the page's article/main container (furniture is already removed)."""
    for xpath in CONTAINER_XPATHS:
        for container in tree.xpath(xpath):
            blocks = element_blocks(container)
            if blocks:
                return blocks
    return []


def drop_title_heading(blocks: list[Block], title: object, *, header_words: int = 0) -> list[Block]:
    """Leave out the heading that repeats the title (the page shows the title), if nothing but
    other headings comes before it. With `header_words`, short blocks before it (at most that many
    words: a page's "Office of Public Affairs", "FOR IMMEDIATE RELEASE", a date line) count as the
    page header above the headline and are left out with it."""
    if not isinstance(title, str) or not title:
        return blocks
    wanted = _comparable(title)
    for index, block in enumerate(blocks):
        if block.kind == "heading" and _comparable(block.text) == wanted:
            before = [b for b in blocks[:index] if b.kind == "heading" or not header_words]
            return before + blocks[index + 1 :]
        if block.kind != "heading" and len(block.text.split()) > header_words:
            break
    return blocks


def _comparable(text: str) -> str:
    # "October 31, 2012: Public Meeting" repeats the title "October 31, 2012 Public Meeting".
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def collapse(text: str) -> str:
    """Whitespace runs (newlines, tabs, no-break spaces) → one space; ends stripped."""
    return " ".join(text.split())


def element_blocks(
    root: Any,
    *,
    line_offset: int = 0,
    tags: Mapping[str, str] | None = None,
    href: str = "href",
    use_lines: bool = True,
) -> list[Block]:
    """Plain-text blocks of an element tree: headings, paragraphs, list items (nested lists
    flattened), quotes; table rows become one paragraph with cells separated by ' | '.

    Line breaks split paragraphs (a `<br>` in a release separates lines of an address or a contact
    block). Scripts, styles, images and form controls are dropped; a link to an absolute http(s)
    URL becomes 'text (url)'. `tags` renames elements first (trafilatura's TEI-like names), `href`
    is the link attribute, and with `use_lines` each block's line is the element's source line plus
    `line_offset`.
    """
    writer = _BlockWriter(line_offset if use_lines else None)
    writer.walk(root, "paragraph", tags or {}, href)
    writer.flush("paragraph")
    return writer.blocks


class _BlockWriter:
    """Collects inline text until a block boundary, then writes it out as one Block."""

    def __init__(self, line_offset: int | None) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.line: int | None = None
        self.line_offset = line_offset
        self.flushes = 0

    def text(self, text: str | None, element: Any) -> None:
        if not text:
            return
        if self.line is None and text.strip() and self.line_offset is not None:
            source = element.sourceline
            self.line = source + self.line_offset if source else None
        self.parts.append(text)

    def flush(self, kind: BlockKind) -> None:
        text = collapse("".join(self.parts))
        if text:
            self.blocks.append(Block(kind=kind, text=text, line=self.line))
        self.parts = []
        self.line = None
        self.flushes += 1

    def walk(self, element: Any, context: BlockKind, tags: Mapping[str, str], href: str) -> None:
        raw_tag = element.tag
        if not isinstance(raw_tag, str):
            return  # comments and processing instructions
        tag = raw_tag.rsplit("}", 1)[-1].lower()
        tag = tags.get(tag, tag)
        if tag in SKIPPED:
            return
        if tag == "br":
            self.flush(context)
            return
        if tag in BLOCK_TAGS:
            self.flush(context)
            kind = _block_kind(tag, context)
            self.text(element.text, element)
            self._children(element, kind, tags, href)
            self.flush(kind)
            return
        if tag in CELLS and self.parts and "".join(self.parts).strip():
            self.parts.append(CELL_SEPARATOR)
        start, flushes = len(self.parts), self.flushes
        self.text(element.text, element)
        self._children(element, context, tags, href)
        if tag == "a" and self.flushes == flushes:
            url = (element.get(href) or "").strip()
            label = collapse("".join(self.parts[start:]))
            if ABSOLUTE_URL.match(url) and label and label != url:
                self.parts.append(f" ({url})")

    def _children(self, element: Any, kind: BlockKind, tags: Mapping[str, str], href: str) -> None:
        for child in element:
            self.walk(child, kind, tags, href)
            self.text(child.tail, child)


def _block_kind(tag: str, context: BlockKind) -> BlockKind:
    if tag in HEADINGS:
        return "heading"
    if tag == "li":
        return "list_item"
    if tag == "blockquote":
        return "quote"
    return context
