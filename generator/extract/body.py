"""Body units → blocks: paragraphs, one-line subheadings (→ `##`), list items."""

from __future__ import annotations

from generator.extract.units import Unit
from generator.model import Block

SUBHEADING_MAX_CHARS = 70
SUBHEADING_MAX_WORDS = 10
# A subheading never ends like a sentence or a lead-in ("The bills call for:").
SENTENCE_END = (".", ",", ";", ":", "”", '"', "’", "'", ")")


def to_blocks(units: list[Unit]) -> tuple[Block, ...]:
    """Turn body units into blocks; a short title-like line between two paragraphs is a subheading."""
    blocks: list[Block] = []
    for index, unit in enumerate(units):
        if unit.bullet:
            blocks.append(Block(kind="list_item", text=unit.text, line=unit.line))
        elif 0 < index < len(units) - 1 and _is_subheading(unit, units[index + 1]):
            blocks.append(Block(kind="heading", text=unit.text, line=unit.line))
        else:
            blocks.append(Block(kind="paragraph", text=unit.text, line=unit.line))
    return tuple(blocks)


def _is_subheading(unit: Unit, following: Unit) -> bool:
    text = unit.text
    if len(text) > SUBHEADING_MAX_CHARS:
        return False  # most units: a paragraph, known without splitting it into words
    words = text.split()
    if len(words) > SUBHEADING_MAX_WORDS or text.endswith(SENTENCE_END):
        return False
    if not (text[0].isupper() or text[0].isdigit()) or text[0] in "“\"‘'":
        return False
    if following.bullet or len(following.text) <= len(text):
        return False
    # Headline style: most words of four letters or more are capitalised ("A Common Enemy"), or
    # the line is a short phrase without a verb-like lower-case run ("Syria Operations").
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return not long_words or capitalised / len(long_words) >= 0.5
