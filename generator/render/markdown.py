"""Small Markdown builders shared by the page renderers; every piece of release text goes through
`escape_*` here or in the caller, every structural character is ours."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any

import yaml

from generator.model import Block
from generator.render.escape import escape_text, escape_with_links


class _Dumper(yaml.SafeDumper):
    """SafeDumper that double-quotes (and so escapes) strings holding YAML line-break characters:
    with allow_unicode a raw U+0085/U+2028/U+2029 would be read back as a line break."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)

# libyaml's emitter (yaml.CSafeDumper) is about five times faster than PyYAML's, and writes the
# same bytes for text made of these characters; outside them (astral characters such as emoji, tabs,
# control characters, U+FEFF) the two escape differently, so such data goes through PyYAML.
_LIBYAML_SAME = re.compile("[^\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_CDumper: type[Any] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastDumper(yaml.CSafeDumper):
        """The C dumper with the same string representer as `_Dumper`."""

    _FastDumper.add_representer(str, _represent_str)  # type: ignore[arg-type]
    _CDumper = _FastDumper


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from _strings(item)


def front_matter(data: dict[str, Any]) -> str:
    """YAML front matter through the safe dumper: never string templates (a title with ': ' or
    '---' in it stays a title)."""
    dumper: type[Any] = _Dumper
    if _CDumper is not None and not any(_LIBYAML_SAME.search(s) for s in _strings(data)):
        dumper = _CDumper
    dumped = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100000
    )
    return f"---\n{dumped}---\n"


def human_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def block_markdown(block: Block) -> str:
    if block.kind == "heading":
        return f"## {escape_text(block.text)}"
    if block.kind == "list_item":
        return f"- {escape_with_links(block.text)}"
    if block.kind == "quote":
        return f"> {escape_with_links(block.text)}"
    return escape_with_links(block.text)


def body_markdown(blocks: Sequence[Block]) -> str:
    """Blocks separated by blank lines; consecutive list items form one list."""
    out: list[str] = []
    previous = None
    for block in blocks:
        if out:
            out.append("\n" if block.kind == "list_item" and previous == "list_item" else "\n\n")
        out.append(block_markdown(block))
        previous = block.kind
    return "".join(out)
