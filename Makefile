# Two commands: `make run` serves the app, `make test` runs every test. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SIZES ?= 1,10,100
WORKERS ?= 2
READERS ?= 1,10,50
PAGE_READERS ?= 1,10,20,50

.PHONY: run dev serve test mutate constraints bench shots clean

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

run: $(VENV)/.installed
	$(BIN)/streamlit run serve.py --server.port $(PORT)

# More readers: WORKERS app processes on the ports after PORT, behind a sticky proxy on PORT (deploy/sticky.py;
# why not `uvicorn --workers`: docs/performance.md). `make serve WORKERS=1` is one process behind the same proxy.
serve: $(VENV)/.installed
	$(BIN)/python -m deploy.sticky --workers $(WORKERS) --port $(PORT)

# For editing the code: rerun on save (the served app does not watch its own files; .streamlit/config.toml).
dev: $(VENV)/.installed-dev
	$(BIN)/streamlit run serve.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

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

# `make bench` (sizes 1x, 10x, 100x); `make bench SIZES=1,10` or `make bench BENCH_ARGS=--quick` for less;
# `make bench READERS=1,10,50 PAGE_READERS=1,10,20,50` sets the concurrency bench's reader counts.
# Then the concurrency bench: N readers of the data routes (HTTP) and of the pages (browser sessions) at once.
bench: $(VENV)/.installed-dev
	SIZES=$(SIZES) $(BIN)/python -m bench.run $(BENCH_ARGS)
	$(BIN)/python -m bench.concurrency --http $(READERS) --pages $(PAGE_READERS)

clean:
	rm -rf $(VENV) .pytest_cache mutants
