"""Golden pages: the full generated page of chosen releases, compared byte for byte.

`CASES` maps a golden name to its raw file (repository-relative). Every raw file under
tests/fixtures/ that a reader takes (`.txt`, `.md`, `.html`, `.eml` … — the extensions of
`generator.readers.READERS`) is a case named `fixture-<file stem>`, found by glob: adding a fixture
adds a golden page. A few releases of the sample archive are cases too (`ARCHIVE_PICKS`).
Each page is rendered with `release_page_text(release)` and no cross-links, so adding releases to the
archive does not change a golden file; the archive's own vocabularies (`archive/topics.yml`,
`archive/sources.yml`, `archive/authors.yml`) are used. `python -m tests.golden.update` (`make golden`) rewrites
`<name>.expected.md` beside this file, and removes those that have no case.
"""

from __future__ import annotations

from pathlib import Path

from generator.enrich.vocabulary import load_vocabulary
from generator.pipeline import load_release
from generator.readers import READERS
from generator.settings import Settings
from tests.pages import release_page_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SUFFIX = ".expected.md"
FIXTURE_PREFIX = "fixture-"
DATA_SETS = ("corpus", "people", "csl", "fetch", "newsroom")
"""Folders of tests/fixtures/ that hold data sets, not golden cases: the accuracy gate's corpus
(tests/test_accuracy_gate.py), the hand-labelled people quoted, and the citation styles the
citation tests compare with, the pages `fetch` downloads in tests/test_fetch.py, and the saved
newsroom pages whose dates and titles tests/test_page_accuracy.py measures."""

# Releases of the sample archive, picked by hand: the archive grows, and its new releases need no golden page.
ARCHIVE_PICKS: dict[str, str] = {
    "seed-isis-on-the-run": "archive/2017/2017-06-29-isis-on-the-run.txt",
    "doj-sessions-statement-hawaii-court": "archive/2017/2017-07-14-doj-sessions-statement-hawaii-court.html",
    "digitalgov-7-years-of-open-data": "archive/2016/2016-05-26-digitalgov-7-years-of-open-data.md",
    "senate-craig-veterans-of-the-future": "archive/2004/2004-11-04-senate-craig-veterans-of-the-future.txt",
    "fomc-statement-2008-03-18": "archive/2008/2008-03-18-fomc-statement.txt",
}


def fixture_cases() -> dict[str, str]:
    """`fixture-<stem>` → path of every raw file under tests/fixtures/ (its `.truth.json` files are not raw)."""
    cases: dict[str, str] = {}
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in READERS:
            continue
        if path.relative_to(FIXTURES).parts[0] in DATA_SETS:
            continue
        name = FIXTURE_PREFIX + path.stem
        if name in cases:
            other = path.relative_to(ROOT).as_posix()
            raise RuntimeError(f"{cases[name]} and {other} would share the golden page {name}: rename one")
        cases[name] = path.relative_to(ROOT).as_posix()
    return cases


CASES: dict[str, str] = {**ARCHIVE_PICKS, **fixture_cases()}


def expected_path(name: str) -> Path:
    return HERE / f"{name}{SUFFIX}"


def expected_names() -> set[str]:
    """The cases that have a golden page beside this file."""
    return {path.name.removesuffix(SUFFIX) for path in HERE.glob(f"*{SUFFIX}")}


def render_case(name: str) -> str:
    """The page the generator writes for the case's raw file, without links to other releases."""
    settings = Settings.load(ROOT)
    vocabulary, problems = load_vocabulary(settings.archive)
    errors = [p.format() for p in problems if p.severity == "error"]
    if errors:
        raise RuntimeError("the archive's vocabularies have errors:\n" + "\n".join(errors))
    release, problems = load_release(ROOT / CASES[name], settings, vocabulary)
    if release is None:
        raise RuntimeError(f"{CASES[name]} did not become a release:\n" + "\n".join(p.format() for p in problems))
    return release_page_text(release)
