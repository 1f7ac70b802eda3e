# Tarikh: `make run` serves the site with demo content; `make test` runs the whole suite.
# Every install step lives here, so a fresh machine with Python 3.11 needs nothing else.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run dev dev-server test lint-imports test-sqlite test-postgres install migrate messages messages-update demo system-deps browser-deps bench bench-deps lint clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)

# gettext's msgfmt compiles the catalogs; Debian's package is installed when it is missing.
system-deps:
	@command -v msgfmt >/dev/null 2>&1 || { echo "Installing gettext (msgfmt)..."; \
		(apt-get update -qq && apt-get install -y -qq gettext) >/dev/null || { echo "Could not install gettext; install it with your package manager."; exit 1; }; }

# Browser tests drive Debian's chromium; it is installed with apt when missing (never downloaded by a test).
browser-deps:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null || { echo "Could not install chromium."; exit 1; }; }

messages: install system-deps
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

migrate: install
	$(PY) manage.py migrate --no-input --verbosity 0

demo: migrate messages
	$(PY) manage.py loaddemo

# `make run` serves what a teacher runs for a class: gunicorn, DEBUG off, a secret key kept in .secret_key,
# reachable from the classroom's network with `make run HOST=0.0.0.0` (config/serve.py prints the address).
# `make dev` (or `DEBUG=true make run`) is Django's auto-reloading development server.
run: demo
ifeq ($(DEBUG),true)
	@$(MAKE) --no-print-directory dev-server
else
	$(PY) -m config.serve $(HOST) $(PORT)
endif

dev: demo
	@$(MAKE) --no-print-directory dev-server

dev-server:
	@echo "Tarikh (development server) is at http://$(HOST):$(PORT)/  (Arabic: /ar/, English: /en/)"
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite on SQLite, then on PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) names a server.
test: install messages browser-deps
	$(MAKE) --no-print-directory lint-imports
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$${TEST_DATABASE_URL:-$${DATABASE_URL:-}}" ]; then \
		$(MAKE) --no-print-directory test-postgres; \
	else echo "No TEST_DATABASE_URL: skipped the PostgreSQL run (.ci/run sets it)."; fi

# The layers contract in .importlinter: apps import downwards only.
lint-imports: install
	$(VENV)/bin/lint-imports

test-sqlite:
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== Test suite on PostgreSQL =="
	DATABASE_URL="$${TEST_DATABASE_URL:-$$DATABASE_URL}" $(PY) -m pytest $(PYTEST_ARGS)

# Re-extract the strings after changing code or templates; then translate the new Arabic entries.
messages-update: install system-deps
	$(PY) manage.py makemessages -l ar -l en --ignore=".venv/*" --ignore="staticfiles/*" --ignore="tests/*" --ignore="bench/*" --no-obsolete

lint:
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles artifacts .pytest_cache

# The load tests (PostgreSQL and Redis must be running; .ci/run starts them), the two-node phase behind
# Debian's HAProxy (installed with apt when missing) and the micro-benchmarks; rewrites docs/benchmarks.md.
# About 20 minutes on the 2-core machine (docs/benchmarks.md says where the time went).
bench-deps:
	@command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy || { echo "Installing Debian's haproxy for the two-node bench phase..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy) >/dev/null || { echo "Could not install haproxy."; exit 1; }; }

bench: install messages bench-deps
	$(PY) bench/run.py
