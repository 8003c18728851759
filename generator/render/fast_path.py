"""A generated page's files: its Markdown page, and beside it (outside docs/) the HTML that
Python-Markdown would make of that Markdown, for the MkDocs fast path (`generator/mkdocs_hooks.py`).

The side file names the Markdown it was made from by a digest, so the hook uses it only for that
exact text: a page edited by hand, or one from an older run, is converted by MkDocs as usual.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from generator.model import Release
from generator.render.emitters import Emitter, HtmlPage, MarkdownPage
from generator.render.markdown import front_matter
from generator.render.page import PageInputs, release_citation, release_layout
from generator.render.paths import release_page
from generator.render.search_document import SEARCH_PREFIX, document_path, search_document
from generator.staging import markdown_digest, side_path


def page_files(page: str, front: dict[str, Any], layout: Callable[[Emitter], None], end: str = "") -> dict[str, str]:
    """A generated page (front matter, then what `layout` writes, then `end`) and its side file
    (body HTML, toc, linked pages), from one layout written by both emitters."""
    markdown = MarkdownPage(page)
    layout(markdown)
    text = markdown.finish().text + end
    html = HtmlPage(page)
    layout(html)
    made = html.finish()
    side = {"markdown": markdown_digest(text), "html": made.text, "toc": made.toc, "links": made.links}
    encoded = json.dumps(side, ensure_ascii=False, separators=(",", ":"))
    return {page: front_matter(front) + text, side_path(page): encoded}


def release_files(release: Release, inputs: PageInputs) -> dict[str, bytes]:
    """A release page, its side file and its search document (generator/render/search_document.py)."""
    citation = release_citation(release, inputs)
    layout = partial(release_layout, release=release, inputs=inputs, citation=citation)
    files = page_files(release_page(release.id), release.to_front_matter(), layout)
    out = {path: text.encode("utf-8", "surrogatepass") for path, text in files.items()}
    out[f"{SEARCH_PREFIX}/{document_path(release.id)}"] = search_document(release)
    return out
