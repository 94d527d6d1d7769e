# partnet: the two commands a new user needs are `make reports` and `make test`.
# The first call creates .venv and installs partnet with its dev extras;
# later calls reuse it (reinstalled only when pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (partnet)" >/dev/null
	@touch $(STAMP)

.PHONY: help
## Show this help
help:
	@echo "partnet make targets:"
	@awk '/^## /{desc=substr($$0,4)} /^[a-z][a-z-]*:/{if(desc){split($$1,t,":"); printf "  %-10s %s\n", t[1], desc; desc=""}}' $(MAKEFILE_LIST)

.PHONY: venv
## Create .venv and install partnet with its dev extras
venv: $(STAMP)

.PHONY: test
## Run the linter (ruff) and the test suite (doctests included)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

.PHONY: reports
## Render every bundled case into reports/ (index.html links everything)
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
