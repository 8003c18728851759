"""Shared fixtures: the repository, throw-away projects built from parts of it, and one built site.

A *project* is what `press-archive` works on: `mkdocs.yml`, `overrides/`, the hand-written pages of
`docs/` and an `archive/` with its vocabularies. Tests never write into the repository: they
copy what they need into a temporary folder and run there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pytest

from generator.output import is_generated
from generator.pipeline import Result, generate
from generator.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "archive"
SEED = "2017/2017-06-29-isis-on-the-run.txt"
VOCABULARIES = ("topics.yml", "sources.yml", "authors.yml")

# The CLI has no `if __name__ == "__main__"` guard, so `python -m generator.cli` would do nothing:
# call its entry point the way the console script does.
PRESS_ARCHIVE = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("GITHUB_ACTIONS", None)

MakeProject = Callable[..., Settings]


def hand_written_docs() -> list[Path]:
    """The files of docs/ that people write (about.md, contributing.md, assets/ …), never generated ones."""
    docs = ROOT / "docs"
    return sorted(p for p in docs.rglob("*") if p.is_file() and not is_generated(p.relative_to(docs).as_posix()))


def make_project(
    where: Path,
    files: Iterable[str] = (),
    extra: Mapping[str, str | bytes] | None = None,
    *,
    vocabularies: bool = True,
) -> Settings:
    """A project in `where` holding the site config, hand-written docs, the vocabularies, the given
    archive files (paths relative to archive/, or "*" for all of them) and `extra` raw files
    (archive-relative name → content)."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", where / "overrides")
    for path in hand_written_docs():
        target = where / "docs" / path.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    archive = where / "archive"
    archive.mkdir(exist_ok=True)
    names = list(files)
    if names == ["*"]:
        shutil.copytree(ARCHIVE, archive, dirs_exist_ok=True)
    else:
        if vocabularies:
            for name in VOCABULARIES:
                shutil.copy2(ARCHIVE / name, archive / name)
        for name in names:
            target = archive / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ARCHIVE / name, target)
    for name, content in (extra or {}).items():
        target = archive / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    return Settings.load(where.resolve())


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's root folder (read-only for tests)."""
    return ROOT


@pytest.fixture
def settings_for(tmp_path: Path) -> MakeProject:
    """`settings_for(files, extra)` → Settings of a fresh project in tmp_path (see `make_project`)."""

    def make(files: Iterable[str] = (), extra: Mapping[str, str | bytes] | None = None, **kwargs: bool) -> Settings:
        return make_project(tmp_path / "project", files, extra, **kwargs)

    return make


@pytest.fixture(scope="session")
def repo_settings() -> Settings:
    """Settings of the repository itself, for reading (never for writing docs/)."""
    return Settings.load(ROOT)


def required_program(name: str, missing: str, tests: str) -> str:
    """The path of a program some `tests` need. Where it is not installed they are skipped, but
    never in CI, where a skip would hide that they did not run."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: {tests} cannot be skipped in CI")
        pytest.skip(missing)
    return path


def run(command: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]


def build(project: Path) -> None:
    """`press-archive generate` then `mkdocs build --strict` in `project`, failing loudly."""
    generated = run([*PRESS_ARCHIVE, "generate"], project)
    assert generated.returncode == 0, f"press-archive generate failed:\n{generated.stderr}"
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stderr}"


@pytest.fixture(scope="session")
def generated_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Result]:
    """The whole sample archive generated in-process into a throw-away project, once per session."""
    project = tmp_path_factory.mktemp("generated") / "project"
    settings = make_project(project, ["*"])
    result, _ = generate(settings)
    return settings, result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole sample archive generated and built with `mkdocs build --strict`, once per session."""
    project = tmp_path_factory.mktemp("built") / "project"
    make_project(project, ["*"])
    build(project)
    return project
