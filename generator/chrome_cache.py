"""Theme chrome rendered once per process for all release pages (part of the MkDocs fast path).

Release pages are not in the nav and all sit at the same depth (`releases/<id>/`), so the blocks
of Material's templates around their content (header, tabs, navigation, footer, scripts) come out
the same on every one of them, but for the page title in the header. Jinja renders a template
block by block through the functions in `Template.blocks`; `ChromeCache.install` wraps those of
`CACHED_BLOCKS` so that, on a release page, a block's output is learned from the first page, with
the page title cut out as a hole, and reused.

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
RECHECK = 500
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
    blocks: dict[str, _Block] = field(default_factory=dict)
    page: Any = None
    """The page being rendered (set by the hook's `on_page_context`)."""

    @classmethod
    def install(cls, env: Any) -> ChromeCache:
        """Wrap the block functions of the theme's templates in `env` (Jinja caches templates, so
        every page renders through the wrapped ones)."""
        cache = cls()
        wrapped: set[str] = set()
        for name in TEMPLATES:
            template = env.get_template(name)
            for block in CACHED_BLOCKS:
                if block in template.blocks and block not in wrapped:
                    template.blocks[block] = cache._wrap(block, template.blocks[block])
                    wrapped.add(block)
        return cache

    def reused(self) -> list[str]:
        """The blocks whose learned output was reused at least once."""
        return [name for name, state in self.blocks.items() if not state.off and state.checked >= VERIFY]

    def _wrap(self, name: str, render: BlockFunction) -> BlockFunction:
        state = self.blocks.setdefault(name, _Block())

        def block(context: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
            title = self._release_title(context.get("page"))
            if title is None or state.off:
                yield from render(context, *args, **kwargs)
                return
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

    def _release_title(self, page: Any) -> str | None:
        """The escaped title of a generated release page (the hole of the cached blocks), or None
        for any other page."""
        if page is None or page is not self.page:
            return None
        src = getattr(getattr(page, "file", None), "src_uri", "")
        meta = getattr(page, "meta", None) or {}
        if not src.startswith("releases/") or not meta.get("raw") or not meta.get("title"):
            return None
        return str(escape(meta["title"]))
