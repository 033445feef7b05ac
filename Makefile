# costeo: two entry points a fresh machine can run (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/costeo demo --out out

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	sh scripts/ensure_browser.sh
	$(BIN)/python -m pytest -n 2

bench: setup
	$(BIN)/python bench/bench_national.py
	$(BIN)/python bench/bench_xlsx_import.py
	$(BIN)/python bench/bench_web.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
