"""The supported API, `generator/__init__.py`: `read_release`, `build`, `python -m generator`."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import generator
from generator.render.markdown import front_matter
from tests.conftest import ARCHIVE, ENV, ROOT, SEED

GOLDEN = ROOT / "tests" / "golden" / "seed-isis-on-the-run.expected.md"


def golden_front_matter() -> str:
    text = GOLDEN.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end]


def test_read_release_gives_the_seed_its_page_front_matter() -> None:
    release = generator.read_release(ARCHIVE / SEED, generator.Settings.load(ROOT))
    assert isinstance(release, generator.Release)
    assert front_matter(release.to_front_matter()) == golden_front_matter()


def test_read_release_defaults_to_the_project_in_the_current_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    release = generator.read_release(f"archive/{SEED}")
    assert front_matter(release.to_front_matter()) == golden_front_matter()


def test_read_release_of_bytes_in_hand_names_them_by_path(tmp_path: Path) -> None:
    settings = generator.Settings.load(ROOT)
    release = generator.read_release(ROOT / "archive" / "2017" / "x.txt", settings, data=(ARCHIVE / SEED).read_bytes())
    assert release.raw == "archive/2017/x.txt"
    assert release.title == generator.read_release(ARCHIVE / SEED, settings).title


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("2017-07-02-empty.txt", b"", "file is empty"),
        ("2017-07-03-word.docx", b"PK\x03\x04", "unknown file type '.docx'"),
        ("2017-07-04-missing.txt", None, "cannot read file: No such file or directory"),
    ],
)
def test_read_release_raises_release_error(tmp_path: Path, name: str, data: bytes | None, message: str) -> None:
    settings = generator.Settings.load(tmp_path)
    path = tmp_path / "archive" / name
    if data is not None:
        path.parent.mkdir()
        path.write_bytes(data)
    with pytest.raises(generator.ReleaseError) as raised:
        generator.read_release(path, settings)
    assert raised.value.problem.path == f"archive/{name}"
    assert raised.value.problem.message == message


def test_build_is_the_build_function() -> None:
    from generator.building import build

    assert generator.build is build
    assert list(inspect.signature(generator.build).parameters)[:2] == ["settings", "site_dir"]


def test_all_names_resolve() -> None:
    for name in generator.__all__:
        assert getattr(generator, name) is not None
    assert set(generator.__all__) <= set(dir(generator))


def test_import_is_cheap() -> None:
    """`import generator` loads none of the pipeline (nor YAML, nor the CLI framework)."""
    code = "import sys, generator; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(done.stdout.split())
    heavy = {"generator.loading", "generator.building", "generator.settings", "yaml", "typer", "mkdocs"}
    assert loaded & heavy == set()


def test_python_m_generator_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=False, cwd=ROOT, env=ENV
    )
    assert done.returncode == 0, done.stderr
    assert "python -m generator" in done.stdout
    for command in ("generate", "check", "show", "new", "build", "serve", "stats"):
        assert command in done.stdout
