"""A renamed release in chromium: its old address, with or without the final slash and under a
folder of an earlier site, lands on the release's page as it is now."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import serve_quietly
from tests.conftest import PRESS_ARCHIVE, make_project, run

pytestmark = pytest.mark.browser

NEW = "2021-03-03-harbor-dredging"
TITLE = "Harbor Dredging Begins"
RELEASE = (
    "---\nredirect_from: [releases/2021-03-03-harbour-dredging/, /news/2021/03/harbor]\n---\n"
    f"{TITLE}\nWashington, DC – March 3, 2021\n"
    "The Harbor Authority will begin dredging the main shipping channel next month, officials said today.\n"
    "The work will deepen the channel to 50 feet so that the largest container ships can reach the port.\n"
)


@pytest.fixture(scope="module")
def renamed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A project with one renamed release, built by `press-archive build` and served under a
    sub-path (`/press/`), as on a project's GitHub Pages."""
    where = tmp_path_factory.mktemp("redirects-browser")
    root = make_project(where / "project", extra={f"2021/{NEW}.txt": RELEASE}).root
    built = run([*PRESS_ARCHIVE, "build", "--site-dir", str(where / "served" / "press")], root)
    assert built.returncode == 0, built.stderr
    with serve_quietly(where / "served") as url:
        yield url + "press/"


@pytest.mark.parametrize("old", [
    "releases/2021-03-03-harbour-dredging/",
    "releases/2021-03-03-harbour-dredging",
    "releases/2021-03-03-harbour-dredging/index.html",
    "news/2021/03/harbor/",
])
def test_the_old_address_lands_on_the_new_page(page: Any, renamed_url: str, old: str) -> None:
    page.goto(renamed_url + old)
    page.wait_for_url(renamed_url + f"releases/{NEW}/")
    assert page.inner_text("article h1").startswith(TITLE)
    assert page.locator("meta[name=robots]").count() == 0  # the release page itself is indexed
