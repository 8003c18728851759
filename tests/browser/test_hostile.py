"""Hostile releases in a real browser: every page built from tests/hostile/ is loaded in chromium
with listeners on dialogs, the console and the network; any script from release text that runs
(an `alert`, a `console.log('XSS')`, a request to the attacker's host) fails the test."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.readers.common import release_id
from tests.browser.conftest import serve_quietly
from tests.conftest import PRESS_ARCHIVE, make_project, run

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
EXPECTED: dict[str, dict[str, Any]] = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
PAGES = sorted(str(case.get("id") or release_id(Path(name).stem)) for name, case in EXPECTED.items() if "shows" in case)

# Runs before any script of the page: the payloads' sinks report instead of acting.
TRAPS = """
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { console.error("XSS " + name + " " + args.join(" ")); };
}
"""



@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile cases generated and built into a throw-away project, served on 127.0.0.1."""
    where = tmp_path_factory.mktemp("hostile-browser")
    extra = {f"2021/{name}": (HOSTILE / name).read_bytes() for name in EXPECTED}
    root = make_project(where / "project", extra=extra).root
    run([*PRESS_ARCHIVE, "generate"], root)
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
    assert built.returncode == 0, built.stderr
    with serve_quietly(root / "site") as url:
        yield url


@pytest.mark.parametrize("release", PAGES)
def test_no_script_from_release_text_runs(browser: Any, hostile_url: str, release: str) -> None:
    context = browser.new_context()
    context.set_default_timeout(15_000)
    context.add_init_script(TRAPS)
    dialogs: list[str] = []
    console: list[str] = []
    foreign: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlsplit(url).hostname not in ("127.0.0.1", None):
            foreign.append(url)
            request_route.abort()
        else:
            request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"pageerror {error}"))
    try:
        response = page.goto(f"{hostile_url}releases/{release}/", wait_until="load")
        assert response is not None and response.ok
        page.wait_for_timeout(300)  # let timers and late event handlers (onerror, onload) fire
        page.mouse.move(200, 300)
        page.mouse.click(5, 5)  # a full-page onclick/onmouseover overlay would fire here
        page.wait_for_timeout(100)
        assert page.title(), "the page did not render"
        executed = page.evaluate("() => Boolean(window.__pwned)")
    finally:
        context.close()
    assert dialogs == []
    assert [m for m in console if "XSS" in m or "pageerror" in m] == []
    assert not executed
    assert [u for u in foreign if "evil.example" in u] == []


def test_the_listeners_catch_a_payload_that_runs(browser: Any) -> None:
    """The negative control: the same traps see a payload that is markup, not text."""
    context = browser.new_context()
    context.add_init_script(TRAPS)
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text))
    page.set_content("<p>release</p><img src=x onerror=alert(1)>")
    page.wait_for_timeout(300)
    context.close()
    assert any(m.startswith("XSS alert") for m in console)
