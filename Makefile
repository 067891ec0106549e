# Every target sets up (or reuses) .venv from the pinned files and says what it does.
# Quick start on a fresh Debian/Ubuntu machine with Python 3.11+:  make serve  |  make test

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build check test bench translations offline pdf audit deploy clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

# --- set-up ------------------------------------------------------------------

$(VENV)/.runtime: requirements.txt constraints.txt
	@echo "==> Setting up $(VENV) from requirements.txt (pinned; mkdocs<2 enforced by constraints.txt)"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet -r requirements.txt -c constraints.txt
	@touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	@echo "==> Adding the test tools from requirements-test.txt"
	@$(PIP) install --quiet -r requirements-test.txt -c constraints.txt
	@touch $@

tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	@echo "==> Installing lunr for the search unit tests (npm ci in tests/js)"
	@command -v npm >/dev/null || { echo "npm (Node.js 20) is needed: apt-get install nodejs npm"; exit 1; }
	@cd tests/js && npm ci --no-audit --no-fund --silent
	@touch $@

# --- targets -----------------------------------------------------------------

# make serve LANG=sv: the language being edited is built first. LANG is also the locale of
# the environment, so only a LANG given on the command line counts (and the preview then
# runs with the C.UTF-8 locale instead of "sv").
SERVE_LANG := $(if $(filter command line,$(origin LANG)),$(LANG))
PORT ?= 8000

serve: $(VENV)/.runtime  ## Live preview at http://127.0.0.1:8000: a save shows in about a second [LANG=sv PORT= VERBOSE=1]
	@echo "==> Live preview (tools/serve.py), $(or $(SERVE_LANG),the default language) built first; Ctrl-C stops"
	@$(if $(SERVE_LANG),LANG=C.UTF-8 )$(BIN)/python tools/serve.py --port $(PORT) \
		$(if $(SERVE_LANG),--lang $(SERVE_LANG)) $(if $(filter 1 yes true,$(VERBOSE)),--verbose)

build: $(VENV)/.runtime  ## Strict build into site/ (languages in parallel, then merged)
	@echo "==> Building site/ (one process per language, merged)"
	$(BIN)/python tools/build.py --site site

check: $(VENV)/.test  ## Fast content checks without a build (front matter, pairs, anchors, links, lint)
	@echo "==> Checking content (no build)"
	$(BIN)/python tools/check.py
	@echo "==> Markdown lint (.pymarkdown.yml)"
	$(BIN)/pymarkdown --config .pymarkdown.yml --return-code-scheme minimal scan --recurse docs

translations: $(VENV)/.runtime  ## Missing (fails) and stale (reported) translations
	$(BIN)/python tools/translations.py

test: $(VENV)/.test tests/js/node_modules/.installed  ## The whole test suite, browser tests included
	@bash tools/ensure-chromium.sh
	@echo "==> Running the test suite (pytest, Chromium at /usr/bin/chromium)"
	$(BIN)/python -m pytest

bench: $(VENV)/.test  ## Benchmark: ours vs stock Material on a generated corpus (prints figures)
	$(BIN)/python tools/bench.py

offline: $(VENV)/.runtime  ## dist/<site>-offline-<version>.zip that opens from disk
	$(BIN)/python tools/offline.py

pdf: $(VENV)/.runtime  ## dist/pdf/<handbook>-<lang>.pdf for every handbook
	$(BIN)/python tools/pdf.py

audit: $(VENV)/.test  ## Lighthouse report (home + a handbook chapter, both languages)
	@bash tools/ensure-chromium.sh
	$(BIN)/python tools/audit.py

deploy: $(VENV)/.runtime  ## Deploy a version with mike: make deploy VERSION=1.0 [ALIAS=latest] [PUSH=1]
	$(BIN)/python tools/deploy.py --version "$(VERSION)" $(if $(ALIAS),--alias "$(ALIAS)") $(if $(PUSH),--push)

clean:  ## Remove build output (keeps .venv)
	rm -rf site dist .build
