"""Renamed releases keep their old addresses: `redirect_from` gives each old address a redirect page
(refresh, canonical, noindex, a visible link), `check` refuses an old address that is in use, and
the pages follow the archive incrementally and end up in the built site."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator.cli import app
from generator.extract.overrides import SAFE_REDIRECT_RE
from generator.pipeline import generate
from generator.redirects import RedirectError, install_redirects, plan_redirects
from generator.render.paths import redirect_url, release_url, url_from
from generator.render.redirects import redirect_page
from generator.settings import STAGING, Settings
from tests.conftest import PRESS_ARCHIVE, make_project, run
from tests.test_incremental import clean_build, generated

DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "contributing.md"
LEDE = (
    "The Harbor Authority will begin dredging the main shipping channel next month, officials said today, "
    "in a project expected to take two years.\n"
    "The work will deepen the channel to 50 feet so that the largest container ships can reach the port.\n"
)
TITLE = "Harbor Dredging Begins"
DATED = f"{TITLE}\nWashington, DC – March 3, 2021\n" + LEDE
NEW = "2021-03-03-harbor-dredging"


def release(redirects: list[str] | None = None, title: str = TITLE) -> str:
    """A raw release; with `redirects`, a header whose line 2 is `redirect_from` (one line)."""
    text = DATED.replace(TITLE, title)
    return f"---\nredirect_from: [{', '.join(redirects)}]\n---\n{text}" if redirects is not None else text


def staged(settings: Settings) -> dict[str, str]:
    """The redirect pages of the staging tree, by their path in the built site."""
    tree = settings.root / STAGING["@redirects"]
    return {p.relative_to(tree).as_posix(): p.read_text(encoding="utf-8") for p in sorted(tree.rglob("*"))
            if p.is_file()}


def head(page: bytes | str) -> dict[str, str]:
    """What a browser and a crawler read from a redirect page."""
    tree = lxml.html.fromstring(page)
    (refresh,) = tree.xpath("//meta[@http-equiv='refresh']/@content")
    (canonical,) = tree.xpath("//link[@rel='canonical']/@href")
    (robots,) = tree.xpath("//meta[@name='robots']/@content")
    (link,) = tree.xpath("//body//a/@href")
    return {"refresh": refresh, "canonical": canonical, "robots": robots, "link": link,
            "title": tree.findtext(".//title") or "", "charset": "".join(tree.xpath("//meta/@charset"))}


# The page ----------------------------------------------------------------------------------------


def test_the_page_refreshes_to_the_new_address_and_is_not_indexed() -> None:
    page = redirect_page("releases/old-name/", f"releases/{NEW}/", "https://archive.example.org/press/")
    assert page.startswith(b"<!doctype html>")
    assert head(page) == {
        "refresh": f"0; url=../{NEW}/",
        "canonical": f"https://archive.example.org/press/releases/{NEW}/",
        "robots": "noindex",
        "link": f"../{NEW}/",
        "title": "Page moved",
        "charset": "utf-8",
    }
    assert b"nav" not in page and b"<script" not in page


def test_without_a_site_url_the_canonical_link_is_relative_too() -> None:
    assert head(redirect_page("releases/old-name/", f"releases/{NEW}/"))["canonical"] == f"../{NEW}/"


@pytest.mark.parametrize(("old", "link"), [
    ("releases/old-name/", f"../{NEW}/"),
    ("old-name/", f"../releases/{NEW}/"),
    ("news/2021/03/old-name/", f"../../../../releases/{NEW}/"),
    ("releases/old-name/more/", f"../../{NEW}/"),
])
def test_links_are_relative_to_the_old_address(old: str, link: str) -> None:
    found = head(redirect_page(old, f"releases/{NEW}/", "https://archive.example.org/"))
    assert (found["refresh"], found["link"]) == (f"0; url={link}", link)


def test_every_value_is_escaped() -> None:
    # site_url passes the settings' check (an http URL) with quotes and brackets in it.
    hostile = 'https://e.example/a"><script>alert(1)</script><a href="x/'
    page = redirect_page("releases/old-name/", f"releases/{NEW}/", hostile)
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//script") == []
    assert tree.xpath("//link[@rel='canonical']/@href") == [hostile + f"releases/{NEW}/"]
    assert len(tree.xpath("//a")) == 1


@pytest.mark.parametrize("written", [
    "releases/old-name", "/releases/old-name/", "releases/old-name/index.html", "./releases//old-name/",
])
def test_the_forms_of_an_old_address_are_one_address(written: str) -> None:
    assert redirect_url(written) == "releases/old-name/"


VALID_OLD = st.from_regex(SAFE_REDIRECT_RE, fullmatch=True).filter(lambda p: ".." not in p.split("/"))
IDS = st.from_regex(r"\A20[0-9]{2}-[01][0-9]-[0-3][0-9]-[a-z0-9]+(-[a-z0-9]+){0,3}\Z")
BASES = st.sampled_from(["https://archive.example.org/", "http://127.0.0.1:8000/", "https://e.example/a/b/"])


@given(VALID_OLD, IDS, BASES)
def test_the_target_resolved_at_the_old_address_is_the_new_page(old: str, release_id: str, base: str) -> None:
    address = redirect_url(old)
    assert redirect_url(address) == address  # one spelling per address
    new = release_url(release_id)
    here = base + address  # where the browser is: the folder of `<address>index.html`
    assert urljoin(here, url_from(address, new)) == base + new
    found = head(redirect_page(address, new))
    assert urljoin(here + "index.html", found["refresh"].removeprefix("0; url=")) == base + new
    assert urljoin(here, found["link"]) == base + new


# Generating and checking -------------------------------------------------------------------------


def test_a_renamed_release_gets_a_page_at_each_old_address(tmp_path: Path) -> None:
    settings = make_project(tmp_path / "p", extra={
        f"2021/{NEW}.txt": release(["releases/2021-03-03-harbour-dredging/", "/news/2021/harbor"]),
    })
    result, _ = generate(settings)
    assert result.errors == []
    pages = staged(settings)
    assert sorted(pages) == ["news/2021/harbor/index.html", "releases/2021-03-03-harbour-dredging/index.html"]
    assert head(pages["news/2021/harbor/index.html"])["link"] == f"../../../releases/{NEW}/"
    # The release page is the one it always was: no redirect page in docs/.
    assert (settings.docs / "releases" / f"{NEW}.md").is_file()
    assert not list(settings.docs.rglob("*.html"))


CLASHES = {
    "live release page": (
        {f"2021/{NEW}.txt": release(["releases/2021-03-04-other/"]), "2021/2021-03-04-other.txt": release(title="B")},
        [f"archive/2021/{NEW}.txt:2: error: old address '/releases/2021-03-04-other/' in redirect_from is the "
         "address of the page of archive/2021/2021-03-04-other.txt — remove it from redirect_from: an address "
         "that is in use cannot redirect"],
    ),
    "own page": (
        {f"2021/{NEW}.txt": release([f"releases/{NEW}"])},
        [f"archive/2021/{NEW}.txt:2: error: old address '/releases/{NEW}/' in redirect_from is this release's own "
         "address — remove it from redirect_from: an address that is in use cannot redirect"],
    ),
    "hand-written page": (
        {f"2021/{NEW}.txt": release(["/contributing/"])},
        [f"archive/2021/{NEW}.txt:2: error: old address '/contributing/' in redirect_from is the address of the "
         "page of docs/contributing.md — remove it from redirect_from: an address that is in use cannot redirect"],
    ),
    "browse folder": (
        {f"2021/{NEW}.txt": release(["topics/harbors/"])},
        [f"archive/2021/{NEW}.txt:2: error: old address '/topics/harbors/' in redirect_from is inside topics/, "
         "whose pages the generator makes — remove it from redirect_from: an address that is in use cannot redirect"],
    ),
    "home page": (
        {f"2021/{NEW}.txt": release(["/index.html"])},
        [f"archive/2021/{NEW}.txt:2: error: old address '/' in redirect_from is the home page's address — remove it "
         "from redirect_from: an address that is in use cannot redirect"],
    ),
    "a file of the site": (
        {f"2021/{NEW}.txt": release(["feed.xml/old/"])},
        [f"archive/2021/{NEW}.txt:2: error: old address '/feed.xml/old/' in redirect_from collides with feed.xml of "
         "the built site — remove it from redirect_from: an address that is in use cannot redirect"],
    ),
    "another release's redirect": (
        {f"2021/{NEW}.txt": release(["old/"]), "2021/2021-03-04-other.txt": release(["/old"], title="B")},
        [f"archive/2021/{NEW}.txt:2: error: old address '/old/' in redirect_from is also claimed by "
         "archive/2021/2021-03-04-other.txt — keep it in the file of the release that had this address: an old "
         "address leads to one page",
         "archive/2021/2021-03-04-other.txt:2: error: old address '/old/' in redirect_from is also claimed by "
         f"archive/2021/{NEW}.txt — keep it in the file of the release that had this address: an old address "
         "leads to one page"],
    ),
    "the same release twice": (
        {f"2021/{NEW}.txt": release(["releases/old/", "releases/old/index.html"])},
        [f"archive/2021/{NEW}.txt:2: error: old address '/releases/old/' is listed twice in redirect_from — list "
         "each old address once"],
    ),
}

DOCUMENTED = ("live release page", "another release's redirect", "the same release twice")


@pytest.fixture
def checked_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path / "p"


@pytest.mark.parametrize("case", sorted(CLASHES))
def test_check_refuses_an_old_address_in_use(checked_project: Path, case: str) -> None:
    files, expected = CLASHES[case]
    settings = make_project(checked_project, extra=files)
    checked = CliRunner().invoke(app, ["check", "--root", str(settings.root)])
    assert checked.exit_code == 1
    errors = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert errors == expected
    if case in DOCUMENTED:  # the contributors' guide shows the message word for word
        assert expected[0] in DOCS_PAGE.read_text(encoding="utf-8")


def test_the_release_is_published_without_the_refused_address(tmp_path: Path) -> None:
    settings = make_project(tmp_path / "p", extra={
        f"2021/{NEW}.txt": release(["shared/", "/about/", "kept/"]),
        "2021/2021-03-04-other.txt": release(["shared/"], title="B"),
    })
    result, _ = generate(settings)
    assert {p.code for p in result.errors} == {"redirect-clash"}
    assert {r.id for r in result.releases} == {NEW, "2021-03-04-other"}
    assert (settings.docs / "releases" / f"{NEW}.md").is_file()
    assert sorted(staged(settings)) == ["kept/index.html"]


def test_the_guide_explains_redirects_and_their_clashes() -> None:
    text = DOCS_PAGE.read_text(encoding="utf-8")
    assert "`redirect-clash`" in text
    assert "redirect_from" in text.split("## Correcting a field")[0]  # under "File names" too


# Incremental runs --------------------------------------------------------------------------------


def test_renaming_a_release_and_dropping_the_key_follow_incrementally(tmp_path: Path) -> None:
    settings = make_project(tmp_path / "p", extra={"2021/2021-03-03-harbour-dredging.txt": release()})
    root = settings.root

    def step() -> dict[str, str]:
        generate(Settings.load(root))
        assert generated(root / "docs") == clean_build(root, tmp_path)
        return staged(settings)

    assert step() == {}
    old = root / "archive" / "2021" / "2021-03-03-harbour-dredging.txt"
    new = old.with_name(f"{NEW}.txt")
    old.unlink()
    new.write_text(release(["releases/2021-03-03-harbour-dredging/"]), encoding="utf-8")
    pages = step()
    assert list(pages) == ["releases/2021-03-03-harbour-dredging/index.html"]
    assert head(pages["releases/2021-03-03-harbour-dredging/index.html"])["link"] == f"../{NEW}/"
    assert not (settings.docs / "releases" / "2021-03-03-harbour-dredging.md").exists()

    # Another old address; then the key dropped: the stale pages (and their folders) go.
    new.write_text(release(["releases/2021-03-03-harbour-dredging/", "news/harbor/"]), encoding="utf-8")
    assert sorted(step()) == ["news/harbor/index.html", "releases/2021-03-03-harbour-dredging/index.html"]
    new.write_text(release(), encoding="utf-8")
    assert step() == {}
    assert not (root / STAGING["@redirects"] / "news").exists()


def test_a_hand_written_page_that_takes_an_old_address_removes_its_redirect(tmp_path: Path) -> None:
    settings = make_project(tmp_path / "p", extra={f"2021/{NEW}.txt": release(["harbor/"])})
    generate(settings)
    assert list(staged(settings)) == ["harbor/index.html"]
    # Nothing in archive/ changed: the plan of redirects is part of the incremental keys.
    (settings.docs / "harbor.md").write_text("# Harbor\n", encoding="utf-8")
    result, _ = generate(Settings.load(settings.root))
    assert [p.code for p in result.errors] == ["redirect-clash"]
    assert staged(settings) == {}


def test_a_contested_address_comes_back_when_one_claim_goes(tmp_path: Path) -> None:
    other = "2021/2021-03-04-other.txt"
    settings = make_project(tmp_path / "p", extra={f"2021/{NEW}.txt": release(["old/"]),
                                                    other: release(["old/"], title="B")})
    generate(settings)
    assert staged(settings) == {}
    (settings.archive / other).write_text(release(title="B"), encoding="utf-8")
    generate(Settings.load(settings.root))
    assert head(staged(settings)["old/index.html"])["link"] == f"../releases/{NEW}/"


# The built site ----------------------------------------------------------------------------------


def test_install_never_replaces_a_file_of_the_site(tmp_path: Path) -> None:
    settings = make_project(tmp_path / "p", extra={f"2021/{NEW}.txt": release(["old/"])})
    generate(settings)
    site = tmp_path / "site"
    assert install_redirects(settings, site) == 1
    assert (site / "old" / "index.html").read_text(encoding="utf-8") == staged(settings)["old/index.html"]
    with pytest.raises(RedirectError, match="the redirect page old/index.html would replace a file of the built site"):
        install_redirects(settings, site)
    shutil.rmtree(site / "old")
    (site / "old").write_text("a file where the folder goes", encoding="utf-8")
    with pytest.raises(RedirectError, match="a file of the built site is where its folder must be"):
        install_redirects(settings, site)


def test_the_plan_names_every_old_address_once(tmp_path: Path) -> None:
    settings = make_project(tmp_path / "p", extra={f"2021/{NEW}.txt": release(["a/", "b/index.html"])})
    result, _ = generate(settings)
    plan = plan_redirects(result.releases, settings)
    assert plan.redirects == {"a/": f"releases/{NEW}/", "b/": f"releases/{NEW}/"}
    assert plan.clashes == []


@pytest.mark.e2e
def test_the_strict_build_has_the_redirect_pages_outside_nav_and_sitemap(tmp_path: Path) -> None:
    settings = make_project(tmp_path / "p", ["2017/2017-06-29-isis-on-the-run.txt"], extra={
        f"2021/{NEW}.txt": release(["releases/2021-03-03-harbour-dredging/", "news/2021/harbor/"]),
    })
    built = run([*PRESS_ARCHIVE, "build"], settings.root)
    assert built.returncode == 0, built.stderr
    site = settings.root / "site"
    for old, link in (("releases/2021-03-03-harbour-dredging/", f"../{NEW}/"),
                      ("news/2021/harbor/", f"../../../releases/{NEW}/")):
        found = head((site / old / "index.html").read_bytes())
        assert found["link"] == link and found["robots"] == "noindex"
        assert found["canonical"] == f"https://press-archive.example.org/releases/{NEW}/"
        assert (site / old / link / "index.html").resolve() == (site / "releases" / NEW / "index.html").resolve()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"releases/{NEW}/" in sitemap and "harbour" not in sitemap and "news/" not in sitemap
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "harbour-dredging" not in home and "news/2021" not in home
    # Plain MkDocs builds the same site without them: they are not pages of docs/.
    plain = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "plain")],
                settings.root)
    assert plain.returncode == 0, plain.stderr
    assert not (tmp_path / "plain" / "news").exists()
