# Two commands for a fresh machine (see README):
#   make demo  -> installs everything, validates and renders the bundled example
#   make test  -> installs everything, runs the test suite and the linter
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/cpts-du-val-de-lys
OUT := build/demo
# The example was last updated on 2026-10-05; rules on time (update within 12 months,
# contacts checked within 12 months) use this reference date so that the demo stays green.
DEMO_DATE ?= 2026-11-23

# The tests open every DOCX in LibreOffice (tests/libreoffice.py); `make test` installs it
# from the Debian packages when `soffice` is missing, with Carlito, the free font with
# Calibri's metrics (the DOCX font), so that LibreOffice lays pages out as Word does, and
# poppler-utils (pdftotext -bbox: the PDF layout tests read word positions).
LIBREOFFICE_PACKAGES := libreoffice-writer-nogui fonts-crosextra-carlito poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo test test-lent lint bench clean libreoffice

# pip's own lines (Collecting..., Installing...) are the progress a first install shows: about
# a minute on a fresh machine, most of it downloading pandoc and typst wheels.
$(BIN)/cptsplan: pyproject.toml
	@echo "Installation de cptsplan et de ses dépendances dans $(VENV)/ (environ une minute la première fois)…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -e '.[test]'
	@echo "Installation terminée."
	touch $@

install: $(BIN)/cptsplan

demo: install
	$(BIN)/cptsplan validate $(EXAMPLE) --date $(DEMO_DATE)
	@mkdir -p $(OUT)
	$(BIN)/cptsplan render $(EXAMPLE) --format docx --format pdf --format html --output $(OUT)/plan-sse-interne --date $(DEMO_DATE)
	$(BIN)/cptsplan render $(EXAMPLE) --format docx --format pdf --edition diffusable --output $(OUT)/plan-sse-diffusable --date $(DEMO_DATE)
	@echo "Documents écrits dans $(OUT)/"

libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
			|| ! fc-list 2>/dev/null | grep -q Carlito; then \
		echo "Installation de LibreOffice (Debian : $(LIBREOFFICE_PACKAGES))"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(LIBREOFFICE_PACKAGES) >/dev/null; \
	fi

# mypy checks the code as it runs on Linux, Windows (where most coordinators work: a
# POSIX-only call such as os.getuid must be guarded) and macOS.
# One worker per core, each test file kept in one worker (`loadfile`): a module's documents
# are rendered once, and the ajv and LibreOffice set-ups of a file never race each other.
# The longest files first (tests/conftest.py, LONGEST_FIRST), not xdist's default order.
test: install libreoffice
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/mypy --platform win32 src
	$(BIN)/mypy --platform darwin src
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# pre-commit installing the published hook with cptsplan and its dependencies (a minute or
# more): not in `make test`, whose pre-commit tests run the same hook file with the
# cptsplan of .venv.
test-lent: install
	$(BIN)/python -m pytest -m lent

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
