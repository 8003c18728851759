"""Problems found in raw releases, each carrying its place (file and line) and a hint.

Readers and extractors raise `ReleaseError` for a file that cannot become a page; they record
`Problem`s with severity "warning" for results that are uncertain but usable. The CLI prints both
as `path:line: error: message — hint` (the format compilers use, so editors and CI can jump to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One finding about one raw file; `line` is 1-based, or None when it concerns the whole file."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    severity: Severity = "error"
    code: str = "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        """The workflow-command form, so GitHub shows the message on the raw file's line."""
        props = f"file={_escape_property(self.path)}"
        if self.line:
            props += f",line={self.line}"
        props += f",title={_escape_property(self.code)}"
        message = f"{self.message} — {self.hint}" if self.hint else self.message
        return f"::{self.severity} {props}::{_escape_data(message)}"


def warning(path: str, line: int | None, code: str, message: str, hint: str = "") -> Problem:
    """A warning: the file is still published, and `check --strict` fails on it."""
    return Problem(path=path, line=line, severity="warning", code=code, message=message, hint=hint)


class ReleaseError(Exception):
    """Raised by a reader or extractor when a raw file cannot become a page at all."""

    def __init__(self, path: str, line: int | None, message: str, hint: str = "", code: str = "error"):
        super().__init__(message)
        self.problem = Problem(path=path, line=line, message=message, hint=hint, code=code)


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: %, CR and LF in the message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class SettingsError(Exception):
    """Raised by `Settings.load` (generator/settings.py) when mkdocs.yml cannot be read or holds an
    invalid value for a setting the generator reads; `messages` names every problem found, one line
    each (`mkdocs.yml: extra.press_archive.per_page: expected a positive integer`). The CLI prints
    them and exits 1."""

    def __init__(self, messages: Sequence[str]):
        super().__init__("\n".join(messages))
        self.messages = tuple(messages)
