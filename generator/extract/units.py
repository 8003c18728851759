"""Plain text → units: the paragraphs and one-line pieces a release is made of, with their lines.

Releases come in two layouts: one paragraph per line (wire copy, the seed, scraped web pages) and
text hard-wrapped at ~80 columns with blank lines between paragraphs (e-mail, the FOMC statements).
The layout is decided per file, then lines are grouped accordingly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import RawDocument

WRAP_WIDTH = 100
WRAPPED_MEDIAN = 50
# Bullets as Word and web pages export them: •, ·, ▪, -, *, and numbered items "1." / "1)" / "(a)".
BULLET_RE = re.compile(r"^\s*(?:[•·▪◦●‣∙]|[*\-–](?=\s)|\(?\d{1,2}[.)](?=\s)|\([a-z]\))\s*")
# Numbered items keep their number in the text: it is part of what was submitted.
NUMBERED_RE = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\([a-z]\))")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class Unit:
    text: str
    line: int
    bullet: bool = False


def clean(text: str) -> str:
    """Collapse runs of spaces, tabs and non-breaking spaces; strip the ends."""
    # Every character of the class but the space is unprintable (a tab, a no-break space …): in a
    # printable line without two spaces in a row there is nothing to collapse (most lines), and no
    # regex pass over each of its spaces is needed.
    if "  " not in text and text.isprintable():
        return text.strip()
    return _SPACE_RE.sub(" ", text).strip()


def is_wrapped(lines: tuple[str, ...]) -> bool:
    """True when paragraphs are hard-wrapped: most text lines continue onto the next line and none
    is longer than a terminal line."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    while lines and not lines[0].strip():
        lines = lines[1:]
    text_lines = [line for line in lines if line.strip()]
    if len(text_lines) < 4 or max(len(line.rstrip()) for line in text_lines) > WRAP_WIDTH:
        return False
    blanks = sum(1 for line in lines if not line.strip())
    continued = [
        len(a.strip())
        for a, b in zip(lines, lines[1:], strict=False)
        if a.strip() and b.strip() and not BULLET_RE.match(b)
    ]
    # Hard-wrapped lines fill the width: a dateline, a byline and a headline stacked above the
    # text are short lines that continue, but they are not a wrapped paragraph.
    filled = sorted(continued)[len(continued) // 2] >= WRAPPED_MEDIAN if continued else False
    return blanks > 0 and len(continued) >= len(text_lines) / 2 and filled


def split_units(doc: RawDocument) -> list[Unit]:
    """The document's units in order, each with the raw-file line it starts on."""
    lines = doc.lines
    units: list[Unit] = []
    if not is_wrapped(lines):
        for index, line in enumerate(lines):
            text = clean(line)
            if text:
                units.append(_unit(text, doc.line_no(index)))
        return units
    buffer: list[str] = []
    start = 0
    for index, line in enumerate([*lines, ""]):
        text = clean(line)
        if text and buffer and BULLET_RE.match(line):
            units.append(_unit(" ".join(buffer), doc.line_no(start)))
            buffer = []
        if text:
            if not buffer:
                start = index
            buffer.append(text)
        elif buffer:
            units.append(_unit(" ".join(buffer), doc.line_no(start)))
            buffer = []
    return units


def _unit(text: str, line: int) -> Unit:
    match = BULLET_RE.match(text)
    if match and NUMBERED_RE.match(text):
        return Unit(text=text, line=line)
    if match and len(text) > match.end():
        return Unit(text=text[match.end() :].strip(), line=line, bullet=True)
    return Unit(text=text, line=line)
