"""The language a saved page declares, and what it says about how the page writes numeric dates.

`01-11-2023` is 1 November on a German or British page and January 11 on an American one; no
format can tell, only the page's language can. A page declares it in `<html lang>`, an
http-equiv `content-language`, `og:locale` or a `language` meta tag, most specific first.
"""

from __future__ import annotations

from collections.abc import Mapping

import lxml.html

META_LANGUAGE = ("og:locale", "content-language", "language", "dc.language", "dcterms.language")

# English-speaking regions that write the month first (US usage); the rest of the English-speaking
# world, and every other language, writes the day first. Year-first orders (ISO, CJK) are never
# ambiguous and need no rule.
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "as", "gu", "mp", "pr", "um", "vi", "fm", "mh", "pw"})


def page_language(tree: lxml.html.HtmlElement, metas: Mapping[str, list[tuple[str, int | None]]]) -> str | None:
    """The page's declared language as a lower-case BCP 47 tag ("de", "en-gb"), or None."""
    root = tree.getroottree().getroot()
    declared = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for element in tree.iterfind(".//meta[@http-equiv]"):
        if element.get("http-equiv", "").strip().lower() == "content-language":
            declared.append(element.get("content"))
    declared += [value for key in META_LANGUAGE for value, _ in metas.get(key, [])]
    for value in declared:
        tag = normalise_language(value)
        if tag:
            return tag
    return None


def normalise_language(value: str | None) -> str | None:
    """'de_DE' → 'de-de'; 'en-GB, en' → 'en-gb'; anything that is not a language tag → None."""
    if not value:
        return None
    tag = value.split(",")[0].strip().replace("_", "-").lower()
    primary = tag.split("-")[0]
    return tag if 2 <= len(primary) <= 3 and primary.isalpha() else None


def day_first(language: str | None) -> bool | None:
    """Whether numeric dates on a page in `language` put the day first; None when it cannot say
    (no language, or English with no region: British and American pages both declare plain "en")."""
    if language is None:
        return None
    primary, _, region = language.partition("-")
    if primary != "en":
        return True
    if not region:
        return None
    return region.split("-")[0] not in MONTH_FIRST_REGIONS
