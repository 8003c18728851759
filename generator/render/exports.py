"""Bulk exports, for programs and spreadsheets: `releases.csv`, `releases.jsonl.gz` and one JSON
list per topic, author and source (every browse kind of terms).

The columns and keys are the field registry's (`FIELDS`), never a list written here, so a new
front-matter field is exported without a change to this module; docs/about.md documents the
schema and tests/test_exports.py checks it against the registry and every record against the pages.

Release text is data in every format: the csv module quotes cells, `json` escapes strings, and a
CSV cell is never read by a spreadsheet as a formula (`csv_text`). Output is byte-identical across
builds: records come newest first (the order of every list), and the gzip stream carries no time
stamp and no file name.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from generator.fields import Field
from generator.model import FIELDS, Release, newest_first
from generator.render.paths import release_url, term_feed, term_page, url_of

COLUMNS = ("id", "url", *(f.name for f in FIELDS))
"""The columns of `releases.csv`, and the keys of a `releases.jsonl.gz` record before `body`."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""A CSV text cell starting with one of these gets a leading "'": spreadsheets run a cell that
starts with =, +, - or @ as a formula (OWASP's "CSV injection"). The quote itself is among them,
so that reading back is one rule: a text cell that starts with "'" drops it."""
GZIP_LEVEL = 6
"""zlib's default level. On 1,000 synthetic releases (7.1 MB of JSON Lines): level 6 gives 1.33 MB
in 0.14 s, level 9 1.32 MB in 0.23 s, level 1 1.77 MB in 0.04 s."""


def _value(field: Field, value: Any) -> Any:
    """A field's value as JSON holds it: a date as ISO text, a list as a list, an empty text as null."""
    if field.kind == "names":
        return list(value)
    if field.kind == "mapping":
        return dict(sorted(value.items()))
    if field.kind == "date":
        return value.isoformat()
    return value or None


def record(release: Release, base: str) -> dict[str, Any]:
    """The release's metadata with its id and absolute (or root-relative) address: every field of
    the registry, in front-matter order, an empty one as null, [] or {}."""
    data: dict[str, Any] = {"id": release.id, "url": base + release_url(release.id)}
    for field in FIELDS:
        data[field.name] = _value(field, getattr(release, field.name))
    return data


def csv_text(text: str) -> str:
    """A text cell: as it is, but with a "'" in front when it would start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return csv_text(str(value))


def releases_csv(releases: Sequence[Release], site_url: str) -> bytes:
    """`releases.csv`: a header row (`COLUMNS`), then one row a release, newest first (RFC 4180:
    UTF-8, CRLF line ends, cells quoted when they need it). A list or a mapping is one cell of
    JSON; an empty value is an empty cell."""
    base = site_url or "/"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for release in newest_first(releases):
        writer.writerow([_cell(value) for value in record(release, base).values()])
    return out.getvalue().encode()


def _json_line(data: Any) -> bytes:
    """One compact JSON text, UTF-8; a lone surrogate (a broken character reference in a body)
    is written as its \\u escape, which JSON allows and UTF-8 cannot hold."""
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:
        return json.dumps(data, separators=(",", ":")).encode()


def jsonl_lines(releases: Iterable[Release], base: str) -> Iterable[bytes]:
    """The lines of `releases.jsonl`: a release's `record` with its `body` (each block's kind and
    plain text), one JSON object a line."""
    for release in releases:
        data = record(release, base)
        data["body"] = [{"kind": block.kind, "text": block.text} for block in release.body]
        yield _json_line(data) + b"\n"


def releases_jsonl_gz(
    releases: Sequence[Release], site_url: str, full: Callable[[Release], Release] | None = None
) -> bytes:
    """`releases.jsonl.gz`: every release with its text, newest first, gzip-compressed with no time
    stamp and no file name. `full` gives a release with its body when the caller has them apart
    (the cache keeps bodies out of memory); they are read one at a time."""
    base = site_url or "/"
    ordered = newest_first(releases)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=GZIP_LEVEL, fileobj=buffer, mtime=0) as stream:
        for line in jsonl_lines((full(r) for r in ordered) if full else ordered, base):
            stream.write(line)
    return buffer.getvalue()


def term_export(kind: str, name: str, items: Sequence[Release], site_url: str) -> bytes:
    """The JSON of one term (`topics/<slug>/index.json`): its kind and name, its page's and feed's
    addresses, and its releases newest first, each as id, date and title. A release's address is
    `release_url` of its id, and the rest of its metadata is in `releases.json`: written out for
    each release, the address would make these files (which hold every release once per term it
    has) about half as large again. `items` are already newest first."""
    base = site_url or "/"
    data = {
        "kind": kind,
        "name": name,
        "url": base + url_of(term_page(kind, name)),
        "feed": base + term_feed(kind, name),
        "count": len(items),
        "releases": [{"id": r.id, "date": r.date.isoformat(), "title": r.title} for r in items],
    }
    return _json_line(data) + b"\n"
