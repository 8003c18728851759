"""A contributor's pull request, played through the Check workflow's own shell steps.

A git repository stands for main (the working tree's site config, hand-written pages and archive);
each test clones it, commits a raw file on a branch, and runs the `run:` scripts of
.github/workflows/check.yml verbatim, with the variables GitHub sets (GITHUB_ACTIONS,
GITHUB_STEP_SUMMARY, RUNNER_TEMP) and the base branch as `origin/main`. So the diff that finds the
changed files, the annotations, the job summary and the build are what a pull request gets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.output import is_generated
from generator.pipeline import discover
from generator.readers.common import release_id

ROOT = Path(__file__).resolve().parents[1]
CHECK_YML = ROOT / ".github" / "workflows" / "check.yml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BODY = (
    "By: Jane Roe\n"
    "The Harbor Authority will begin dredging the main shipping channel next month, officials said today, "
    "in a project expected to take two years and to cost about $40 million.\n"
    "The work will deepen the channel to 50 feet so that the largest container ships can reach the port at "
    "any tide, the authority's director said at a briefing.\n"
    "Schedule\n"
    "Dredging will run around the clock from April through September, with a pause during the spawning "
    "season, the director said.\n"
)
DATELINE = "Washington, DC–(ENEWSPF)–March 3, 2021\n"
BROKEN_DATELINE = "Washington, DC–(ENEWSPF)–\n"  # the date was lost when the text was copied
SOURCE = "Source: https://www.harbor.example.org/news\n"
# Added to the copy of sources.yml, so that the tests do not depend on what the archive holds.
ORGANISATION = "- name: Port of Testville\n  domains: [harbor.example.org]\n"


def step(name: str) -> str:
    """The shell script of a step of the Check workflow, found by the start of its name."""
    workflow = yaml.safe_load(CHECK_YML.read_text(encoding="utf-8"))
    found = [s for s in workflow["jobs"]["check"]["steps"] if s.get("name", "").startswith(name)]
    assert len(found) == 1, f"no single step named {name!r} in check.yml"
    script: str = found[0]["run"]
    return script


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "contributor@example.org",
           "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "contributor@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def main_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository standing for main: mkdocs.yml, overrides/, hand-written docs/ and archive/."""
    repo = tmp_path_factory.mktemp("upstream") / "press-archive"
    repo.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copy2(ROOT / ".gitignore", repo / ".gitignore")
    shutil.copytree(ROOT / "overrides", repo / "overrides")
    shutil.copytree(ROOT / "archive", repo / "archive")
    with (repo / "archive" / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(ORGANISATION)
    for path in (ROOT / "docs").rglob("*"):
        relative = path.relative_to(ROOT / "docs")
        if path.is_file() and not is_generated(relative.as_posix()):
            (repo / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, repo / "docs" / relative)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "main")
    return repo


class PullRequest:
    """A clone of main on a branch; `run` executes a workflow step in it as GitHub would."""

    def __init__(self, main_repo: Path, where: Path):
        self.root = where / "clone"
        git(where, "clone", "-q", str(main_repo), str(self.root))
        git(self.root, "switch", "-q", "-c", "add-a-release")
        # The workflow runs .venv/bin/press-archive (made by `make .venv/.installed`); here it is
        # the press-archive of the Python running the tests. .venv/ is git-ignored, as in the repo.
        launcher = self.root / ".venv" / "bin" / "press-archive"
        launcher.parent.mkdir(parents=True)
        main = "import sys; from generator.cli import main; sys.exit(main())"
        launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "{main}" "$@"\n')
        launcher.chmod(0o755)
        self.temp = where / "runner-temp"
        self.temp.mkdir()
        self.summary = where / "step-summary.md"

    def commit(self, files: dict[str, str | None]) -> None:
        """Write (or, for None, delete) archive files and commit them."""
        for name, text in files.items():
            path = self.root / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", "Add a release")

    def run(self, script: str) -> subprocess.CompletedProcess[str]:
        self.summary.write_text("", encoding="utf-8")
        env: dict[str, Any] = {
            **os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(self.summary),
            "RUNNER_TEMP": str(self.temp), "BASE_REF": "main", "NO_MKDOCS_2_WARNING": "1",
        }
        return subprocess.run(["bash", "-e", "-c", script], cwd=self.root, env=env, capture_output=True, text=True,
                              check=False)

    def changed(self) -> list[str]:
        found = self.run(step("Find the raw files"))
        assert found.returncode == 0, found.stderr
        return [p for p in (self.temp / "changed-releases").read_text().split("\0") if p]

    def check_changed(self) -> subprocess.CompletedProcess[str]:
        """The Find step, then the Check step on what it found (as in the workflow)."""
        self.changed()
        return self.run(step("Check the added and changed releases"))

    def check_archive(self) -> subprocess.CompletedProcess[str]:
        return self.run(step("Check the whole archive"))


@pytest.fixture
def pull_request(main_repo: Path, tmp_path: Path) -> PullRequest:
    return PullRequest(main_repo, tmp_path)


def annotations(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("::")]


def test_a_release_without_a_date_is_annotated_then_fixed_and_built(pull_request: PullRequest) -> None:
    name = "archive/harbor-dredging.txt"  # and no date in the file name either
    pull_request.commit({name: BROKEN_DATELINE + BODY + SOURCE})
    assert pull_request.changed() == [name]

    failed = pull_request.check_changed()
    assert failed.returncode != 0  # xargs says 123 when the command fails: the step fails
    assert annotations(failed.stdout) == [
        f"::error file={name},line=1,title=no-date::no date found — start the release with a dateline such as "
        "'Washington, DC – June 29, 2017', name the file YYYY-MM-DD-slug, or add 'date: YYYY-MM-DD' in a "
        "front-matter header"
    ]
    summary = pull_request.summary.read_text(encoding="utf-8")
    assert f"### {name}" in summary
    assert "**Not published**" in summary and "| error | 1 | no date found |" in summary

    pull_request.commit({name: DATELINE + BODY + SOURCE})
    assert pull_request.changed() == [name]
    passed = pull_request.check_changed()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert not [a for a in annotations(passed.stdout) if a.startswith("::error")]
    summary = pull_request.summary.read_text(encoding="utf-8")
    for row in ("| date | 2021-03-03 |", "| author | Jane Roe |", "| source | Port of Testville |",
                "| place | Washington, DC |",
                "| URL | <https://press-archive.example.org/releases/harbor-dredging/> |"):
        assert row in summary
    assert "| warning | 3 | no headline found" in summary  # the title came from the lede: said so

    assert pull_request.check_archive().returncode == 0
    built = pull_request.run(".venv/bin/press-archive build")  # the Build step (the only build here)
    assert built.returncode == 0, built.stderr
    assert (pull_request.root / "site" / "releases" / "harbor-dredging" / "index.html").is_file()


def test_a_second_file_with_the_same_id_fails_the_archive_check(pull_request: PullRequest) -> None:
    existing = discover(pull_request.root / "archive")[0].relative_to(pull_request.root)
    duplicate = f"archive/misc/{existing.name}"  # the same name in another folder (sorted after it)
    pull_request.commit({duplicate: DATELINE + BODY + SOURCE})
    assert pull_request.changed() == [duplicate]

    failed = pull_request.check_archive()
    assert failed.returncode == 1
    assert (
        f"::error file={duplicate},title=duplicate-id::release id '{release_id(existing.stem)}' is already used by "
        f"{existing.as_posix()} — rename this file: ids come from file names and must be unique"
    ) in annotations(failed.stdout)

    renamed = "archive/2021/2021-03-03-harbor-dredging.txt"
    pull_request.commit({duplicate: None, renamed: DATELINE + BODY + SOURCE})
    assert pull_request.changed() == [renamed]
    assert pull_request.check_changed().returncode == 0
    passed = pull_request.check_archive()
    assert passed.returncode == 0, passed.stdout
    assert "duplicate-id" not in passed.stdout


@pytest.mark.parametrize(
    ("footer", "annotation"),
    [
        ("Source: https://unknown.example.org\n",
         "title=no-source::no issuing organisation found — end the release with 'Source: https://…' or add "
         "'source: …' in a front-matter header"),
        ("Source: Bay Dredging Board\n",
         "title=unknown-source::source 'Bay Dredging Board' is not in sources.yml — add it to archive/sources.yml "
         "(name, aliases, domains) or correct the name"),
    ],
    ids=["unknown-url", "unknown-name"],
)
def test_an_unknown_source_is_a_warning_that_strict_makes_fatal(
    pull_request: PullRequest, footer: str, annotation: str
) -> None:
    name = "archive/2021/2021-03-03-harbor-dredging.txt"
    pull_request.commit({name: DATELINE + BODY + footer})
    checked = pull_request.check_changed()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"::warning file={name},{annotation}" in annotations(checked.stdout)
    strict = pull_request.run(f".venv/bin/press-archive check --strict {name}")
    assert strict.returncode == 1
    assert f"::warning file={name},{annotation}" in annotations(strict.stdout)


def test_the_summary_says_how_a_saved_page_was_dated(pull_request: PullRequest) -> None:
    page = Path(__file__).parent / "fixtures" / "html" / "jsonld-newsroom.html"
    name = "archive/2023/coastal-wetlands.html"
    pull_request.commit({name: page.read_text(encoding="utf-8")})
    checked = pull_request.check_changed()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    summary = pull_request.summary.read_text(encoding="utf-8")
    assert "| date | 2023-03-14 _(from the page's JSON-LD)_ |" in summary


def test_the_summary_shows_release_text_as_text(pull_request: PullRequest) -> None:
    name = "archive/2021/2021-03-03-harbor-dredging.txt"
    header = '---\ntitle: "Dredging <script>alert(1)</script> | *now* [here](http://x.example) @jane & co"\n---\n'
    pull_request.commit({name: header + DATELINE + BODY + SOURCE})
    assert pull_request.check_changed().returncode == 0
    summary = pull_request.summary.read_text(encoding="utf-8")
    assert (
        r"| title | Dredging &lt;script&gt;alert(1)&lt;/script&gt; \| \*now\* \[here\](http://x.example) "
        r"&#64;jane &amp; co |"
    ) in summary
    assert "<script>" not in summary


def test_a_pull_request_without_releases_says_so(pull_request: PullRequest) -> None:
    pull_request.commit({"archive/topics.yml": (ROOT / "archive" / "topics.yml").read_text(encoding="utf-8") + "\n"})
    assert pull_request.changed() == []
    checked = pull_request.check_changed()
    assert checked.returncode == 0
    assert pull_request.summary.read_text(encoding="utf-8") == "This pull request adds or changes no raw release.\n"
