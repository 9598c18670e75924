# Two commands set up everything on a fresh machine:
#   make run   - create .venv, install requirements.txt, start the site
#   make test  - install what the tests need (Python packages; Chromium when root), run them all
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run dev test lint format bench browser

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.deps-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.deps-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.deps-run
	$(BIN)/python app.py --server.port $(PORT)

# Development: reload pages when their files change.
dev: $(VENV)/.deps-run
	$(BIN)/python app.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

# The browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped (install Debian's chromium)"; fi; \
	fi

test: $(VENV)/.deps-dev browser
	$(BIN)/ruff check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.deps-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.deps-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.deps-dev
	$(BIN)/python bench/page_runs.py
	$(BIN)/python bench/roi_simulation.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/load.py
