"""Extraction: a `RawDocument` → a draft `Release` plus the hints enrichment needs.

Fields merge in one fixed order: the format's own metadata (HTML meta, Markdown front matter) →
the header, dateline, byline and footer parsers → heuristics (title from the lede, date from the
file name). A weaker source only fills what is still empty; the raw file's overrides win over all.
Where each uncertain field came from is recorded in `extracted:`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.errors import Problem, ReleaseError
from generator.extract import overrides as override_rules
from generator.extract.body import to_blocks
from generator.extract.dateline import parse_dateline, parse_run_in_dateline
from generator.extract.dates import HTMLDATE, PAGE_DATE_METHODS, date_from_filename
from generator.extract.footer import strip_footer
from generator.extract.header import LABEL_RE, Header, in_capitals, is_headline, parse_header, take_dateline
from generator.extract.people import with_people
from generator.extract.sentences import SUMMARY_MAX, title_from_lede
from generator.extract.sentences import summary as summarise
from generator.extract.units import Unit, split_units
from generator.fields import Field
from generator.model import FIELDS, Block, Found, RawDocument, Release
from generator.urls import usable_url

EXTRACTED = tuple(f for f in FIELDS if f.stage == "extract")
"""The fields extraction sets (the registry's `stage`); the others are enrichment's and the pipeline's."""
# How a field was obtained → recorded in `extracted:` when the result is a guess worth knowing.
UNCERTAIN = {"lede", "filename"}
# `extracted:` of a title or place found in capitals: enrichment sets it in headline case (it needs
# the vocabularies' spellings of names) and records "case" instead (generator/enrich/case.py).
CAPITALS = "capitals"
# Text dates checked against the file name's date: a disagreement is reported, the text's date kept.
TEXT_DATES = {"dateline", "date line"}
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Draft:
    """An extracted release before enrichment, with the hints enrichment resolves."""

    release: Release
    tags: tuple[str, ...]
    source_candidates: tuple[Found[str], ...]
    problems: tuple[Problem, ...]
    text: str
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict)
    """Field name → raw-file line of the value used, where known (for enrichment's warnings)."""


def extract(doc: RawDocument) -> Draft:
    """Extract every contract field of one document; raises ReleaseError when it has no date."""
    overrides, override_problems = override_rules.validate(doc.overrides, doc.path, doc.override_lines)
    problems = [*doc.problems, *override_problems]
    if doc.blocks is not None:
        header, structured = _structured_header(doc.blocks)
    else:
        footer = strip_footer(split_units(doc))
        header = parse_header(footer.units)
        footer_source = Found(footer.source, footer.source_line, "footer") if footer.source else None
    if doc.blocks is not None:
        footer = strip_footer(header.body)
        footer_source = Found(footer.source, footer.source_line, "footer") if footer.source else None
        blocks = structured[: len(footer.units)]
    else:
        blocks = to_blocks(header.body)
    fields: dict[str, Found[Any]] = {}
    for field in EXTRACTED:
        # The format's own metadata first, then what the head of the text said.
        found = doc.meta.get(field.name) or getattr(header, field.name, None)
        if found is not None:
            fields[field.name] = found
    # htmldate's search of a whole page is a guess, after the file name; other defaults (an e-mail's
    # Date header) are statements, before it.
    default_date = doc.defaults.get("date")
    searched = default_date if default_date is not None and default_date.how == HTMLDATE else None
    if "date" not in fields and default_date is not None and searched is None:
        fields["date"] = default_date
    lede = lede_of(blocks)
    if "title" not in fields and lede:
        fields["title"] = Found(title_from_lede(lede), blocks[0].line, "lede")
    if "summary" in fields and len(str(fields["summary"].value)) > SUMMARY_MAX:
        # The contract's summary is at most 300 characters, whoever wrote it.
        meta_summary = fields["summary"]
        fields["summary"] = Found(summarise(str(meta_summary.value)), meta_summary.line, meta_summary.how)
    if "summary" not in fields and lede:
        fields["summary"] = Found(summarise(lede), None, "lede")
    from_name = date_from_filename(PurePosixPath(doc.path).name)
    if header.bad_date is not None and "date" not in overrides:
        raise _unreadable_date(doc.path, header.bad_date)
    if "date" not in fields and from_name:
        fields["date"] = Found(from_name, None, "filename")
    if "date" not in fields and searched is not None:
        fields["date"] = searched
        problems.append(_searched_date(doc.path, searched))
    if footer_source and "source_url" not in fields and footer_source.value.lower().startswith(("http://", "https://")):
        fields["source_url"] = Found(footer_source.value, footer_source.line, "footer")
    for key, value in overrides.items():
        fields[key] = Found(value, doc.override_lines.get(key), "override")
    if "source_url" in fields and not usable_url(str(fields["source_url"].value)):
        found = fields.pop("source_url")
        if found.how == "override":
            raise ReleaseError(
                doc.path,
                found.line,
                f"front-matter 'source_url' is not a valid address: {found.value!r}",
                "give the full address, starting with https://",
                code="bad-override",
            )
    if "date" not in fields:
        raise ReleaseError(
            doc.path,
            doc.first_line,
            "no date found",
            "start the release with a dateline such as 'Washington, DC – June 29, 2017', "
            "name the file YYYY-MM-DD-slug, or add 'date: YYYY-MM-DD' in a front-matter header",
            code="no-date",
        )
    if "title" not in fields:
        raise ReleaseError(
            doc.path, doc.first_line, "no text found to take a title from", "add the release text", code="no-text"
        )
    sources = [
        f
        for f in (
            overrides_source(fields),
            doc.meta.get("source"),
            footer_source,
            doc.defaults.get("sender"),
            doc.defaults.get("source"),
        )
        if f and (usable_url(f.value) or not f.value.lower().startswith(("http://", "https://")))
    ]
    extracted = {
        k: f.how
        for k, f in sorted(fields.items())
        if (f.how in UNCERTAIN or k == "date" and f.how in PAGE_DATE_METHODS) and k != "summary"
    }
    for key in ("title", "place"):
        found = fields.get(key)
        if found and found.how not in ("override", *UNCERTAIN) and in_capitals(str(found.value).split(",")[0]):
            extracted[key] = CAPITALS
    values = {f.name: _plain(f, fields[f.name].value) for f in EXTRACTED if f.name in fields}
    release = Release(
        id=doc.id,
        # Enrichment resolves these against the vocabularies, starting from the overrides' topics.
        topics=tuple(overrides.get("topics", ())),
        raw=doc.path,
        extracted=extracted,
        body=blocks,
        **values,
    )
    release = with_people(release, overrides)
    if extracted.get("title") == "lede":
        problems.append(
            Problem(
                path=doc.path,
                line=fields["title"].line,
                severity="warning",
                code="title-from-lede",
                message=f"no headline found; title taken from the first sentence: {release.title!r}",
                hint="put the headline on the first line, or add 'title: …' in a front-matter header",
            )
        )
    if fields["date"].how in TEXT_DATES and from_name and from_name != fields["date"].value:
        problems.append(_date_disagreement(doc.path, fields["date"], from_name))
    elif fields["date"].how in PAGE_DATE_METHODS and from_name and abs(from_name - fields["date"].value) > ONE_DAY:
        # A page's timestamp may name the day before or after the local one (time zones); no more.
        problems.append(_date_disagreement(doc.path, fields["date"], from_name))
    tags = tuple(doc.meta["topics"].value) if "topics" in doc.meta else ()
    text = "\n".join(b.text for b in blocks)
    problems += _length_warnings(doc, text)
    lines = {name: found.line for name, found in fields.items() if found.line is not None}
    return Draft(
        release=release, tags=tags, source_candidates=tuple(sources), problems=tuple(problems), text=text, lines=lines
    )


LEDE_MIN_WORDS = 8
# How far down a structured body a dateline is looked for (below labels and a subheading).
DATELINE_SEARCH_BLOCKS = 4
# A release is a few pages; past these sizes it is probably several releases, a report or a log pasted
# in by mistake. Such a page is still made (nothing is cut), but `check` says so.
LONG_RELEASE_CHARS = 1_000_000
LONG_RELEASE_WORDS = 50_000


def _unreadable_date(path: str, written: Found[str]) -> ReleaseError:
    """A dateline or date line whose date names no calendar day: the file is not published with a
    date guessed from elsewhere (the file name), since a wrong date is worse than none."""
    return ReleaseError(
        path,
        written.line,
        f"{written.how} date {written.value!r} cannot be read",
        f"write the date as in 'June 29, 2017', or fix the {written.how}",
        code="bad-date",
    )


def _searched_date(path: str, found: Found[Any]) -> Problem:
    return Problem(
        path=path,
        line=None,
        severity="warning",
        code="date-searched",
        message=f"the page states no date (JSON-LD, meta tag, <time> or a date near the headline); htmldate's "
        f"search of the page found {found.value.isoformat()}",
        hint="check the date; if it is wrong, name the file YYYY-MM-DD-slug.html with the right one",
    )


def _date_disagreement(path: str, found: Found[Any], from_name: Any) -> Problem:
    label = f"the page ({found.how})" if found.how in PAGE_DATE_METHODS else found.how
    return Problem(
        path=path,
        line=found.line,
        severity="warning",
        code="date-mismatch",
        message=f"{label} says {found.value.isoformat()} but the file name says {from_name.isoformat()}",
        hint=f"the {label}'s date is used; correct the one that is wrong (rename the file, or add "
        "'date: YYYY-MM-DD' in a front-matter header)",
    )


def _length_warnings(doc: RawDocument, text: str) -> list[Problem]:
    words = len(text.split()) if len(text) > LONG_RELEASE_WORDS else 0
    if len(text) <= LONG_RELEASE_CHARS and words <= LONG_RELEASE_WORDS:
        return []
    return [
        Problem(
            path=doc.path,
            line=None,
            severity="warning",
            code="long-release",
            message=f"release is unusually long ({words:,} words, {len(text):,} characters)",
            hint="check that the file holds one release (not several, or a whole report); split it if not",
        )
    ]


def lede_of(blocks: tuple[Block, ...]) -> str:
    """The lede: the first paragraph that reads as a sentence ("Watch Here" link lines are not)."""
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    return next((p for p in paragraphs if len(p.split()) >= LEDE_MIN_WORDS), paragraphs[0] if paragraphs else "")


def overrides_source(fields: dict[str, Found[Any]]) -> Found[str] | None:
    found = fields.get("source")
    return found if found and found.how == "override" else None


def _plain(field: Field, value: Any) -> Any:
    """A found value as the release holds it."""
    if field.kind == "names":
        return tuple(value)
    return str(value) if field.kind == "string" else value


def _structured_header(blocks: tuple[Block, ...]) -> tuple[Header, tuple[Block, ...]]:
    """For HTML/Markdown bodies: a dateline opening the first paragraph gives place, outlet and date.

    Release labels above it ("FOR IMMEDIATE RELEASE") are dropped and a subheading above it is kept
    (wire services print one under the headline). Returns the header and the blocks as they remain.
    """
    kept: list[Block] = []
    for index, block in enumerate(blocks[:DATELINE_SEARCH_BLOCKS]):
        if block.kind == "paragraph" and LABEL_RE.match(block.text) and len(block.text) < 80:
            continue
        if block.kind != "paragraph":
            if block.kind != "heading":
                break
            kept.append(block)
            continue
        dateline = parse_dateline(block.text) or parse_run_in_dateline(block.text)
        if dateline is None and is_headline(block.text):
            kept.append(block)  # a subheading written as a paragraph (justice.gov's subtitles)
            continue
        if dateline is None:
            break
        header = Header()
        take_dateline(header, dateline, block.line)
        # A dateline alone in its paragraph is dropped; one that opens the first sentence leaves it.
        rest = (Block(kind=block.kind, text=dateline.rest, line=block.line),) if dateline.rest else ()
        result = (*kept, *rest, *blocks[index + 1 :])
        header.body = _units(result)
        return header, result
    return Header(body=_units(blocks)), blocks


def _units(blocks: tuple[Block, ...]) -> list[Unit]:
    return [Unit(text=b.text, line=b.line or 0, bullet=b.kind == "list_item") for b in blocks]
