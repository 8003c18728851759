"""Golden pages: each case's whole generated page, byte for byte (see tests/golden/__init__.py)."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from generator.readers import READERS
from tests.golden import (
    ARCHIVE_PICKS,
    CASES,
    DATA_SETS,
    FIXTURE_PREFIX,
    FIXTURES,
    ROOT,
    SUFFIX,
    expected_names,
    expected_path,
    fixture_cases,
    render_case,
)

# Every case, and every golden page: a page without a case fails as well as a case without a page.
NAMES = sorted(set(CASES) | expected_names())


@pytest.mark.parametrize("name", NAMES)
def test_golden_page(name: str) -> None:
    if name not in CASES:
        raw = (
            f"tests/fixtures/*/{name.removeprefix(FIXTURE_PREFIX)}.*"
            if name.startswith(FIXTURE_PREFIX)
            else "an entry of ARCHIVE_PICKS in tests/golden/__init__.py"
        )
        pytest.fail(f"{name}{SUFFIX} has no raw file ({raw}): run `make golden` to remove it, or restore the raw file")
    path = expected_path(name)
    if not path.exists():
        pytest.fail(
            f"{CASES[name]} has no golden page {path.name}: run `make golden` (python -m tests.golden.update) "
            "and review the new page"
        )
    assert render_case(name) == path.read_text(encoding="utf-8"), (
        f"the page of {CASES[name]} changed: if the change is intended, run `make golden` and review the diff"
    )


def test_every_fixture_folder_and_reader_has_cases() -> None:
    """The glob found the fixtures: each folder of tests/fixtures/ and each reader has golden pages."""
    found = fixture_cases()
    folders = {path.name for path in FIXTURES.iterdir() if path.is_dir() and path.name not in DATA_SETS}
    assert {PurePosixPath(raw).parent.name for raw in found.values()} == folders
    assert {"email", "html", "markdown", "text"} <= folders
    readers = {READERS[PurePosixPath(raw).suffix.lower()] for raw in CASES.values()}
    assert readers == set(READERS.values()), "a reader has no golden page: add a fixture it reads"


def test_archive_picks_exist() -> None:
    missing = [raw for raw in ARCHIVE_PICKS.values() if not (ROOT / raw).is_file()]
    assert not missing, f"ARCHIVE_PICKS names raw files that are gone: {missing}"
