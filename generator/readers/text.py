"""Plain-text releases (wire and newsroom text): the text is kept line by line for the extractors."""

from __future__ import annotations

from generator.model import RawDocument
from generator.readers.common import decode, header_key_lines, raw_document, split_front_matter


def read(raw: bytes, path: str) -> RawDocument:
    """A `.txt` release: optional YAML header of overrides, then the text exactly as received."""
    decoded = decode(raw, path)
    text = decoded.text
    overrides, body, first_line = split_front_matter(text, path)
    return raw_document(
        path, "text", body.split("\n"), first_line,
        overrides=overrides, override_lines=header_key_lines(text), problems=decoded.problems,
    )
