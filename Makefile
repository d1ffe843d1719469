# Two commands for a fresh machine (see README):
#   make demo  -> installs everything, validates and renders the bundled example
#   make test  -> installs everything, runs the test suite and the linter
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/cpts-du-val-de-lys
OUT := build/demo

.PHONY: install demo test lint bench clean

$(BIN)/cptsplan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/cptsplan

demo: install
	$(BIN)/cptsplan validate $(EXAMPLE)
	@mkdir -p $(OUT)
	$(BIN)/cptsplan render $(EXAMPLE) --format docx --format pdf --format html --output $(OUT)/plan-sse-interne
	$(BIN)/cptsplan render $(EXAMPLE) --format docx --format pdf --edition diffusable --output $(OUT)/plan-sse-diffusable
	@echo "Documents écrits dans $(OUT)/"

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
