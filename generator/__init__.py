"""Press Archive: turn raw press releases into a cross-linked static site.

The package is a pipeline of plain functions over one typed model (`generator.model.Release`):
read → extract → enrich → render → write. It imports neither the CLI framework nor MkDocs, so it
can run under any front end (the `press-archive` CLI, a test, a future Zensical hook).
"""

__version__ = "0.1.0"
