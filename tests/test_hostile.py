"""Hostile raw files (tests/hostile/): every one becomes a page that shows its text literally, or is
refused with a clear error; none can put script, event handlers, dangerous URLs or embedded content
into the site, write outside docs/'s generated folders, or change archive/.

All cases are built into one throw-away project (generate + `mkdocs build --strict`) once per module.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import lxml.html
import pytest
import yaml

from generator.readers.common import release_id
from generator.render.paths import GENERATED, GENERATED_FILES
from generator.settings import STAGING
from tests.conftest import PRESS_ARCHIVE, make_project, run

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED: dict[str, dict[str, Any]] = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
PAGES = {name: case for name, case in EXPECTED.items() if "shows" in case}
ERRORS = {name: case["error"] for name, case in EXPECTED.items() if "error" in case}
# A file that a YAML `!!python/object` header would create if it were ever constructed.
PWNED = Path("/tmp/pwned-press-archive")

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "srcdoc", "poster", "xlink:href", "srcset"})
DANGEROUS_SCHEME = re.compile(r"^[\s\x00-\x20]*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)
# Elements that release text must never produce inside the page's content.
EMBEDDED = ("script", "iframe", "object", "embed", "img", "svg", "form", "input", "base", "meta", "link", "style")


def _is_csl_download(element: Any) -> bool:
    """The one `data:` address a page may hold: the citation block's CSL-JSON download, whose
    data (the release's citation, percent-encoded by the generator) must read back as JSON."""
    if element.tag != "a" or element.get("class") != "pa-cite-download" or not element.get("download"):
        return False
    prefix = "data:application/json;charset=utf-8,"
    href = element.get("href", "")
    assert href.startswith(prefix), href
    assert isinstance(json.loads(unquote(href[len(prefix):])), list)
    return True


def page_id(name: str) -> str:
    return str(EXPECTED[name].get("id") or release_id(Path(name).stem))


def snapshot(root: Path) -> dict[str, str]:
    """Hash of every file of the project outside docs/'s generated folders, site/, the build
    cache (`.cache/`) and the staging trees (`.staging/`), all git-ignored."""
    skipped = {*GENERATED, *GENERATED_FILES}
    staging = {PurePosixPath(folder).parts[0] for folder in STAGING.values()}
    files = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root).parts
        if (
            not path.is_file()
            or relative[0] in ("site", ".cache", *staging)
            or (relative[0] == "docs" and relative[1] in skipped)
        ):
            continue
        files["/".join(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    where = tmp_path_factory.mktemp("hostile")
    outside = where / "outside"
    outside.mkdir()
    extra = {f"2021/{name}": (HOSTILE / name).read_bytes() for name in EXPECTED}
    settings = make_project(where / "project", extra=extra)
    root = settings.root
    before = snapshot(root)
    checked = run([*PRESS_ARCHIVE, "check"], root)
    generated = run([*PRESS_ARCHIVE, "generate"], root)
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stderr}"
    return {
        "root": root,
        "before": before,
        "after": snapshot(root),
        "outside": sorted(p.name for p in where.iterdir()),
        "check": checked,
        "generate": generated,
    }


def test_the_corpus_has_enough_cases() -> None:
    assert len(EXPECTED) >= 40
    assert sorted(p.name for p in HOSTILE.iterdir() if p.name != "expected.json") == sorted(EXPECTED)


def test_check_refuses_each_bad_file_with_a_clear_message(hostile_project: dict[str, Any]) -> None:
    checked = hostile_project["check"]
    assert checked.returncode == 1
    output = checked.stdout + checked.stderr
    assert "Traceback" not in output
    for name in ERRORS:
        lines = [
            line
            for line in checked.stderr.splitlines()
            if line.startswith(f"archive/2021/{name}") and ": error: " in line
        ]
        assert len(lines) == 1, (name, lines)
        assert " — " in lines[0]
    errors = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert len(errors) == len(ERRORS), errors


def test_generate_never_crashes(hostile_project: dict[str, Any]) -> None:
    generated = hostile_project["generate"]
    assert "Traceback" not in generated.stdout + generated.stderr
    assert f"{len(PAGES)} releases from {len(EXPECTED)} files" in generated.stderr


def test_nothing_is_written_outside_the_generated_folders(hostile_project: dict[str, Any]) -> None:
    assert hostile_project["after"] == hostile_project["before"]  # archive/ included: bytes unchanged
    assert hostile_project["outside"] == ["outside", "project"]
    root = hostile_project["root"]
    assert not PWNED.exists()
    written = {p.relative_to(root / "docs").parts[0] for p in (root / "docs").rglob("*") if p.is_file()}
    hand_written = {p.name for p in (Path(__file__).parents[1] / "docs").iterdir()}
    assert written <= {*GENERATED, *GENERATED_FILES, *hand_written}
    # The staging trees hold only the folders the generator owns.
    for folder in {PurePosixPath(f).parts[0] for f in STAGING.values()}:
        owned = {PurePosixPath(f).parts[1] for f in STAGING.values()}
        assert {p.name for p in (root / folder).iterdir()} <= owned


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_refused_files_get_no_page(hostile_project: dict[str, Any], name: str) -> None:
    root = hostile_project["root"]
    assert not (root / "docs" / "releases" / f"{page_id(name)}.md").exists()
    assert not (root / "site" / "releases" / page_id(name)).exists()
    assert f"archive/2021/{name}" in hostile_project["check"].stderr


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_shows_the_text_and_nothing_active(hostile_project: dict[str, Any], name: str) -> None:
    root = hostile_project["root"]
    release = page_id(name)
    html = (root / "site" / "releases" / release / "index.html").read_text(encoding="utf-8")
    tree = lxml.html.document_fromstring(html)
    (article,) = tree.xpath("//article")
    text = _text(article)
    for wanted in PAGES[name]["shows"]:
        assert " ".join(wanted.split()) in text, wanted
    # No event handlers and no script/data URLs anywhere on the page (the theme has none either).
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), (element.tag, attribute, value)
            if attribute.lower() in URL_ATTRIBUTES and not _is_csl_download(element):
                assert not DANGEROUS_SCHEME.match(value), (element.tag, attribute, value)
    # Nothing embedded or executable inside the content that comes from the release.
    for tag in EMBEDDED:
        assert not list(article.iter(tag)), f"<{tag}> in the page's content"
    # Scripts are the theme's own: its bundle, its inline bootstraps, its JSON config and the JSON-LD.
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if script.get("src"):
            assert re.fullmatch(r"(\.\./)+assets/javascripts/[\w./-]+\.js", script.get("src")), script.get("src")
        elif kind in ("application/json", "application/ld+json"):
            json.loads(script.text or "")  # data only, and whole: nothing broke out of it
        else:
            assert script.text and script.text.startswith(("__md_scope", "var palette", "var target")), script.text
    # The generated page's front matter is one YAML mapping that names this release.
    markdown = (root / "docs" / "releases" / f"{release}.md").read_text(encoding="utf-8")
    head = yaml.safe_load(markdown.split("---\n")[1])
    assert head["raw"] == f"archive/2021/{name}"
    if "page_title" in PAGES[name]:
        assert head["title"] == PAGES[name]["page_title"]
    if "page_summary" in PAGES[name]:
        assert head["summary"] == PAGES[name]["page_summary"]
    assert "redirect_from" not in head or all(not r.startswith(("http", "/", "..")) for r in head["redirect_from"])


def test_index_pages_keep_their_addresses(hostile_project: dict[str, Any]) -> None:
    site = hostile_project["root"] / "site"
    assert (site / "topics" / "index.html").is_file()
    assert (site / "releases" / "topics" / "index.html").is_file()  # a release called 'topics' stays a release
    assert not (site / "releases" / "index.html").exists()
