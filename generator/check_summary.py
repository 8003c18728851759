"""The Markdown summary of `press-archive check --summary` (a pull request's job summary): for each
file, the metadata its page will be published with and how uncertain fields were obtained, then
its errors and warnings. Release text in it is data, never markup."""

from __future__ import annotations

import html
import re

from generator.model import FIELDS, Release
from generator.pipeline import Result
from generator.render.paths import release_page, url_of
from generator.settings import Settings
from generator.urls import is_autolink_url
from generator.whitespace import collapse

# Characters that GitHub-flavoured Markdown treats as syntax inside a table cell; `@` so that a
# release's "@handle" does not become a mention. HTML is escaped first (`<`, `>`, `&`).
_SUMMARY_SPECIALS_RE = re.compile(r"([\\`*_\[\]|~])")
_HOW = {
    "lede": "from the first sentence",
    "filename": "from the file name",
    "mention": "named in the text",
    "files": "from sources.yml files",
    "case": "headline case; in capitals in the raw file",
    # How a saved page's date was found (generator/readers/html_dates.py).
    "json-ld": "from the page's JSON-LD",
    "meta": "from the page's meta tags",
    "time": "from the article's `<time>` element",
    "visible": "as shown near the headline",
    "htmldate": "found by htmldate's search of the page",
}


def _md(text: object) -> str:
    """Release text for a Markdown table cell: data, never markup."""
    escaped = html.escape(collapse(str(text)), quote=False)
    return _SUMMARY_SPECIALS_RE.sub(r"\\\1", escaped).replace("@", "&#64;")


def summary_markdown(paths: list[str], result: Result, settings: Settings) -> str:
    """The job summary of `check --summary`: per file, the published metadata and the problems."""
    releases: dict[str, Release] = {r.raw: r for r in result.releases}
    lines = [
        "## Releases checked",
        "",
        f"{len(paths)} files: {len(result.errors)} errors, {len(result.warnings)} warnings.",
        "",
    ]
    for path in paths:
        release = releases.get(path)
        lines += [f"### {_md(path)}", ""]
        if release is None:
            lines += ["**Not published**: this file has errors.", ""]
        else:
            url = settings.site_url + url_of(release_page(release.id))
            lines += ["| field | value |", "| --- | --- |"]
            for field in FIELDS:
                if not field.provenance:  # the fields read from the release, not the pipeline's own
                    continue
                value = getattr(release, field.name)
                text = ", ".join(value) if field.kind == "names" else str(value) if value else ""
                how = release.extracted.get(field.name)
                note = f" _({_HOW.get(how, _md(how))})_" if how else ""
                lines.append(f"| {field.label} | {_md(text) if text else '—'}{note} |")
            shown_url = f"<{url}>" if is_autolink_url(url) else _md(url)
            lines += [f"| URL | {shown_url} |", ""]
        problems = sorted((p for p in result.problems if p.path == path), key=lambda p: (p.line or 0, p.message))
        if problems:
            lines += ["| | line | message | what to do |", "| --- | --- | --- | --- |"]
            for problem in problems:
                lines.append(
                    f"| {problem.severity} | {problem.line or ''} | {_md(problem.message)} | {_md(problem.hint)} |"
                )
            lines.append("")
    others = [p for p in result.problems if p.path not in set(paths)]
    if others:
        lines += ["### Other files", "", "| | file | message | what to do |", "| --- | --- | --- | --- |"]
        for problem in others:
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            lines.append(f"| {problem.severity} | {_md(where)} | {_md(problem.message)} | {_md(problem.hint)} |")
        lines.append("")
    return "\n".join(lines) + "\n"
