# Two commands for a newcomer: `make run` and `make test`. Everything else is what they call.
.DEFAULT_GOAL := help
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The address full links name (sitemap, feeds, canonical links, emails): the one `make run`
# serves, unless BASE_URL is set in the environment. seed_demo writes it into the demo's site.
BASE_URL ?= http://$(HOST):$(PORT)

help:  ## List the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install the portal with its development tools

translations: $(STAMP)  ## Compile the translation catalogues
	$(BIN)/python manage.py compile_translations -v0

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --no-input

demo: migrate translations  ## Migrate and (re)build the demo content
	BASE_URL=$(BASE_URL) $(BIN)/python manage.py seed_demo

run: demo  ## Run the portal (web server and task worker) with demo content at http://127.0.0.1:8000
	@echo "Portal: http://$(HOST):$(PORT)/en/  ·  admin: http://$(HOST):$(PORT)/admin/ (login admin / bridges-admin)"
	@echo "Task worker: sends the queued emails and runs Wagtail's index updates (stops with the server)"
	export BASE_URL=$(BASE_URL); \
	$(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs on TEST_WORKERS processes (pytest-xdist; auto = one per CPU), each with its own
# test database, reused while the migrations and installed packages are unchanged and built
# again from the migrations when they change (tests/database.py). PYTEST_ARGS="--create-db"
# always builds them again; DATABASE_URL=postgres://... runs the suite on PostgreSQL.
TEST_WORKERS ?= auto
test: translations  ## Run the whole test suite (browser tests are skipped, with the reason, without Chromium)
	@start=$$(date +%s); status=0; \
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --reuse-db $(PYTEST_ARGS) || status=$$?; \
	url="$${DATABASE_URL:-sqlite:}"; \
	echo "suite took $$(( $$(date +%s) - start )) s on $${url%%:*} ($(TEST_WORKERS) workers, load: $$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"; \
	exit $$status

lint: $(STAMP)  ## ruff, Django's checks and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: $(STAMP)  ## Refresh locale/uk/LC_MESSAGES/django.po from the code and templates
	$(BIN)/python manage.py makemessages -l uk --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules

.PHONY: help install translations migrate demo run test lint messages
