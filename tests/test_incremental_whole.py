"""A run whose inputs are all those of the run before renders nothing at all (`site.WHOLE`), and a
run whose settings, pages or releases differ renders again what they change, byte for byte as a
clean build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import parallel
from generator.cache import Entry, ReleaseCache
from generator.model import Block, Release
from generator.pipeline import generate
from generator.render import site
from generator.settings import Settings
from tests.test_incremental import project, step  # noqa: F401 - `project` is a fixture

__all__ = ["project"]


def test_unchanged_archive_renders_nothing(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    step(project, tmp_path)
    calls: list[object] = []
    original = parallel.run

    def counting(func, items, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(func)
        return original(func, items, *args, **kwargs)

    monkeypatch.setattr(parallel, "run", counting)
    _, report = generate(Settings.load(project))
    assert report.written == 0 and report.removed == 0
    assert site._render_tasks not in calls  # no unit rendered, not even its key computed

    # A page deleted by hand: its unit is rendered again, and only then is the site whole again.
    page = sorted((project / "docs" / "releases").glob("*.md"))[0]
    page.unlink()
    monkeypatch.setattr(parallel, "run", original)
    report = step(project, tmp_path)
    assert report.written == 1


def test_changed_settings_render_again(project: Path, tmp_path: Path) -> None:  # noqa: F811
    step(project, tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "site_name:" in text
    config.write_text("\n".join(
        "site_name: A renamed archive" if line.startswith("site_name:") else line for line in text.split("\n")
    ), encoding="utf-8")
    report = step(project, tmp_path)
    assert report.written > 0
    # And back: the earlier bytes again.
    config.write_text(text, encoding="utf-8")
    assert step(project, tmp_path).written > 0


def test_bodies_lost_or_stale_are_read_again(project: Path, tmp_path: Path) -> None:  # noqa: F811
    """Bodies come from `.cache/bodies.bin` only for pages rendered again; a damaged file (cut
    short, overwritten) makes those pages read their raw files again, never show another body."""
    step(project, tmp_path)
    bodies = project / ".cache" / "bodies.bin"
    releases = sorted((project / "docs" / "releases").glob("*.md"))
    # Pages rendered again need their bodies: delete some, and damage the file.
    for page in releases[::3]:
        page.unlink()
    data = bodies.read_bytes()
    bodies.write_bytes(data[: len(data) // 2])
    step(project, tmp_path)
    for page in releases[1::3]:
        page.unlink()
    bodies.write_bytes(data[len(data) // 3 :] + data[: len(data) // 3])
    step(project, tmp_path)
    # Most releases deleted: the file is rewritten with the live bodies only, and still serves them.
    files = sorted(p for p in (project / "archive").rglob("*") if p.suffix in (".txt", ".html"))
    for path in files[: len(files) * 2 // 3]:
        path.unlink()
    step(project, tmp_path)
    assert bodies.stat().st_size < len(data)
    for page in sorted((project / "docs" / "releases").glob("*.md")):
        page.unlink()
    step(project, tmp_path)


def test_a_body_is_never_taken_for_another(tmp_path: Path) -> None:
    """An index that points at another release's body (a file rewritten by another run) gives None."""
    cache = ReleaseCache(tmp_path, "salt").load()
    for name in ("a", "b"):
        body = (Block(kind="paragraph", text=f"body of {name}"),)
        release = Release(id=name, title=name, date=dt.date(2020, 1, 1), raw=f"archive/{name}.txt", body=body)
        cache.put(f"archive/{name}.txt", f"sha-{name}", Entry(release, ()))
    cache.save()
    again = ReleaseCache(tmp_path, "salt").load()
    assert again.body("archive/a.txt", "sha-a") == (Block(kind="paragraph", text="body of a"),)
    again.offsets["archive/a.txt"] = ("sha-a", *again.offsets["archive/b.txt"][1:])
    assert again.body("archive/a.txt", "sha-a") is None
    assert again.body("archive/b.txt", "sha-other") is None
