"""docs/contributing.md keeps up with the code: every message code, and real messages word for word."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "contributing.md"

LEDE = (
    "The Harbor Authority will begin dredging the main shipping channel next month, officials said today, "
    "in a project expected to take two years and to cost about $40 million.\n"
    "The work will deepen the channel to 50 feet so that the largest container ships can reach the port at "
    "any tide, the director said.\n"
)
DATED = "Harbor Dredging Begins\nWashington, DC – March 3, 2021\n" + LEDE


def message_codes() -> set[str]:
    """Every `code="…"` given to a Problem or ReleaseError anywhere in generator/, and every code
    given to `errors.warning(path, line, code, …)` by position."""
    codes = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                        codes.add(str(keyword.value.value))
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name == "warning" and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):
                    codes.add(str(node.args[2].value))
    return codes


def test_the_scan_finds_the_codes() -> None:
    assert {"no-date", "duplicate-id", "title-from-lede", "unknown-source", "file-exists"} <= message_codes()
    assert {"date-conflict", "legacy-encoding"} <= message_codes()  # given to warning() by position


@pytest.mark.parametrize("code", sorted(message_codes()))
def test_every_message_code_is_explained(code: str) -> None:
    assert f"`{code}`" in PAGE.read_text(encoding="utf-8"), f"docs/contributing.md does not explain `{code}`"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "archive").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("topics.yml", "sources.yml"):
        shutil.copy2(ROOT / "archive" / name, root / "archive" / name)
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


CASES = {
    "no-date": {"2021/harbor-dredging.txt": LEDE},
    "bad-override": {"2021/2021-03-06-bad-override.txt": "---\ndate: next spring\n---\n" + DATED},
    "duplicate-id": {"2020/2021-03-03-ok.txt": DATED, "2021/2021-03-03-ok.txt": DATED},
    "unknown-format": {"2021/2021-03-10-release.pdf": "x"},
    "unknown-source": {"2021/2021-03-12-unknown-source.txt": DATED + "Source: Harbor Authority\n"},
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_page_shows_what_check_prints(project: Path, code: str) -> None:
    for name, text in CASES[code].items():
        path = project / "archive" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check"])
    messages = [line for line in result.stderr.splitlines() if not line.startswith("checked ")]
    wanted = [m for m in messages if ("error: " if code != "unknown-source" else "warning: source ") in m]
    assert len(wanted) == 1, messages
    # The message without the file's path and line: what the page must show word for word.
    text = wanted[0][wanted[0].index(": error: " if ": error: " in wanted[0] else ": warning: ") + 2 :]
    assert text in PAGE.read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for command in ("new", "check", "show"):
        assert f"press-archive {command}" in page
