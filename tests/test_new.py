"""`press-archive new`: a raw release becomes a correctly named file of the archive, bytes unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app

ROOT = Path(__file__).resolve().parents[1]

# A plain-text release in the seed's shape (dateline with outlet, byline, paragraphs, subheading,
# source footer). Long lines, as wire copy has them.
RELEASE = (
    "Washington, DC–(ENEWSPF)–March 3, 2021\n"
    "By: Jane Roe\n"
    "The Harbor Authority will begin dredging the main shipping channel next month, officials said today, "
    "in a project expected to take two years and to cost about $40 million.\n"
    "The work will deepen the channel to 50 feet so that the largest container ships can reach the port at "
    "any tide, the authority's director said at a briefing.\n"
    "Schedule\n"
    "Dredging will run around the clock from April through September, with a pause during the spawning "
    "season, the director said.\n"
    "Source: http://defense.gov\n"
)
SLUG = "the-harbor-authority-will-begin-dredging-the-main-shipping"
NO_DATE_HINT = (
    "start the release with a dateline such as 'Washington, DC – June 29, 2017', name the file "
    "YYYY-MM-DD-slug, or add 'date: YYYY-MM-DD' in a front-matter header"
)


# The vocabularies of a project of its own, so that the tests do not depend on the sample archive.
SOURCES_YML = """\
- name: U.S. Department of Defense
  aliases: [DoD]
  domains: [defense.gov]
"""
PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbor Dredging Begins | Harbor Authority</title>
<meta property="og:title" content="Harbor Dredging Begins">
<meta property="article:published_time" content="2021-03-03T10:00:00-05:00">
</head>
<body><main><article>
<h1>Harbor Dredging Begins</h1>
<p>The Harbor Authority will begin dredging the main shipping channel next month, officials said today.</p>
<p>The work will deepen the channel to 50 feet so that the largest container ships can reach the port.</p>
</article></main></body>
</html>
"""
POST = """\
---
title: "Harbor Dredging Begins"
date: 2021-03-03
authors: [Jane Roe]
---
The Harbor Authority will begin dredging the main shipping channel next month, officials said today.

The work will deepen the channel to 50 feet so that the largest container ships can reach the port.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the site config and two small vocabularies but no releases; the working directory."""
    root = tmp_path / "project"
    (root / "archive").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "archive" / "sources.yml").write_text(SOURCES_YML, encoding="utf-8")
    (root / "archive" / "topics.yml").write_text("- name: Ports\n  aliases: [port, harbor]\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def new(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["new", *args], input=stdin)


def front_matter(stdout: str) -> dict[str, object]:
    assert stdout.startswith("---\n"), stdout
    return yaml.safe_load(stdout.split("---\n")[1])  # type: ignore[no-any-return]


def test_a_text_file_is_copied_byte_for_byte_under_its_date_and_title(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "harbor.txt"
    raw = RELEASE.replace("\n", "\r\n").encode("utf-8-sig")  # CRLF and a BOM: kept as they are
    source.write_bytes(raw)
    result = new(str(source))
    assert result.exit_code == 0, result.output
    target = project / "archive" / "2021" / f"2021-03-03-{SLUG}.txt"
    assert target.read_bytes() == raw
    assert len(SLUG) <= 60
    assert f"created archive/2021/2021-03-03-{SLUG}.txt" in result.stderr
    meta = front_matter(result.stdout)
    assert meta["title"] == "The Harbor Authority will begin dredging the main shipping channel next month"
    assert str(meta["date"]) == "2021-03-03"
    assert meta["author"] == ["Jane Roe"]
    assert meta["source"] == "U.S. Department of Defense"
    assert meta["place"] == "Washington, DC"
    assert meta["raw"] == f"archive/2021/2021-03-03-{SLUG}.txt"
    # The title came from the lede: `new` says so, as `check` would.
    assert "warning: no headline found" in result.stderr


def test_the_output_is_what_show_prints(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "harbor.txt"
    source.write_text(RELEASE, encoding="utf-8")
    created = new(str(source))
    shown = CliRunner().invoke(app, ["show", f"archive/2021/2021-03-03-{SLUG}.txt"])
    assert created.exit_code == shown.exit_code == 0
    assert created.stdout == shown.stdout


@pytest.mark.parametrize("args", [["-"], []], ids=["dash", "no-argument"])
def test_standard_input_becomes_a_text_file(project: Path, args: list[str]) -> None:
    result = new(*args, stdin=RELEASE.encode())
    assert result.exit_code == 0, result.output
    target = project / "archive" / "2021" / f"2021-03-03-{SLUG}.txt"
    assert target.read_bytes() == RELEASE.encode()


@pytest.mark.parametrize(("text", "suffix"), [(POST, ".md"), (PAGE, ".html")], ids=["markdown", "html"])
def test_markdown_and_saved_pages_keep_their_extension(project: Path, tmp_path: Path, text: str, suffix: str) -> None:
    # Under a name without a date: the date must come from inside the file.
    source = tmp_path / f"page{suffix}"
    source.write_text(text, encoding="utf-8")
    result = new(str(source))
    assert result.exit_code == 0, result.output
    meta = front_matter(result.stdout)
    assert meta["raw"] == f"archive/2021/2021-03-03-harbor-dredging-begins{suffix}"
    assert meta["title"] == "Harbor Dredging Begins"
    assert (project / str(meta["raw"])).read_bytes() == source.read_bytes()


def test_a_long_title_makes_a_slug_of_at_most_60_characters(project: Path) -> None:
    title = "Harbor Authority Announces the Beginning of a Two-Year Dredging Project for the Main Shipping Channel"
    result = new("-", stdin=f"{title}\n{RELEASE}".encode())
    assert result.exit_code == 0, result.output
    raw = str(front_matter(result.stdout)["raw"])
    slug = raw.removeprefix("archive/2021/2021-03-03-").removesuffix(".txt")
    assert slug == "harbor-authority-announces-the-beginning-of-a-two-year"
    assert len(slug) <= 60


def test_slug_option_names_the_file(project: Path) -> None:
    result = new("-", "--slug", "Harbor dredging!", stdin=RELEASE.encode())
    assert result.exit_code == 0, result.output
    assert (project / "archive/2021/2021-03-03-harbor-dredging.txt").exists()


def test_a_slug_given_with_its_date_does_not_get_it_twice(project: Path) -> None:
    result = new("-", "--slug", "2021-03-03-harbor-dredging", stdin=RELEASE.encode())
    assert result.exit_code == 0, result.output
    assert (project / "archive/2021/2021-03-03-harbor-dredging.txt").exists()


def test_archive_option(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    result = new("-", "--archive", str(other), "--slug", "harbor", stdin=RELEASE.encode())
    assert result.exit_code == 0, result.output
    assert (other / "2021/2021-03-03-harbor.txt").read_bytes() == RELEASE.encode()


def test_an_existing_file_is_never_overwritten(project: Path) -> None:
    assert new("-", "--slug", "harbor", stdin=RELEASE.encode()).exit_code == 0
    result = new("-", "--slug", "harbor", stdin=b"Washington, DC - March 3, 2021\nSomething else entirely.\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "archive/2021/2021-03-03-harbor.txt: error: file already exists — this release may be in the archive "
        "already; if not, choose another name with --slug"
    )
    assert (project / "archive/2021/2021-03-03-harbor.txt").read_bytes() == RELEASE.encode()
    assert result.stdout == ""


def test_an_id_used_in_another_folder_is_not_reused(project: Path) -> None:
    elsewhere = project / "archive" / "misc" / "2021-03-03-harbor.html"
    elsewhere.parent.mkdir()
    elsewhere.write_text("<p>placeholder</p>", encoding="utf-8")
    result = new("-", "--slug", "harbor", stdin=RELEASE.encode())
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "archive/2021/2021-03-03-harbor.txt: error: release id '2021-03-03-harbor' is already used by "
        "archive/misc/2021-03-03-harbor.html — ids come from file names and must be unique: choose another "
        "name with --slug"
    )
    assert not (project / "archive/2021").exists()


def test_no_date_is_the_same_error_as_check(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "harbor.txt"
    source.write_text(RELEASE.split("\n", 1)[1], encoding="utf-8")  # without its dateline
    result = new(str(source))
    assert result.exit_code == 1
    shown = f"{source.as_posix()}:1: error: no date found — {NO_DATE_HINT}"
    assert result.stderr.splitlines() == [shown]
    checked = CliRunner().invoke(app, ["check", str(source)])
    assert shown in checked.stderr.splitlines()
    assert not any((project / "archive").rglob("*.txt"))


def test_no_date_on_standard_input(project: Path) -> None:
    result = new(stdin=RELEASE.split("\n", 1)[1].encode())
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"<stdin>:1: error: no date found — {NO_DATE_HINT}"]


def test_an_unknown_format_is_refused(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "release.pdf"
    source.write_bytes(b"%PDF-1.4 ...")
    result = new(str(source))
    assert result.exit_code == 1
    assert "error: unknown file type '.pdf' — save the release with one of these extensions" in result.stderr


def test_a_missing_source_file(project: Path) -> None:
    result = new("nowhere.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("nowhere.txt: error: cannot read the file")


def test_new_is_documented() -> None:
    assert "press-archive new" in (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
