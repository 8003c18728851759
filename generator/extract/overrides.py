"""The archive's own corrections: the YAML header of a raw file, validated field by field.

Which keys a header may set, and how each is checked, is the field registry's `override` (see
`generator.fields.Override`): one checker per kind of value, none per field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from generator.errors import Problem, ReleaseError
from generator.extract.dates import parse_date
from generator.fields import Field
from generator.model import BY_NAME, OVERRIDABLE
from generator.urls import is_plain_url
from generator.whitespace import collapse

# redirect_from holds old site paths of this archive only: no scheme, no "..", no host.
SAFE_REDIRECT_RE = re.compile(r"^/?(?:[A-Za-z0-9._~-]+/)*[A-Za-z0-9._~-]*/?$")


def validate(
    overrides: Mapping[str, Any], path: str, key_lines: Mapping[str, int]
) -> tuple[dict[str, Any], list[Problem]]:
    """Check types and values of override keys; unknown keys are warnings, bad values errors."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in overrides.items():
        line = key_lines.get(key)
        if key not in OVERRIDABLE:
            problems.append(
                Problem(
                    path=path,
                    line=line,
                    severity="warning",
                    code="unknown-key",
                    message=f"unknown front-matter key '{key}' is ignored",
                    hint="use one of: " + ", ".join(OVERRIDABLE),
                )
            )
            continue
        clean[key] = _check(BY_NAME[key], value, path, line)
    return clean, problems


def _check(field: Field, value: Any, path: str, line: int | None) -> Any:
    key = field.name

    def fail(what: str, hint: str) -> ReleaseError:
        return ReleaseError(path, line, f"front-matter '{key}' {what}", hint, code="bad-override")

    if field.override == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        parsed = parse_date(str(value)) if isinstance(value, str) else None
        if parsed is None:
            raise fail(f"is not a date: {value!r}", "write it as YYYY-MM-DD, e.g. date: 2017-06-29")
        return parsed
    if field.override in ("names", "paths"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
            raise fail("must be a list of names", f"write e.g. {key}: [First Name, Second Name]")
        items = [collapse(v) for v in items]
        if field.override == "paths":
            for item in items:
                if not SAFE_REDIRECT_RE.match(item) or ".." in item.split("/"):
                    raise fail(
                        f"has an unsafe path {item!r}",
                        "give old paths of this site only, e.g. releases/old-id/ (no '..', no http://)",
                    )
        return tuple(items)
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
        raise fail("must be a single line of text", f"write it as {key}: some text")
    text = collapse(str(value))
    if field.override == "url" and not is_plain_url(text):
        raise fail(f"is not an http(s) URL: {text!r}", "give the full address, starting with https://")
    return text
