"""Which strings are web addresses. Every check of a URL lives here, one per question asked.

They are separate on purpose, because the questions differ and so do the answers:

- `ABSOLUTE_URL` — does a value found in a file *start* like an absolute http(s) address (scheme
  and host)? What the readers take as a link target or a page's own address.
- `usable_url` — does it parse as http(s) with a host? Python's URL parser decides ("http://[x]/",
  a broken IPv6 literal, starts like an address but is none). Extraction drops addresses that fail.
- `is_plain_url` — is it one http(s) address with nothing that would end it in Markdown or HTML
  (whitespace, quotes, a backtick, angle brackets)? A front-matter `source_url` must be.
- `LINKED_URL_RE`, `is_safe_url` — the addresses the text escaper turns into links (also without
  the characters Markdown or a browser treat specially: braces, `|`, `\\`, `^`, brackets), and
  whether a whole value is one; a page links a source URL only then.
- `site_host` — the host a site is known by, without "www.".
- `is_autolink_url` — RFC 3986 characters only: safe between the `<…>` of a GitHub Markdown
  autolink (the job summary of `check --summary`).

Hand-written: the patterns are what each output format tolerates; no URL library answers these.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)

_PLAIN_URL_RE = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)

LINKED_URL_RE = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+", re.IGNORECASE)

_AUTOLINK_URL_RE = re.compile(r"^https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+$")


def usable_url(url: str) -> bool:
    """An http(s) address that URL parsers accept ("http://[x]/" is not one: a bad IPv6 literal)."""
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def is_plain_url(text: str) -> bool:
    """One http(s) address without whitespace, quotes, backticks or angle brackets."""
    return bool(_PLAIN_URL_RE.match(text))


def is_safe_url(url: str) -> bool:
    """The whole value is one address the text escaper would link (`LINKED_URL_RE`)."""
    return bool(LINKED_URL_RE.fullmatch(url))


def is_autolink_url(url: str) -> bool:
    """An http(s) address of RFC 3986 characters only, safe inside a Markdown autolink `<…>`."""
    return bool(_AUTOLINK_URL_RE.match(url))


def site_host(url: str) -> str:
    """The host of an address, lower-case and without a leading "www.": how a newsroom's site is
    named whether or not its addresses carry the "www." (fetch's same-site rule, source domains)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")
