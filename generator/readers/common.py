"""What every reader needs: bytes → text, the raw file's own front matter, ids from file names."""

from __future__ import annotations

import codecs
import re
from typing import Any

import yaml
from slugify import slugify

from generator.errors import ReleaseError

# A YAML header is the first thing in the file, between two lines of exactly three dashes.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)

MAX_FRONT_MATTER_BYTES = 64 * 1024


def decode(raw: bytes, path: str) -> str:
    """Decode a raw file as UTF-8 (with or without BOM) or BOM-marked UTF-16; never guess silently.

    Newlines are normalised to `\\n` (CRLF and lone CR alike) so that line numbers match what an
    editor shows for the raw file.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    if b"\x00" in raw and encoding == "utf-8":
        raise ReleaseError(
            path,
            None,
            "file is binary, not text",
            "save the release as plain text (UTF-8), HTML, Markdown or e-mail",
            code="binary-file",
        )
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReleaseError(
            path,
            line,
            f"cannot decode byte 0x{raw[exc.start]:02x} as {encoding.upper()}",
            "re-save the file as UTF-8 (most editors: 'Save with encoding')",
            code="undecodable",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: an override never needs them, and a
    'billion laughs' header would otherwise expand when the page is written back out."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases are not allowed in a release header", event.start_mark
            )
        return super().compose_node(parent, index)


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Split a leading YAML header from the text: (header, rest, raw line number of rest's start)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    block = match.group(1) or ""
    if len(block.encode()) > MAX_FRONT_MATTER_BYTES:
        raise ReleaseError(path, 1, "front matter is too large", "keep the YAML header under 64 KB")
    try:
        data = yaml.load(block, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReleaseError(
            path,
            line,
            f"front matter is not valid YAML: {problem}",
            "fix the YAML between the two '---' lines, or quote the value",
            code="bad-front-matter",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReleaseError(
            path,
            2,
            "front matter must be a mapping of keys to values",
            "write one 'key: value' per line between the '---' lines",
            code="bad-front-matter",
        )
    consumed = match.group(0)
    rest = text[len(consumed) :]
    return {str(k): v for k, v in data.items()}, rest, consumed.count("\n") + 1


def release_id(stem: str) -> str:
    """A release id: the raw file name without extension, slugified (stable, URL-safe)."""
    # Not truncated: two long file names that differ only at the end must stay two releases.
    return slugify(stem) or "release"


_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def header_key_lines(text: str) -> dict[str, int]:
    """Raw-file line number of each top-level key of a leading YAML header (for error pointers)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    lines: dict[str, int] = {}
    for offset, line in enumerate((match.group(1) or "").split("\n")):
        key = _KEY_RE.match(line)
        if key:
            lines.setdefault(key.group(1), offset + 2)
    return lines
