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
# In GitHub Actions the lint's findings also become annotations on the diff (tools/annotate.py).
LINT_ANNOTATIONS = $(if $(filter true,$(GITHUB_ACTIONS)), | $(BIN)/python tools/annotate.py --level error --title "Markdown lint")

.PHONY: help serve build check test bench translations offline pdf audit deploy properdocs clean new-output

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

# The second engine: every pin but mkdocs (installed without dependencies, so nothing pulls
# MkDocs back in) plus ProperDocs, in a virtual environment of its own (mike switches to
# ProperDocs by itself wherever it is installed, so it never goes into .venv).
PD_VENV := .venv-properdocs
$(PD_VENV)/.installed: requirements.txt requirements-test.txt requirements-properdocs.txt constraints.txt
	@echo "==> Setting up $(PD_VENV): requirements.txt without mkdocs, requirements-test.txt, ProperDocs"
	@test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	@grep -v '^mkdocs==' requirements.txt > $(PD_VENV)/requirements-without-mkdocs.txt
	@$(PD_VENV)/bin/python -m pip install --disable-pip-version-check --quiet --no-deps \
		-r $(PD_VENV)/requirements-without-mkdocs.txt -r requirements-test.txt -r requirements-properdocs.txt
	@touch $@

tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	@echo "==> Installing lunr for the search unit tests (npm ci in tests/js)"
	@command -v npm >/dev/null || { echo "npm (Node.js 20) is needed: apt-get install nodejs npm"; exit 1; }
	@cd tests/js && npm ci --no-audit --no-fund --silent
	@touch $@

tools/vnu/node_modules/.installed: tools/vnu/package.json tools/vnu/package-lock.json
	@echo "==> Installing the W3C Nu HTML checker (npm ci in tools/vnu; it runs with Java: default-jre-headless)"
	@command -v npm >/dev/null || { echo "npm (Node.js 20) is needed: apt-get install nodejs npm"; exit 1; }
	@cd tools/vnu && npm ci --no-audit --no-fund --silent --ignore-scripts
	@touch $@

# --- targets -----------------------------------------------------------------

# make serve LANG=sv: the language being edited is built first. LANG is also the locale of
# the environment, so only a LANG given on the command line counts (and the preview then
# runs with the C.UTF-8 locale instead of "sv").
SERVE_LANG := $(if $(filter command line,$(origin LANG)),$(LANG))
PORT ?= 8000
# make test: parallel pytest workers (auto = one per core, at most 4; how they share the work:
# tests/conftest.py) and extra pytest arguments,
# e.g. make test PYTEST_WORKERS=0 PYTEST_ARGS='-x tests/test_content.py'
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=
# make bench: e.g. BENCH_ARGS='--against main --sizes 500 --skip-search --skip-serve'
BENCH_ARGS ?=

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
	$(BIN)/pymarkdown --config .pymarkdown.yml scan --recurse docs$(LINT_ANNOTATIONS)
	@echo "==> Python lint and format check (ruff, settings in pyproject.toml; 'ruff format hooks tools tests' fixes the format)"
	$(BIN)/ruff check hooks tools tests
	$(BIN)/ruff format --check hooks tools tests

translations: $(VENV)/.runtime  ## Missing (fails) and stale (reported) translations
	$(BIN)/python tools/translations.py

new-output: $(VENV)/.runtime  ## New output page in both languages: make new-output SLUG=x [TYPE=report AREAS=1,3]
	$(BIN)/python tools/new_output.py --slug="$(SLUG)" $(if $(TYPE),--type="$(TYPE)") $(if $(AREAS),--areas="$(AREAS)")

test: $(VENV)/.test tests/js/node_modules/.installed tools/vnu/node_modules/.installed  ## The whole test suite, browser tests included
	@bash tools/ensure-chromium.sh
	@echo "==> Running the test suite (pytest on $(PYTEST_WORKERS) workers, Chromium at /usr/bin/chromium)"
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --maxprocesses=4 --dist loadscope $(PYTEST_ARGS)

bench: $(VENV)/.test  ## Benchmark: ours vs stock Material on a generated corpus (prints figures) [BENCH_ARGS='--against main']
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

offline: $(VENV)/.runtime  ## dist/<site>-offline-<version>.zip that opens from disk
	$(BIN)/python tools/offline.py

pdf: $(VENV)/.runtime  ## dist/pdf/<handbook>-<lang>.pdf for every handbook
	$(BIN)/python tools/pdf.py

audit: $(VENV)/.test  ## Lighthouse report (home + a handbook chapter, both languages)
	@bash tools/ensure-chromium.sh
	$(BIN)/python tools/audit.py

deploy: $(VENV)/.runtime  ## Deploy a version with mike: make deploy VERSION=1.0 [ALIAS=latest] [PUSH=1]
	$(BIN)/python tools/deploy.py --version "$(VERSION)" $(if $(ALIAS),--alias "$(ALIAS)") $(if $(PUSH),--push)

# The site checks that do not need a browser: builds (serial, parallel, fixtures), pages, links,
# content model, charts, translations, versions with mike.
PROPERDOCS_TESTS := tests/test_engine.py tests/test_foundation.py tests/test_content.py \
	tests/test_content_checks.py tests/test_content_model.py tests/test_charts.py tests/test_parallel.py \
	tests/test_versions.py

properdocs: $(PD_VENV)/.installed  ## The site checks with ProperDocs instead of MkDocs 1.6.1 (own venv)
	@echo "==> Building and checking the site with ProperDocs ($(PD_VENV))"
	SITE_ENGINE=properdocs $(PD_VENV)/bin/python -m pytest -n $(PYTEST_WORKERS) --maxprocesses=4 $(PROPERDOCS_TESTS)

clean:  ## Remove build output (keeps .venv)
	rm -rf site dist .build
