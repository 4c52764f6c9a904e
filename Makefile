# The commands of the README: `make run` and `make test`; `make serve` and
# `make loadtest` for the production stack on PostgreSQL.
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Every version of the reference framework; versions 1 and 2 stay for the assessments made with them.
FRAMEWORKS := capabilities/frameworks/ml-statistical-production-v1.yaml capabilities/frameworks/ml-statistical-production-v2.yaml capabilities/frameworks/ml-statistical-production.yaml

# `make serve` and `make loadtest`: PostgreSQL on this machine unless set.
SERVE_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/mlops_maturity)

.PHONY: run serve loadtest test test-fast lint bench system-packages messages

run: system-packages $(VENV)/.run-deps
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_framework $(FRAMEWORKS)
	$(MANAGE) load_demo
	@echo
	@echo "  Serving on http://127.0.0.1:$(PORT)/"
	@echo "  Demo login (demo data only, never in production): demo / demo"
	@echo "  Also: maria / maria (a second respondent), admin / admin (edits the framework)"
	@echo "  Framework editing: http://127.0.0.1:$(PORT)/admin/"
	@echo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# gunicorn + PostgreSQL + a task worker (bin/serve; settings in the README).
# DEMO=1 loads the demo accounts too (well-known passwords: trying out only).
serve: system-packages $(VENV)/.run-deps
	VENV=$(VENV) PORT=$(PORT) DATABASE_URL=$(SERVE_DATABASE_URL) bin/serve $(FRAMEWORKS)

# locust against `make serve` (its own database, mlops_maturity_load, unless
# DATABASE_URL says otherwise), then every acknowledged save checked in it.
LOAD_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/mlops_maturity_load)
USERS ?= 200
MINUTES ?= 3
loadtest: system-packages $(VENV)/.load-deps
	DATABASE_URL=$(LOAD_DATABASE_URL) $(BIN)/python bench/loadtest.py --users $(USERS) --minutes $(MINUTES) --port $(PORT)

$(VENV)/.load-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check -e '.[load]'
	@touch $@

# -n auto: one pytest worker per core (pytest-xdist), each with its own test database.
test: system-packages $(VENV)/.test-deps
	$(BIN)/pytest -n auto

# Everything but the slow tests: the browser, schemathesis and the PDF report.
test-fast: system-packages $(VENV)/.test-deps
	$(BIN)/pytest -n auto -m "not browser and not schemathesis and not pdf and not client"

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

system-packages:
	@bin/system-packages

# The translation catalogues: every message of the code into locale/<lang>/
# LC_MESSAGES/django.po (new ones empty, to translate), then compiled to the
# .mo the app reads (committed: see README, "Languages"). tests/test_translations.py
# runs makemessages the same way and fails on anything missing or untranslated.
LANGUAGES_TRANSLATED ?= fr
messages: system-packages $(VENV)/.run-deps
	$(MANAGE) makemessages $(addprefix -l ,$(LANGUAGES_TRANSLATED)) --add-location=file \
		--ignore=tests --ignore=bench --ignore=docs --ignore=staticfiles --ignore=media
	for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when pyproject.toml changes; stamps keep repeated runs fast.
$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check -e .
	@touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@ $(VENV)/.run-deps

bench: $(VENV)/.test-deps
	$(BIN)/python bench/results_pages.py
	$(BIN)/python bench/pdf_report.py
