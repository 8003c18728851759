"""Boilerplate at the end of a release: end marks, social-media lines, contact blocks, `Source:`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.units import Unit

# End-of-release marks of US newsrooms: "###", "# # #", "-30-", "- END -".
END_MARK_RE = re.compile(r"^(?:#\s*#\s*#|-\s*30\s*-|-?\s*end\s*-?|\*\s*\*\s*\*|-{3,}|_{3,})$", re.IGNORECASE)
SOCIAL_RE = re.compile(
    # "Follow Cheryl Pellerin on Twitter", "Follow us on X" — not "Follow-up …" or "Like other …".
    r"^(?:Follow|Like|Connect with|Find)\s+(?:us\b|the\s|@|(?-i:[A-Z]))[^,;]{0,100}?\b(?:on|at)\s+"
    r"(?:Twitter|X|Facebook|Instagram|LinkedIn|YouTube|Flickr|Threads|Bluesky)\b",
    re.IGNORECASE,
)
SOURCE_RE = re.compile(
    r"^(?:(?:Source|SOURCE|Originally published by|Source URL)\s*:\s*(?P<value>\S.{0,300})"
    # PR Newswire's last line: "SOURCE Contoso Health Inc." (capitals, no colon).
    r"|SOURCE\s+(?P<wire>[A-Z0-9][^\n]{1,100}))$"
)
CONTACT_RE = re.compile(
    r"^(?:(?:Media|Press|News|Public Affairs)\s+)?(?:Contacts?|Inquiries|Information)\s*:|"
    r"^For (?:further|more) information,? (?:please )?contact\b",
    re.IGNORECASE,
)
CONTACT_DETAIL_RE = re.compile(r"@|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}|^(?:Phone|Tel|Fax|E-?mail|Cell)\b", re.IGNORECASE)
CONTACT_MAX_UNITS = 8
CONTACT_MAX_CHARS = 120


@dataclass(frozen=True)
class Footer:
    units: list[Unit]
    source: str | None
    source_line: int | None
    removed: list[Unit]


def strip_footer(units: list[Unit]) -> Footer:
    """Remove trailing boilerplate (repeatedly, in any order) and return what is left."""
    kept = list(units)
    removed: list[Unit] = []
    source: str | None = None
    source_line: int | None = None
    changed = True
    while kept and changed:
        changed = False
        last = kept[-1]
        source_match = SOURCE_RE.match(last.text)
        if source_match and source is None:
            value = source_match.group("value") or source_match.group("wire")
            source, source_line = value.strip(), last.line
        if source_match or END_MARK_RE.match(last.text) or SOCIAL_RE.match(last.text):
            removed.insert(0, kept.pop())
            changed = True
            continue
        start = _contact_block_start(kept)
        if start is not None:
            removed[:0] = kept[start:]
            del kept[start:]
            changed = True
    return Footer(units=kept, source=source, source_line=source_line, removed=removed)


def _contact_block_start(units: list[Unit]) -> int | None:
    """Index of a trailing contact block: a `Contact:` line followed only by short detail lines."""
    window = range(max(0, len(units) - CONTACT_MAX_UNITS), len(units))
    for index in window:
        if CONTACT_RE.match(units[index].text):
            tail = units[index:]
            if all(len(u.text) <= CONTACT_MAX_CHARS for u in tail[1:]) and (
                len(tail) == 1 or any(CONTACT_DETAIL_RE.search(u.text) for u in tail)
            ):
                return index
    return None
