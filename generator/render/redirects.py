"""The redirect page of an old address: a renamed release's page keeps the address it had.

A static site has no server rules, so an old address gets a small HTML page of its own that sends
the browser on (`<meta http-equiv="refresh">`), tells search engines where the page is now
(`rel="canonical"`) and not to index the old one (`noindex`), and shows a link for a reader whose
browser does not follow refreshes. It is plain HTML, not a Markdown page: MkDocs never sees it, so
it is in no nav, search index, sitemap or link check. The generator writes it into the staging tree
`@redirects/` (`settings.STAGING`), and `press-archive build` copies it into the built site after
MkDocs (`generator.redirects.install_redirects`).

Every value in the page is one of the site's own addresses (`render.paths`), never release text;
each is escaped all the same. The links are relative to the old address, so the page works on any
host and under any sub-path; only the canonical link is absolute, when `site_url` is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from generator.render.paths import url_from

REDIRECT_PREFIX = "@redirects"
"""How generated files name the staging tree of redirect pages (`settings.STAGING`)."""

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This page has moved to <a href="{target}">{shown}</a>.</p>
</body>
</html>
"""


def redirect_path(old: str) -> str:
    """The redirect page of the old address `old` (as `paths.redirect_url` writes it) in the
    staging tree, whose paths are the built site's: `@redirects/releases/old-id/index.html`."""
    return f"{REDIRECT_PREFIX}/{old}index.html"


def redirect_page(old: str, new: str, site_url: str = "") -> bytes:
    """The page at address `old` that leads to address `new` (both from the site's root, directory
    style). The canonical link is `site_url` + `new` when the site's address is known, else the
    same relative link as the others."""
    target = url_from(old, new)
    canonical = site_url + new if site_url else target
    return _PAGE.format(
        canonical=escape(canonical, quote=True),
        target=escape(target, quote=True),
        shown=escape(canonical, quote=True),
    ).encode("utf-8")


def redirect_files(redirects: Mapping[str, str], site_url: str = "") -> dict[str, bytes]:
    """The redirect page of each old address in `redirects` (old address → new address)."""
    return {redirect_path(old): redirect_page(old, new, site_url) for old, new in sorted(redirects.items())}
