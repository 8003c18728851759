"""The `press-archive` command: the library's errors become messages and exit codes here, and only here."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from generator import new as new_release
from generator.building import build
from generator.check_summary import summary_markdown
from generator.errors import Problem, ReleaseError, SettingsError
from generator.kinds import KINDS
from generator.loading import CACHE_DIR
from generator.output import WriteReport, remove_generated
from generator.pipeline import Result, discover, display_path, generate, load_archive, load_release
from generator.render.markdown import front_matter
from generator.settings import FAST_PATH_SWITCH, Settings

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Turn raw press releases into a static archive site."
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

RootOption = Annotated[Path, typer.Option("--root", help="Project folder holding mkdocs.yml and archive/.")]


def _settings(root: Path, archive: Path | None = None) -> Settings:
    """The project's settings; an unreadable or invalid mkdocs.yml is reported (each problem on a
    line of its own, no traceback) and exits 1, before any command does anything."""
    try:
        return Settings.load(root.resolve(), archive=archive.resolve() if archive else None)
    except SettingsError as error:
        for message in error.messages:
            err.print(message, markup=False)
        raise typer.Exit(1) from None


def _report(problems: list[Problem], strict: bool = False) -> None:
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.message)):
        err.print(problem.format(), markup=False)
        if github:
            print(problem.github_annotation())


def _progress() -> Progress | None:
    if not sys.stderr.isatty():
        return None
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _load(settings: Settings) -> tuple[Result, WriteReport]:
    progress = _progress()
    if progress is None:
        return generate(settings)
    with progress:
        task = progress.add_task("Reading releases", total=None)
        return generate(settings, progress=lambda done, total: progress.update(task, completed=done, total=total))


def _print_front_matter(path: Path, settings: Settings) -> None:
    """The front matter the page of one raw file gets, on stdout; exit 1 when the file is refused."""
    from generator.enrich.vocabulary import load_vocabulary

    vocabulary, _ = load_vocabulary(settings.archive)
    release, problems = load_release(path, settings, vocabulary)
    _report(problems)
    if release is None:
        raise typer.Exit(1)
    sys.stdout.write(front_matter(release.to_front_matter()))


@app.command("generate")
def generate_command(
    root: RootOption = Path(), strict: bool = typer.Option(False, help="Fail on warnings too.")
) -> None:
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
    root: RootOption = Path(),
    strict: bool = typer.Option(False, help="Fail on warnings too."),
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary",
            help="Append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY): for each file, the metadata "
            "it will be published with, and its errors and warnings.",
        ),
    ] = None,
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
    missing = [p for p in files or [] if not p.exists()]
    result = load_archive(settings, [p for p in files if p.exists()] if files is not None else None)
    if files is not None:
        result.problems += [
            Problem(path=display_path(p, settings.root), line=None, message="file not found", hint="check the path")
            for p in missing
        ]
    _report(result.problems)
    err.print(
        f"checked {result.files} files: {len(result.errors)} errors, {len(result.warnings)} warnings.", markup=False
    )
    if summary is not None:
        checked = files if files is not None else discover(settings.archive)
        with summary.open("a", encoding="utf-8") as out:
            out.write(summary_markdown([display_path(p, settings.root) for p in checked], result, settings))
    if result.errors or (strict and result.warnings):
        raise typer.Exit(1)


@app.command("show")
def show_command(
    path: Annotated[Path, typer.Argument(help="The raw release file (in archive/ or anywhere).")],
    root: RootOption = Path(),
) -> None:
    """Print the front matter that the page of one raw release gets, `---` to `---`."""
    settings = _settings(root)
    _print_front_matter(path, settings)


@app.command("new")
def new_command(
    source: Annotated[
        str | None,
        typer.Argument(help="The release as received: a .txt, .md or .html file; '-' or nothing reads standard input."),
    ] = None,
    archive: Annotated[Path | None, typer.Option("--archive", help="Archive (default: archive/ of --root).")] = None,
    slug: Annotated[str | None, typer.Option("--slug", help="File and URL name (default: from the title).")] = None,
    root: RootOption = Path(),
) -> None:
    """Add a release to the archive as archive/YYYY/YYYY-MM-DD-slug.ext, its bytes unchanged.

    The date and title are extracted from the release itself (the slug comes from the title, at
    most 60 characters, unless --slug is given); the file keeps its extension, and standard input
    becomes a .txt file. Prints the front matter the release's page will get, like `show`.
    Never overwrites a file and never reuses an id: exit 1 with an error saying what to do.
    """
    settings = _settings(root, archive)
    if source in (None, "-"):
        stdin = typer.get_binary_stream("stdin")
        if stdin.isatty():
            err.print("Paste the release, then press Ctrl-D on a line of its own.", markup=False)
        raw, name = stdin.read(), new_release.STDIN_NAME
    else:
        try:
            raw, name = Path(source).read_bytes(), source
        except OSError as error:
            err.print(f"{source}: error: cannot read the file: {error.strerror} — check the path", markup=False)
            raise typer.Exit(1) from None
    try:
        written = new_release.write(new_release.plan(raw, name, settings.archive, settings.root, slug), raw)
    except ReleaseError as error:
        _report([error.problem])
        raise typer.Exit(1) from None
    except FileExistsError as error:
        err.print(f"{error.filename}: error: file already exists — choose another name with --slug", markup=False)
        raise typer.Exit(1) from None
    err.print(f"created {display_path(written, settings.root)}", markup=False)
    _print_front_matter(written, settings)


@app.command("fetch")
def fetch_command(
    urls: Annotated[list[str] | None, typer.Argument(help="Feeds or sitemaps (default: archive/feeds.yml's).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Read at most N entries of each feed.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Download and check, but save nothing.")] = False,
    root: RootOption = Path(),
) -> None:
    """Save the new releases that newsroom feeds and sitemaps list, each as `new` would, bytes unchanged.

    Respects robots.txt, waits between requests to one host, follows redirects within the site only.
    A release already in the archive (by URL, canonical URL or text) is skipped. Prints one line per
    page and a summary; a feed or page that fails is one error line and the others go on: exit 1.
    """
    from generator import fetch as fetching  # requests and feedparser load only for this command
    from generator.feeds_config import FEEDS_FILE, feed_of_url, load_feeds
    settings = _settings(root)
    feeds_path = settings.archive / FEEDS_FILE
    try:
        feeds = [feed_of_url(url) for url in urls] if urls else load_feeds(feeds_path, display_path(feeds_path, root))
    except ReleaseError as error:
        _report([error.problem])
        raise typer.Exit(1) from None
    result = load_archive(settings)
    known = fetching.Known.of(result.releases, result.signatures)
    address = settings.site_url or settings.repo_url
    client = fetching.Client(user_agent=f"{fetching.AGENT}/1.0" + (f" (+{address})" if address else ""))
    counts = dict.fromkeys(("saved", "duplicate", "skipped", "error"), 0)
    for outcome in fetching.fetch(feeds, client, known, settings.archive, settings.root, limit=limit, dry_run=dry_run):
        counts[outcome.status] += 1
        shown = display_path(outcome.path, settings.root) if outcome.path else ""
        if outcome.status == "saved":
            line = f"{outcome.message or 'saved'} {shown} from {outcome.url}"
        elif outcome.status == "error":
            line = f"{outcome.url}: error: {outcome.message} (feed {outcome.feed})"
        else:
            line = f"skipped {outcome.url}: {outcome.message}"
        err.print(line, markup=False)
    err.print(
        f"fetched {len(feeds)} feeds: {counts['saved']} saved, {counts['duplicate']} skipped as duplicates, "
        f"{counts['error']} errors", markup=False,
    )
    if counts["error"]:
        raise typer.Exit(1)


@app.command("build")
def build_command(
    root: RootOption = Path(),
    strict: bool = typer.Option(True, help="Pass --strict to mkdocs build."),
    site_dir: Annotated[Path, typer.Option(help="Where MkDocs writes the site.")] = Path("site"),
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="MkDocs processes (default: one per core on a large site; 1 = plain mkdocs build)."),
    ] = None,
    fast_path: bool = typer.Option(
        True, help="Hand MkDocs the release pages' HTML made by the generator (the same site, faster)."
    ),
) -> None:
    """Generate the pages, build the site with MkDocs (`mkdocs build --strict`), index it for search."""
    if not fast_path:
        # Read by the hooks in each mkdocs process (generator/mkdocs_hooks.py).
        os.environ[FAST_PATH_SWITCH] = "0"
    settings = _settings(root)
    site = site_dir if site_dir.is_absolute() else settings.root / site_dir
    report = build(settings, site, strict, workers=workers)
    _report(report.result.problems)
    if report.failed_stage:
        err.print(f"{report.failed_stage} failed" + (f": {report.error}" if report.error else ""), markup=False)
        raise typer.Exit(1)
    stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())
    err.print(f"site built in {site_dir} from {len(report.result.releases)} releases ({stages})", markup=False)
    if report.result.errors:
        raise typer.Exit(1)


@app.command("serve")
def serve_command(
    root: RootOption = Path(),
    dev_addr: Annotated[str, typer.Option("--dev-addr", help="Address and port to serve on.")] = "127.0.0.1:8000",
) -> None:
    """Generate the pages, then serve a live preview, search included, that regenerates when archive/ changes."""
    from generator.serve import serve

    settings = _settings(root)

    def regenerate() -> None:
        result, report = generate(settings)
        _report(result.problems)
        err.print(
            f"archive changed: {report.written} files written, {report.removed} removed "
            f"({len(result.releases)} releases)",
            markup=False,
        )

    result, report = _load(settings)
    _report(result.problems)
    err.print(f"{len(result.releases)} releases, {report.written} files written; serving on http://{dev_addr}/",
              markup=False)
    raise typer.Exit(serve(settings, dev_addr, regenerate, say=lambda text: err.print(text, markup=False)))


@app.command("stats")
def stats_command(root: RootOption = Path()) -> None:
    """Count releases, sources, authors, topics and years in the archive."""
    result = load_archive(_settings(root))
    releases = result.releases
    print(f"releases {len(releases)}")
    for kind in reversed(KINDS):  # as the home page counts them
        print(f"{kind.name:<8} {len({term for r in releases for term in kind.terms(r)})}")


@app.command("clean")
def clean_command(
    root: RootOption = Path(),
    site_dir: Annotated[Path, typer.Option(help="The built site to remove.")] = Path("site"),
) -> None:
    """Remove what the generator and MkDocs made: the generated pages of docs/ (never hand-written
    ones), the staging trees, the cache and the built site. archive/ is never touched."""
    settings = _settings(root)
    removed = remove_generated(settings)
    site = site_dir if site_dir.is_absolute() else settings.root / site_dir
    for folder in (settings.root / CACHE_DIR, site):
        if folder.is_dir():
            shutil.rmtree(folder)
    err.print(f"removed {removed} generated files, the cache and {site_dir}", markup=False)


def main() -> None:
    app()
