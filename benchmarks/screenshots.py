"""Full-page screenshots of the built site (site/) for a person to look at: `make screenshots`.

Serves site/ on 127.0.0.1 (a free port) and photographs the home page, a year page, a topic page
and the seed's release page at desktop (1280 px) and phone (390 px) widths, in the light and the
dark palette, into screenshots/ (git-ignored). Uses Debian's chromium through Playwright, never a
browser downloaded by Playwright.

    python benchmarks/screenshots.py [--site site] [--out screenshots]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from local_browser import CHROMIUM_ARGS, serve
from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "year-2017": "years/2017/",
    "topic-isis": "topics/isis/",
    "release-seed": "releases/2017-06-29-isis-on-the-run/",
}
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def take(site: Path, out: Path) -> list[Path]:
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("chromium not found: install Debian's chromium (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site, _QuietHandler) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for width_name, (width, height) in WIDTHS.items():
                for scheme in SCHEMES:
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        color_scheme=scheme,
                        is_mobile=width_name == "phone",
                        has_touch=width_name == "phone",
                    )
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(base + path, wait_until="networkidle")
                        target = out / f"{name}-{width_name}-{scheme}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="where to write (default: screenshots)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}/index.html not found: build the site first (make site)", file=sys.stderr)
        return 1
    for path in take(args.site, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
