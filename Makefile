# Two commands do everything on a fresh machine with Python 3.11+, make and git:
#   make run    set up, migrate the SQLite database under ./var, load Qinghai's data, serve
#   make test   set up the same way and run the whole test suite (lint, types, contracts, tests)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install lint typecheck contracts pytest messages lock clean

run: install
	$(BIN)/greenloop run --host $(HOST) --port $(PORT)

test: install lint typecheck contracts pytest

install: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "greenloop needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# requirements.lock pins every package with its hash (made by `make lock`).
$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

lint: install
	$(BIN)/ruff check greenloop
	$(BIN)/ruff format --check greenloop

typecheck: install
	$(BIN)/mypy greenloop

contracts: install
	$(BIN)/lint-imports

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Recompile the translation catalogues after editing a .po file.
messages: install
	$(BIN)/python -m greenloop.core.messages

lock: $(BIN)/python
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --universal --no-header --quiet -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
