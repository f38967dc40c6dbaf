# Baokan: `make run` and `make test` set everything up on a fresh clone (Python 3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= out

.PHONY: venv run test lint clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: venv
	$(BIN)/baokan run data/samples --out $(OUT)

test: venv
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check pipeline tests benchmarks

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
