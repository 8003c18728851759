"""E-mailed releases (`.eml`): the subject, date and sender from the headers, the release from the body.

A newsroom's mailing goes out as `multipart/alternative` (a plain-text part and an HTML part); the
plain-text part is preferred, the HTML part is read with the HTML reader's text extraction. Most
messages that reach an archive were forwarded by someone: the forwarding note ("FYI, see below"),
the forwarded-message header block and the signatures are dropped, and the forwarded release's own
subject, date and sender count instead of the forwarder's.

Fields merge as for text (see `generator.extract`): the subject is the title, the sender's
organisation is a source candidate, and the `Date` header only fills in when the body has no
dateline or date line of its own (a release sent on Monday may be dated Tuesday).

Named `email_message`, not `email`, so that it never shadows the standard library's `email`.
"""

from __future__ import annotations

import datetime as dt
import email
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from generator.errors import Problem, ReleaseError
from generator.extract.dates import parse_date
from generator.model import Found, RawDocument
from generator.readers.common import charset_alias, decode, decode_as, find_key_lines, looks_binary, raw_document
from generator.whitespace import collapse
from generator.words import SENDER, word_search

HOW = "e-mail"

# Headers a message must have at least one of: without them the file is not an e-mail at all.
MESSAGE_HEADERS = ("subject", "from", "date", "message-id", "mime-version")
# A header field's name at the start of a line of the header section (ASCII, as RFC 5322 has it).
HEADER_NAME = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*:", re.ASCII)

# Subject prefixes that mail clients add: replies and forwards in several languages, and the
# "[EXTERNAL]" tags of corporate mail gateways.
SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|wg|tr|rv|sv|vs|antw)\s*(?:\[\d+\])?\s*:\s*|\[(?:external|ext|caution)[^\]]*\]\s*)+",
    re.IGNORECASE,
)
# Lines that open a forwarded message: Gmail, Outlook, Apple Mail, Thunderbird.
FORWARD_MARKER = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht|message transféré)\s*-{2,}"
    r"|begin forwarded message:|-{5,}\s*forwarded by\b.*|_{20,})\s*$",
    re.IGNORECASE,
)
# Header lines of a forwarded message's block ("From: …", "Sent: …").
FORWARD_HEADER = re.compile(r"^\s*\*?(from|sent|date|to|cc|bcc|subject|reply-to)\*?\s*:\s*(.*)$", re.IGNORECASE)
# "On Mon, Mar 1, 2021 at 9:00 AM Press Office <press@example.gov> wrote:" above a quoted message.
ATTRIBUTION = re.compile(r"^\s*(?:on\b(?P<who>.*)\bwrote|.*\b(?:wrote|schrieb|a écrit)\s*):\s*$", re.IGNORECASE)
# The sender inside an attribution: "…, 9:00 AM, Port of Bayview <news@port.example> wrote:".
ATTRIBUTED_SENDER = re.compile(r"(?:^|,\s*|\s(?:AM|PM)\s+)(?P<sender>[^,<>]*<[^<>@\s]+@[^<>\s]+>)\s*$")
QUOTED = re.compile(r"^[ \t]?>[ \t]?")
# The signature separator is "-- " (RFC 3676); mail clients that strip trailing spaces leave "--".
SIGNATURE = re.compile(r"^--[ \t]?$")
# Phone clients' footers that are not a separator but end the note all the same.
SENT_FROM = re.compile(r"^\s*sent from my\b", re.IGNORECASE)

# Words that make a display name an organisation ("City of Springfield Press Office") rather than a
# person ("Jane Roe"), whose name says nothing about the issuer.
ORGANISATION_WORDS = word_search(SENDER)
# The part of a display name that is the desk, not the organisation: "Press Office, U.S. Army" → "U.S. Army".
DESK_WORDS = re.compile(
    r"^(?:the\s+)?(?:press office|press desk|newsroom|media relations|public affairs|communications|press)"
    r"\s*(?:,|\||-|–|—|of|at)\s*|\s*(?:,|\||-|–|—)?\s*(?:press office|press desk|newsroom|media relations|"
    r"public affairs|communications|press|news)\s*$",
    re.IGNORECASE,
)
# Free-mail domains: a release forwarded from one says nothing about its issuer.
FREE_MAIL = frozenset(
    {"gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com"}
)

NO_TEXT_HINT = "forward the release as text (not only as an attachment), or save its text as a .txt file"


@dataclass
class _Body:
    """The part chosen as the release text, and where its lines start in the raw file."""

    lines: list[str]
    first_line: int
    problems: tuple[Problem, ...]


@dataclass
class _Sender:
    name: str
    domain: str
    line: int | None


def read(raw: bytes, path: str) -> RawDocument:
    """An e-mailed release: subject → title, Date → date, sender → source, body → text lines."""
    if looks_binary(raw):
        raise ReleaseError(
            path,
            None,
            "file is binary, not text",
            "save the message as .eml (plain text with headers), or the release as .txt",
            code="binary-file",
        )
    message = email.message_from_bytes(raw, policy=policy.default)
    keys = {key.lower() for key in message}
    if not keys & set(MESSAGE_HEADERS):
        raise ReleaseError(
            path,
            1,
            "no e-mail headers found",
            "save the whole message ('Save as… .eml', with its From/Subject/Date headers), or rename the file .txt",
            code="not-email",
        )
    header_lines = _header_lines(raw)
    body = _body(message, raw, path)
    lines, offset, forwarded = _release_lines(body.lines)
    meta: dict[str, Found[Any]] = {}
    defaults: dict[str, Found[Any]] = {}
    subject = forwarded.get("subject") or _header(message, "subject")
    title = _title(subject)
    if title:
        line = None if "subject" in forwarded else header_lines.get("subject")
        meta["title"] = Found(title, line, HOW)
    date = _date(forwarded.get("date") or forwarded.get("sent")) or _date(_header(message, "date"))
    if date is not None:
        defaults["date"] = Found(date, header_lines.get("date"), HOW)
    sender = _sender(forwarded.get("from"), None) or _sender(_header(message, "from"), header_lines.get("from"))
    if sender is not None:
        if sender.domain and sender.domain not in FREE_MAIL:
            defaults["sender"] = Found(f"https://{sender.domain}/", sender.line, "sender")
        if sender.name:
            defaults["source"] = Found(sender.name, sender.line, "sender")
    if not any(line.strip() for line in lines):
        raise ReleaseError(path, None, "no release text found in the message", NO_TEXT_HINT, code="no-text")
    return raw_document(
        path, "email", lines, body.first_line + offset, meta=meta, defaults=defaults, problems=body.problems
    )


# --- headers -----------------------------------------------------------------------------------


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        return ""  # a malformed header is the sender's bug; the release may still be readable
    return collapse(str(value)) if value is not None else ""


def _header_lines(raw: bytes) -> dict[str, int]:
    """Raw-file line of each header name (first occurrence), for messages that point at them."""
    # Latin-1 maps each byte to one character: the lines and ASCII names are the raw file's.
    return find_key_lines(raw.decode("latin-1").split("\n"), HEADER_NAME, fold_case=True, to_blank=True)


def _title(subject: str) -> str:
    return collapse(SUBJECT_PREFIX.sub("", subject))


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return parse_date(value, metadata=True)  # Outlook's "Monday, March 1, 2021 9:00 AM"


def _sender(value: str | None, line: int | None) -> _Sender | None:
    if not value:
        return None
    try:
        (name, address), *_ = getaddresses([value])
    except ValueError:
        return None
    if not address and not name:
        return None
    domain = address.rpartition("@")[2].lower().strip(".>") if "@" in address else ""
    organisation = ""
    if name and ORGANISATION_WORDS.search(name):
        # "Press Office" alone names no one; "Contoso Energy Media Relations" names Contoso Energy.
        organisation = DESK_WORDS.sub("", name).strip(" ,|-–—")
    return _Sender(name=organisation, domain=domain, line=line)


# --- body --------------------------------------------------------------------------------------


def _body(message: EmailMessage, raw: bytes, path: str) -> _Body:
    """The text/plain part (else the HTML part as text), decoded by its declared charset."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        if message.is_multipart():
            raise ReleaseError(path, None, "no release text found in the message", NO_TEXT_HINT, code="no-text")
        part = message
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    charset = part.get_content_charset()
    if charset:
        charset = charset_alias(charset)
        try:
            decoded = decode_as(payload, charset, path, "re-save the message, or forward it again as UTF-8")
        except (LookupError, ReleaseError):
            decoded = decode(payload, path)  # an unknown or wrong label: detect instead
    else:
        decoded = decode(payload, path)
    if part.get_content_type() == "text/html":
        from generator.readers.html_body import html_text_blocks  # only HTML parts pay for lxml and trafilatura

        text = "\n\n".join(block.text for block in html_text_blocks(decoded.text))
        return _Body(text.split("\n"), 1, decoded.problems)
    lines = decoded.text.split("\n")
    return _Body(lines, _first_line(raw, lines, part), decoded.problems)


def _first_line(raw: bytes, lines: list[str], part: Message) -> int:
    """Raw-file line of the part's first line, when the part is stored as it reads (not base64 or
    quoted-printable, whose lines differ from the raw file's); else 1."""
    encoding = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    if encoding not in ("7bit", "8bit", "binary"):
        return 1
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        return 1
    skipped = lines.index(first)
    raw_lines = raw.decode("latin-1").split("\n")
    start = next((n for n, line in enumerate(raw_lines) if not line.strip()), 0)
    wanted = first.rstrip("\r").encode("utf-8", "replace").decode("latin-1")
    for number in range(start, len(raw_lines)):
        if raw_lines[number].rstrip("\r") == wanted:
            return number + 1 - skipped
    return 1


def _release_lines(lines: list[str]) -> tuple[list[str], int, dict[str, str]]:
    """The forwarded release inside a message body: (its lines, index of its first line, the
    forwarded message's headers). Forwarding notes, quote marks and signatures are left out; the
    lines kept are one contiguous run (blank lines for dropped ones), so line numbers still hold."""
    forwarded: dict[str, str] = {}
    start = 0
    # The innermost forwarded message is the release; what precedes each marker is chatter.
    for index, line in enumerate(lines):
        if FORWARD_MARKER.match(line):
            headers, after = _forward_headers(lines, index + 1)
            if headers:
                forwarded = headers
            start = after
    kept = lines[start:]
    for line in kept:
        attribution = ATTRIBUTION.match(line)
        sender = ATTRIBUTED_SENDER.search(attribution.group("who") or "") if attribution else None
        if sender and "from" not in forwarded:
            forwarded["from"] = sender.group("sender").strip()
    quoted = [index for index, line in enumerate(kept) if QUOTED.match(line)]
    if quoted and _words(kept[i] for i in quoted) > _words(
        line for index, line in enumerate(kept) if index not in set(quoted) and not ATTRIBUTION.match(line)
    ):
        # A release forwarded as a quotation: keep the quoted run, without its marks.
        first, last = quoted[0], quoted[-1]
        run = [QUOTED.sub("", line, count=1) if QUOTED.match(line) else "" for line in kept[first : last + 1]]
        inner, inner_start, inner_headers = _release_lines(run)
        forwarded = inner_headers or forwarded
        return inner, start + first + inner_start, forwarded
    out: list[str] = []
    for line in kept:
        if SIGNATURE.match(line) or SENT_FROM.match(line):
            break
        out.append("" if QUOTED.match(line) or ATTRIBUTION.match(line) else line)
    return out, start, forwarded


def _forward_headers(lines: list[str], index: int) -> tuple[dict[str, str], int]:
    """The "From: … / Date: … / Subject: …" block under a forward marker, and the index after it."""
    headers: dict[str, str] = {}
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines):
        match = FORWARD_HEADER.match(lines[index])
        if not match:
            break
        headers.setdefault(match.group(1).lower(), match.group(2).strip())
        index += 1
    return headers, index


def _words(lines: Any) -> int:
    return sum(len(str(line).split()) for line in lines)
