"""A saved page's headline, strongest source first — JSON-LD, Open Graph and Dublin Core `<meta>`
tags, RDFa/microdata, the article's `<h1>`, the `<title>` — each cleaned of what is not the
headline: HTML entities the publisher left encoded ("Nation&#8217;s"), the site's name before or
after it ("Headline | Ministry", "Ministry: Headline"), and a genre label before it ("Press
release: …", "Pressemitteilung: …"). A candidate that is only the site's name or a section name
("Newsroom") is no headline at all."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import lxml.html

from generator.model import Found
from generator.readers.html_body import _comparable
from generator.readers.html_page import _first_h1, _meta_values, _semantic_values
from generator.readers.html_values import _names, strip_site_suffix
from generator.whitespace import collapse

# <meta name|property=…> keys, lower-cased, strongest first.
META_TITLE = ("og:title", "dcterms.title", "dc.title", "twitter:title")

META_SITE = ("og:site_name", "application-name", "dcterms.publisher", "dc.publisher", "publisher")

# RDFa `property` / microdata `itemprop` names (prefix dropped, lower-cased) of a headline.
SEMANTIC_TITLE = frozenset({"title", "headline"})

# Separators between a page title and the site name: "Headline | Office | Agency". A dash is one
# too ("Headline – Ministry"), but headlines have dashes of their own, so a dash only ends the
# headline before a declared site name; a pipe-like separator always does.
SITE_SEPARATOR = re.compile(r"\s+(?:\||::|»|·)\s+")

# A page <title>/<h1> that names the section, not the release ("Newsroom | Water Board").
GENERIC_TITLE = re.compile(
    r"^(?:home|news|newsroom|news ?room|press|press releases?|news releases?|media|media (?:centre|center)|"
    r"press (?:centre|center|room)|announcements|latest news|news and (?:media|events)|statements?)$",
    re.IGNORECASE,
)

# A genre label before the headline, in the languages of European newsrooms, with an optional
# number ("Press release No. 12/2023: …", "Pressemitteilung Nr. 45 – …"). It says what kind of text
# follows, which the archive records apart; it is not part of the headline.
GENRE_LABEL = re.compile(
    r"^(?:(?:press|news|media)\s+(?:release|statement|notice|advisory)|joint\s+press\s+release|pressemitteilung"
    r"|pressemeldung|pressemelding|pressemeddelelse|pressmeddelande|pressinformation|medieinformation"
    r"|(?:lehdistö)?tiedote|communiqué(?:\s+de\s+presse)?|comunicado(?:\s+de\s+prensa)?|nota\s+de\s+prensa"
    r"|nota\s+(?:informativa|stampa)|comunicato(?:\s+stampa)?|persbericht|nieuwsbericht|komunikat(?:\s+prasowy)?"
    r"|tisková\s+zpráva|tlačová\s+správa|sajtóközlemény|comunicat\s+de\s+presă|priopćenje)"
    r"(?:\s+(?:no\.?|nr\.?|n[°º]\.?|núm\.?)\s*[\w/.-]+)?\s*(?::|–|—|-|\|)\s+",
    re.IGNORECASE,
)

# A character reference the publisher left encoded (JSON-LD is not HTML: the parser decodes none
# there, and some CMSs encode twice in `<meta>`). Only complete references, ending in ";", are
# decoded: "R&D" and "&param" stay as written.
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# Class or id of a heading that holds the site's name or logo, not a headline ("site-title", "logo").
SITE_HEADING_NAME = re.compile(r"site[-_]?(?:title|name|logo|branding)|logo|brand|masthead", re.IGNORECASE)

HEADLINE_TAGS = ("h1", "h2", "h3")


def page_site_names(
    tree: lxml.html.HtmlElement,
    ld: Mapping[str, Any],
    metas: Mapping[str, list[tuple[str, int | None]]],
    title_tag: tuple[str, int | None] | None,
) -> set[str]:
    """Names the site goes by, lower-cased: what a title suffix or an author tag may repeat — the
    declared ones, and the text of a heading that is the site's logo (`is_site_heading`). The parts
    of the `<title>` after the first count, unless the first is itself a site name ("Ministry |
    Headline", "Global Voices Online » Headline"): then the rest is the headline."""
    names = {value.casefold() for key in META_SITE for value, _ in metas.get(key, [])}
    names |= {name.casefold() for name in _names(ld.get("publisher"), people_only=False)}
    names |= {collapse(h.text_content()).casefold() for h in tree.iterfind(".//h1") if is_site_heading(h)}
    names.discard("")
    for name in list(names):
        names |= {part.casefold() for part in SITE_SEPARATOR.split(name)}
    if title_tag is not None:
        parts = SITE_SEPARATOR.split(title_tag[0])
        if parts[0].casefold() not in names:
            names |= {part.casefold() for part in parts[1:]}
    return names


def title_candidates(
    tree: lxml.html.HtmlElement,
    ld: Mapping[str, Any],
    metas: Mapping[str, list[tuple[str, int | None]]],
    title_tag: tuple[str, int | None] | None,
    site_names: set[str],
) -> Iterator[Found[str]]:
    """The headline as each source gives it, cleaned; sources that give none are skipped."""
    headline = ld.get("headline") or ld.get("name")
    if isinstance(headline, str):
        yield from _headline(headline, None, "json-ld", site_names)
    for value, line in _meta_values(metas, META_TITLE):
        yield from _headline(value, line, "html meta", site_names)
    for element, value in _semantic_values(tree, SEMANTIC_TITLE):
        yield from _headline(value, element.sourceline, "html meta", site_names)
    h1 = _first_h1(tree)
    if h1 is not None and not is_site_heading(h1):
        yield from _headline(h1.text_content(), h1.sourceline, "h1", site_names)
    if title_tag is not None:
        parts = SITE_SEPARATOR.split(strip_site_suffix(title_tag[0], site_names))
        if len(parts) > 1 and parts[0].casefold() in site_names:
            parts = [" | ".join(parts[1:])]  # "Ministry | Headline": the site's name first
        yield from _headline(parts[0], title_tag[1], "html title", site_names)


def is_site_heading(heading: Any) -> bool:
    """Whether a heading is the site's name or logo: named so ("site-title", "logo"), or nothing but
    a link to the site's home page, as themes set the site name in `<h1>` on every page."""
    if SITE_HEADING_NAME.search(f"{heading.get('class', '')} {heading.get('id', '')}"):
        return True
    links = heading.findall(".//a[@href]")
    text = collapse(heading.text_content())
    return (
        len(links) == 1
        and collapse(links[0].text_content()) == text
        and urlsplit(links[0].get("href", "").strip()).path in ("", "/")
        and not urlsplit(links[0].get("href", "").strip()).query
    )


def headline_element(tree: lxml.html.HtmlElement, title: str | None) -> Any:
    """The heading that shows the headline — the one whose text is the title, else the article's
    `<h1>` unless it is the site's logo — for finding the date printed near it; or None."""
    if title:
        wanted = _comparable(title)
        for tag in HEADLINE_TAGS:
            for heading in tree.iterfind(f".//body//{tag}"):
                if _comparable(heading.text_content()) == wanted:
                    return heading
    h1 = _first_h1(tree)
    return h1 if h1 is not None and not is_site_heading(h1) else None


def _headline(value: str, line: int | None, how: str, site_names: set[str]) -> Iterator[Found[str]]:
    text = collapse(CHARACTER_REFERENCE.sub(lambda ref: html.unescape(ref.group(0)), value))
    text = strip_site_suffix(text, site_names)
    text = _site_prefix_dropped(text, site_names)
    label = GENRE_LABEL.match(text)
    if label and len(text[label.end() :].split()) >= 2:
        text = text[label.end() :]
    if text and not GENERIC_TITLE.match(text) and text.casefold() not in site_names:
        yield Found(text, line, how)


def _site_prefix_dropped(text: str, site_names: set[str]) -> str:
    """'Ministry of Finance: Headline' → 'Headline', when the part before the colon is the site's name."""
    name, colon, rest = text.partition(": ")
    return rest.strip() if colon and name.casefold() in site_names and len(rest.split()) >= 2 else text
