"""The bulk exports (generator/render/exports.py): `releases.csv`, `releases.jsonl.gz` and the JSON of
every term are parsed back and checked, record by record, against the release pages of the sample
archive (their front matter and body), and their schema against the field registry and the About
page that documents it.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path
from typing import Any

import yaml

from generator.kinds import TERM_KINDS, term_slug
from generator.model import FIELDS, Block, Release
from generator.pipeline import Result, generate
from generator.render import exports
from generator.render.markdown import block_markdown
from generator.render.paths import RELEASES_CSV, RELEASES_JSONL, release_url, term_feed, term_page, url_of
from generator.settings import Settings
from tests.conftest import make_project

ROOT = Path(__file__).resolve().parents[1]
EMPTY = {"string": None, "date": None, "names": [], "mapping": {}}
"""How an export writes a field the front matter leaves out, by the field's kind."""


def pages(docs: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """Release id → (front matter, Markdown below it) of every release page in docs/."""
    found = {}
    for path in sorted((docs / "releases").glob("*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        found[path.stem] = (yaml.safe_load(head), body)
    return found


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def expected_record(release_id: str, front: dict[str, Any], base: str) -> dict[str, Any]:
    """What an export must hold of a page: its id and address, then every field of the registry
    (as the front matter has it, or empty)."""
    record: dict[str, Any] = {"id": release_id, "url": base + release_url(release_id)}
    for field in FIELDS:
        record[field.name] = _json_value(front[field.name]) if field.name in front else EMPTY[field.kind]
    return record


def newest_first(found: dict[str, tuple[dict[str, Any], str]]) -> list[str]:
    return sorted(found, key=lambda i: (-found[i][0]["date"].toordinal(), i))


def read_csv(data: bytes) -> list[dict[str, Any]]:
    """`releases.csv` as the About page says to read it: JSON cells for lists and mappings, a
    leading "'" dropped from text, an empty cell for an empty value."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == list(exports.COLUMNS)
    kinds = {"id": "string", "url": "string", **{f.name: f.kind for f in FIELDS}}
    records = []
    for row in rows[1:]:
        record: dict[str, Any] = {}
        for column, cell in zip(rows[0], row, strict=True):
            if kinds[column] in ("names", "mapping"):
                record[column] = json.loads(cell) if cell else EMPTY[kinds[column]]
            else:
                record[column] = (cell[1:] if cell.startswith("'") else cell) or None
        records.append(record)
    return records


def test_every_export_is_written_and_published(generated_archive: tuple[Settings, Result]) -> None:
    settings, result = generated_archive
    docs = settings.docs
    assert (docs / RELEASES_CSV).is_file() and (docs / RELEASES_JSONL).is_file()
    for kind in TERM_KINDS:
        terms = {t for r in result.releases for t in kind.terms(r)}
        assert terms
        written = {p.parent.name for p in (docs / kind.name).glob("*/index.json")}
        assert written == {term_slug(t) for t in terms}


def test_the_csv_has_a_row_for_every_page_with_every_field(generated_archive: tuple[Settings, Result]) -> None:
    settings, _ = generated_archive
    found = pages(settings.docs)
    data = (settings.docs / RELEASES_CSV).read_bytes()
    assert data.endswith(b"\r\n") and not data.startswith(b"\xef\xbb\xbf")
    records = read_csv(data)
    assert [r["id"] for r in records] == newest_first(found)
    for record in records:
        front, _ = found[record["id"]]
        assert record == expected_record(record["id"], front, settings.site_url)


def test_the_jsonl_has_every_page_with_its_text(generated_archive: tuple[Settings, Result]) -> None:
    settings, _ = generated_archive
    found = pages(settings.docs)
    packed = (settings.docs / RELEASES_JSONL).read_bytes()
    # gzip header: no file name (FLG), no time stamp (MTIME): the same bytes on every build.
    assert packed[:3] == b"\x1f\x8b\x08" and packed[3] == 0 and packed[4:8] == b"\0\0\0\0"
    lines = gzip.decompress(packed).decode("utf-8").split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert [r["id"] for r in records] == newest_first(found)
    assert sum(bool(r["body"]) for r in records) > len(records) * 0.8
    for record in records:
        front, markdown = found[record["id"]]
        body = record.pop("body")
        assert list(record) == list(exports.COLUMNS)
        assert record == expected_record(record["id"], front, settings.site_url)
        # The text, written as the page writes a block, is the page's body, in order.
        assert all(set(block) == {"kind", "text"} for block in body)
        position = 0
        for block in body:
            written = block_markdown(Block(kind=block["kind"], text=block["text"]))
            if written.strip("#- >"):
                position = markdown.index(written, position) + len(written)


def test_each_term_json_lists_the_pages_of_its_term(generated_archive: tuple[Settings, Result]) -> None:
    settings, _ = generated_archive
    found = pages(settings.docs)
    base = settings.site_url
    checked = 0
    for kind in TERM_KINDS:
        assert kind.field is not None
        for path in sorted((settings.docs / kind.name).glob("*/index.json")):
            data = json.loads(path.read_bytes())
            name = data["name"]
            term_md = (settings.docs / term_page(kind.name, name)).read_text(encoding="utf-8")
            assert yaml.safe_load(term_md.split("---\n")[1])["title"] == name
            members = [i for i in newest_first(found) if name in _terms(found[i][0].get(kind.field))]
            assert data == {
                "kind": kind.name,
                "name": name,
                "url": base + url_of(term_page(kind.name, name)),
                "feed": base + term_feed(kind.name, name),
                "count": len(members),
                "releases": [
                    {"id": i, "date": found[i][0]["date"].isoformat(), "title": found[i][0]["title"]}
                    for i in members
                ],
            }
            checked += 1
    assert checked > 20


def _terms(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value] if value else []


def test_exports_are_byte_identical_from_the_cache_and_without_it(
    generated_archive: tuple[Settings, Result], tmp_path: Path
) -> None:
    settings, _ = generated_archive  # generated with the cache: bodies read back one at a time
    other = make_project(tmp_path / "project", ["*"])
    generate(other, use_cache=False, processes=1)
    names = [RELEASES_CSV, RELEASES_JSONL, "topics/isis/index.json", "sources/us-department-of-defense/index.json"]
    for name in names:
        assert (other.docs / name).read_bytes() == (settings.docs / name).read_bytes(), name


def test_the_about_page_documents_every_field_of_the_registry() -> None:
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    section = about.split("## Data exports", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([a-z ]+) \|", section, flags=re.MULTILINE)
    types = {"string": "text", "date": "date", "names": "list of text", "mapping": "mapping"}
    assert rows == [(f.name, types[f.kind]) for f in FIELDS]
    for name in (RELEASES_CSV, RELEASES_JSONL, "releases.json", "index.json"):
        assert f"{name}`" in section


# --- Release text stays data in every format ---------------------------------------------------

def _release(**values: Any) -> Release:
    defaults = {"id": "2021-05-01-x", "title": "T", "date": dt.date(2021, 5, 1), "raw": "archive/x.txt"}
    return Release(**{**defaults, **values})


def test_a_csv_cell_never_starts_a_formula_and_reads_back() -> None:
    hostile = [
        _release(title='=HYPERLINK("http://evil.example","click")', summary="+1", place="-2", outlet="@SUM(A1)"),
        _release(title="'quoted", source="\tTab", author=('=cmd|"/c calc"!A1', "Ann, \"Q\"\nLee")),
        _release(title='line\r\nbreak, "quotes" and, commas', topics=("a;b", "c")),
    ]
    data = exports.releases_csv(hostile, "https://e.example/")
    text = data.decode()
    for row in csv.reader(io.StringIO(text, newline="")):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    back = {r["title"]: r for r in read_csv(data)}
    for release in hostile:
        record = back[release.title]
        for field in FIELDS:
            value = getattr(release, field.name)
            wanted = _json_value(value) if value else EMPTY[field.kind]
            assert record[field.name] == (list(wanted) if isinstance(wanted, tuple) else wanted), field.name


def test_a_body_with_a_broken_character_reads_back() -> None:
    release = _release(body=(Block(kind="paragraph", text="half \ud800 a pair"), Block(kind="quote", text="é")))
    line = gzip.decompress(exports.releases_jsonl_gz([release], "")).decode("utf-8")
    assert json.loads(line)["body"] == [{"kind": "paragraph", "text": "half \ud800 a pair"},
                                        {"kind": "quote", "text": "é"}]
