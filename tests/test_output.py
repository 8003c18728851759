"""Writing docs/: atomic, only changed files, stale generated files removed, hand-written files untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import output
from generator.output import TreeWriter, WriteReport, atomic_write, is_generated


def write_tree(docs: Path, files: dict[str, bytes], keep: frozenset[str] = frozenset()) -> WriteReport:
    """Make the generated part of `docs` hold exactly `files` (plus `keep`), as `generate` does."""
    writer = TreeWriter(docs)
    writer.keep(set(keep))
    for relative, data in sorted(files.items()):
        writer.put(relative, data)
    return writer.finish()


PAGES = {
    "index.md": b"# Home\n",
    "feed.xml": b"<feed/>\n",
    "releases.json": b'{"releases": []}\n',
    "releases/a.md": b"# A\n",
    "releases/b.md": b"# B\n",
    "topics/isis/index.md": b"# ISIS\n",
    "topics/isis/feed.xml": b"<feed/>\n",
    "years/2017/index.md": b"# 2017\n",
}
OLD = 1_000_000_000  # a modification time long past: a rewrite would change it


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs/ folder with hand-written pages, as a project has it."""
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    (docs / "contributing.md").write_text("# Contributing\n", encoding="utf-8")
    (docs / "assets" / "archive.css").write_text("body {}\n", encoding="utf-8")
    return docs


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


HAND_WRITTEN = {"about.md": b"# About\n", "contributing.md": b"# Contributing\n", "assets/archive.css": b"body {}\n"}


def test_first_write(docs: Path) -> None:
    assert write_tree(docs, PAGES) == WriteReport(written=len(PAGES), unchanged=0, removed=0)
    assert tree(docs) == {**HAND_WRITTEN, **PAGES}


def test_unchanged_files_are_not_rewritten(docs: Path) -> None:
    write_tree(docs, PAGES)
    for relative in PAGES:
        os.utime(docs / relative, (OLD, OLD))
    inodes = {r: (docs / r).stat().st_ino for r in PAGES}
    changed = {**PAGES, "releases/a.md": b"# A, corrected\n"}
    assert write_tree(docs, changed) == WriteReport(written=1, unchanged=len(PAGES) - 1, removed=0)
    for relative in PAGES:
        stat = (docs / relative).stat()
        if relative == "releases/a.md":
            assert stat.st_mtime != OLD
        else:
            assert stat.st_mtime == OLD, f"{relative} was rewritten though its bytes did not change"
            assert stat.st_ino == inodes[relative]
    assert (docs / "releases/a.md").read_bytes() == b"# A, corrected\n"


def test_second_identical_write_writes_nothing(docs: Path) -> None:
    write_tree(docs, PAGES)
    assert write_tree(docs, PAGES) == WriteReport(written=0, unchanged=len(PAGES), removed=0)


def test_stale_generated_files_are_removed(docs: Path) -> None:
    write_tree(docs, PAGES)
    (docs / "releases" / ".b.md.abc.tmp").write_bytes(b"left over by a crash")
    fewer = {
        k: v
        for k, v in PAGES.items()
        if k not in ("releases/b.md", "topics/isis/index.md", "topics/isis/feed.xml", "feed.xml")
    }
    report = write_tree(docs, fewer)
    assert report == WriteReport(written=0, unchanged=len(fewer), removed=5)
    assert tree(docs) == {**HAND_WRITTEN, **fewer}
    assert not (docs / "topics" / "isis").exists(), "emptied folders are removed too"


def test_empty_site_removes_every_generated_file_and_nothing_else(docs: Path) -> None:
    write_tree(docs, PAGES)
    write_tree(docs, {})
    assert tree(docs) == HAND_WRITTEN


def test_hand_written_files_are_never_touched(docs: Path) -> None:
    for relative in HAND_WRITTEN:
        os.utime(docs / relative, (OLD, OLD))
    (docs / "notes").mkdir()
    (docs / "notes" / "draft.md").write_text("mine\n", encoding="utf-8")
    write_tree(docs, PAGES)
    write_tree(docs, {"releases/a.md": b"# A\n"})
    write_tree(docs, {})
    for relative, data in HAND_WRITTEN.items():
        assert (docs / relative).read_bytes() == data
        assert (docs / relative).stat().st_mtime == OLD
    assert (docs / "notes" / "draft.md").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    "relative",
    [
        "about.md",
        "contributing.md",
        "assets/archive.css",
        "notes/x.md",
        "../outside.md",
        "releases/../about.md",
        "releases/../../outside.md",
        "/etc/passwd",
        "",
        "index.md/x",
    ],
)
def test_refuses_to_write_outside_generated_folders(docs: Path, relative: str) -> None:
    before = tree(docs.parent)
    writer = TreeWriter(docs)
    with pytest.raises(ValueError, match="refusing to write outside the generated folders"):
        writer.put(relative, b"pwned\n")
    with pytest.raises(ValueError, match="refusing to write outside the generated folders"):
        writer.keep({relative})
    assert tree(docs.parent) == before, "a refused path is never written"


@pytest.mark.parametrize(
    ("relative", "generated"),
    [
        ("index.md", True),
        ("feed.xml", True),
        ("releases.json", True),
        ("releases/x.md", True),
        ("years/2017/index.md", True),
        ("topics/isis/feed.xml", True),
        ("authors/a/index.md", True),
        ("sources/s/index.md", True),
        ("about.md", False),
        ("assets/archive.css", False),
        ("releasesx/y.md", False),
        ("sub/index.md", False),
        ("", False),
    ],
)
def test_is_generated(relative: str, generated: bool) -> None:
    assert is_generated(relative) is generated


def test_atomic_write_goes_through_a_temporary_file_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "releases" / "a.md"
    calls: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append((Path(src), Path(dst)))
        assert Path(src).read_bytes() == b"new\n", "the temporary file is complete before the rename"
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", spy)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    ((src, dst),) = calls
    assert dst == target and src.parent == target.parent and src != target
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"], "no temporary file is left"


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "releases" / "a.md"
    target.parent.mkdir()
    target.write_bytes(b"old\n")

    def crash(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]


def test_interrupted_write_tree_leaves_whole_files(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(docs, PAGES)
    real_replace = os.replace
    done: list[str] = []

    def interrupt_after_two(src: str, dst: str) -> None:
        if len(done) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)
        done.append(dst)

    monkeypatch.setattr(output.os, "replace", interrupt_after_two)
    changed = {k: v + b"changed\n" for k, v in PAGES.items()}
    with pytest.raises(KeyboardInterrupt):
        write_tree(docs, changed)
    for relative in PAGES:
        assert (docs / relative).read_bytes() in (PAGES[relative], changed[relative])
    assert not [p for p in docs.rglob("*.tmp")]


def test_tree_writer_puts_one_file_at_a_time_and_removes_the_rest(docs: Path) -> None:
    write_tree(docs, PAGES)
    first, *others = sorted(PAGES)
    writer = TreeWriter(docs)
    writer.put(first, PAGES[first])  # same bytes: not rewritten
    writer.put("releases/new.md", b"new\n")
    # Written as soon as it is put, before the end of the run.
    assert (docs / "releases" / "new.md").read_bytes() == b"new\n"
    writer.keep({others[0]})
    report = writer.finish()
    assert report == WriteReport(written=1, unchanged=2, removed=len(PAGES) - 2)
    assert tree(docs) == {**HAND_WRITTEN, first: PAGES[first], others[0]: PAGES[others[0]], "releases/new.md": b"new\n"}


def test_tree_writer_refuses_paths_outside_generated_folders(docs: Path) -> None:
    writer = TreeWriter(docs)
    for relative in ("about.md", "releases/../about.md", "assets/archive.css"):
        with pytest.raises(ValueError, match="outside the generated folders"):
            writer.put(relative, b"x")
        with pytest.raises(ValueError, match="outside the generated folders"):
            writer.keep({relative})
    assert tree(docs) == HAND_WRITTEN
