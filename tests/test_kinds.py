"""Browse kinds are one record each (`generator.kinds`): the generated folders, the home page,
`press-archive clean`, the nav and `.gitignore` follow from `KINDS`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.kinds import KINDS, TERM_KINDS
from generator.model import FIELDS
from generator.render.paths import GENERATED, GENERATED_FILES
from generator.settings import STAGING

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_config() -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    return data


def test_every_kind_is_a_generated_folder() -> None:
    assert GENERATED == ("releases", "years", "topics", "authors", "people", "sources")
    assert [kind.name for kind in KINDS] == list(GENERATED[1:])


def test_the_nav_has_every_kind_in_order_and_keeps_its_pages_out() -> None:
    config = mkdocs_config()
    entries = [(title, path) for item in config["nav"] for title, path in item.items()]
    expected = [(kind.title, f"{kind.name}/index.md") for kind in KINDS]
    listed = [entry for entry in entries if entry in expected]
    assert listed == expected, f"mkdocs.yml nav: add {sorted(set(expected) - set(listed))} in this order"
    hidden = config["not_in_nav"].split()
    missing = [f"/{kind.name}/" for kind in KINDS if f"/{kind.name}/" not in hidden]
    assert missing == [], f"mkdocs.yml not_in_nav: add {missing}"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_git_ignores_every_generated_path_and_no_hand_written_page() -> None:
    generated = [f"docs/{name}/x.md" for name in GENERATED] + [f"docs/{name}" for name in GENERATED_FILES]
    generated += [f"{folder}/releases/x" for folder in STAGING.values()]
    hand_written = ["docs/about.md", "docs/contributing.md", "docs/search.md", "archive/topics.yml"]
    done = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", *generated, *hand_written],
                          capture_output=True, text=True, check=False)
    ignored = set(done.stdout.split())
    assert [p for p in generated if p not in ignored] == [], ".gitignore: add these generated paths"
    assert [p for p in hand_written if p in ignored] == []


def test_each_term_kind_has_its_field_and_each_browse_field_its_kind() -> None:
    browse = {f.name: f.browse for f in FIELDS if f.browse}
    assert browse == {kind.field: kind.name for kind in TERM_KINDS}


def test_clean_removes_generated_files_only(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from generator.cli import app

    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(*GENERATED, *GENERATED_FILES))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    hand_written = sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*") if p.is_file())
    for name in GENERATED:
        (project / "docs" / name / "deep").mkdir(parents=True)
        (project / "docs" / name / "deep" / "page.md").write_text("x", encoding="utf-8")
    for name in GENERATED_FILES:
        (project / "docs" / name).write_text("x", encoding="utf-8")
    for folder in [*STAGING.values(), ".cache", "site"]:
        (project / folder).mkdir(parents=True)
        (project / folder / "file").write_text("x", encoding="utf-8")
    (project / "archive").mkdir()
    (project / "archive" / "2017-06-29-x.txt").write_text("release", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", "--root", str(project)])
    assert result.exit_code == 0, result.output
    left = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert left == sorted(["archive/2017-06-29-x.txt", "mkdocs.yml", *hand_written])
