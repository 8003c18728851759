"""Check that a change of code changes nothing the archive publishes: `docs/` and `site/` built by
the code of a git revision (before) and by the working tree (after) must be byte-identical.

    python benchmarks/same_output.py                  # HEAD against the working tree
    python benchmarks/same_output.py --before main~3 --size 1000

Two archives are built both ways: the repository's own `archive/` (each side with its own
`mkdocs.yml`, `docs/` and `overrides/`), and a synthetic archive of `--size` releases
(`benchmarks/synth.py`, the same releases for both sides). Each side runs `press-archive build` in
a copy of its own tree, with that tree first on `PYTHONPATH`, so it runs its own `generator/`.

Prints every file that differs, is missing or is extra, and exits 1 if there is one. A refactoring
that must not change behaviour (the structure work) is checked with this before it is committed.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import synth  # noqa: E402

COMPARED = ("docs", "site", ".staging/search")
"""`.staging/search` holds the lean search documents Pagefind indexes: its input, compared whole."""
UNSTABLE = re.compile(r"^site/pagefind/(?:.+/)?(?:filter/[^/]+\.pf_filter|[^/]+\.pf_meta|pagefind-entry\.json)$")
"""Pagefind writes its filter and metadata indexes (and so the entry file naming them) in an order
that varies from run to run of the same input (its fragments and word indexes are stable). These
are left out; their input, the search documents, is compared instead."""


def export_revision(revision: str, into: Path) -> None:
    """The tracked files of `revision`, without a worktree (nothing to clean up in the repository)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)


def export_working_tree(into: Path) -> None:
    """Tracked and untracked (not ignored) files as they are on disk now."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def build(code: Path, project: Path) -> None:
    """`press-archive build` of `project` with the generator of `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    # `generator.cli.main`, which every revision has (older ones have no `python -m generator`).
    command = [sys.executable, "-c", "from generator.cli import main; main()", "build", "--root", str(project)]
    done = subprocess.run(command, env=env, cwd=project, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"build failed with the code of {code}")
    if not (project / "site" / "index.html").is_file():
        raise SystemExit(f"the code of {code} built no site in {project}")


def files_of(root: Path, folder: str) -> set[str]:
    files = {p.relative_to(root / folder).as_posix() for p in (root / folder).rglob("*") if p.is_file()}
    return {name for name in files if not UNSTABLE.match(f"{folder}/{name}")}


def differences(before: Path, after: Path) -> list[str]:
    out = []
    for folder in COMPARED:
        old, new = files_of(before, folder), files_of(after, folder)
        out += [f"only before: {folder}/{name}" for name in sorted(old - new)]
        out += [f"only after: {folder}/{name}" for name in sorted(new - old)]
        for name in sorted(old & new):
            if not filecmp.cmp(before / folder / name, after / folder / name, shallow=False):
                out.append(f"differs: {folder}/{name}")
    return out


def compare(label: str, sides: dict[str, Path], size: int | None, work: Path) -> list[str]:
    projects = {}
    for side, code in sides.items():
        project = work / label / side
        if size is None:
            shutil.copytree(code, project, ignore=shutil.ignore_patterns(".git", "site", ".cache", ".staging"))
        else:
            # The releases are the working tree's synth (the same for both); the rest is the side's own.
            synth.write_project(size, project, repo=code)
        build(code, project)
        projects[side] = project
    found = differences(projects["before"], projects["after"])
    counted = sum(len(files_of(projects["after"], folder)) for folder in COMPARED)
    print(f"{label}: {counted:,} files compared, {len(found)} differ", flush=True)
    return [f"{label}: {line}" for line in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="HEAD", help="git revision of the code before (default: HEAD)")
    parser.add_argument("--size", type=int, default=1000, help="releases in the synthetic archive (0: none)")
    parser.add_argument("--keep", type=Path, help="build here and keep the trees (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-output-") as temporary:
        work = args.keep or Path(temporary)
        sides = {"before": work / "code-before", "after": work / "code-after"}
        export_revision(args.before, sides["before"])
        export_working_tree(sides["after"])
        found = compare("sample archive", sides, None, work)
        if args.size:
            found += compare(f"synthetic {args.size:,}", sides, args.size, work)
    for line in found:
        print(line)
    print("identical" if not found else f"{len(found)} differences", flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
