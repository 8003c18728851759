"""`extra.press_archive` and the top-level keys the generator reads, validated as MkDocs validates
its own config: each bad value is named (`mkdocs.yml: <key>: expected …`), never a traceback, never
silently replaced; unknown keys under `extra.press_archive` are refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.errors import SettingsError
from generator.settings import PRESS_ARCHIVE, SITE, Settings
from tests.conftest import ENV, ROOT
from tests.conftest import PRESS_ARCHIVE as PRESS_ARCHIVE_COMMAND

PER_PAGE_MESSAGE = "mkdocs.yml: extra.press_archive.per_page: expected a positive integer"
KNOWN = "branch, feed_size, home_size, per_page, repo_facts"


def project(tmp_path: Path, press_archive: str | None = None, top: str = "site_name: Test archive\n") -> Path:
    """A folder whose mkdocs.yml holds `top` and, when given, `extra.press_archive` lines."""
    text = top
    if press_archive is not None:
        text += "extra:\n  press_archive:\n" + "".join(f"    {line}\n" for line in press_archive.splitlines())
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path


def messages(root: Path) -> tuple[str, ...]:
    with pytest.raises(SettingsError) as raised:
        Settings.load(root)
    return raised.value.messages


@pytest.mark.parametrize("value", ["ten", "0", "-3", "true", "2.5", '"10"', "[10]"])
def test_per_page_must_be_a_positive_integer(tmp_path: Path, value: str) -> None:
    assert messages(project(tmp_path, f"per_page: {value}")) == (PER_PAGE_MESSAGE,)


def test_unknown_key_is_named_with_the_known_ones(tmp_path: Path) -> None:
    assert messages(project(tmp_path, "per_page: 10\nperpage: 10")) == (
        f"mkdocs.yml: extra.press_archive.perpage: unknown setting (known: {KNOWN})",
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    top = 'site_name: ""\nsite_url: press-archive.example.org\nrepo_url: 7\n'
    assert messages(project(tmp_path, "per_page: ten\nfeed_size: 0\nhome_size: -1\nbranch: 3\ncolour: red", top)) == (
        "mkdocs.yml: site_name: expected a non-empty string",
        "mkdocs.yml: site_url: expected an absolute http:// or https:// URL",
        "mkdocs.yml: repo_url: expected an absolute http:// or https:// URL",
        PER_PAGE_MESSAGE,
        "mkdocs.yml: extra.press_archive.feed_size: expected a positive integer",
        "mkdocs.yml: extra.press_archive.home_size: expected a positive integer",
        "mkdocs.yml: extra.press_archive.branch: expected a non-empty string",
        f"mkdocs.yml: extra.press_archive.colour: unknown setting (known: {KNOWN})",
    )


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("- a list\n", "mkdocs.yml: expected a mapping of settings"),
        ("extra: 3\n", "mkdocs.yml: extra: expected a mapping of settings"),
        ("extra:\n  press_archive: [50]\n", "mkdocs.yml: extra.press_archive: expected a mapping of settings"),
        ("site_name: A\nnav: [unclosed\n", "mkdocs.yml:3: not valid YAML: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_malformed_config(tmp_path: Path, top: str, expected: str) -> None:
    assert messages(project(tmp_path, top=top)) == (expected,)


def test_good_config_gives_typed_values(tmp_path: Path) -> None:
    top = (
        "site_name: Test archive\nsite_url: https://example.org/archive\n"
        "repo_url: https://github.com/example/archive/\ndocs_dir: pages\n"
        "theme:\n  name: material\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    settings = Settings.load(project(tmp_path, "per_page: 10\nfeed_size: 5\nhome_size: 3\nbranch: trunk", top))
    assert settings == Settings(
        root=tmp_path,
        archive=tmp_path / "archive",
        docs=tmp_path / "pages",
        site_name="Test archive",
        site_url="https://example.org/archive/",
        repo_url="https://github.com/example/archive",
        repo_branch="trunk",
        per_page=10,
        feed_size=5,
        home_size=3,
    )


@pytest.mark.parametrize("press_archive", [None, "", "per_page:\nbranch:"], ids=["no extra", "empty", "nulls"])
def test_missing_settings_take_the_defaults(tmp_path: Path, press_archive: str | None) -> None:
    settings = Settings.load(project(tmp_path, press_archive, top="site_name: Test archive\n"))
    assert (settings.per_page, settings.feed_size, settings.home_size, settings.repo_branch) == (50, 50, 20, "main")
    assert (settings.site_url, settings.repo_url, settings.docs) == ("", "", tmp_path / "docs")


def test_defaults_are_the_options_defaults(tmp_path: Path) -> None:
    """Written once: a project without mkdocs.yml, and Settings built directly, get the options' defaults."""
    loaded = Settings.load(tmp_path)
    built = Settings(root=tmp_path, archive=tmp_path / "archive", docs=tmp_path / "docs")
    assert loaded == built
    fields = {"site_name": "site_name", "site_url": "site_url", "repo_url": "repo_url", "per_page": "per_page",
              "feed_size": "feed_size", "home_size": "home_size", "branch": "repo_branch"}
    for option in (*SITE, *PRESS_ARCHIVE):
        if option.name in fields:
            assert getattr(built, fields[option.name]) == option.default, option.name
    assert built.docs == tmp_path / next(o.default for o in SITE if o.name == "docs_dir")


def test_the_repositorys_config_is_valid() -> None:
    """The repository's mkdocs.yml (which benchmarks/synth.py and the tests' projects copy) uses only known keys."""
    settings = Settings.load(ROOT)
    assert settings.site_url.startswith("https://") and settings.site_url.endswith("/")


# Arguments a command needs besides --root.
ARGUMENTS = {"show": ["x.txt"], "new": ["-"]}


@pytest.mark.parametrize("command", sorted(str(c.name) for c in app.registered_commands))
def test_every_command_reports_bad_settings(tmp_path: Path, command: str) -> None:
    root = project(tmp_path, "per_page: ten")
    result = CliRunner().invoke(app, [command, *ARGUMENTS.get(command, []), "--root", str(root)], input="")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == PER_PAGE_MESSAGE + "\n"


def test_build_command_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    root = project(tmp_path, "per_page: ten")
    done = subprocess.run(
        [*PRESS_ARCHIVE_COMMAND, "build", "--root", str(root)], capture_output=True, text=True, env=ENV, check=False
    )
    assert done.returncode == 1
    assert (done.stdout, done.stderr) == ("", PER_PAGE_MESSAGE + "\n")
    assert not (root / "docs").exists() and not (root / "site").exists()
