"""MkDocs hooks (`hooks:` in mkdocs.yml): the fast path for generated release pages.

The hooks live in the generator package (generator/mkdocs_hooks.py), where they are typed and
tested; this file only hands them to MkDocs. Without it, or with PRESS_ARCHIVE_FAST_PATH=0, MkDocs
builds the same site the slow way.
"""

from generator.mkdocs_hooks import (
    on_config,
    on_env,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
)

__all__ = ["on_config", "on_env", "on_page_context", "on_page_markdown", "on_post_build", "on_post_page"]
