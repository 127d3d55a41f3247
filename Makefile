# quoteattr developer commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_MODEL := $(abspath ../shared/models/stanza-de)
ifeq ($(origin QUOTEATTR_STANZA_DIR), undefined)
ifneq ($(wildcard $(SHARED_MODEL)/resources.json),)
export QUOTEATTR_STANZA_DIR := $(SHARED_MODEL)
endif
endif

.PHONY: demo test install lint clean docs browser notebook

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,docs,examples,dask]'
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/quoteattr extract examples/dpa-ukraine-2025-03.txt --format table

lint: install
	$(BIN)/ruff check src tests benchmarks examples

# The site builds strictly: a broken link or nav entry fails the tests.
docs: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir site

# The render test screenshots a page in headless Chromium: install Debian's where we may.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "make: apt-get could not install chromium; the screenshot test will skip"; \
	else echo "make: chromium is missing and needs root and apt-get to install; the screenshot test will skip"; fi

# Execute examples/speakers.ipynb and save it with its outputs (the chart is committed).
notebook: install
	cd examples && ../$(BIN)/python -c "import nbclient, nbformat; \
	nb = nbformat.read('speakers.ipynb', as_version=4); \
	nbclient.NotebookClient(nb, timeout=900).execute(); nbformat.write(nb, 'speakers.ipynb')"

test: lint docs browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis
