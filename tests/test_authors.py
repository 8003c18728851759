"""The authors registry (archive/authors.yml): loading errors with their lines, what author ids and
written names become, the warning for an id nobody registered (once per id in `check`), and what an
author's page says."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator import read_release
from generator.cli import app
from generator.enrich.authors import PUBLISHER_ID, Author, AuthorRegistry, is_publisher_id, load_authors
from generator.enrich.vocabulary import load_vocabulary
from generator.loading import load_release
from generator.readers import read
from generator.render.indexes import render_term
from generator.settings import Settings
from tests.conftest import MakeProject, make_project

REGISTRY = """\
# who is who
- name: Justin Herman
  slugs: [jherman]
  organisation: U.S. General Services Administration
- name: Dave Zvenyach
  aliases: [V David Zvenyach]
  slugs: [v-david-zvenyach]
  role: Executive Director
"""

LEDE = (
    "The Harbor Authority will begin dredging the main shipping channel next month, officials said today, "
    "in a project expected to take two years.\n"
)


def post(*authors: str, day: int = 3) -> str:
    """A Hugo post whose `authors:` key stands on line 4."""
    listed = "".join(f"  - {author}\n" for author in authors)
    return f"---\ntitle: Harbor Dredging Begins {day}\ndate: 2021-03-{day:02d}\nauthors:\n{listed}---\n\n{LEDE}"


def registry(text: str, tmp_path: Path) -> tuple[AuthorRegistry, list[str]]:
    archive = tmp_path / "archive"
    archive.mkdir(exist_ok=True)
    (archive / "authors.yml").write_text(text, encoding="utf-8")
    vocabulary, problems = load_vocabulary(archive)
    return vocabulary.authors, [p.format() for p in problems]


# --- loading -------------------------------------------------------------------------------------


def test_the_archive_registry_loads_cleanly(root: Path) -> None:
    vocabulary, problems = load_vocabulary(root / "archive")
    assert problems == []
    assert vocabulary.authors.resolve(["jherman", "gray-brooks"])[0] == ("Justin Herman", "Gray Brooks")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- name: Jane Roe\n  organization: Port of Example\n",
            "archive/authors.yml:2: error: unknown key 'organization' in an author entry — did you mean "
            "'organisation'? use: name, aliases, slugs, role, organisation, bio, url",
        ),
        (
            "- name: Jane Roe\n  slugs: [jroe]\n- name: John Doe\n  slugs: [jdoe, jroe]\n",
            "archive/authors.yml:3: error: 'jroe' is listed twice: under 'Jane Roe' (line 1) and under 'John Doe' "
            "— keep it in one entry",
        ),
        (
            "- name: Jane Roe\n- name: John Doe\n  aliases: [jane roe]\n",
            "archive/authors.yml:2: error: 'jane roe' is listed twice: under 'Jane Roe' (line 1) and under "
            "'John Doe' — keep it in one entry",
        ),
        (
            "- name: Jane Roe\n- name: Jane Roe\n",
            "archive/authors.yml:2: error: 'Jane Roe' is listed twice — merge the two entries",
        ),
        (
            "- name: Jane Roe\n- name: Jane-Roe\n",
            "archive/authors.yml:2: error: 'Jane-Roe' and 'Jane Roe' both become the page slug 'jane-roe' — "
            "rename one of them or merge them with 'aliases'",
        ),
        (
            "- name: Jane Roe\n  slugs: [Jane Roe]\n",
            "archive/authors.yml:2: error: slug 'Jane Roe' is not a publisher id — slugs are ids such as "
            "'jherman'; put written names under 'aliases'",
        ),
        (
            "- name: Jane Roe\n  bio:\n    - one\n    - two\n",
            "archive/authors.yml:3: error: 'bio' must be text — write it as bio: …",
        ),
        (
            "- name: Jane Roe\n  url: javascript:alert(1)\n",
            "archive/authors.yml:2: error: the url of 'Jane Roe' is not a web address: 'javascript:alert(1)' — "
            "give the full address, starting with https://",
        ),
        (
            "- role: Harbor Master\n",
            "archive/authors.yml:1: error: entry 1 has no 'name' — give every entry a 'name: …'",
        ),
        (
            "- name: Jane Roe\n  slugs: [jroe\n",
            "archive/authors.yml:3: error: cannot read the vocabulary:",
        ),
        (
            "name: Jane Roe\n",
            "archive/authors.yml:1: error: the vocabulary must be a YAML list of entries — start each entry "
            "with '- name: …'",
        ),
    ],
)
def test_registry_errors_name_file_and_line(text: str, message: str, tmp_path: Path) -> None:
    _, problems = registry(text, tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(message)


def test_a_bad_entry_leaves_the_others(tmp_path: Path) -> None:
    authors, problems = registry("- role: nobody\n" + REGISTRY, tmp_path)
    assert len(problems) == 1
    assert [a.name for a in authors] == ["Justin Herman", "Dave Zvenyach"]


def test_no_registry_is_an_empty_one(tmp_path: Path) -> None:
    assert load_authors(tmp_path / "authors.yml", "authors.yml") == (AuthorRegistry(), [])


# --- resolution ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "names", "unknown"),
    [
        (["jherman"], ("Justin Herman",), ()),
        (["v-david-zvenyach"], ("Dave Zvenyach",), ()),
        (["V David Zvenyach"], ("Dave Zvenyach",), ()),
        (["v  david ZVENYACH"], ("Dave Zvenyach",), ()),
        (["Jane Smith"], ("Jane Smith",), ()),
        (["jdoe"], (), ("jdoe",)),
        (["jherman", "Justin Herman", "jdoe", "jdoe"], ("Justin Herman",), ("jdoe",)),
        (["gray-brooks", "Gray Brooks"], ("Gray Brooks",), ("gray-brooks",)),
    ],
)
def test_slugs_and_aliases_resolve(
    values: list[str], names: tuple[str, ...], unknown: tuple[str, ...], tmp_path: Path
) -> None:
    authors, _ = registry(REGISTRY, tmp_path)
    assert authors.resolve(values) == (names, unknown)


WRITTEN = st.lists(st.sampled_from([*"aAjJ zé.-_'\t", "Herman", "Justin", "herman"]), max_size=8).map("".join)
IDS = st.from_regex(PUBLISHER_ID, fullmatch=True).map(lambda s: s[:20])
ENTRIES = st.lists(
    st.fixed_dictionaries(
        {"name": WRITTEN.filter(str.strip)},
        optional={"aliases": st.lists(WRITTEN, max_size=3), "slugs": st.lists(IDS, max_size=3)},
    ),
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(entries=ENTRIES, values=st.lists(st.one_of(WRITTEN, IDS, st.sampled_from(["jherman", "Justin Herman"]))))
def test_resolution_never_makes_up_a_name(entries: list[dict[str, object]], values: Sequence[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "authors.yml")
        path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
        authors, _ = load_authors(path, "authors.yml")
    names, unknown = authors.resolve(values)
    registered = {author.name for author in authors}
    written = {" ".join(v.split()) for v in values} - {""}
    for name in names:
        assert name in registered or (name in written and not is_publisher_id(name)), name
    assert set(unknown) <= {w for w in written if is_publisher_id(w)}
    assert not set(unknown) & set(authors.index)


# --- releases and `check` ------------------------------------------------------------------------


def test_an_unknown_id_gives_no_author_and_a_warning(settings_for: MakeProject) -> None:
    project = settings_for(extra={"2021/2021-03-03-harbor.md": post("jherman", "jdoe", "Jane Smith")})
    (project.archive / "authors.yml").write_text(REGISTRY, encoding="utf-8")
    vocabulary, _ = load_vocabulary(project.archive)
    release, problems = load_release(project.archive / "2021/2021-03-03-harbor.md", project, vocabulary)
    assert release is not None
    assert release.author == ("Justin Herman", "Jane Smith")
    assert [p.format() for p in problems if p.code == "unknown-author-id"] == [
        "archive/2021/2021-03-03-harbor.md:4: warning: author 'jdoe' is a publisher id, not a name "
        "— add it to archive/authors.yml"
    ]


def test_an_id_in_a_page_is_never_spelled_out(settings_for: MakeProject) -> None:
    # trafilatura reads '<p class="author">gray-brooks</p>' as 'Gray-Brooks': the page gives the id.
    html = (
        "<html><head><title>Harbor Dredging Begins</title></head><body><article><h1>Harbor Dredging Begins</h1>"
        f'<p class="author">{{}}</p><p>Washington, DC – March 3, 2021 – {LEDE}</p></article></body></html>'
    )
    assert read(html.format("gray-brooks").encode(), "a.html").meta["author"].value == ("gray-brooks",)
    assert read(html.format("jherman").encode(), "a.html").meta["author"].value == ("jherman",)
    assert read(html.format("Jane Smith").encode(), "a.html").meta["author"].value == ("Jane Smith",)
    project = settings_for(extra={"2021/2021-03-03-page.html": html.format("gray-brooks")})
    assert read_release(project.archive / "2021/2021-03-03-page.html", project).author == ("Gray Brooks",)


def _check(project: Settings, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(project.root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = CliRunner().invoke(app, ["check"])
    return [line for line in result.stderr.splitlines() if "unknown-author-id" in line or "publisher id" in line]


def test_check_warns_once_per_unknown_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = {f"2021/2021-03-{day:02d}-harbor.md": post("jdoe", "zz-top" if day == 4 else "jherman", day=day)
             for day in (3, 4, 5)}
    project = make_project(tmp_path / "project", (), extra)
    (project.archive / "authors.yml").write_text(REGISTRY, encoding="utf-8")
    assert _check(project, monkeypatch) == [
        "archive/2021/2021-03-03-harbor.md:4: warning: author 'jdoe' is a publisher id, not a name "
        "(used by 3 releases) — add it to archive/authors.yml",
        "archive/2021/2021-03-04-harbor.md:4: warning: author 'zz-top' is a publisher id, not a name "
        "— add it to archive/authors.yml",
    ]


def test_generate_warns_once_per_id_from_the_cache_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = {f"2021/2021-03-{day:02d}-harbor.md": post("jdoe", day=day) for day in (3, 4)}
    project = make_project(tmp_path / "project", (), extra)
    monkeypatch.chdir(project.root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runs = [CliRunner().invoke(app, ["generate"]) for _ in range(2)]
    for run in runs:
        assert run.exit_code == 0, run.stderr
        assert [line for line in run.stderr.splitlines() if "publisher id" in line] == [
            "archive/2021/2021-03-03-harbor.md:4: warning: author 'jdoe' is a publisher id, not a name "
            "(used by 2 releases) — add it to archive/authors.yml"
        ]
    assert (project.root / ".cache").is_dir()
    # Registering the id re-reads the releases (authors.yml is part of the cache's salt).
    (project.archive / "authors.yml").write_text(REGISTRY + "- name: Jane Doe\n  slugs: [jdoe]\n", encoding="utf-8")
    again = CliRunner().invoke(app, ["generate"])
    assert "publisher id" not in again.stderr
    assert (project.root / "docs" / "authors" / "jane-doe" / "index.md").is_file()


# --- the author's page ---------------------------------------------------------------------------


def test_the_author_page_shows_role_organisation_bio_and_url(repo_settings: Settings) -> None:
    author = Author(
        name="Jane Roe",
        role="Harbor Master",
        organisation="Port of <Example> & Co",
        bio="1. Jane <script>alert('x')</script> writes *about* [ports](javascript:alert(1)).",
        url="https://example.org/jane",
    )
    release = read_release(
        "archive/2021/2021-03-03-harbor.md", repo_settings, data=post("Jane Roe").encode()
    )
    pages = render_term("authors", "Jane Roe", [release], author, repo_settings)
    markdown = pages["authors/jane-roe/index.md"]
    assert (
        "# Jane Roe\n\n"
        "Harbor Master, Port of &lt;Example&gt; &amp; Co\n\n"
        "1&#46; Jane &lt;script&gt;alert('x')&lt;/script&gt; writes &#42;about&#42; &#91;ports&#93;"
        "(javascript&#58;alert(1)).\n\n"
        "Website: [https&#58;//example.org/jane](https://example.org/jane)\n\n"
        "1 release, newest first."
    ) in markdown
    html = pages["@html/authors/jane-roe/index.json"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_bare_entry_adds_nothing_to_the_page(repo_settings: Settings) -> None:
    release = read_release("archive/2021/2021-03-03-harbor.md", repo_settings, data=post("Jane Roe").encode())
    bare = render_term("authors", "Jane Roe", [release], Author(name="Jane Roe"), repo_settings)
    unregistered = render_term("authors", "Jane Roe", [release], None, repo_settings)
    assert bare == unregistered
    assert re.search(r"# Jane Roe\n\n1 release, newest first\.", bare["authors/jane-roe/index.md"])
