"""The pipeline: discover raw files → read → extract → enrich (all of them, validated) → render → write.

Everything is read and checked before anything is written (Pelican's order), so a bad file is
reported and skipped while all the others still build, and a failure never leaves a half site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.enrich import enrich
from generator.enrich.vocabulary import Vocabulary, load_vocabulary, term_slug
from generator.errors import Problem, ReleaseError
from generator.extract import extract
from generator.model import Release
from generator.output import WriteReport, write_tree
from generator.readers import READERS, read
from generator.render.site import render_site
from generator.settings import Settings

# Files in archive/ that are the archive's own configuration or documentation, not releases.
NOT_RELEASES = frozenset({"topics.yml", "sources.yml", "README.md", "SOURCES.md"})


@dataclass
class Result:
    releases: list[Release] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    vocabulary: Vocabulary = field(default_factory=Vocabulary.empty)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(archive: Path) -> list[Path]:
    """Every raw release under `archive`, sorted; hidden files and the vocabularies are skipped.
    Files with an unknown extension are returned too, so `check` can say what to do with them."""
    found = []
    for path in archive.rglob("*"):
        relative = path.relative_to(archive)
        if not path.is_file() or any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if relative.as_posix() in NOT_RELEASES or path.suffix.lower() in (".yml", ".yaml"):
            continue
        found.append(path)
    return sorted(found)


def load_release(path: Path, settings: Settings, vocabulary: Vocabulary) -> tuple[Release | None, list[Problem]]:
    """One raw file → a Release, or None with the problems that stopped it."""
    shown = display_path(path, settings.root)
    try:
        raw = path.read_bytes()
        draft = extract(read(raw, shown))
    except ReleaseError as error:
        return None, [error.problem]
    except OSError as error:
        return None, [
            Problem(
                path=shown,
                line=None,
                message=f"cannot read file: {error.strerror}",
                hint="check the file's permissions",
                code="unreadable",
            )
        ]
    release, problems = enrich(draft, vocabulary)
    return release, [*draft.problems, *problems]


def load_archive(
    settings: Settings, paths: Iterable[Path] | None = None, progress: Callable[[int, int], None] | None = None
) -> Result:
    """Read, extract and enrich every release; check archive-wide rules (unique ids, slugs)."""
    result = Result()
    try:
        vocabulary, problems = load_vocabulary(settings.archive)
    except ReleaseError as error:
        result.problems.append(error.problem)
        vocabulary = Vocabulary.empty()
    else:
        result.problems += problems
    result.vocabulary = vocabulary
    files = sorted(paths) if paths is not None else discover(settings.archive)
    result.files = len(files)
    seen: dict[str, str] = {}
    for number, path in enumerate(files, start=1):
        release, problems = load_release(path, settings, vocabulary)
        result.problems += problems
        if progress:
            progress(number, len(files))
        if release is None:
            continue
        if release.id in seen:
            result.problems.append(
                Problem(
                    path=release.raw,
                    line=None,
                    code="duplicate-id",
                    message=f"release id '{release.id}' is already used by {seen[release.id]}",
                    hint="rename this file: ids come from file names and must be unique",
                )
            )
            continue
        seen[release.id] = release.raw
        result.releases.append(release)
    result.problems += _term_clashes(result.releases)
    return result


def _term_clashes(releases: list[Release]) -> list[Problem]:
    """Author or topic names that differ but share a page slug would silently merge: an error."""
    problems = []
    for kind, names_of in (
        ("author", lambda r: r.author),
        ("topic", lambda r: r.topics),
        ("source", lambda r: [r.source] if r.source else []),
    ):
        by_slug: dict[str, tuple[str, str]] = {}
        for release in releases:
            for name in names_of(release):
                other = by_slug.setdefault(term_slug(name), (name, release.raw))
                if other[0] != name:
                    problems.append(
                        Problem(
                            path=release.raw,
                            line=None,
                            code="slug-clash",
                            message=f"{kind} '{name}' and '{other[0]}' ({other[1]}) would share one page",
                            hint=f"spell the {kind} the same way in both releases (override it in front matter)",
                        )
                    )
    return problems


def generate(settings: Settings, progress: Callable[[int, int], None] | None = None) -> tuple[Result, WriteReport]:
    """Build docs/ from the archive; bad files are skipped (and reported), the rest are written."""
    result = load_archive(settings, progress=progress)
    files = render_site(result.releases, result.vocabulary, settings)
    report = write_tree(settings.docs, files)
    return result, report


SUPPORTED = tuple(sorted(READERS))
