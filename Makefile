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

.PHONY: demo test install lint clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/quoteattr extract examples/dpa-ukraine-2025-03.txt --format table

lint: install
	$(BIN)/ruff check src tests benchmarks

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis
