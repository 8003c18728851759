"""Files made from the field registry and checked in: the JSON Schema of a release page's front
matter, and the data the templates read to write a release page's Open Graph tags, JSON-LD and
search spans.

    python -m generator.contract          # rewrite both
    python -m generator.contract --check  # exit 1 when one is not what the registry gives

They are checked in (not written at build time) because people and other tools read the schema
without running the generator, and MkDocs reads the template data with or without it; a test
fails when either differs from what `FIELDS` makes of it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from generator.fields import Field
from generator.model import FIELDS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path(__file__).resolve().parent / "schema" / "release.schema.json"
TEMPLATE_DATA = ROOT / "overrides" / "partials" / "pa-fields.html"

_PAGE_TAGS: tuple[tuple[int, str, str, str, str], ...] = (
    (0, "text", "article", "property", "og:type"),
    (2, "config", "site_name", "property", "og:site_name"),
    (3, "page", "canonical_url", "property", "og:url"),
)
"""Head tags that are not front-matter fields, at their rank among the fields' tags: (rank, where
the value comes from, the value or its key, attribute, name)."""


def json_schema(fields: tuple[Field, ...] = FIELDS) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a release page's front matter."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://press-archive.example.org/schema/release.schema.json",
        "title": "Release page front matter",
        "description": "The YAML front matter of a generated release page (docs/releases/<id>.md), keys in "
        "contract order. Dates are ISO strings here (YAML gives a date object). Empty values are omitted, "
        "except " + " and ".join(f.name for f in fields if f.always) + ", which are always lists. "
        "Generated from the field registry (generator/model.py) by `python -m generator.contract`.",
        "type": "object",
        "required": [f.name for f in fields if f.required or f.always],
        "additionalProperties": False,
        "properties": {f.name: _property(f, fields) for f in fields},
    }


def _property(field: Field, fields: tuple[Field, ...]) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": field.doc}
    if field.kind == "string":
        schema |= {"type": "string", "minLength": 1}
    elif field.kind == "date":
        schema |= {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    elif field.kind == "names":
        schema |= {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
    else:
        schema |= {
            "type": "object",
            "propertyNames": {"enum": [f.name for f in fields if f.provenance]},
            "additionalProperties": {"type": "string", "minLength": 1},
        }
    return schema | dict(field.schema)


def template_data(fields: tuple[Field, ...] = FIELDS) -> str:
    """`overrides/partials/pa-fields.html`: Jinja `set` statements that `overrides/main.html`
    imports. `head`: the release page's `<meta>` tags, in order, as (where the value comes from,
    its key or value, attribute, name); `json_ld`: (key, schema.org property, shape, whether it is
    written when empty, whether it is a list); `spans`: Pagefind's hidden spans, in order, as
    (kind, name, key, whether the value is the year of a date)."""
    head: list[tuple[int, str, str, str, str]] = [(rank, "meta", f.name, attribute, name)
            for f in fields if f.open_graph for attribute, name in f.open_graph.tags
            for rank in (f.open_graph.rank,)]
    head = sorted([*head, *_PAGE_TAGS], key=lambda tag: tag[0])
    json_ld = [(f.name, f.json_ld.name, f.json_ld.shape, f.required or f.always, f.kind == "names")
               for f in fields if f.json_ld]
    searched = sorted((f for f in fields if f.search), key=lambda f: f.search.rank if f.search else 0)
    spans = [(s.kind, s.name, f.name, s.year) for f in searched if f.search for s in f.search.spans]
    lines = [
        "{#- Generated from the field registry (generator/model.py) by `python -m generator.contract`:",
        "    do not edit; main.html imports it. -#}",
        "{%- set head = " + _jinja([tag[1:] for tag in head]) + " -%}",
        "{%- set json_ld = " + _jinja(json_ld) + " -%}",
        "{%- set spans = " + _jinja(spans) + " -%}",
    ]
    return "\n".join(lines) + "\n"


def _jinja(rows: list[tuple[Any, ...]]) -> str:
    """A Jinja list of tuples (Jinja's literals: strings in double quotes, true/false)."""
    def value(item: Any) -> str:
        return ("true" if item else "false") if isinstance(item, bool) else json.dumps(item)

    return "[\n  " + ",\n  ".join("(" + ", ".join(map(value, row)) + ")" for row in rows) + ",\n]"


def expected() -> dict[Path, str]:
    """Each generated file and the text the registry gives it."""
    schema = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    return {SCHEMA: schema, TEMPLATE_DATA: template_data()}


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    stale = []
    for path, text in expected().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        if check:
            stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"{path.relative_to(ROOT)} is not what the field registry gives: run python -m generator.contract")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
