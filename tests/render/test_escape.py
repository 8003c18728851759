"""Release text is data, never markup: whatever a release says, the page shows it literally.

The properties render the escaped text with Python-Markdown and exactly the extensions of
`mkdocs.yml` (read from it, so adding an extension there re-checks the escaping), then compare the
page text with the input.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from generator.render.escape import escape_line, escape_text, escape_with_links, is_safe_url
from generator.render.markdown import front_matter

ROOT = Path(__file__).resolve().parents[2]


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may use `!!python/name:` and `!ENV` tags; their values do not matter here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            configs[name] = {k: v for k, v in (options or {}).items() if v is not None}
        else:
            names.append(entry)
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = site_extensions()


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def visible_text(rendered: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", rendered)).split())


def collapse(text: str) -> str:
    return " ".join(text.split())


def elements(rendered: str) -> list[Any]:
    if not rendered.strip():
        return []
    return list(lxml_html.fragment_fromstring(rendered, create_parent="div").iter())[1:]


SPECIALS = [
    "<script>alert(1)</script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "<b>",
    "</p>",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "![i](https://evil.example/p.png)",
    "[^1]",
    "{{ config }}",
    "{{",
    "}}",
    "{% include 'x' %}",
    "{%",
    "%}",
    "{: .x }",
    "{ #id .class onclick=alert(1) }",
    "--8<--",
    '--8<-- "secret.md"',
    ";--8<--",
    "#",
    "# ",
    "## ",
    ">",
    "> ",
    "-",
    "- ",
    "+ ",
    "* ",
    "1.",
    "1. ",
    "2) ",
    "|",
    "| a | b |",
    "---",
    "===",
    "***",
    "`",
    "```",
    "~~~",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#x3c;",
    "&",
    "&nbsp;",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "^^",
    "==",
    "\\",
    "\\*",
    ":",
    "!!! note",
    "??? tip",
    "*[HTML]: Hyper",
    "Term\n: definition",
    "<https://example.org>",
    "<mailto:a@b.c>",
    "http://example.org/a_b*c",
    "https://example.org/(x)",
    "https://example.org/?q=1&x=2",
    "www.example.org",
    "javascript:alert(1)",
    "data:text/html,x",
    "!",
    "(",
    ")",
    "[",
    "]",
    "'",
    '"',
    "…",
    "—",
    "€",
    "\u00a0",
]
# Python-Markdown uses STX/ETX as its own placeholders and strips them from the input, and other
# C0/C1 controls or lone surrogates cannot come out of a decoded raw file: not release text.
TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cs"))
release_text = st.lists(
    st.one_of(st.sampled_from(SPECIALS), st.text(TEXT_CHARS, max_size=6), st.sampled_from([" ", "\n", "\t"])),
    max_size=14,
).map("".join)

# Syntax that only counts at the start of a line: put it there often.
LINE_STARTS = [
    "#",
    "# ",
    "###### ",
    ">",
    "> ",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "10) ",
    "=",
    "===",
    "|",
    "```",
    "~~~",
    "    ",
    "!!! ",
    "??? ",
    ": ",
    "--8<-- ",
    "---",
    "***",
    "<div>",
    "[^1]: ",
    "*[X]: ",
    "<!-- ",
]
line_start_text = st.tuples(st.sampled_from(LINE_STARTS), release_text).map("".join)

HYPOTHESIS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_shown_literally(text: str, rendered: str) -> None:
    assert visible_text(rendered) == collapse(text), rendered
    for element in elements(rendered):
        assert element.tag in ("p", "a"), f"<{element.tag}> made from release text: {rendered}"
        assert not [name for name in element.attrib if name.lower().startswith("on")], rendered
        if element.tag == "a":
            assert element.get("href", "").startswith(("http://", "https://")), rendered
            assert set(element.attrib) == {"href"}, rendered


@HYPOTHESIS
@given(release_text | line_start_text)
@example("<script>alert(1)</script>")
@example("[click](javascript:alert(1))")
@example("# heading")
@example("1. first")
@example("> quote")
@example("| a | b |\n| - | - |\n| 1 | 2 |")
@example("--8<-- 'secret.md'")
@example("{{ config.site_name }} {% include 'x.html' %}")
@example("see https://example.org/a_(b) now")
@example("&amp; &lt;b&gt;")
@example("Wow https://example.org/x")
@example("Wow!https://example.org/x")
@example("!https://example.org/x")
def test_escaped_paragraph_is_shown_literally(text: str) -> None:
    assert_shown_literally(text, render(escape_with_links(text)))


@pytest.mark.parametrize("text", ["a !https://evil.example/pixel.png", "Great news!https://example.org/news"])
def test_exclamation_mark_before_a_url_does_not_make_an_image(text: str) -> None:
    assert_shown_literally(text, render(escape_with_links(text)))


@HYPOTHESIS
@given(release_text | line_start_text)
def test_escaped_heading_text_is_shown_literally(text: str) -> None:
    # Subheadings and titles are rendered as "## " + escape_text(…).
    rendered = render("## " + escape_text(text))
    if not collapse(text):
        return
    tree = elements(rendered)
    assert [e.tag for e in tree if e.tag != "a" or e.get("class") != "headerlink"][:1] == ["h2"], rendered
    heading = re.sub(r'<a class="headerlink".*?</a>', "", rendered)
    assert visible_text(heading) == collapse(text)
    assert {e.tag for e in tree} <= {"h2", "a"}


@HYPOTHESIS
@given(release_text | line_start_text)
def test_escape_line_is_shown_literally(text: str) -> None:
    rendered = render(escape_line(text))
    assert_shown_literally(text, rendered)
    assert not [e for e in elements(rendered) if e.tag == "a"], "escape_line never makes links"


@pytest.mark.parametrize(
    ("text", "hrefs"),
    [
        ("Source: http://defense.gov", ["http://defense.gov"]),
        ("See https://www.justice.gov/opa/pr.", ["https://www.justice.gov/opa/pr"]),
        ("(https://example.org/a)", ["https://example.org/a"]),
        ("https://en.wikipedia.org/wiki/Foo_(bar), then", ["https://en.wikipedia.org/wiki/Foo_%28bar%29"]),
        (
            "two: http://a.example.org and https://b.example.org/x?y=1",
            ["http://a.example.org", "https://b.example.org/x?y=1"],
        ),
        ("HTTPS://EXAMPLE.ORG/UP", ["HTTPS://EXAMPLE.ORG/UP"]),
        ("no scheme www.example.org", []),
        ("javascript:alert(1) and data:text/html,x and ftp://files.example.org", []),
        ("[click](javascript:alert(1))", []),
        ('<a href="https://example.org">x</a>', ["https://example.org"]),
    ],
)
def test_only_http_urls_become_links(text: str, hrefs: list[str]) -> None:
    rendered = render(escape_with_links(text))
    found = [e.get("href") for e in elements(rendered) if e.tag == "a"]
    assert [h.lower() for h in found] == [h.lower() for h in hrefs]
    assert visible_text(rendered) == collapse(text)


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "## not a heading either",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "* not a list",
        "1. not a numbered list",
        "2) not a numbered list",
        "--- not a rule",
        "***",
        "```python",
        "~~~",
        "    four spaces are not code",
        "| a | b |",
        '!!! note "not an admonition"',
        ": not a definition",
        "Term{: #id .class }",
        "[x]: https://example.org",
        "*[HTML]: not an abbreviation",
        "<div markdown>not html</div>",
        "=== not a setext heading",
        "&copy; stays an entity name, not ©",
    ],
)
def test_block_syntax_is_not_interpreted(text: str) -> None:
    assert_shown_literally(text, render(escape_with_links(text)))


def test_escape_text_makes_a_single_line() -> None:
    assert "\n" not in escape_text("a\nb\r\nc\td")
    assert visible_text(render(escape_text("a\nb\r\nc\td"))) == "a b c d"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("http://defense.gov", True),
        ("https://www.justice.gov/opa/pr", True),
        ("javascript:alert(1)", False),
        ("https://example.org/ space", False),
        ('https://example.org/"onmouseover=alert(1)', False),
        ("data:text/html,x", False),
        ("//example.org", False),
        ("", False),
    ],
)
def test_is_safe_url(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


# Front matter: written through the YAML dumper, so any string survives a round trip.

YAML_SPECIALS = [
    "---",
    "...",
    ": ",
    ":",
    "- ",
    "? ",
    "#",
    " #",
    "!!python/object:os.system",
    "!!python/object/apply:os.system",
    "!tag",
    "&anchor",
    "*alias",
    "<<",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "'",
    '"',
    "{",
    "}",
    "[",
    "]",
    ",",
    "|",
    ">",
    "%",
    "@",
    "`",
    "null",
    "~",
    "yes",
    "no",
    "on",
    "true",
    "1e3",
    "0x1F",
    "0o7",
    "2017-06-29",
    "12:30",
    " ",
    "\u2028",
    "\u2029",
    "\x85",
    "\ufeff",
    "\x00",
    "\x1b",
]
# Lone surrogates cannot come from a decoded raw file.
yaml_text = st.lists(
    st.one_of(
        st.sampled_from(YAML_SPECIALS),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=5),
    ),
    max_size=10,
).map("".join)


def front_matter_data(title: str, authors: list[str], topics: list[str]) -> dict[str, Any]:
    return {
        "title": title,
        "date": dt.date(2017, 6, 29),
        "author": authors,
        "source": "U.S. Department of Defense",
        "topics": topics,
        "summary": title,
        "raw": "archive/2017/2017-06-29-isis-on-the-run.txt",
        "extracted": {"title": "lede"},
    }


def parse_front_matter(page: str) -> Any:
    assert page.startswith("---\n") and page.endswith("\n---\n")
    return yaml.safe_load(page[len("---\n") : -len("---\n")])


@settings(max_examples=400, deadline=None)
@given(yaml_text, st.lists(yaml_text, max_size=3), st.lists(yaml_text, max_size=3))
@example("---", ["---"], ["..."])
@example("Title: with colon", ["&anchor"], ["*alias"])
@example("!!python/object:os.system", ["- item"], ["? key"])
@example("line one\nline two\n---\nthree", [], [])
def test_front_matter_round_trips(title: str, authors: list[str], topics: list[str]) -> None:
    data = front_matter_data(title, authors, topics)
    page = front_matter(data)
    loaded = parse_front_matter(page)
    assert loaded == data
    assert list(loaded) == list(data), "keys keep their order"


@settings(max_examples=200, deadline=None)
@given(yaml_text)
def test_front_matter_block_ends_once(title: str) -> None:
    # A page's front matter is what lies between the first two '---' lines (MkDocs' rule).
    page = front_matter(front_matter_data(title, [title], [title])) + "# Body\n"
    lines = page.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    assert "\n".join(lines[end + 1 :]) == "# Body\n"


def test_front_matter_round_trips_next_line_character() -> None:
    data = front_matter_data("Budget cuts\x85 and more", ["A\x85B"], [])
    assert parse_front_matter(front_matter(data)) == data
