"""Theme chrome rendered once per process for the generated pages (part of the MkDocs fast path).

Release, year and term pages are not in the nav, so the blocks of Material's templates around
their content (header, tabs, navigation, footer, scripts) come out the same on every one of them
in the same folder at the same depth (`releases/<id>/`, `topics/<slug>/page/<n>/` …: relative
addresses depend on both), but for the page title in the header. Jinja renders a template block
by block through the functions in `Template.blocks`; `ChromeCache.install` wraps those of
`CACHED_BLOCKS` so that, on such a page, a block's output is learned from the first page of its
folder and depth, with the page title cut out as a hole, and reused.

It proves itself before it is trusted, so a template change can make the fast path slower but
never wrong: a learned block is rendered for real on the next `VERIFY` pages and compared with the
reused output, and again on every `RECHECK`-th page; one difference and that block is rendered by
Jinja for the rest of the build. (Hand-written: Jinja has no cache of rendered output.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape

CACHED_BLOCKS = (
    "styles",
    "libs",
    "fonts",
    "analytics",
    "header",
    "tabs",
    "pa_primary_nav",
    "footer",
    "config",
    "scripts",
)
"""Blocks of Material's `base.html` and of `overrides/main.html` whose output on a release page
varies at most by the page title."""
TEMPLATES = ("main.html", "base.html")
"""The chain of templates a page renders through, most derived first."""
VERIFY = 3
RECHECK = 100
_HOLE = "\x00title\x00"

BlockFunction = Callable[..., Iterator[str]]


@dataclass
class _Block:
    skeleton: str | None = None
    checked: int = 0
    uses: int = 0
    off: bool = False


@dataclass
class ChromeCache:
    blocks: dict[tuple[str, str, int], _Block] = field(default_factory=dict)
    page: Any = None
    """The page being rendered (set by the hook's `on_page_context`)."""
    generated: set[str] = field(default_factory=set)
    """The docs/ paths of the pages that took the fast path (generated, not in the nav)."""

    @classmethod
    def install(cls, env: Any, generated: set[str]) -> ChromeCache:
        """Wrap the block functions of the theme's templates in `env` (Jinja caches templates, so
        every page renders through the wrapped ones) for the `generated` pages."""
        cache = cls(generated=generated)
        wrapped: set[str] = set()
        for name in TEMPLATES:
            template = env.get_template(name)
            for block in CACHED_BLOCKS:
                if block in template.blocks and block not in wrapped:
                    template.blocks[block] = cache._wrap(block, template.blocks[block])
                    wrapped.add(block)
        return cache

    def reused(self) -> set[str]:
        """The blocks whose learned output was reused (at some depth)."""
        return {name for (name, _, _), state in self.blocks.items() if not state.off and state.checked >= VERIFY}

    def _wrap(self, name: str, render: BlockFunction) -> BlockFunction:
        def block(context: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
            hole = self._hole(context.get("page"))
            state = self.blocks.setdefault((name, *hole[:2]), _Block()) if hole is not None else None
            if hole is None or state is None or state.off:
                yield from render(context, *args, **kwargs)
                return
            title = hole[2]
            if state.skeleton is not None and state.checked >= VERIFY and state.uses % RECHECK:
                state.uses += 1
                yield state.skeleton.replace(_HOLE, title)
                return
            real = "".join(render(context, *args, **kwargs))
            state.uses += 1
            if state.skeleton is None:
                state.skeleton = real.replace(title, _HOLE) if title else real
            elif state.skeleton.replace(_HOLE, title) == real:
                state.checked += 1
            else:
                state.off = True
            yield real

        return block

    def _hole(self, page: Any) -> tuple[str, int, str] | None:
        """(first folder and depth of its address, escaped title: the hole of the cached blocks) of
        a generated page that took the fast path, or None for any other page. The chrome's relative
        addresses (`../../topics/` from a release, `../` from a topic) depend on both."""
        if page is None or page is not self.page:
            return None
        if getattr(getattr(page, "file", None), "src_uri", "") not in self.generated:
            return None
        title = (getattr(page, "meta", None) or {}).get("title")
        if not isinstance(title, str) or not title:
            return None
        url: str = page.url
        return url.split("/", 1)[0], url.count("/"), str(escape(title))
