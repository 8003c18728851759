"""Incremental CI (issue 16): the workflows' build step, cold and from restored cache folders.

    python benchmarks/ci_cache.py                 # 10,000 releases
    python benchmarks/ci_cache.py --size 2000 --keep /tmp/ci-cache

Does what the Check and Deploy workflows do: a synthetic project (`benchmarks/synth.py`) is built
cold with the workflow's command (`press-archive build`), and its cache folders (`CACHED`, as the
workflows' `actions/cache` steps save them) are set aside. Then, in a fresh copy of the project (a
new checkout), the folders are restored, one release is added (release N+1 of the same sequence),
and the same command runs again. Prints cold and warm seconds and their ratio; the budget is
`BUDGET` of the cold build (exit 1 above it).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synth  # noqa: E402
from measuring import ENV, measure  # noqa: E402

from generator.render import paths  # noqa: E402

BUDGET = 0.25
CACHED = (".cache", ".staging", *(f"docs/{name}" for name in (*paths.GENERATED, *paths.GENERATED_FILES)))
"""The folders and files the workflows' cache steps save and restore."""
BUILD = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())", "build"]


def copy_cached(source: Path, target: Path) -> None:
    """Copy the cached folders of `source` to `target`, times kept (as the cache's tar keeps them)."""
    for name in CACHED:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, symlinks=True, dirs_exist_ok=True)
        elif (source / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)


def add_release(size: int, project: Path) -> Path:
    """Release `size + 1` of the synthetic sequence, as a contributor adds it."""
    path, text = list(synth.releases(size + 1, synth.SEED, project / "archive").items())[-1]
    target = project / "archive" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def build(project: Path, label: str) -> float:
    run = measure([*BUILD, "--root", str(project)], project, ENV)
    if not run.ok:
        sys.stderr.write(run.stdout)
        raise SystemExit(f"{label} build failed")
    print(f"{label}: {run.seconds:.1f} s ({run.cpu:.0f} s CPU), peak {run.peak_pss / 1024**2:,.0f} MB PSS", flush=True)
    return run.seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="releases in the synthetic archive")
    parser.add_argument("--keep", type=Path, help="work here and keep the trees (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ci-cache-") as temporary:
        work = args.keep or Path(temporary)
        main_tree, saved, pull = work / "main", work / "saved", work / "pull-request"
        for folder in (main_tree, saved, pull):
            shutil.rmtree(folder, ignore_errors=True)
        synth.write_project(args.size, main_tree)
        cold = build(main_tree, f"cold build of {args.size:,} releases")
        copy_cached(main_tree, saved)  # what actions/cache saves
        synth.write_project(args.size, pull)  # a fresh checkout of the pull request...
        added = add_release(args.size, pull)  # ...that adds one release
        started = time.perf_counter()
        copy_cached(saved, pull)  # what actions/cache restores
        restore = time.perf_counter() - started
        print(f"cache folders restored in {restore:.1f} s (a local copy; the workflow downloads them)", flush=True)
        print(f"added {added.relative_to(pull)}", flush=True)
        warm = build(pull, "warm build with one release more")
    ratio = warm / cold
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(f"warm / cold = {warm:.1f} s / {cold:.1f} s = {ratio:.0%} ({verdict} the {BUDGET:.0%} budget)", flush=True)
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
