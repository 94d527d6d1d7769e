# partnet: the two commands a new user needs are `make reports` and `make test`.
# The first call creates .venv with Python 3.11 and installs partnet with its
# dev extras; later calls reuse it. partnet is reinstalled into it when
# pyproject.toml changes (the stamp .venv/.installed holds the SHA-256 of the
# pyproject.toml it was installed from). A .venv made with another Python, or
# whose Python no longer runs, is refused with what to do: make clean, then
# make venv.

# The Python .venv is made with and must run (override: make PYTHON=/path/to/python3.11 venv).
PYTHON_VERSION := 3.11
PYTHON ?= $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

# Read when make starts: the venv's Python version ("broken" when it does not run, empty when there is
# none), the pyproject.toml hash the stamp holds and the current one.
HASH_PY := -c "import hashlib; print(hashlib.sha256(open('pyproject.toml', 'rb').read()).hexdigest())"
VENV_VERSION := $(shell if [ -e $(BIN)/python ] || [ -L $(BIN)/python ]; then \
	$(BIN)/python -c "import sys; print('%d.%d' % sys.version_info[:2])" 2>/dev/null || echo broken; fi)
STAMP_HASH := $(shell cat $(STAMP) 2>/dev/null)
PYPROJECT_HASH := $(shell $(PYTHON) $(HASH_PY) 2>/dev/null || $(BIN)/python $(HASH_PY) 2>/dev/null)

# Reinstall when the stamp is from another pyproject.toml (an empty stamp, from an older Makefile, goes by
# date as before), or when the stamp outlived the venv's Python.
REINSTALL :=
ifneq ($(STAMP_HASH),)
ifneq ($(PYPROJECT_HASH),)
ifneq ($(STAMP_HASH),$(PYPROJECT_HASH))
REINSTALL := pyproject.toml changed since .venv was installed: installing partnet into it again
endif
endif
endif
ifeq ($(VENV_VERSION),)
ifneq ($(wildcard $(STAMP)),)
REINSTALL := .venv has no bin/python: making it again
endif
endif
ifneq ($(REINSTALL),)
$(STAMP): FORCE
endif

.PHONY: FORCE
FORCE:

$(STAMP): pyproject.toml | venv-check
	@if [ -n "$(REINSTALL)" ]; then echo "$(REINSTALL)"; fi
	@test -x $(BIN)/python || { \
	  found=$$($(PYTHON) -c "import sys; print('%d.%d' % sys.version_info[:2])" 2>/dev/null); \
	  if [ "$$found" != "$(PYTHON_VERSION)" ]; then \
	    echo "partnet needs Python $(PYTHON_VERSION); '$(PYTHON)' is $${found:-not there}." >&2; \
	    echo "Install Python $(PYTHON_VERSION) and run: make PYTHON=/path/to/python$(PYTHON_VERSION) venv" >&2; \
	    exit 1; fi; \
	  $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (partnet)" >/dev/null
	@$(BIN)/python $(HASH_PY) > $(STAMP)

# Refuse a .venv that cannot be used as it is: made with another Python, or its Python gone (an upgrade
# or a moved folder). Run before every target that uses .venv.
.PHONY: venv-check
venv-check:
ifeq ($(VENV_VERSION),broken)
	@echo "$(BIN)/python does not run: the Python .venv was made from was moved, upgraded or removed." >&2
	@echo "Make it again: make clean && make venv" >&2
	@exit 1
else ifneq ($(filter-out $(PYTHON_VERSION),$(VENV_VERSION)),)
	@echo "$(VENV) was made with Python $(VENV_VERSION); partnet needs Python $(PYTHON_VERSION)." >&2
	@echo "Make it again: make clean && make venv   (add PYTHON=/path/to/python$(PYTHON_VERSION) if" \
	      "python$(PYTHON_VERSION) is not on your PATH)" >&2
	@exit 1
else
	@:
endif

.PHONY: help
## Show this help
help:
	@echo "partnet make targets:"
	@awk '/^## /{desc=substr($$0,4)} /^[a-z][a-z-]*:/{if(desc){split($$1,t,":"); printf "  %-10s %s\n", t[1], desc; desc=""}}' $(MAKEFILE_LIST)

.PHONY: venv
## Create .venv (Python 3.11) and install partnet with its dev extras
venv: $(STAMP)

.PHONY: test
## Run the linter (ruff) and the test suite (doctests included)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

.PHONY: reports
## Render the fictional demo cases (data/examples) into reports/ (index.html links everything)
reports: $(STAMP)
	$(BIN)/partnet report --out reports

.PHONY: bench
## Run the benchmarks (not part of test); writes benchmarks/RESULTS.md
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

.PHONY: lab
## Open JupyterLab on notebooks/
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

.PHONY: clean
## Remove the virtual environment and caches (reports/ is kept)
clean:
	rm -rf $(VENV) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
