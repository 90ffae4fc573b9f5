# coursekit: `make lab` to learn, `make test` to check everything.
# Both create (or refresh) .venv from pyproject.toml first. Needs Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
# nbgrader starts `alembic` as a program: the venv's bin must be on PATH.
export PATH := $(BIN):$(PATH)
# JupyterLab refuses to run as root without --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=
LESSON ?= lessons/00_two_stories.ipynb
PYTEST_ARGS ?=

A ?=
JOBS ?= 2

.PHONY: help venv lab test test-fast lint format benchmark clean release autograde feedback grades demo student-versions

help:
	@echo "make lab        open JupyterLab on the lessons (creates .venv on first use)"
	@echo "make test       run every test (data, package, notebooks, grading, browser)"
	@echo "make test-fast  every test except notebook execution, grading and the browser"
	@echo "make lint       ruff on src/ and tests/"
	@echo "make benchmark  print the benchmarks' timing ratios"
	@echo "make clean      remove .venv and caches"
	@echo "make student-versions  every assignment without solutions, in release/ (self-learners)"
	@echo "instructors (A=assignment, e.g. A=ps01_us_federalism):"
	@echo "make release A=...    validate the source and generate the student version"
	@echo "make autograde A=...  grade submitted/ (JOBS=2 at a time)"
	@echo "make feedback A=...   feedback HTML per student"
	@echo "make grades A=...     reports/A/grades.csv and report.html"
	@echo "make demo A=...       a demo class of submissions to try the workflow"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coursekit needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS) $(LESSON)

test: $(STAMP) lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -m "not notebooks and not browser and not grading" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks)

format: $(STAMP)
	$(BIN)/ruff check --fix src tests $(wildcard benchmarks)
	$(BIN)/ruff format src tests $(wildcard benchmarks)

benchmark: $(STAMP)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis src/*.egg-info test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

define need_assignment
	@test -n "$(A)" || { echo "set A=<assignment>, one of: $$(ls exercises)"; exit 2; }
endef

release: $(STAMP)
	$(need_assignment)
	$(BIN)/coursekit release $(A)

autograde: $(STAMP)
	$(need_assignment)
	$(BIN)/coursekit autograde $(A) --jobs $(JOBS)

feedback: $(STAMP)
	$(need_assignment)
	$(BIN)/coursekit feedback $(A)

grades: $(STAMP)
	$(need_assignment)
	$(BIN)/coursekit grades $(A)

demo: $(STAMP)
	$(need_assignment)
	$(BIN)/coursekit demo $(A) --broken

student-versions: $(STAMP)
	@for folder in exercises/*/; do \
	  $(BIN)/python -m nbgrader generate_assignment --force "$$(basename $$folder)" --log-level=WARN || exit 1; \
	done
	@echo "student versions in release/ (open them in JupyterLab; run the visible tests to check yourself)"
