"""Atom feeds and `releases.json`: the archive for feed readers and programs.

Feeds are built with feedgen; their `updated` is the newest release's date, never the build time,
so the files are byte-identical across builds of the same archive.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from feedgen.feed import FeedGenerator

from generator.model import Release, newest_first
from generator.render.paths import release_url, url_of


def _moment(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def atom_feed(
    title: str, feed_path: str, page_path: str, releases: Sequence[Release], site_url: str, size: int
) -> bytes:
    """An Atom feed of the newest `size` releases; links are absolute when `site_url` is set."""
    base = site_url or "/"
    items = newest_first(releases)[:size]
    feed = FeedGenerator()
    feed.id(base + feed_path)
    feed.title(title)
    feed.link(href=base + url_of(page_path), rel="alternate")
    feed.link(href=base + feed_path, rel="self")
    feed.language("en")
    feed.updated(_moment(items[0].date) if items else _moment(dt.date(1970, 1, 1)))
    for release in reversed(items):  # feedgen prepends entries: add oldest first
        entry = feed.add_entry()
        url = base + release_url(release.id)
        entry.id(url)
        entry.title(release.title)
        entry.link(href=url, rel="alternate")
        entry.published(_moment(release.date))
        entry.updated(_moment(release.date))
        for name in release.author:
            entry.author(name=name)
        if release.summary:
            entry.summary(release.summary)
        for topic in release.topics:
            entry.category(term=topic)
    atom: bytes = feed.atom_str(pretty=True)
    return atom


def releases_json(releases: Sequence[Release], site_url: str, records: Mapping[str, str] | None = None) -> bytes:
    """All metadata, newest first, for programs that want the archive without scraping pages.

    The file is put together from each release's `json_record` (`records` holds those the caller
    has already, by release id): what `json.dumps` of the whole would give, without encoding the
    whole archive again (with `indent`, the json module encodes in pure Python)."""
    base = site_url or "/"
    parts = []
    for release in newest_first(releases):
        record = records.get(release.id) if records is not None else None
        if record is None:
            record = json_record(release)
        if record is None:
            return _releases_json_whole(releases, site_url)
        url = json.dumps(base + release_url(release.id), ensure_ascii=False)
        parts.append(f'{record},\n   "url": {url}\n  }}')
    if not parts:
        return b'{\n "releases": []\n}\n'
    return ('{\n "releases": [\n  ' + ",\n  ".join(parts) + "\n ]\n}\n").encode()


def json_record(release: Release) -> str | None:
    """The release's record in `releases.json` as it is indented there, up to its last key, `url`
    (which depends on the site's address), not closed; None when a key would sort after `url`."""
    data = release.to_front_matter()
    data["date"] = release.date.isoformat()
    data["id"] = release.id
    if any(key >= "url" for key in data):
        return None
    # Strings are encoded with their newlines escaped, so a line break is always the layout's.
    text = _indented(data) or json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n  ").removesuffix("\n  }")


def _indented(data: Mapping[str, Any]) -> str | None:
    """`json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)` when every value is a string,
    a list of strings or a mapping of strings (what a record holds), else None. With `indent`, the
    json module encodes in pure Python; here each string goes through its C string encoder and the
    layout is joined around them."""
    encode = json.encoder.encode_basestring
    items = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, str):
            text = encode(value)
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            text = "[\n  " + ",\n  ".join(map(encode, value)) + "\n ]" if value else "[]"
        elif isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            pairs = (f"{encode(k)}: {encode(v)}" for k, v in sorted(value.items()))
            text = "{\n  " + ",\n  ".join(pairs) + "\n }" if value else "{}"
        else:
            return None
        items.append(f"{encode(key)}: {text}")
    return "{\n " + ",\n ".join(items) + "\n}" if items else "{}"


def _releases_json_whole(releases: Sequence[Release], site_url: str) -> bytes:
    records = []
    for release in newest_first(releases):
        data = release.to_front_matter()
        data["date"] = release.date.isoformat()
        data["id"] = release.id
        data["url"] = (site_url or "/") + release_url(release.id)
        records.append(data)
    return (json.dumps({"releases": records}, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
