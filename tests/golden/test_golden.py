"""Golden pages: each case's whole generated page, byte for byte (see tests/golden/__init__.py)."""

from __future__ import annotations

import pytest

from tests.golden import CASES, HERE, SUFFIX, expected_path, render_case

NAMES = sorted(set(CASES) | {p.name.removesuffix(SUFFIX) for p in HERE.glob(f"*{SUFFIX}")})


@pytest.mark.parametrize("name", NAMES)
def test_golden_page(name: str) -> None:
    assert name in CASES, f"{name}{SUFFIX} has no case in tests/golden/__init__.py: remove it or run `make golden`"
    path = expected_path(name)
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run `make golden` (python -m tests.golden.update) and review the diff")
    assert render_case(name) == path.read_text(encoding="utf-8"), (
        f"the page of {CASES[name]} changed: if the change is intended, run `make golden` and review the diff"
    )


def test_cases_cover_every_kind_of_raw_file() -> None:
    suffixes = {CASES[name].rsplit(".", 1)[1] for name in CASES}
    assert suffixes >= {"txt", "html", "md"}
