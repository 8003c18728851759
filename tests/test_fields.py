"""The field registry: each front-matter field is declared once, in `Release`, and every consumer
follows from it (front matter, override validation, JSON Schema, template data, page header, search
spans, the incremental key)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator import contract
from generator.errors import ReleaseError
from generator.extract.overrides import validate
from generator.fields import Field, Header, JsonLd, Search, Span, cache_key, declare, front_matter, registry
from generator.model import FIELDS, OVERRIDABLE, Block, Release
from generator.render.search_document import search_document
from tests.pages import release_page_text


def full_release() -> Release:
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


def test_the_checked_in_files_are_what_the_registry_gives() -> None:
    for path, text in contract.expected().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python -m generator.contract"
    assert contract.main(["--check"]) == 0


def test_registry_is_release_fields_in_front_matter_order() -> None:
    names = [f.name for f in FIELDS]
    # Besides the id, what a page shows that is not front matter: the body, and the roles its people are given.
    assert names == [f.name for f in dataclasses.fields(Release) if f.name not in ("id", "body", "roles")]
    assert list(full_release().to_front_matter()) == names
    # What a raw file's own front matter may correct: never where it came from, or how it was read.
    assert OVERRIDABLE == ("title", "date", "author", "source", "source_url", "outlet", "place", "topics", "people",
                           "summary", "redirect_from")


@pytest.mark.parametrize("field", [f for f in FIELDS if f.key], ids=lambda f: f.name)
def test_every_keyed_field_is_in_the_incremental_key(field: Field) -> None:
    """Miss a field in the key and pages go stale with no error: changing any field changes it."""
    name = field.name
    release = full_release()
    value = getattr(release, name)
    changed: Any
    if isinstance(value, dt.date):
        changed = dt.date(2001, 1, 1)
    elif isinstance(value, tuple):
        changed = (*value, "another")
    elif isinstance(value, str):
        changed = f"{value}x"
    else:
        changed = {**value, "date": "filename"}
    assert cache_key(release, FIELDS) != cache_key(dataclasses.replace(release, **{name: changed}), FIELDS)


def test_unknown_override_key_names_the_key_the_file_and_the_choices() -> None:
    clean, problems = validate({"headline": "x", "title": "Y"}, "archive/x.txt", {"headline": 3, "title": 4})
    assert clean == {"title": "Y"}
    [problem] = problems
    assert problem.format().startswith("archive/x.txt:3: warning: unknown front-matter key 'headline' is ignored")
    assert ", ".join(OVERRIDABLE) in problem.format()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("date", "Smarch 45", "front-matter 'date' is not a date"),
        ("author", [""], "front-matter 'author' must be a list of names"),
        ("source_url", "javascript:alert(1)", "front-matter 'source_url' is not an http(s) URL"),
        ("redirect_from", ["../../etc"], "front-matter 'redirect_from' has an unsafe path"),
        ("place", {"a": 1}, "front-matter 'place' must be a single line of text"),
    ],
)
def test_bad_override_is_an_error_on_its_line(key: str, value: object, message: str) -> None:
    with pytest.raises(ReleaseError) as raised:
        validate({key: value}, "archive/x.txt", {key: 7})
    problem = raised.value.problem
    assert problem.format().startswith(f"archive/x.txt:7: error: {message}")


def test_overrides_are_checked_by_kind() -> None:
    clean, _ = validate(
        {"date": "2017-06-29", "topics": "Health", "source_url": " https://a.example/x ", "title": "  A   title "},
        "archive/x.txt", {},
    )
    assert clean == {"date": dt.date(2017, 6, 29), "topics": ("Health",), "source_url": "https://a.example/x",
                     "title": "A title"}


def test_header_rows_follow_the_registry() -> None:
    page = release_page_text(full_release())
    text = page[page.index("<dl"):page.index("</dl>")]
    labels = [line.split(">")[1].split("<")[0] for line in text.splitlines() if line.startswith("<dt")]
    assert labels == ["Date", "By", "Source", "Place", "Published by", "Quoted"]
    assert "[Ryan Dillon](../people/ryan-dillon/index.md)" in text.split('<dt class="pa-label">Quoted</dt>')[1]
    source = text.split('<dt class="pa-label">Source</dt>')[1].split("<dt")[0]
    assert "[U.S. Department of Defense](../sources/" in source and "· [original release](http://defense.gov)" in source
    no_url = release_page_text(dataclasses.replace(full_release(), source_url="javascript:alert(1)"))
    assert "original release" not in no_url


def test_search_spans_follow_the_registry() -> None:
    document = search_document(full_release()).decode()
    spans = [line for line in document.splitlines() if line.startswith("<span hidden")]
    assert spans == [
        '<span hidden data-pagefind-meta="title[data-value]" data-value="ISIS on the run"></span>',
        '<span hidden data-pagefind-meta="date[data-value]" data-value="2017-06-29"></span>',
        '<span hidden data-pagefind-sort="date[data-value]" data-value="2017-06-29"></span>',
        '<span hidden data-pagefind-filter="year[data-value]" data-value="2017"></span>',
        '<span hidden data-pagefind-meta="source[data-value]" data-value="U.S. Department of Defense"></span>',
        '<span hidden data-pagefind-filter="source[data-value]" data-value="U.S. Department of Defense"></span>',
        '<span hidden data-pagefind-filter="author[data-value]" data-value="Cheryl Pellerin"></span>',
        '<span hidden data-pagefind-filter="topic[data-value]" data-value="ISIS"></span>',
    ]


@dataclasses.dataclass(frozen=True, kw_only=True)
class WithAgency:
    """A model with one more declared field: what adding a field to `Release` does."""

    id: str
    title: str = dataclasses.field(metadata=declare("Headline.", required=True, override="text"))
    agency: tuple[str, ...] = dataclasses.field(default=(), metadata=declare(
        "Agencies named as partners.", override="names", header=Header("Partners", 9, "terms"),
        browse="agencies", json_ld=JsonLd("sourceOrganization", "Organization"),
        search=Search(9, (Span("filter", "agency"),)),
    ))
    body: tuple[str, ...] = ()


def test_one_declaration_gives_every_consumer_the_new_field() -> None:
    fields = registry(WithAgency)
    assert [(f.name, f.kind) for f in fields] == [("title", "string"), ("agency", "names")]
    release = WithAgency(id="x", title="T", agency=("EPA",))
    assert front_matter(release, fields) == {"title": "T", "agency": ["EPA"]}
    assert front_matter(WithAgency(id="x", title="T"), fields) == {"title": "T"}
    schema = contract.json_schema(fields)
    assert schema["properties"]["agency"]["type"] == "array" and schema["required"] == ["title"]
    assert '("meta", "agency"' not in contract.template_data(fields)
    assert '("agency", "sourceOrganization", "Organization", false, true)' in contract.template_data(fields)
    assert '("filter", "agency", "agency", false)' in contract.template_data(fields)
    assert cache_key(release, fields) != cache_key(WithAgency(id="x", title="T"), fields)


def test_registry_refuses_a_type_it_cannot_publish() -> None:
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Bad:
        count: int = dataclasses.field(default=0, metadata=declare("A number."))

    with pytest.raises(TypeError, match="cannot have the type"):
        registry(Bad)


def test_main_html_reads_the_generated_data() -> None:
    main = (Path(contract.ROOT) / "overrides" / "main.html").read_text(encoding="utf-8")
    assert main.count('{%- import "partials/pa-fields.html" as fields -%}') == 2
    for field in ("title", "summary", "source", "topics", "author"):
        assert f"m.{field}" not in main, f"main.html names the field {field}: take it from the registry"
