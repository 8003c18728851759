"""The `press-archive` command: the library's errors become messages and exit codes here, and only here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from generator.errors import Problem
from generator.pipeline import Result, discover, generate, load_archive, load_release
from generator.render.markdown import front_matter
from generator.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn raw press releases into a static archive site.")
err = Console(stderr=True, highlight=False, soft_wrap=True)

RootOption = Annotated[Path, typer.Option("--root", help="Project folder holding mkdocs.yml and archive/.")]


def _settings(root: Path) -> Settings:
    return Settings.load(root.resolve())


def _report(problems: list[Problem], strict: bool = False) -> None:
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.message)):
        err.print(problem.format(), markup=False)
        if github:
            print(problem.github_annotation())


def _progress() -> Progress | None:
    if not sys.stderr.isatty():
        return None
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


def _load(settings: Settings) -> tuple[Result, object]:
    progress = _progress()
    if progress is None:
        return generate(settings)
    with progress:
        task = progress.add_task("Reading releases", total=None)
        return generate(settings, progress=lambda done, total: progress.update(task, completed=done, total=total))


@app.command("generate")
def generate_command(root: RootOption = Path("."), strict: bool = typer.Option(False, help="Fail on warnings too.")) -> None:
    """Generate the Markdown pages in docs/ from the raw releases in archive/.

    Files that cannot be read are reported and skipped; all others are still written.
    """
    settings = _settings(root)
    result, report = _load(settings)
    _report(result.problems)
    err.print(
        f"{len(result.releases)} releases from {result.files} files: {report.written} files written, "
        f"{report.unchanged} unchanged, {report.removed} removed; "
        f"{len(result.errors)} errors, {len(result.warnings)} warnings.",
        markup=False,
    )
    if result.errors or (strict and result.warnings):
        raise typer.Exit(1)


@app.command("check")
def check_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Raw files to check (default: the whole archive).")] = None,
    root: RootOption = Path("."),
    strict: bool = typer.Option(False, help="Fail on warnings too."),
) -> None:
    """Validate raw releases without writing anything; exit 1 on errors.

    Messages read `path:line: error: what — what to do`; inside GitHub Actions they are also
    printed as annotations on the raw file's line.
    """
    settings = _settings(root)
    files = None
    if paths:
        files = []
        for path in paths:
            files += discover(path) if path.is_dir() else [path]
    result = load_archive(settings, files)
    if files is not None:
        missing = [p for p in files if not p.exists()]
        result.problems += [Problem(path=str(p), line=None, message="file not found", hint="check the path") for p in missing]
    _report(result.problems)
    err.print(f"checked {result.files} files: {len(result.errors)} errors, {len(result.warnings)} warnings.", markup=False)
    if result.errors or (strict and result.warnings):
        raise typer.Exit(1)


@app.command("show")
def show_command(path: Path, root: RootOption = Path(".")) -> None:
    """Print the front matter that the page of one raw release gets, `---` to `---`."""
    settings = _settings(root)
    from generator.enrich.vocabulary import load_vocabulary

    vocabulary, _ = load_vocabulary(settings.archive)
    release, problems = load_release(path, settings, vocabulary)
    _report(problems)
    if release is None:
        raise typer.Exit(1)
    sys.stdout.write(front_matter(release.to_front_matter()))


@app.command("build")
def build_command(
    root: RootOption = Path("."),
    strict: bool = typer.Option(True, help="Pass --strict to mkdocs build."),
    site_dir: Path = typer.Option(Path("site"), help="Where MkDocs writes the site."),
) -> None:
    """Generate the pages, then build the site with MkDocs (`mkdocs build --strict`)."""
    settings = _settings(root)
    result, _ = _load(settings)
    _report(result.problems)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir.resolve())]
    if strict:
        command.append("--strict")
    completed = subprocess.run(command, cwd=settings.root, check=False)
    if completed.returncode != 0:
        err.print("mkdocs build failed", markup=False)
        raise typer.Exit(completed.returncode)
    err.print(f"site built in {site_dir} from {len(result.releases)} releases", markup=False)
    if result.errors:
        raise typer.Exit(1)


@app.command("stats")
def stats_command(root: RootOption = Path(".")) -> None:
    """Count releases, sources, authors, topics and years in the archive."""
    result = load_archive(_settings(root))
    releases = result.releases
    print(f"releases {len(releases)}")
    print(f"sources  {len({r.source for r in releases if r.source})}")
    print(f"authors  {len({a for r in releases for a in r.author})}")
    print(f"topics   {len({t for r in releases for t in r.topics})}")
    print(f"years    {len({r.date.year for r in releases})}")


def main() -> None:
    app()
