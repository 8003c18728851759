"""The two ways a release page's layout is written: as Markdown, and as the HTML Python-Markdown
makes of that Markdown (with the extensions `mkdocs.yml` enables: toc with permalinks, attr_list,
md_in_html).

`render/page.py` decides the layout and calls an emitter; it never writes syntax itself. Every
piece of text reaching an emitter is already escaped by `render/escape.py`, and the escaped text is
the same in both: its character references are valid HTML, and Python-Markdown passes them on as
they are. `tests/e2e/test_fast_path.py` builds the site both ways and compares every page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from markdown.extensions.toc import slugify, unique

from generator.model import Block
from generator.render.cite import Citation
from generator.render.escape import escape_text, escape_with_links, html_link
from generator.render.markdown import body_markdown
from generator.render.paths import link, page_url_link

# Python-Markdown's toc extension (`permalink: true` in mkdocs.yml) ends each heading with this.
_PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'


@dataclass
class PageText:
    """What an emitter wrote: the text, and for HTML the table of contents as Python-Markdown's
    toc tokens (level, id, name, children) and the docs/ pages its links point to."""

    text: str
    toc: list[dict[str, object]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


TableRow = tuple[str, str, str, str]
"""A release in a list: its date, title, source and authors, as inline markup."""


class Emitter(Protocol):
    def link(self, text: str, target: str, *, css: str = "", rel: str = "", kind: str = "") -> str:
        """A link to a docs/ file (a page ending in .md, or a feed) or to an absolute http(s)
        address; `kind` is the MIME type of what it leads to, when that is not a page."""

    def title(self, text: str) -> None: ...
    def heading(self, level: int, text: str) -> None: ...
    def paragraph(self, text: str) -> None: ...
    def release_table(self, rows: Sequence[TableRow], heading: str = "") -> None: ...
    def pager(self, items: Sequence[str]) -> None: ...
    def meta(self, rows: Sequence[tuple[str, str]]) -> None: ...
    def chips(self, links: Sequence[str]) -> None: ...
    def body(self, blocks: Sequence[Block]) -> None: ...
    def section(self, heading: str, items: Sequence[str]) -> None: ...
    def neighbours(self, items: Sequence[str]) -> None: ...
    def raw_link(self, text: str) -> None: ...
    def cite(self, citation: Citation) -> None: ...
    def figure(self, markup: str) -> None:
        """A picture as one line of raw HTML (`render/charts.py`), the same text in both emitters:
        Python-Markdown passes an HTML block through unchanged."""

    def finish(self) -> PageText: ...


def cite_block(citation: Citation) -> str:
    """The "Cite this release" block: collapsed, the four forms in a description list.

    It is raw HTML in the Markdown too (Python-Markdown passes an HTML block through as it is, and
    reads no Markdown inside it), so both emitters write the same text; the citations' release
    text is HTML-escaped by `render/cite.py` and here. Pagefind leaves it out of the index
    (`data-pagefind-ignore`): the lean search documents hold only the title and the body."""
    bibtex = html.escape(citation.bibtex, quote=False)
    # A download of its own with no file per release: the CSL-JSON in a `data:` address, every
    # character but the unreserved ones percent-encoded (release text cannot leave the attribute).
    name = html.escape(f"{citation.key}.json", quote=True)
    data = "data:application/json;charset=utf-8," + quote(citation.csl_json, safe="")
    return (
        '<details class="pa-cite" data-pagefind-ignore>\n<summary>Cite this release</summary>\n<dl>\n'
        f"<dt>APA (7th edition)</dt>\n<dd>{citation.apa}</dd>\n"
        f"<dt>Chicago (author-date)</dt>\n<dd>{citation.chicago}</dd>\n"
        f"<dt>BibTeX</dt>\n<dd><pre><code>{bibtex}</code></pre></dd>\n"
        f'<dt>CSL-JSON</dt>\n<dd><a class="pa-cite-download" download="{name}" href="{data}">'
        f"Download {name}</a> (for Zotero, Mendeley and other reference managers)</dd>\n</dl>\n</details>"
    )


def _is_page(target: str) -> bool:
    return "://" not in target


class MarkdownPage:
    """The page's Markdown, below its front matter."""

    def __init__(self, here: str) -> None:
        self.here = here
        self.parts: list[str] = []

    def link(self, text: str, target: str, *, css: str = "", rel: str = "", kind: str = "") -> str:
        address = link(self.here, target) if _is_page(target) else target
        attrs = f" .{css}" if css else ""
        if rel:
            attrs += f' rel="{rel}"' if " " in rel else f" rel={rel}"
        if kind:
            attrs += f" type={kind}"
        return f"[{text}]({address})" + (f"{{{attrs} }}" if attrs else "")

    def title(self, text: str) -> None:
        self.heading(1, text)

    def heading(self, level: int, text: str) -> None:
        self.parts.append(f"{'#' * level} {text}\n")

    def paragraph(self, text: str) -> None:
        self.parts.append(text + "\n")

    def release_table(self, rows: Sequence[TableRow], heading: str = "") -> None:
        lines = ["| Date | Title | Source | Author |", "| --- | --- | --- | --- |"]
        lines += [f"| {date} | {title} | {source} | {authors} |" for date, title, source, authors in rows]
        # The wrapper's class lets phones show each row as a stacked card instead of four squeezed columns.
        table = '<div class="pa-releases" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"
        self.parts.append((f"## {heading}\n\n" if heading else "") + table)

    def pager(self, items: Sequence[str]) -> None:
        self.parts.append('<nav class="pa-pager" aria-label="Pages" markdown>\n' + " ".join(items) + "\n</nav>"
                          if items else "")

    def meta(self, rows: Sequence[tuple[str, str]]) -> None:
        items = "\n".join(
            f'<dt class="pa-label">{label}</dt>\n<dd markdown="span">{value}</dd>' for label, value in rows
        )
        self.parts.append(f'<dl class="pa-meta" markdown>\n{items}\n</dl>\n')

    def chips(self, links: Sequence[str]) -> None:
        self.parts.append('<nav class="pa-topics" aria-label="Topics" markdown>\n' + " ".join(links) + "\n</nav>\n")

    def body(self, blocks: Sequence[Block]) -> None:
        text = body_markdown(blocks)
        if text:
            self.parts.append(text + "\n")

    def section(self, heading: str, items: Sequence[str]) -> None:
        self.parts.append(f"## {heading}\n\n" + "\n".join(f"- {item}" for item in items) + "\n")

    def neighbours(self, items: Sequence[str]) -> None:
        nav = '<nav class="pa-neighbours" aria-label="Previous and next release" markdown>'
        self.parts.append(nav + "\n\n" + "\n".join(f"- {item}" for item in items) + "\n\n</nav>\n")

    def raw_link(self, text: str) -> None:
        self.parts.append(f'<p class="pa-raw" markdown>{text}</p>\n')

    def cite(self, citation: Citation) -> None:
        self.parts.append(cite_block(citation) + "\n")

    def figure(self, markup: str) -> None:
        self.parts.append(markup + "\n")

    def finish(self) -> PageText:
        return PageText(text="\n" + "\n".join(self.parts))


class HtmlPage:
    """The HTML of the page's content, as MkDocs' Python-Markdown run would make it."""

    def __init__(self, here: str) -> None:
        self.here = here
        self.parts: list[str] = []
        self.ids: set[str] = set()
        self.toc: list[dict[str, object]] = []
        self.links: list[str] = []

    def link(self, text: str, target: str, *, css: str = "", rel: str = "", kind: str = "") -> str:
        if _is_page(target):
            self.links.append(target)
            address = page_url_link(self.here, target)
        else:
            address = target
        attrs = f' class="{css}"' if css else ""
        attrs += f' href="{html.escape(address)}"'
        if rel:
            attrs += f' rel="{rel}"'
        if kind:
            attrs += f' type="{kind}"'
        return f"<a{attrs}>{text}</a>"

    def _heading(self, level: int, text: str) -> str:
        # The toc extension's id: the heading's text (references resolved), slugified, made unique.
        anchor = unique(slugify(html.unescape(text), "-"), self.ids)
        token: dict[str, object] = {"level": level, "id": anchor, "name": text, "children": []}
        if level == 1 or not self.toc:
            self.toc.append(token)
        else:
            children = self.toc[-1]["children"]
            if isinstance(children, list):
                children.append(token)
        return f'<h{level} id="{anchor}">{text}{_PERMALINK.format(id=anchor)}</h{level}>'

    def title(self, text: str) -> None:
        self.heading(1, text)

    def heading(self, level: int, text: str) -> None:
        self.parts.append(self._heading(level, text))

    def paragraph(self, text: str) -> None:
        self.parts.append(f"<p>{text}</p>")

    def release_table(self, rows: Sequence[TableRow], heading: str = "") -> None:
        if heading:
            self.heading(2, heading)
        head = "<tr>\n<th>Date</th>\n<th>Title</th>\n<th>Source</th>\n<th>Author</th>\n</tr>"
        body = "\n".join(f"<tr>\n<td>{a}</td>\n<td>{b}</td>\n<td>{c}</td>\n<td>{d}</td>\n</tr>" for a, b, c, d in rows)
        table = f"<table>\n<thead>\n{head}\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>"
        self.parts.append(f'<div class="pa-releases">\n{table}\n</div>')

    def pager(self, items: Sequence[str]) -> None:
        if items:
            self.parts.append('<nav aria-label="Pages" class="pa-pager">\n<p>' + " ".join(items) + "</p>\n</nav>")

    def meta(self, rows: Sequence[tuple[str, str]]) -> None:
        items = "\n".join(f'<dt class="pa-label">{label}</dt>\n<dd>{value}</dd>' for label, value in rows)
        self.parts.append(f'<dl class="pa-meta">\n{items}\n</dl>')

    def chips(self, links: Sequence[str]) -> None:
        self.parts.append('<nav aria-label="Topics" class="pa-topics">\n<p>' + " ".join(links) + "</p>\n</nav>")

    def body(self, blocks: Sequence[Block]) -> None:
        # Consecutive list items form one list, consecutive quotes one quotation: Python-Markdown
        # joins a block quote to the one before it even across a blank line.
        open_kind = ""
        for block in blocks:
            if block.kind != open_kind and open_kind:
                self.parts.append("</ul>" if open_kind == "list_item" else "</blockquote>")
                open_kind = ""
            if block.kind == "heading":
                text = escape_text(block.text)
                if text:
                    self.parts.append(self._heading(2, text))
                continue
            text = escape_with_links(block.text, html_link)
            if not text:
                continue
            if block.kind in ("list_item", "quote") and not open_kind:
                open_kind = block.kind
                self.parts.append("<ul>" if open_kind == "list_item" else "<blockquote>")
            self.parts.append(f"<li>{text}</li>" if block.kind == "list_item" else f"<p>{text}</p>")
        if open_kind:
            self.parts.append("</ul>" if open_kind == "list_item" else "</blockquote>")

    def section(self, heading: str, items: Sequence[str]) -> None:
        self.parts.append(self._heading(2, heading))
        if items:
            self.parts.append("<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>")

    def neighbours(self, items: Sequence[str]) -> None:
        listed = "\n".join(f"<li>{item}</li>" for item in items)
        nav = '<nav aria-label="Previous and next release" class="pa-neighbours">'
        self.parts.append(f"{nav}\n<ul>\n{listed}\n</ul>\n</nav>")

    def raw_link(self, text: str) -> None:
        self.parts.append(f'<p class="pa-raw">{text}</p>')

    def cite(self, citation: Citation) -> None:
        self.parts.append(cite_block(citation))

    def figure(self, markup: str) -> None:
        # Python-Markdown leaves a blank line after an HTML block (none at the end of the page).
        self.parts.append(markup + "\n")

    def finish(self) -> PageText:
        return PageText(text="\n".join(self.parts).removesuffix("\n"), toc=self.toc, links=self.links)
