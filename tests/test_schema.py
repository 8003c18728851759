"""The front-matter contract as a JSON Schema (generator/schema/release.schema.json), checked both ways:
every generated page of the sample archive validates, and the schema names exactly the model's keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.model import Block, Release
from generator.pipeline import Result
from generator.render.markdown import front_matter
from generator.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "generator" / "schema" / "release.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(data)
    return data


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(data: dict[str, Any]) -> dict[str, Any]:
    """Front matter as JSON sees it: YAML dates become ISO strings."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def page_front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    data: dict[str, Any] = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    return data


def full_release() -> Release:
    """A release with every field set, so to_front_matter emits every key it can."""
    return Release(
        id="2017-06-29-isis-on-the-run",
        title="ISIS on the run",
        date=dt.date(2017, 6, 29),
        author=("Cheryl Pellerin",),
        source="U.S. Department of Defense",
        source_url="http://defense.gov",
        outlet="ENEWSPF",
        place="Washington, DC",
        topics=("ISIS",),
        people=("Ryan Dillon",),
        summary="ISIS is on the run.",
        raw="archive/2017/2017-06-29-isis-on-the-run.txt",
        extracted={"title": "lede"},
        redirect_from=("releases/old-id/",),
        body=(Block(kind="paragraph", text="Text."),),
    )


def test_schema_is_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "date", "author", "topics", "raw"}


def test_schema_names_exactly_the_keys_the_model_can_emit(schema: dict[str, Any]) -> None:
    emitted = list(full_release().to_front_matter())
    assert list(schema["properties"]) == emitted, "same keys, in contract order"
    model_fields = [f.name for f in dataclasses.fields(Release) if f.name not in ("id", "body", "roles")]
    assert emitted == model_fields, "Release's field order is the front-matter order"


def test_minimal_release_has_every_required_key(schema: dict[str, Any], validator: Draft202012Validator) -> None:
    minimal = Release(id="x", title="X", date=dt.date(2017, 6, 29), raw="archive/x.txt")
    data = minimal.to_front_matter()
    assert list(data) == ["title", "date", "author", "topics", "raw"]
    validator.validate(as_json(data))


def test_full_release_validates(validator: Draft202012Validator) -> None:
    validator.validate(as_json(full_release().to_front_matter()))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"title": ""}, "title"),
        ({"date": "2017-02-30"}, "date"),
        ({"date": "June 29, 2017"}, "date"),
        ({"author": "Cheryl Pellerin"}, "author"),
        ({"topics": None}, "topics"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"raw": "../outside.txt"}, "raw"),
        ({"raw": "/etc/passwd"}, "raw"),
        ({"layout": "evil"}, None),
        ({"extracted": {"title": 1}}, "extracted"),
    ],
)
def test_schema_rejects(validator: Draft202012Validator, change: dict[str, Any], where: str | None) -> None:
    data = {**as_json(full_release().to_front_matter()), **change}
    errors = list(validator.iter_errors(data))
    assert errors, f"accepted {change}"
    if where is not None:
        assert any(list(e.absolute_path)[:1] == [where] for e in errors)


def generated_pages(generated: tuple[Settings, Result]) -> list[Path]:
    settings, result = generated
    pages = sorted((settings.docs / "releases").glob("*.md"))
    assert len(pages) == len(result.releases) > 0
    return pages


def test_every_generated_page_validates(
    generated_archive: tuple[Settings, Result], validator: Draft202012Validator
) -> None:
    problems = []
    for page in generated_pages(generated_archive):
        data = as_json(page_front_matter(page))
        for error in validator.iter_errors(data):
            problems.append(f"{page.name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    assert problems == []


def test_every_summary_is_at_most_300_characters(generated_archive: tuple[Settings, Result]) -> None:
    long = {
        page.name: len(summary)
        for page in generated_pages(generated_archive)
        if len(summary := page_front_matter(page).get("summary") or "") > 300
    }
    assert long == {}


def test_generated_page_front_matter_is_what_the_model_says(generated_archive: tuple[Settings, Result]) -> None:
    settings, result = generated_archive
    for release in result.releases:
        page = (settings.docs / "releases" / f"{release.id}.md").read_text(encoding="utf-8")
        assert page.startswith(front_matter(release.to_front_matter()))


def test_keys_are_in_contract_order_on_every_page(
    generated_archive: tuple[Settings, Result], schema: dict[str, Any]
) -> None:
    order = list(schema["properties"])
    for page in generated_pages(generated_archive):
        keys = list(page_front_matter(page))
        assert keys == sorted(keys, key=order.index), page.name
