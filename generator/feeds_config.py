"""`archive/feeds.yml`: the newsroom feeds and sitemaps `press-archive fetch` reads, validated.

Kept apart from `fetch.py` (which does the network side) so that a typo in the list is reported
as `archive/feeds.yml:LINE: error: …` before anything is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ReleaseError
from generator.urls import usable_url

FEEDS_FILE = "feeds.yml"
KINDS = ("feed", "sitemap")
"""`feed`: RSS or Atom (read by feedparser); `sitemap`: a sitemaps.org urlset or sitemap index."""
KEYS = ("name", "url", "kind", "source", "topics")


@dataclass(frozen=True)
class Feed:
    """One source of new releases; `source` and `topics` are presets for the releases it lists."""

    name: str
    url: str
    kind: str | None = None
    """None: found from the document itself (a `<urlset>` or `<sitemapindex>` is a sitemap)."""
    source: str | None = None
    topics: tuple[str, ...] = ()


def feed_of_url(url: str) -> Feed:
    """A feed given on the command line: named by its URL, kind sniffed, no presets."""
    return Feed(name=url, url=url)


def load_feeds(path: Path, shown: str) -> list[Feed]:
    """The feeds listed in `path` (none when the file is missing or the list is empty).

    Raises ReleaseError naming the file, the line and what to do, for the first problem found.
    """
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    loader = yaml.SafeLoader(text)
    try:
        # One parse gives both the nodes (for line numbers) and the values.
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ReleaseError(
            shown, mark.line + 1 if mark else None, f"not valid YAML: {getattr(error, 'problem', error)}",
            "fix the YAML syntax (a list of '- name: …' entries)", code="bad-feeds",
        ) from None
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise ReleaseError(
            shown, 1, "must be a list of feeds", "write one '- name: …' entry per feed", code="bad-feeds"
        )
    return [_feed(entry, node.start_mark.line + 1, shown) for entry, node in zip(data, root.value, strict=True)]


def _feed(entry: Any, line: int, shown: str) -> Feed:
    def fail(message: str, hint: str) -> ReleaseError:
        return ReleaseError(shown, line, message, hint, code="bad-feeds")

    if not isinstance(entry, dict):
        raise fail("a feed must be a mapping", "write 'name:', 'url:' and optionally 'kind:', 'source:', 'topics:'")
    unknown = [str(key) for key in entry if key not in KEYS]
    if unknown:
        raise fail(f"unknown key '{unknown[0]}'", "use one of: " + ", ".join(KEYS))
    name, url, kind, source = (entry.get(key) for key in ("name", "url", "kind", "source"))
    if not isinstance(url, str) or not usable_url(url):
        raise fail(f"'url' must be an http(s) address, not {url!r}", "give the feed's or sitemap's full address")
    if name is not None and not isinstance(name, str):
        raise fail("'name' must be text", "name the feed, e.g. name: Justice Department news")
    if kind is not None and kind not in KINDS:
        raise fail(f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}", "leave it out to detect it")
    if source is not None and not isinstance(source, str):
        raise fail("'source' must be text", "name an organisation of sources.yml")
    topics = entry.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(topic, str) for topic in topics):
        raise fail("'topics' must be a list of topic names", "e.g. topics: [Antitrust, Civil Rights]")
    return Feed(name=name or url, url=url, kind=kind, source=source, topics=tuple(topics))
