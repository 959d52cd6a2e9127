# Reintegra: `make run` serves the app with demo data; `make test` runs every suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings.local

.PHONY: setup run test test-sqlite test-postgres lint typecheck messages bench backup clean

# Create the virtualenv and install pinned dependencies (again only when a requirements file changed).
$(BIN)/.installed: requirements.txt requirements-dev.txt requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c requirements.lock
	touch $@

# axe-core for the accessibility browser tests (tests/browser/test_accessibility.py), from npm.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the accessibility tests need axe-core (apt-get install npm, then make setup)"; fi

setup: $(BIN)/.installed node_modules/.package-lock.json
	@mkdir -p var
	@$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

run: setup
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py migrate --database audit --noinput -v 0
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Reintegra runs at http://127.0.0.1:$(PORT)/  (stop with Ctrl-C)"
	@echo "Sign in as anna, ben, carla, emil, dora, admin, olga or juerg (client portal) with password reintegra-demo."
	@echo "API: http://127.0.0.1:$(PORT)/api/docs/"
	@trap 'kill %1 2>/dev/null' EXIT; \
	$(BIN)/python manage.py db_worker --queue-name '*' >var/worker.log 2>&1 & \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# STRICT=1 (CI) turns every skip into a failure.
test: setup
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite test-postgres: export DJANGO_SETTINGS_MODULE := config.settings.test

test-sqlite:
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/python -m pytest -n 2
	$(BIN)/bandit -q -c pyproject.toml -r reintegra config --severity-level high

test-postgres:
	$(BIN)/python -m pytest -n 2 --postgres -m "not browser and not fuzz"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy reintegra config

# The catalogues of every app and of config/ (locale/): German, French and Italian; tests/test_catalogues.py
# fails on any text without a translation.
messages: setup
	$(BIN)/python manage.py makemessages -l de -l fr -l it --no-obsolete \
		--ignore=.venv --ignore=var --ignore=bench --ignore=tests --ignore='*/tests/*' --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Benchmarks (not tests): generates the data once, then measures; writes bench/results/latest.json.
bench: setup
	DJANGO_SETTINGS_MODULE=config.settings.bench $(BIN)/python -m bench

# One archive of both databases and the uploads, taken while the app runs (docs/operations.md).
# The encryption keys are not in it. Production: make backup SETTINGS=config.settings.production
backup: export DJANGO_SETTINGS_MODULE := $(or $(SETTINGS),config.settings.local)
backup:
	@mkdir -p var/backups
	$(BIN)/python manage.py backup --output var/backups/reintegra-$$(date -u +%Y%m%dT%H%M%SZ).tar.gz

clean:
	rm -rf var staticfiles .pytest_cache node_modules
