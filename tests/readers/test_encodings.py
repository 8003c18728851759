"""Encodings and shapes of raw files: each gives a correct page or a clear `path:line: error: … — …`,
never a traceback, never a half-written page, never a change to archive/."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.errors import ReleaseError
from generator.extract import extract
from generator.readers import read
from generator.readers.common import decode
from tests.conftest import make_project

PATH = "archive/2021/2021-03-03-harbor.txt"
LEDE = (
    "The Harbor Authority will begin dredging the main shipping channel next month, officials said "
    "today, in a project expected to take two years and to cost about $40 million."
)
RELEASE = f"Harbor Dredging Begins\nWashington, DC – March 3, 2021\n{LEDE}\nThe director’s “plan” is café-friendly.\n"


def fields(raw: bytes, path: str = PATH) -> tuple[str, dt.date, str, list[str]]:
    draft = extract(read(raw, path))
    body = "\n".join(block.text for block in draft.release.body)
    return draft.release.title, draft.release.date, body, [p.code for p in draft.problems]


@pytest.mark.parametrize(
    "raw",
    [
        RELEASE.encode("utf-8"),
        codecs.BOM_UTF8 + RELEASE.encode("utf-8"),
        RELEASE.encode("utf-16"),  # with its BOM, in the machine's byte order
        codecs.BOM_UTF16_LE + RELEASE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + RELEASE.encode("utf-16-be"),
        RELEASE.replace("\n", "\r\n").encode(),
        RELEASE.replace("\n", "\r").encode(),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-le", "utf16-be", "crlf", "cr"],
)
def test_unicode_encodings_and_line_ends_read_silently(raw: bytes) -> None:
    title, date, body, problems = fields(raw)
    assert (title, date) == ("Harbor Dredging Begins", dt.date(2021, 3, 3))
    assert "The director’s “plan” is café-friendly." in body
    assert "\r" not in body
    assert problems == []


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected_and_reported(encoding: str) -> None:
    text = RELEASE if encoding == "cp1252" else RELEASE.replace("’", "'").replace("“", '"').replace("”", '"')
    title, date, body, problems = fields(text.replace("–", "-").encode(encoding))
    assert (title, date) == ("Harbor Dredging Begins", dt.date(2021, 3, 3))
    assert "café-friendly" in body
    assert problems == ["legacy-encoding"]


def test_the_legacy_encoding_warning_names_the_line_and_the_encoding() -> None:
    decoded = decode(RELEASE.encode("cp1252"), PATH)
    (problem,) = decoded.problems
    assert problem.format() == (
        f"{PATH}:2: warning: file is not UTF-8; read as Windows-1252 (first byte 0x96) — "
        "check the page's accented letters and quotes, and re-save the file as UTF-8"
    )


def test_mojibake_is_repaired_and_reported_with_its_line() -> None:
    garbled = RELEASE.replace("director’s “plan”", "directorâ€™s â€œplanâ€\x9d").replace("café", "cafÃ©")
    decoded = decode(garbled.encode(), PATH)
    assert "The director’s “plan” is café-friendly." in decoded.text
    (problem,) = decoded.problems
    assert problem.code == "mojibake" and problem.line == 4 and problem.severity == "warning"
    assert "directorâ€™s" in problem.message and "director’s" in problem.message


def test_mojibake_repair_leaves_correct_text_alone() -> None:
    text = "Ã la carte, Ærø — São Paulo, Zürich, naïve, “quoted”, 1–2, Ω, 東京.\n"
    assert decode(text.encode(), PATH).text == text
    assert decode(text.encode(), PATH).problems == ()


def test_tabs_and_no_break_spaces_are_whitespace() -> None:
    raw = f"Harbor\tDredging\u00a0Begins\nWashington,\u00a0DC\t–\tMarch 3, 2021\n\t{LEDE}\n".encode()
    title, date, body, _ = fields(raw)
    assert title == "Harbor Dredging Begins"
    assert date == dt.date(2021, 3, 3)
    assert body.startswith("The Harbor Authority will begin dredging")


def test_an_all_caps_headline_is_the_title() -> None:
    title, _, body, _ = fields(RELEASE.replace("Harbor Dredging Begins", "HARBOR DREDGING BEGINS").encode())
    assert title == "HARBOR DREDGING BEGINS"
    assert "HARBOR DREDGING" not in body


def test_a_very_long_line_is_one_paragraph() -> None:
    long_line = " ".join([LEDE] * 1000)  # ~165,000 characters on one line
    title, _, body, problems = fields(f"Harbor Dredging Begins\nWashington, DC – March 3, 2021\n{long_line}\n".encode())
    assert title == "Harbor Dredging Begins"
    assert body == long_line
    assert "long-release" not in problems


def test_a_five_megabyte_release_works_and_is_reported_long() -> None:
    raw = ("Harbor Dredging Begins\nWashington, DC – March 3, 2021\n" + (LEDE + "\n") * 30_000).encode()
    assert len(raw) > 5_000_000
    title, date, body, problems = fields(raw)
    assert (title, date) == ("Harbor Dredging Begins", dt.date(2021, 3, 3))
    assert body.count("dredging the main shipping channel") == 30_000
    assert "long-release" in problems


@pytest.mark.parametrize(
    ("raw", "code", "line"),
    [
        (b"", "empty-file", None),
        (b"  \n\t\r\n\n", "empty-file", None),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "binary-file", None),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", "binary-file", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary-file", None),
        (bytes(range(256)) * 8, "binary-file", None),
        (
            b"Harbor\nWashington, DC \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\x13\x14",
            "binary-file",
            None,
        ),
        (codecs.BOM_UTF8 + b"Harbor\n\xff\xfe broken\n", "undecodable", 2),
        (codecs.BOM_UTF16_LE + b"H\x00a\x00\x00\xd8", "undecodable", 1),
    ],
    ids=["empty", "blank", "pdf", "docx", "png", "bytes", "controls", "bad-utf8-bom", "bad-utf16"],
)
def test_unreadable_files_are_clear_errors(raw: bytes, code: str, line: int | None) -> None:
    with pytest.raises(ReleaseError) as caught:
        extract(read(raw, PATH))
    problem = caught.value.problem
    assert (problem.code, problem.line) == (code, line)
    assert " — " in problem.format()


CASES: dict[str, bytes] = {
    "2021/2021-03-01-utf8.txt": RELEASE.encode(),
    "2021/2021-03-02-bom.txt": codecs.BOM_UTF8 + RELEASE.encode(),
    "2021/2021-03-03-utf16.txt": RELEASE.encode("utf-16"),
    "2021/2021-03-04-cp1252.txt": RELEASE.encode("cp1252"),
    "2021/2021-03-05-mojibake.txt": RELEASE.encode().decode("cp1252", "replace").encode(),
    "2021/2021-03-06-crlf.txt": RELEASE.replace("\n", "\r\n").encode(),
    "2021/2021-03-07-huge.txt": (
        "Harbor Dredging Begins\nWashington, DC – March 3, 2021\n" + (LEDE + "\n") * 30_000
    ).encode(),
    "2021/2021-03-08-empty.txt": b"",
    "2021/2021-03-09-binary.txt": b"%PDF-1.4\n" + bytes(range(256)),
    "2021/2021-03-10-undecodable.txt": codecs.BOM_UTF8 + b"Harbor\n\xff broken\n",
}
ERRORS = {"2021-03-08-empty": "empty-file", "2021-03-09-binary": "binary-file", "2021-03-10-undecodable": "undecodable"}


def archive_digest(archive: Path) -> dict[str, str]:
    return {
        p.relative_to(archive).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in archive.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings = make_project(tmp_path / "project", extra=CASES)
    monkeypatch.chdir(settings.root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return settings.root


def test_check_reports_every_case_and_fails(project: Path) -> None:
    before = archive_digest(project / "archive")
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    lines = result.stderr.splitlines()
    for stem in ERRORS:
        (message,) = [line for line in lines if stem in line and ": error: " in line]
        assert message.startswith(f"archive/2021/{stem}.txt") and " — " in message, message
    assert any("2021-03-04-cp1252.txt:2: warning: file is not UTF-8" in line for line in lines)
    assert any("2021-03-05-mojibake.txt:2: warning: garbled characters repaired" in line for line in lines)
    assert any("2021-03-07-huge.txt: warning: release is unusually long" in line for line in lines)
    assert archive_digest(project / "archive") == before


def test_generate_writes_the_good_pages_only_and_leaves_the_archive_alone(project: Path) -> None:
    before = archive_digest(project / "archive")
    result = CliRunner().invoke(app, ["generate"])
    assert "Traceback" not in result.output + result.stderr
    pages = {p.stem for p in (project / "docs" / "releases").glob("*.md")}
    for name in CASES:
        stem = Path(name).stem
        assert (stem in pages) == (stem not in ERRORS), stem
    page = (project / "docs" / "releases" / "2021-03-04-cp1252.md").read_text(encoding="utf-8")
    assert "café" in page
    mojibake = (project / "docs" / "releases" / "2021-03-05-mojibake.md").read_text(encoding="utf-8")
    assert "director’s" in mojibake and "â€" not in mojibake
    assert not list(project.rglob("*.tmp")) and not list((project / "docs").rglob(".*"))
    assert archive_digest(project / "archive") == before
