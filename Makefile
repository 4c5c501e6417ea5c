# The two commands of the README: `make start` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
# The Python that creates $(VENV): 3.11, 3.12 or 3.13 (tools/check_python.py says so before pip runs).
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_PORT ?= 8888

.PHONY: start install install-test chromium classroom-software test test-fast test-pipeline test-browser test-setup bench lint lock assignments clean

## start: create the environment (first time only) and open the course in JupyterLab
start: install
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) $(ALLOW_ROOT) \
	  --ServerApp.root_dir="$(CURDIR)" notebooks/00_start_here.ipynb

## install: the course environment at the pinned versions of requirements.txt
install: $(VENV)/.course-installed

$(VENV)/.course-installed: requirements.txt pyproject.toml
	@$(if $(wildcard $(PY)),$(PY),$(PYTHON)) tools/check_python.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -e .
	$(PY) -m bonemets.labsetup
	touch $@

## install-test: the course environment plus the test-only pins, Debian's chromium and bubblewrap, and
## (as root) the classroom software for tests/setup/test_classroom.py (deploy/provision.py software)
install-test: $(VENV)/.test-installed chromium classroom-software

$(VENV)/.test-installed: $(VENV)/.course-installed requirements-test.txt tests/node/package-lock.json
	$(PIP) install -q -c requirements.txt -r requirements-test.txt
	npm ci --prefix tests/node --no-audit --no-fund
	touch $@

CLASSROOM_PREFIX ?= /opt/bonemets-test
classroom-software:
	@if [ "$$(id -u)" = 0 ]; then /usr/bin/python3 deploy/provision.py software --prefix $(CLASSROOM_PREFIX); \
	else echo "Not root: the classroom test (real Linux accounts) will be skipped."; fi

chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/bwrap ]; then \
	  if command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium bubblewrap >/dev/null; \
	  else echo "Install Chromium (/usr/bin/chromium) and bubblewrap (/usr/bin/bwrap) for the tests."; exit 1; fi; \
	fi

## test: set up everything the tests need, then run every test (all tiers below, and every notebook in nbval)
test: install-test
	$(PY) -m ruff check src tests tools bench notebooks
	$(PY) -m pytest -n auto --dist loadfile --nbval-lax tests notebooks source

## test-fast: unit and content checks only (seconds): for an author who edited a YAML file or a module
test-fast: install-test
	$(PY) -m pytest -n auto -q -p no:nbval tests/unit tests/content

## test-pipeline, test-browser, test-setup: one tier each (the real nbgrader; JupyterLab in Chromium; installs)
test-pipeline: install-test
	$(PY) -m pytest -n auto --dist loadfile tests/pipeline
test-browser: install-test
	$(PY) -m pytest -n auto --dist loadfile tests/browser
test-setup: install-test
	$(PY) -m pytest -n auto --dist loadfile tests/setup

## bench: the benchmarks in bench/ (not timed tests); results are written to bench/results/
bench: install-test
	$(PY) bench/bench_grading.py
	$(PY) bench/bench_remodelling.py
	$(PY) bench/bench_modules.py
	$(PY) bench/bench_widgets.py
	$(PY) bench/bench_progress.py
	$(PY) bench/bench_setup.py
	$(PY) bench/bench_classroom.py

lint: install-test
	$(PY) -m ruff check src tests tools bench notebooks

## lock: re-resolve the pins with the oldest supported Python, check them on the others (needs the registry)
lock: install
	$(PY) tools/lock.py

## assignments: regenerate source/ from the question bank
assignments: install
	$(VENV)/bin/bonemets assignments build

clean:
	rm -rf release submitted autograded feedback gradebook.db test-output
