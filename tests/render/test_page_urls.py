"""The fast path writes the addresses MkDocs would write: `page_url_link` against MkDocs' own
`get_relative_url`, over the kinds of generated pages and files and random folder names."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from generator.render.paths import page_url_link, url_of

KINDS = [
    "index.md", "about.md", "feed.xml", "releases.json", "years/index.md", "topics/index.md", "topics/by-count.md",
    "releases/{a}.md", "topics/{a}/index.md", "topics/{a}/page/2.md", "topics/{a}/feed.xml", "years/{b}/index.md",
    "years/{b}/page/3.md", "authors/{b}/index.md", "releases/{b}.md",
]
NAME = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)


@given(NAME, NAME)
def test_links_between_generated_pages_are_mkdocs_addresses(a: str, b: str) -> None:
    paths = [kind.format(a=a, b=b) for kind in KINDS]
    for source, target in itertools.product(paths, paths):
        if source.endswith(".md"):
            assert page_url_link(source, target) == get_relative_url(url_of(target), url_of(source)), (source, target)
