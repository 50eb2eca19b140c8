# Two commands: `make run` serves the app, `make test` runs every test. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SIZES ?= 1,10,100

.PHONY: run dev test mutate constraints bench shots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# constraints.txt pins the indirect dependencies too, so a fresh machine installs what CI tested.
$(VENV)/.installed: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt constraints.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# MALLOC_ARENA_MAX=2: glibc gives each busy thread (Streamlit runs every session's script on its own) a memory
# arena of its own, which it rarely hands back; two arenas keep 30 sessions under 400 MB (docs/performance.md).
run: $(VENV)/.installed
	MALLOC_ARENA_MAX=2 $(BIN)/streamlit run dashboard.py --server.port $(PORT)

# For editing the code: rerun on save (the served app does not watch its own files; .streamlit/config.toml).
dev: $(VENV)/.installed-dev
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# Mutation check of the logic modules (outside CI: minutes to hours). Settings in pyproject's [tool.mutmut].
mutate: $(VENV)/.installed-dev
	rm -rf mutants
	$(BIN)/mutmut run
	$(BIN)/mutmut results

# After changing requirements*.txt in a working venv: pin everything it holds for the next fresh install.
constraints: $(VENV)/.installed-dev
	( sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable ) > constraints.txt.new && mv constraints.txt.new constraints.txt

# `make bench` (sizes 1x, 10x, 100x); `make bench SIZES=1,10` or `make bench BENCH_ARGS=--quick` for less.
bench: $(VENV)/.installed-dev
	SIZES=$(SIZES) $(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache mutants
