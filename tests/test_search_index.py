"""The search index: pieces planned by year, and Pagefind run per piece over a staging tree of search
documents (as `press-archive build` does) or over a small built site (`index_site`)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.model import Block, Release
from generator.search import ReleaseRef, index_site, indexer, plan_pieces
from generator.search.indexer import Schedule, SearchIndexError, estimated_memory, release_refs, write_index
from tests.search_tree import write_documents


def _refs(counts: dict[int, int]) -> list[ReleaseRef]:
    return [
        ReleaseRef(id=f"{year}-{i:05d}", date=dt.date(year, 1, 1) + dt.timedelta(days=i % 365))
        for year, count in counts.items()
        for i in range(count)
    ]


def test_pieces_group_consecutive_years_newest_first() -> None:
    pieces = plan_pieces(_refs({2020: 3, 2021: 4, 2022: 2, 2023: 5}), limit=8)
    assert [p.name for p in pieces] == ["2022-2023", "2020-2021"]
    assert [len(p.releases) for p in pieces] == [7, 7]
    for piece in pieces:
        dates = [r.date for r in piece.releases]
        assert dates == sorted(dates, reverse=True)
    assert pieces[0].oldest > pieces[1].newest


def test_a_year_larger_than_the_limit_is_cut_by_date() -> None:
    pieces = plan_pieces(_refs({2019: 2, 2020: 25, 2021: 1}), limit=10)
    assert [p.name for p in pieces] == ["2021", "2020.3", "2020.2", "2020.1", "2019"]
    assert [len(p.releases) for p in pieces] == [1, 5, 10, 10, 2]
    assert all(len(p.releases) <= 10 for p in pieces)
    # Disjoint date ranges, newest first: the order of the pieces is the order of the dates.
    for newer, older in zip(pieces, pieces[1:], strict=False):
        assert newer.oldest >= older.newest


def test_every_release_in_exactly_one_piece() -> None:
    refs = _refs({1999: 7, 2003: 13, 2004: 1, 2010: 30})
    pieces = plan_pieces(refs, limit=12)
    ids = [r.id for p in pieces for r in p.releases]
    assert sorted(ids) == sorted(r.id for r in refs)
    assert all(len(p.releases) <= 12 for p in pieces)
    assert plan_pieces([]) == []
    with pytest.raises(ValueError):
        plan_pieces(refs, limit=0)


def _page(release: dict[str, Any]) -> str:
    topics = "".join(
        f'<span hidden data-pagefind-filter="topic[data-value]" data-value="{t}"></span>' for t in release["topics"]
    )
    return f"""<!doctype html><html lang="en"><head><title>{release["title"]}</title></head><body>
<nav class="md-nav">Home Years Topics navigationword</nav>
<article><div data-pagefind-body>
<span hidden data-pagefind-meta="title[data-value]" data-value="{release["title"]}"></span>
<span hidden data-pagefind-sort="date[data-value]" data-value="{release["date"]}"></span>
<span hidden data-pagefind-filter="year[data-value]" data-value="{release["date"][:4]}"></span>{topics}
<h1 id="t">{release["title"]}<a class="headerlink" href="#t">&para;</a></h1>
<dl class="pa-meta"><dt>By</dt><dd>headerword</dd></dl>
<p>{release["body"]}</p>
<h2 id="related-releases">Related releases</h2>
<ul><li><a href="../other/">relatedword</a> <span class="pa-when">1 May 2001</span></li></ul>
</div></article></body></html>"""


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    releases = [
        {"id": "2001-05-01-a", "date": "2001-05-01", "title": "Alpha", "body": "Raqqa offensive", "topics": ["ISIS"]},
        {"id": "2001-06-01-b", "date": "2001-06-01", "title": "Bravo", "body": "budget talks", "topics": []},
        {"id": "2002-01-01-c", "date": "2002-01-01", "title": "Charlie", "body": "Raqqa again", "topics": ["Syria"]},
    ]
    for release in releases:
        page = site / "releases" / release["id"] / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(_page(release), encoding="utf-8")
    (site / "index.html").write_text("<html><body>homepageword</body></html>", encoding="utf-8")
    (site / "releases.json").write_text(json.dumps({"releases": releases}), encoding="utf-8")
    return site


def _fragments(index: Path) -> dict[str, dict[str, Any]]:
    fragments = {}
    for path in index.glob("fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        fragments[data["url"]] = data
    return fragments


def test_index_site_writes_pieces_and_manifest(small_site: Path) -> None:
    report = index_site(small_site, limit=2)
    assert [(p.name, p.releases) for p in report.pieces] == [("2002", 1), ("2001", 2)]
    assert 0 < report.peak_memory < 2 * 1024**3
    manifest = json.loads((small_site / "pagefind" / "pieces.json").read_text(encoding="utf-8"))
    assert manifest["releases"] == 3
    assert manifest["first"] == 6_000
    assert [p["path"] for p in manifest["pieces"]] == ["2002/", "2001/"]
    assert manifest["pieces"][1] == {
        "name": "2001", "path": "2001/", "releases": 2, "years": [2001], "newest": "2001-06-01", "oldest": "2001-05-01"
    }
    older = _fragments(small_site / "pagefind" / "2001")
    assert set(older) == {"/releases/2001-05-01-a/", "/releases/2001-06-01-b/"}
    alpha = older["/releases/2001-05-01-a/"]
    assert alpha["meta"]["title"] == "Alpha"
    assert alpha["filters"] == {"topic": ["ISIS"], "year": ["2001"]}
    # Only the title and the body are words of the page: not the header, the cross-links or the chrome.
    assert "Raqqa offensive" in alpha["content"]
    for word in ("headerword", "relatedword", "navigationword", "Related releases", "¶", "1 May 2001"):
        assert word not in alpha["content"]
    assert not (small_site / "pagefind" / "2001" / "pagefind-ui.js").exists()
    assert (small_site / "pagefind" / "2001" / "pagefind.js").is_file()


def test_index_site_replaces_an_old_index(small_site: Path) -> None:
    index_site(small_site, limit=1)
    assert (small_site / "pagefind" / "2001.2").is_dir()
    index_site(small_site, limit=10)
    assert sorted(p.name for p in (small_site / "pagefind").iterdir()) == ["2001-2002", "pieces.json"]


def test_index_site_needs_the_release_list(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="releases.json"):
        index_site(tmp_path)


def _index_tree(site: Path) -> dict[str, bytes]:
    root = site / "pagefind"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _index_content(site: Path) -> dict[str, object]:
    """What each piece holds (its pages' fragments) and the manifest: Pagefind names some files by
    a hash that differs from run to run, so the bytes of two runs are not compared."""
    root = site / "pagefind"
    pieces = {p.name: _fragments(p) for p in sorted(root.iterdir()) if p.is_dir()}
    return {"pieces": pieces, "manifest": (root / "pieces.json").read_text(encoding="utf-8")}


def test_pieces_side_by_side_give_the_same_index_as_one_by_one(small_site: Path) -> None:
    alone = index_site(small_site, limit=1, workers=1)
    one_by_one = _index_content(small_site)
    together = index_site(small_site, limit=1, workers=2, memory_budget=10 * estimated_memory(1))
    assert _index_content(small_site) == one_by_one
    # Three pieces, two at a time: the first two overlap, and the reported peak adds them up.
    assert len(together.pieces) == 3
    first, second = together.pieces[0], together.pieces[1]
    assert first.started < second.ended and second.started < first.ended
    assert together.peak_memory > max(p.peak_memory for p in together.pieces)
    assert alone.peak_memory == max(p.peak_memory for p in alone.pieces)


def test_whole_years_are_indexed_in_place_and_parts_of_a_year_from_a_stage(small_site: Path) -> None:
    built = [p.name for p in (small_site / "releases").iterdir()]
    whole, *parts = plan_pieces(indexer.site_releases(small_site), limit=1)
    assert [whole.name, *(p.name for p in parts)] == ["2002", "2001.2", "2001.1"]
    assert indexer.year_glob(whole, built) == "releases/{2002-}*/index.html"
    assert [indexer.year_glob(p, built) for p in parts] == [None, None]
    # A page under releases/ that is not in the release list is never swept in by a glob.
    assert indexer.year_glob(whole, [*built, "2002-12-31-not-listed"]) is None
    # Indexed in place, the pages keep their site URLs.
    index_site(small_site, limit=1)
    assert set(_fragments(small_site / "pagefind" / "2002")) == {"/releases/2002-01-01-c/"}


def test_pieces_that_do_not_fit_the_memory_budget_together_run_one_at_a_time(small_site: Path) -> None:
    report = index_site(small_site, limit=1, workers=2, memory_budget=estimated_memory(1))
    spans = sorted((p.started, p.ended) for p in report.pieces)
    assert all(earlier[1] <= later[0] for earlier, later in zip(spans, spans[1:], strict=False))
    assert report.peak_memory == max(p.peak_memory for p in report.pieces)


def test_a_failing_piece_fails_the_index_and_keeps_the_old_one(
    small_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_site(small_site, limit=10)
    before = _index_tree(small_site)
    real = indexer.pagefind_command

    def failing(site: Path, output: Path, glob: str | None = None, exclude: Sequence[str] = ()) -> list[str]:
        if output.name == "2001.1":
            return ["python3", "-c", "import sys; sys.stderr.write('broken'); sys.exit(3)"]
        return real(site, output, glob, exclude)

    monkeypatch.setattr(indexer, "pagefind_command", failing)
    with pytest.raises(SearchIndexError, match=r"piece 2001\.1 \(exit 3\)"):
        index_site(small_site, limit=1, workers=2, memory_budget=10 * estimated_memory(1))
    assert _index_tree(small_site) == before
    assert not list(small_site.glob(".pagefind-*"))


# ---- the staging tree of search documents --------------------------------------------------------

RELEASES = (
    Release(id="2001-05-01-a", title="Alpha", date=dt.date(2001, 5, 1), source="Agency", author=("Ann",),
            topics=("ISIS",), body=(Block(kind="paragraph", text="Raqqa offensive"),)),
    Release(id="2001-06-01-b", title="Bravo", date=dt.date(2001, 6, 1),
            body=(Block(kind="heading", text="Budget"), Block(kind="list_item", text="budget talks"))),
    Release(id="2002-01-01-c", title="Charlie", date=dt.date(2002, 1, 1), topics=("Syria",),
            body=(Block(kind="quote", text="Raqqa again"),)),
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A staging tree of the three releases' documents, and the release list beside it."""
    where = tmp_path / "search"
    write_documents(where, RELEASES)
    listing = [{"id": r.id, "date": r.date.isoformat()} for r in RELEASES]
    (tmp_path / "releases.json").write_text(json.dumps({"releases": listing}), encoding="utf-8")
    return where


def test_write_documents_writes_what_changed_and_removes_the_rest(tree: Path) -> None:
    page = tree / "releases" / "2001-05-01-a" / "index.html"
    before = page.stat().st_mtime_ns
    assert write_documents(tree, RELEASES) == 0
    assert page.stat().st_mtime_ns == before
    assert write_documents(tree, RELEASES[1:]) == 0
    assert sorted(p.name for p in (tree / "releases").iterdir()) == ["2001-06-01-b", "2002-01-01-c"]
    changed = Release(id="2002-01-01-c", title="Charlie 2", date=dt.date(2002, 1, 1))
    assert write_documents(tree, [changed]) == 1
    assert b"Charlie 2" in (tree / "releases" / "2002-01-01-c" / "index.html").read_bytes()


def test_the_release_list_keeps_the_releases_that_have_a_document(tree: Path) -> None:
    listing = tree.parent / "releases.json"
    assert [r.id for r in release_refs(listing, tree)] == [r.id for r in RELEASES]
    shutil.rmtree(tree / "releases" / "2001-06-01-b")
    assert [r.id for r in release_refs(listing, tree)] == ["2001-05-01-a", "2002-01-01-c"]
    with pytest.raises(SearchIndexError, match="cannot read the release list"):
        release_refs(tree / "missing.json", tree)


def test_the_tree_is_indexed_into_pieces_with_a_manifest(tree: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    report = write_index(tree, release_refs(tree.parent / "releases.json", tree), work, Schedule(2), limit=2)
    assert [(p.name, p.releases) for p in report.pieces] == [("2002", 1), ("2001", 2)]
    manifest = json.loads((work / "pagefind" / "pieces.json").read_text(encoding="utf-8"))
    assert [p["path"] for p in manifest["pieces"]] == ["2002/", "2001/"]
    older = _fragments(work / "pagefind" / "2001")
    assert set(older) == {"/releases/2001-05-01-a/", "/releases/2001-06-01-b/"}
    alpha = older["/releases/2001-05-01-a/"]
    assert alpha["meta"] == {"title": "Alpha", "date": "2001-05-01", "source": "Agency"}
    assert alpha["filters"] == {"author": ["Ann"], "source": ["Agency"], "topic": ["ISIS"], "year": ["2001"]}
    assert alpha["content"] == "Alpha. Raqqa offensive."
    assert older["/releases/2001-06-01-b/"]["content"] == "Bravo. Budget. budget talks."
    assert not (work / "pagefind" / "2001" / "pagefind-ui.js").exists()


def test_whole_years_are_indexed_in_the_tree_and_parts_of_a_year_from_a_stage(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, str | None]] = []
    real = indexer.pagefind_command

    def recorded(site: Path, output: Path, glob: str | None = None, exclude: Sequence[str] = ()) -> list[str]:
        calls.append((site, glob))
        assert exclude == ()  # documents hold nothing to exclude
        return real(site, output, glob, exclude)

    monkeypatch.setattr(indexer, "pagefind_command", recorded)
    work = tmp_path / "work"
    write_index(tree, release_refs(tree.parent / "releases.json", tree), work, Schedule(1), limit=1)
    assert calls[0] == (tree, "releases/{2002-}*/index.html")
    assert [site.relative_to(work).as_posix() for site, _ in calls[1:]] == ["stage/2001.2", "stage/2001.1"]
    assert set(_fragments(work / "pagefind" / "2002")) == {"/releases/2002-01-01-c/"}
    assert set(_fragments(work / "pagefind" / "2001.2")) == {"/releases/2001-06-01-b/"}
    assert not (work / "stage").exists() or not any((work / "stage").iterdir())
