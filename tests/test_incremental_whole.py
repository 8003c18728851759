"""A run whose inputs are all those of the run before renders nothing at all (`site.WHOLE`), and a
run whose settings, pages or releases differ renders again what they change, byte for byte as a
clean build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import parallel
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
