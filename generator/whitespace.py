"""One whitespace collapse for every stage: text found in a file (a page title, a meta tag, a
front-matter value, a mail header) and text written out compare and show with runs of whitespace
as one space.

"Whitespace" is what `str.split()` splits on — spaces, tabs, line breaks, no-break and other
Unicode spaces — which is also what the regex `\\s` matches; the split is several times faster than
a regex substitution. `extract.units.clean` is a different rule on purpose: it collapses only the
spaces inside one line of a plain-text release and leaves other characters as they are.
"""

from __future__ import annotations


def collapse(text: str) -> str:
    """Whitespace runs (newlines, tabs, no-break spaces) → one space; ends stripped."""
    return " ".join(text.split())
