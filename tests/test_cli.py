"""The `press-archive` command as a user meets it: messages, exit codes, and what it writes (and never writes).

generator/cli.py has no `if __name__ == "__main__"` guard, so `python -m generator.cli` would do
nothing: the commands run in-process through typer's CliRunner on `generator.cli.app`.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import pytest
import typer
import typer.core
import typer.main
import yaml
from typer.testing import CliRunner
from typer.testing import Result as CliResult

from generator.cli import app
from generator.pipeline import Result
from generator.settings import Settings
from tests.conftest import SEED, MakeProject, make_project

NO_DATE = "misc/acme-award.txt"
NO_DATE_TEXT = (
    "Acme Widgets Wins Award\n"
    "The company said today that it had won an award for the best widgets of the year, a spokesperson said."
)
NO_DATE_MESSAGE = (
    "archive/misc/acme-award.txt:1: error: no date found — start the release with a dateline such as "
    "'Washington, DC – June 29, 2017', name the file YYYY-MM-DD-slug, or add 'date: YYYY-MM-DD' in a "
    "front-matter header"
)
BAD_FILES: dict[str, bytes] = {
    NO_DATE: NO_DATE_TEXT.encode(),
    # Latin-1 behind a UTF-8 byte-order mark: the mark promises UTF-8, so nothing is guessed.
    "2017/2017-07-01-latin1.txt": (
        b"\xef\xbb\xbfWashington, DC - July 1, 2017\n"
        b"Caf\xe9 owners said today that the new rules would hurt small businesses across the whole city."
    ),
    "2017/2017-07-02-empty.txt": b"",
    "2017/2017-07-03-word.docx": b"PK\x03\x04 a Word document is a zip file",
    "2017/2017-07-04-bad-yaml.txt": (
        b"---\ntitle: [unclosed\n---\nWashington, DC - July 4, 2017\n"
        b"The text of the release is long enough to be a paragraph of a release, officials said."
    ),
}
# What each bad file's message says (after "error: "), and its line when the problem has one.
EXPECTED = {
    "archive/misc/acme-award.txt": ("no date found", 1),
    "archive/2017/2017-07-01-latin1.txt": ("cannot decode byte 0xe9 as UTF-8", 2),
    "archive/2017/2017-07-02-empty.txt": ("file is empty", None),
    "archive/2017/2017-07-03-word.docx": ("unknown file type '.docx'", None),
    "archive/2017/2017-07-04-bad-yaml.txt": ("front matter is not valid YAML", ...),
}
MESSAGE_RE = re.compile(r"^(?P<path>[^:\s]+)(?::(?P<line>\d+))?: error: (?P<what>.+?) — (?P<todo>.+)$")


def cli(args: Sequence[str], env: dict[str, str] | None = None) -> CliResult:
    return CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture
def bad_project(settings_for: MakeProject) -> Settings:
    return settings_for([SEED], BAD_FILES)


def error_lines(stderr: str) -> dict[str, re.Match[str]]:
    found = {}
    for line in stderr.splitlines():
        match = MESSAGE_RE.match(line)
        if match:
            found[match.group("path")] = match
    return found


def assert_bad_files_reported(stderr: str) -> None:
    assert NO_DATE_MESSAGE in stderr.splitlines()
    found = error_lines(stderr)
    for path, (what, line) in EXPECTED.items():
        assert path in found, f"no 'path:line: error: what — what to do' line for {path}:\n{stderr}"
        assert found[path].group("what").startswith(what)
        if line is not ...:
            assert found[path].group("line") == (str(line) if line else None)


def test_check_reports_every_bad_file_and_exits_1(bad_project: Settings) -> None:
    result = cli(["check", "--root", str(bad_project.root)])
    assert result.exit_code == 1
    assert_bad_files_reported(result.stderr)
    assert "checked 6 files: 5 errors" in result.stderr
    assert result.stdout == "", "messages go to stderr"


def test_check_writes_nothing(bad_project: Settings) -> None:
    before = tree_hash(bad_project.root)
    cli(["check", "--root", str(bad_project.root)])
    assert tree_hash(bad_project.root) == before


def test_check_one_file(bad_project: Settings) -> None:
    result = cli(["check", "--root", str(bad_project.root), str(bad_project.archive / NO_DATE)])
    assert result.exit_code == 1
    assert NO_DATE_MESSAGE in result.stderr.splitlines()
    assert "checked 1 files: 1 errors" in result.stderr


def test_check_good_files_exits_0(settings_for: MakeProject) -> None:
    settings = settings_for([SEED])
    result = cli(["check", "--root", str(settings.root)])
    assert result.exit_code == 0, result.output
    assert "error:" not in result.stderr
    assert "checked 1 files: 0 errors" in result.stderr


def test_check_strict_fails_on_warnings(settings_for: MakeProject) -> None:
    settings = settings_for([SEED])  # the seed has no headline: a warning
    result = cli(["check", "--strict", "--root", str(settings.root)])
    assert result.exit_code == 1
    assert "warning: no headline found" in result.stderr


def test_check_missing_file_is_reported_once(settings_for: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for([SEED])
    monkeypatch.chdir(settings.root)
    result = cli(["check", "archive/2017/no-such-file.txt"])
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if ": error: " in line] == [
        "archive/2017/no-such-file.txt: error: file not found — check the path"
    ]


def test_check_missing_file_is_named_like_the_others(settings_for: MakeProject) -> None:
    settings = settings_for([SEED])
    result = cli(["check", "--root", str(settings.root), str(settings.archive / "2017/no-such-file.txt")])
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if ": error: " in line] == [
        "archive/2017/no-such-file.txt: error: file not found — check the path"
    ]


def test_generate_skips_bad_files_and_writes_the_others(bad_project: Settings) -> None:
    archive_before = tree_hash(bad_project.archive)
    result = cli(["generate", "--root", str(bad_project.root)])
    assert result.exit_code == 1
    assert_bad_files_reported(result.stderr)
    assert "1 releases from 6 files" in result.stderr
    pages = sorted(p.name for p in (bad_project.docs / "releases").iterdir())
    assert pages == ["2017-06-29-isis-on-the-run.md"]
    assert (bad_project.docs / "index.md").is_file()
    assert (bad_project.docs / "feed.xml").is_file()
    assert tree_hash(bad_project.archive) == archive_before, "the archive is never written"


def test_generate_is_deterministic(generated_archive: tuple[Settings, Result], tmp_path: Path) -> None:
    first, _ = generated_archive
    settings = make_project(tmp_path / "elsewhere" / "project", ["*"])
    archive = {p: p.read_bytes() for p in settings.archive.rglob("*") if p.is_file()}
    result = cli(["generate", "--root", str(settings.root)])
    assert result.exit_code == 0, result.stderr
    assert tree_hash(settings.docs) == tree_hash(first.docs), "same archive, different folder: same bytes"
    again = cli(["generate", "--root", str(settings.root)])
    assert again.exit_code == 0
    assert tree_hash(settings.docs) == tree_hash(first.docs)
    assert re.search(r": 0 files written, \d+ unchanged, 0 removed", again.stderr), again.stderr
    assert cli(["check", "--root", str(settings.root)]).exit_code == 0
    assert {p: p.read_bytes() for p in settings.archive.rglob("*") if p.is_file()} == archive, (
        "generate and check never change a byte of the archive"
    )


def test_generate_removes_pages_of_deleted_releases(settings_for: MakeProject) -> None:
    settings = settings_for([SEED, "2004/2004-11-04-senate-craig-veterans-of-the-future.txt"])
    assert cli(["generate", "--root", str(settings.root)]).exit_code == 0
    craig = settings.docs / "releases" / "2004-11-04-senate-craig-veterans-of-the-future.md"
    assert craig.is_file()
    (settings.archive / "2004/2004-11-04-senate-craig-veterans-of-the-future.txt").unlink()
    result = cli(["generate", "--root", str(settings.root)])
    assert result.exit_code == 0
    assert not craig.exists()
    assert not (settings.docs / "authors" / "larry-craig").exists()
    assert (settings.docs / "about.md").is_file()


@pytest.mark.parametrize("duplicate", ["2018/2017-06-29-isis-on-the-run.md", "other/2017-06-29-ISIS-on-the-run.txt"])
def test_duplicate_ids_are_an_error(settings_for: MakeProject, root: Path, duplicate: str) -> None:
    seed_text = (root / "archive" / SEED).read_bytes()
    settings = settings_for(
        [SEED],
        {
            duplicate: seed_text
            if duplicate.endswith(".txt")
            else b"---\ntitle: Copy\ndate: 2017-06-29\n---\nThe same release, saved a second time as Markdown.\n"
        },
    )
    result = cli(["check", "--root", str(settings.root)])
    assert result.exit_code == 1
    expected = (
        f"archive/{duplicate}: error: release id '2017-06-29-isis-on-the-run' is already used by archive/{SEED} "
        "— rename this file: ids come from file names and must be unique"
    )
    assert expected in result.stderr.splitlines()
    generated = cli(["generate", "--root", str(settings.root)])
    assert generated.exit_code == 1
    assert expected in generated.stderr.splitlines()
    assert [p.name for p in (settings.docs / "releases").iterdir()] == ["2017-06-29-isis-on-the-run.md"]


def test_github_actions_annotations(bad_project: Settings) -> None:
    result = cli(["check", "--root", str(bad_project.root)], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert re.fullmatch(
        r"::error file=archive/misc/acme-award\.txt,line=1(,title=[\w-]+)?::no date found — start the release .*",
        next(a for a in annotations if "acme-award" in a),
    )
    assert any(re.match(r"::error file=archive/2017/2017-07-01-latin1\.txt,line=2\b", a) for a in annotations)
    assert len([a for a in annotations if a.startswith("::error ")]) == 5
    assert any(a.startswith("::warning file=archive/2017/2017-06-29-isis-on-the-run.txt,line=3") for a in annotations)
    # The human-readable lines are still printed.
    assert NO_DATE_MESSAGE in result.stderr.splitlines()


def test_no_annotations_outside_github_actions(bad_project: Settings) -> None:
    result = cli(["check", "--root", str(bad_project.root)])
    assert "::error" not in result.output


def test_annotation_escapes_newlines_and_commas(settings_for: MakeProject) -> None:
    settings = settings_for([], {"odd, name/acme%award.txt": NO_DATE_TEXT.encode()})
    result = cli(["check", "--root", str(settings.root)], env={"GITHUB_ACTIONS": "true"})
    (annotation,) = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert annotation.startswith("::error file=archive/odd%2C name/acme%25award.txt,line=1")


def test_stats(settings_for: MakeProject) -> None:
    settings = settings_for([SEED, "2004/2004-11-04-senate-craig-veterans-of-the-future.txt"])
    result = cli(["stats", "--root", str(settings.root)])
    assert result.exit_code == 0, result.output
    stats = {name: int(count) for name, count in (line.split() for line in result.stdout.splitlines())}
    # Counted independently of `stats`: from the front matter of the pages `generate` publishes.
    assert cli(["generate", "--root", str(settings.root)]).exit_code == 0
    pages = [
        yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])
        for page in sorted((settings.docs / "releases").glob("*.md"))
    ]
    expected = {
        "releases": len(pages),
        "sources": len({page["source"] for page in pages if page.get("source")}),
        "authors": len({author for page in pages for author in page.get("author", [])}),
        "topics": len({topic for page in pages for topic in page.get("topics", [])}),
        "people": len({person for page in pages for person in page.get("people", [])}),
        "years": len({page["date"].year for page in pages}),
    }
    assert stats == expected
    # Six topics of the seed, and Veterans and Iraq of Senator Craig's release: Iraq is counted once.
    # The seed quotes Col. Ryan Dillon; Senator Craig's op-ed quotes nobody.
    assert expected == {"releases": 2, "sources": 2, "authors": 2, "topics": 7, "people": 1, "years": 2}


def command_names(typer_app: typer.Typer) -> list[str]:
    """The names of every command registered on `typer_app`, as the command line spells them."""
    group = typer.main.get_command(typer_app)
    assert isinstance(group, typer.core.TyperGroup), "an app with one command has no subcommands to name"
    return list(group.commands)


COMMANDS = command_names(app)


def _printed(text: str) -> str:
    """Text as rich prints it in a help screen, box lines and line wrapping removed: words and single spaces."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def help_problems(typer_app: typer.Typer, name: str) -> list[str]:
    """What is wrong with the help of command `name` of `typer_app`: no help text, an option without help, or a
    `--help` (of the command, or of the whole app) that does not print it."""
    group = typer.main.get_command(typer_app)
    assert isinstance(group, typer.core.TyperGroup)
    command = group.commands[name]
    problems = []
    help_text = inspect.cleandoc(command.help or "")
    if not help_text:
        problems.append(f"`{name}` has no help text: give its function a docstring")
    options = [p for p in command.params if isinstance(p, typer.core.TyperOption) and p.name != "help"]
    problems += [f"`{name}` option {p.opts[0]} has no help text" for p in options if not p.help]
    arguments = [p for p in command.params if isinstance(p, typer.core.TyperArgument)]
    problems += [f"`{name}` argument {p.name} has no help text" for p in arguments if not p.help]
    runner = CliRunner()
    result = runner.invoke(typer_app, [name, "--help"], env={"GITHUB_ACTIONS": ""})
    if result.exit_code != 0 or "Usage:" not in result.stdout:
        return [*problems, f"`{name} --help` exited {result.exit_code}:\n{result.output}"]
    printed = _printed(result.stdout)
    if help_text and _printed(help_text) not in printed:
        problems.append(f"`{name} --help` does not print the command's help:\n{result.stdout}")
    problems += [
        f"`{name} --help` does not print the help of {p.opts[0]}:\n{result.stdout}"
        for p in [*options, *arguments]
        if p.help and _printed(p.help) not in printed
    ]
    # The list of commands of `press-archive --help`: the name, then the first paragraph of the help.
    summary = help_text.split("\n\n")[0]
    overview = runner.invoke(typer_app, ["--help"], env={"GITHUB_ACTIONS": ""})
    if summary and _printed(f"{name} {summary}") not in _printed(overview.stdout):
        problems.append(f"`--help` does not list `{name}` with its summary:\n{overview.stdout}")
    return problems


def test_the_commands_of_the_design_exist() -> None:
    assert {"generate", "check", "show", "new", "build", "stats"} <= set(COMMANDS)
    assert len(COMMANDS) == len(app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    assert help_problems(app, command) == []


def test_help_problems_finds_a_command_without_help() -> None:
    """The check of test_every_command_has_help fails on a command without a docstring or an option without help."""
    fake = typer.Typer(add_completion=False)

    @fake.command("documented")
    def documented(root: Annotated[Path, typer.Option(help="Where the project is.")] = Path()) -> None:
        """Do one documented thing.

        In detail: nothing at all.
        """

    @fake.command("bare")
    def bare(path: Path, root: Path = Path()) -> None:
        pass

    assert command_names(fake) == ["documented", "bare"]
    assert help_problems(fake, "documented") == []
    assert help_problems(fake, "bare") == [
        "`bare` has no help text: give its function a docstring",
        "`bare` option --root has no help text",
        "`bare` argument path has no help text",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(root: Path, command: str) -> None:
    docs = [root / "README.md", *(p for p in (root / "docs").glob("*.md") if p.name in ("about.md", "contributing.md"))]
    assert any(f"press-archive {command}" in p.read_text(encoding="utf-8") for p in docs), (
        f"`press-archive {command}` appears neither in README.md nor in the hand-written docs"
    )
