"""Rewrite the golden pages: `python -m tests.golden.update` (what `make golden` runs).

Writes the page of every case (every raw file of tests/fixtures/, and the archive picks), and
removes the golden pages whose raw file is gone. Review the diff before committing it: a golden
file is what a reader of the site sees.
"""

from __future__ import annotations

import sys

from tests.golden import CASES, ROOT, expected_names, expected_path, render_case


def main() -> int:
    for name in sorted(CASES):
        path = expected_path(name)
        page = render_case(name)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != page:
            path.write_text(page, encoding="utf-8", newline="\n")
            print(f"{'updated' if old is not None else 'created'} {path.relative_to(ROOT)}")
    for name in sorted(expected_names() - set(CASES)):
        path = expected_path(name)
        path.unlink()
        print(f"removed {path.relative_to(ROOT)} (no such case)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
