"""Which parts of a saved page are its own article, and which are furniture or teasers of other
articles: a `<time>` in a "related news" card is that article's date, not the page's."""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from generator.readers.html_body import ARTICLE_XPATH, is_furniture

# A class or id word of a teaser or list of other articles ("related-card", "teaser__date",
# "more-news"), beyond the page furniture that `html_body` removes before text extraction.
TEASER_NAME = re.compile(
    r"(?:^|[\s_-])(?:teasers?|cards?|recommended|recommendations?|more|latest|popular|trending|most-read"
    r"|listing|list-item|carousel|slider|widget|promo|comments?)(?:$|[\s_-])",
    re.IGNORECASE,
)


class OwnParts:
    """Which parts of the page are its own article, not furniture or a teaser of another article.

    An element is the page's own when no ancestor of it is furniture (`html_body`'s words, roles and
    tags) or named like a teaser, and, when the headline sits in an `<article>`, when it is not in
    another `<article>`. Ancestors of the headline are spared: themes put words such as "sidebar"
    in the class of the layout that holds the article ("layout-with-sidebar").
    """

    def __init__(self, tree: lxml.html.HtmlElement, headline: Any) -> None:
        holders = [headline] if headline is not None else tree.xpath(ARTICLE_XPATH)
        self.spared = {ancestor for element in holders for ancestor in (element, *element.iterancestors())}
        self.article = next(headline.iterancestors("article"), None) if headline is not None else None

    def holds(self, element: Any) -> bool:
        """Whether `element` is part of the page's own article (it and its ancestors are not furniture)."""
        for ancestor in (element, *element.iterancestors()):
            if ancestor in self.spared:
                break
            if ancestor.tag == "article" and self.article is not None:
                return False  # another article than the headline's: a teaser
            if is_furniture(ancestor) or TEASER_NAME.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
                return False
        return True
