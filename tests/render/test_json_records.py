"""A release's record in releases.json is laid out as `json.dumps(…, indent=1, sort_keys=True)` lays it out."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.feeds import _indented

STRINGS = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
VALUES = st.one_of(STRINGS, st.lists(STRINGS, max_size=3), st.dictionaries(STRINGS, STRINGS, max_size=3))


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(STRINGS, VALUES, max_size=8))
def test_layout_is_the_json_modules(data: dict[str, Any]) -> None:
    assert _indented(data) == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def test_other_values_are_left_to_the_json_module() -> None:
    assert _indented({"title": "x", "draft": True}) is None
    assert _indented({"topics": ["a", 1]}) is None
