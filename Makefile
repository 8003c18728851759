# Press Archive — the two commands of README.md, plus helpers. Every target creates its own
# virtual environment (.venv) from pyproject.toml; nothing depends on what is installed globally.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint unit golden accuracy browsers java screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: generate docs/ from archive/ and build the site into site/
site: $(STAMP)
	$(VENV)/bin/press-archive build

## serve: a live preview at http://127.0.0.1:8000/ that follows archive/ and docs/, search included
serve: $(STAMP)
	$(VENV)/bin/press-archive serve

## test: lint, type-check and run the whole test suite (browser tests included)
test: $(STAMP) browsers java
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy
	$(PY) -m pytest

## browsers: Debian's chromium for the browser tests (installed when missing and we are root)
browsers:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped (install Debian's chromium)"; fi; }

## java: a Java runtime for the Nu HTML Checker of the standards tests (installed when missing and we are root)
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless) >/dev/null; \
	  else echo "java not found: the HTML checker tests will be skipped (install Debian's default-jre-headless)"; fi; }

## golden: rewrite the golden pages of tests/golden/ (review the diff!)
golden: $(STAMP)
	$(PY) -m tests.golden.update

## accuracy: extraction accuracy on the shared corpus, and saved pages side by side with htmldate and trafilatura
accuracy: $(STAMP)
	$(PY) benchmarks/accuracy.py ../shared/corpus
	$(PY) benchmarks/page_accuracy.py tests/fixtures/newsroom

## screenshots: full-page screenshots of the built site at desktop and phone widths into screenshots/
screenshots: site browsers
	$(PY) benchmarks/screenshots.py --site site --out screenshots

## bench: `press-archive build` on 1k, 10k and 50k synthetic releases against Hugo + Pagefind and
## Material's blog plugin, published size, live-preview latency at 10k; prints the tables of
## benchmarks/RESULTS.md, exit 1 when a budget of issue 12 fails.
## BENCH_ARGS="--sizes 1000,10000 --hugo-sizes 1000,10000" for a shorter run.
BENCH_ARGS ?=
bench: $(STAMP)
	@command -v hugo >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo) >/dev/null; \
	  else echo "hugo not found: the Hugo comparison will be skipped (install Debian's hugo)"; fi; }
	$(PY) benchmarks/build.py $(BENCH_ARGS)

## clean: remove the generated pages of docs/ (hand-written pages stay), the staging trees, the cache and site/
clean: $(STAMP)
	$(VENV)/bin/press-archive clean
