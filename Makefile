# partnet: the two commands a new user needs are `make reports` and `make test`.
# The first call creates .venv with Python 3.11 and installs partnet with its
# dev extras; later calls reuse it. partnet is reinstalled into it when
# pyproject.toml changes (the stamp .venv/.installed holds the SHA-256 of the
# pyproject.toml it was installed from). A .venv made with another Python, or
# whose Python no longer runs, is refused with what to do: make clean, then
# make venv. In a git clone it also installs the filter that strips notebooks' outputs on commit
# (make hooks installs it again on its own).

# The Python .venv is made with and must run (override: make PYTHON=/path/to/python3.11 venv).
PYTHON_VERSION := 3.11
PYTHON ?= $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Notebooks are committed without outputs: the committed .gitattributes sends *.ipynb through git's
# nbstripout filter, which HOOKS writes into the clone's own .git/config, run by the venv's Python named by
# absolute path (nbstripout finds its lines in .gitattributes and leaves that file as it is). The filter
# keeps cell ids (--keep-id; nbstripout would renumber them 0, 1, ..., and every committed notebook would
# then show as changed). Nothing, quietly, where the project is not the top of a git work tree (a tarball,
# or a folder inside another repository). make clean removes the filter with the .venv it runs from: git
# stops at a filter that cannot run (nbstripout makes it required), even in git status.
GIT_TOP = prefix=$$(git rev-parse --show-prefix 2>/dev/null) && [ -z "$$prefix" ]
NBSTRIPOUT = "$(abspath $(BIN)/python)" -m nbstripout --keep-id
HOOKS = $(BIN)/nbstripout --install --attributes .gitattributes && \
	git config filter.nbstripout.clean '$(NBSTRIPOUT)' && git config diff.ipynb.textconv '$(NBSTRIPOUT) -t'

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
	@if $(GIT_TOP); then $(HOOKS); fi
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
## Open JupyterLab at the project root (data/, notebooks/, reports/), notebooks/explore.ipynb open
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" notebooks/explore.ipynb

.PHONY: hooks
## Install the git filter that strips notebooks' outputs on commit (make venv does it too)
hooks: $(STAMP)
	@if $(GIT_TOP); then $(HOOKS) && \
	  echo "nbstripout filter installed in $$(git rev-parse --git-path config): notebooks are committed without outputs"; \
	else echo "not the top of a git work tree: no filter to install"; fi

.PHONY: clean
## Remove the virtual environment, its git filter and caches (reports/ is kept)
clean:
	@if $(GIT_TOP) && git config --local filter.nbstripout.clean | grep -qF '"$(abspath $(BIN))/python"'; then \
	  git config --local --remove-section filter.nbstripout; \
	  git config --local --remove-section diff.ipynb 2>/dev/null || :; fi
	rm -rf $(VENV) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
