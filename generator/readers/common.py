"""What every reader needs: bytes → text (with the one table of charset aliases), the raw file's
own front matter, the line of each "Key: value" header line, ids from file names."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

import yaml
from slugify import slugify

from generator.errors import Problem, ReleaseError, warning
from generator.model import RawDocument

# A YAML header is the first thing in the file, between two lines of exactly three dashes.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)

MAX_FRONT_MATTER_BYTES = 64 * 1024

# File signatures of formats that are saved or renamed by mistake: PDF, ZIP (docx, odt), OLE (doc),
# RTF is text and passes; images.
BINARY_SIGNATURES = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
BINARY_SAMPLE = 8192
# Tab, line feed, form feed, carriage return, escape (ANSI colour in pasted terminal text).
TEXT_CONTROLS = frozenset({9, 10, 12, 13, 27})
_OTHER_CONTROLS = bytes(byte for byte in range(32) if byte not in TEXT_CONTROLS)
BINARY_CONTROL_SHARE = 0.05
# charset-normalizer's "chaos" of the best reading above which the bytes are not text in any encoding.
MAX_CHAOS = 0.3
# ftfy limited to undoing wrong decodings: no quote uncurling, entity unescaping, width or
# normalisation changes — the rest of the text stays as received.
FTFY_OPTIONS: dict[str, Any] = {
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "fix_encoding": True,
    "restore_byte_a0": False,
    "replace_lossy_sequences": True,
    "decode_inconsistent_utf8": True,
    "fix_c1_controls": True,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "fix_surrogates": True,
    "remove_control_chars": False,
    "normalization": None,
    "explain": False,
}
ENCODING_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}
# Charsets declared as Latin-1 or ASCII are read as Windows-1252, as browsers do (WHATWG Encoding
# Standard): newsroom pages and mailings so labelled do contain its curly quotes. Keyed by the
# label as mail clients write it, lower-cased; `codec_alias` looks the table up by codec instead.
CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_CODEC_ALIASES = {codecs.lookup(label).name: alias for label, alias in CHARSET_ALIASES.items()}
# Sequences that UTF-8 read as Windows-1252 leaves behind: 'Ã©' (é), 'â€™' (’), 'Â ' (no-break space).
MOJIBAKE_HINT = re.compile(
    "[ÂÃâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


@dataclass(frozen=True)
class Decoded:
    """A raw file's text (newlines normalised) and the warnings decoding it gave."""

    text: str
    problems: tuple[Problem, ...] = ()


def decode(raw: bytes, path: str) -> Decoded:
    """Decode a raw file: UTF-8 (with or without BOM) or BOM-marked UTF-16 silently; a legacy
    8-bit encoding (Windows-1252 …) detected and reported; mojibake repaired and reported.

    Binary files (a PDF or a word-processor file renamed to `.txt`) are refused. Newlines are
    normalised to `\\n` (CRLF and lone CR alike) so that line numbers match what an editor shows.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _finish(_strict(raw, "utf-16", path), path)
    if raw.startswith(codecs.BOM_UTF8):
        return _finish(_strict(raw, "utf-8-sig", path), path)
    if not raw.strip(b" \t\r\n\f\v"):
        return Decoded("")
    if looks_binary(raw):
        raise ReleaseError(
            path,
            None,
            "file is binary, not text",
            "save the release as plain text (UTF-8), HTML, Markdown or e-mail",
            code="binary-file",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, warning = _legacy(raw, path, exc)
        return _finish(text, path, warning)
    return _finish(text, path)


def decode_as(raw: bytes, encoding: str, path: str, hint: str) -> Decoded:
    """Decode with an encoding the file declares itself (an HTML `<meta charset>`, a MIME part)."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReleaseError(
            path,
            raw[: exc.start].count(b"\n") + 1,
            f"cannot decode byte 0x{raw[exc.start]:02x} as {encoding.upper()}",
            hint,
            code="undecodable",
        ) from None
    return _finish(text, path)


def charset_alias(label: str) -> str:
    """The codec to read a MIME part's declared charset with: Windows-1252 for the Latin-1 and ASCII
    labels of `CHARSET_ALIASES`, else the label as given (an unknown one fails when it is used)."""
    return CHARSET_ALIASES.get(label.lower(), label)


def codec_alias(codec: str) -> str:
    """The same for a codec name as `codecs.lookup` gives it, which every spelling of a label
    resolves to ("l1", "ISO_8859-1" → "iso8859-1"): an HTML page's declared charset."""
    return _CODEC_ALIASES.get(codec, codec)


def _strict(raw: bytes, encoding: str, path: str) -> str:
    if encoding == "utf-8-sig":
        raw, encoding = raw[len(codecs.BOM_UTF8) :], "utf-8"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReleaseError(
            path,
            raw[: exc.start].decode(encoding, "replace").count("\n") + 1,
            f"cannot decode byte 0x{raw[exc.start]:02x} as {encoding.upper().removesuffix('-SIG')}",
            "re-save the file as UTF-8 (most editors: 'Save with encoding')",
            code="undecodable",
        ) from None


def looks_binary(raw: bytes) -> bool:
    """A NUL byte, a known binary signature, or many control characters: not a text file."""
    if raw.startswith(BINARY_SIGNATURES) or b"\x00" in raw:
        return True
    sample = raw[:BINARY_SAMPLE]
    # Counted by deleting them (in C) rather than by a loop over the sample's bytes.
    controls = len(sample) - len(sample.translate(None, _OTHER_CONTROLS))
    return controls > len(sample) * BINARY_CONTROL_SHARE


def _legacy(raw: bytes, path: str, error: UnicodeDecodeError) -> tuple[str, Problem]:
    """Text that is not UTF-8: detect its 8-bit encoding (charset-normalizer), preferring
    Windows-1252 when it reads as well (what Word and old newsroom systems save), and warn."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for it

    line = raw[: error.start].count(b"\n") + 1
    matches = list(from_bytes(raw))
    if not matches or min(m.chaos for m in matches) > MAX_CHAOS:
        raise ReleaseError(
            path,
            line,
            f"cannot decode byte 0x{raw[error.start]:02x} as UTF-8",
            "re-save the file as UTF-8 (most editors: 'Save with encoding')",
            code="undecodable",
        )
    least = min(m.chaos for m in matches)
    best = [m for m in matches if m.chaos == least]
    western = any("cp1252" in m.could_be_from_charset for m in best)
    encoding = "cp1252" if western else best[0].encoding
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        # The bytes Windows-1252 leaves undefined (0x81, 0x8d …) are C1 controls in Latin-1.
        encoding = "latin-1"
        text = raw.decode(encoding)
    name = ENCODING_NAMES.get(encoding, encoding)
    return text, warning(
        path, line, "legacy-encoding", f"file is not UTF-8; read as {name} (first byte 0x{raw[error.start]:02x})",
        "check the page's accented letters and quotes, and re-save the file as UTF-8",
    )


def _finish(text: str, path: str, *warnings: Problem) -> Decoded:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, repaired = repair_mojibake(text, path)
    return Decoded(text, (*warnings, *repaired))


def repair_mojibake(text: str, path: str) -> tuple[str, list[Problem]]:
    """UTF-8 that was once read as Windows-1252 ('canâ€™t') repaired line by line with ftfy, keeping
    everything else as it was; one warning naming the first repaired line and the count."""
    # Each hint starts with one of three letters: most texts have none, found without the regex.
    if ("Â" not in text and "Ã" not in text and "â" not in text) or not MOJIBAKE_HINT.search(text):
        return text, []
    import ftfy  # only text with suspicious sequences pays for it
    from ftfy.badness import is_bad

    config = ftfy.TextFixerConfig(**FTFY_OPTIONS)
    lines = text.split("\n")
    changed: list[int] = []
    for index, line in enumerate(lines):
        if MOJIBAKE_HINT.search(line) and is_bad(line):
            fixed = ftfy.fix_text(line, config=config)
            if fixed != line:
                if not changed:
                    first = (line, fixed)
                lines[index] = fixed
                changed.append(index + 1)
    if not changed:
        return text, []
    before, after = _excerpt(*first, config)
    more = f" (and {len(changed) - 1} more lines)" if len(changed) > 1 else ""
    return "\n".join(lines), [
        Problem(
            path=path,
            line=changed[0],
            severity="warning",
            code="mojibake",
            message=f"garbled characters repaired: {before!r} → {after!r}{more}",
            hint="check the repaired text on the page; better, re-save the original as UTF-8",
        )
    ]


def _excerpt(line: str, fixed: str, config: Any) -> tuple[str, str]:
    """The first garbled word and its repair ('canâ€™t' → 'can’t'), else the start of the line."""
    import ftfy

    for word in line.split():
        if MOJIBAKE_HINT.search(word):
            repaired = ftfy.fix_text(word, config=config)
            if repaired != word:
                return word, repaired
            break
    return line[:60].strip(), fixed[:60].strip()


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: an override never needs them, and a
    'billion laughs' header would otherwise expand when the page is written back out."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases are not allowed in a release header", event.start_mark
            )
        return super().compose_node(parent, index)


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Split a leading YAML header from the text: (header, rest, raw line number of rest's start)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    block = match.group(1) or ""
    if len(block.encode()) > MAX_FRONT_MATTER_BYTES:
        raise ReleaseError(
            path, 1, "front matter is too large", "keep the YAML header under 64 KB", code="bad-front-matter"
        )
    try:
        data = yaml.load(block, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except (ValueError, OverflowError, RecursionError) as exc:
        # Values YAML parses but Python cannot hold: "date: 2021-13-45", a 1,000-level nested list.
        problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ReleaseError(
            path,
            2,
            f"front matter is not valid YAML: {problem}",
            "fix the YAML between the two '---' lines, or quote the value",
            code="bad-front-matter",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReleaseError(
            path,
            line,
            f"front matter is not valid YAML: {problem}",
            "fix the YAML between the two '---' lines, or quote the value",
            code="bad-front-matter",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReleaseError(
            path,
            2,
            "front matter must be a mapping of keys to values",
            "write one 'key: value' per line between the '---' lines",
            code="bad-front-matter",
        )
    consumed = match.group(0)
    rest = text[len(consumed) :]
    return {str(k): v for k, v in data.items()}, rest, consumed.count("\n") + 1


@lru_cache(maxsize=64)  # asked twice per file: by `generator.readers.read`, then by the reader
def release_id(stem: str) -> str:
    """A release id: the raw file name without extension, slugified (stable, URL-safe)."""
    # Not truncated: two long file names that differ only at the end must stay two releases.
    return slugify(stem) or "release"


def raw_document(path: str, format: str, lines: Sequence[str], first_line: int, **found: Any) -> RawDocument:
    """What every reader returns: the text `lines` from raw-file line `first_line`, the id the
    file's name gives, and what the reader `found` (`RawDocument`'s other fields)."""
    return RawDocument(
        path=path, id=release_id(PurePosixPath(path).stem), format=format, lines=tuple(lines),
        first_line=first_line, **found,
    )


# A top-level key of an override header, as the archive's own `.txt` headers write them.
OVERRIDE_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
# ASCII whitespace, what `bytes.strip()` removes: all that a blank line ending an e-mail's header section holds.
ASCII_WHITESPACE = " \t\n\r\x0b\x0c"


def find_key_lines(
    lines: Iterable[str], key: re.Pattern[str], *, first: int = 1, fold_case: bool = False, to_blank: bool = False
) -> dict[str, int]:
    """The line number of each key's first "Key: value" line, for problems that point at it: the
    top-level keys of a YAML header, the fields of an e-mail's header section.

    `key` matches a key at the start of a line, in the first of its groups that took part (a quoted
    and a bare spelling may be two groups); `first` is the number of the first line. With
    `fold_case` keys are lower-cased; with `to_blank` the scan ends at the first blank line (an
    e-mail's header section ends there). Hand-written: YAML and e-mail parsers give values, not lines.
    """
    found: dict[str, int] = {}
    for number, line in enumerate(lines, start=first):
        if to_blank and not line.strip(ASCII_WHITESPACE):
            break
        match = key.match(line)
        if match:
            name = next(group for group in match.groups() if group is not None).strip()
            found.setdefault(name.lower() if fold_case else name, number)
    return found


def header_key_lines(text: str) -> dict[str, int]:
    """Raw-file line number of each top-level key of a leading YAML header (for error pointers)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    # The header starts on line 2, after the '---'.
    return find_key_lines((match.group(1) or "").split("\n"), OVERRIDE_KEY, first=2)
