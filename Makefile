# `make run` serves the app, `make test` runs every test, `make release` builds a data release. All create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SIZES ?= 1,10,100
WORKERS ?= 2
READERS ?= 1,10,50
PAGE_READERS ?= 1,10,20,50

.PHONY: run dev serve test check typecheck coverage mutate constraints bench shots clean release i18n

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
	MALLOC_ARENA_MAX=2 $(BIN)/streamlit run serve.py --server.port $(PORT)

# More readers: WORKERS app processes on the ports after PORT, behind a sticky proxy on PORT (deploy/sticky.py;
# why not `uvicorn --workers`: docs/performance.md). `make serve WORKERS=1` is one process behind the same proxy.
serve: $(VENV)/.installed
	MALLOC_ARENA_MAX=2 $(BIN)/python -m deploy.sticky --workers $(WORKERS) --port $(PORT)

# For editing the code: rerun on save (the served app does not watch its own files; .streamlit/config.toml).
dev: $(VENV)/.installed-dev
	$(BIN)/streamlit run serve.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Everything `make test` runs but the browser tests (Playwright + Chromium): a minute or two, for every commit.
check: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not browser"

# Type check of the data layer and the rules (settings in pyproject's [tool.mypy]).
typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# Line coverage of supplychain/ by the tests `make check` runs; the figure goes into docs/quality.md by hand.
coverage: $(VENV)/.installed-dev
	$(BIN)/coverage run -m pytest -q -m "not browser"
	$(BIN)/coverage report

# Mutation check of the logic modules (outside CI: minutes to hours). Settings in pyproject's [tool.mutmut].
# The score (killed / (killed + survived)) is written to docs/mutation-score.txt; docs/quality.md lists survivors.
mutate: $(VENV)/.installed-dev
	rm -rf mutants
	nice -n 19 $(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python -m bench.mutation_score mutants/mutmut-cicd-stats.json >> docs/mutation-score.txt
	$(BIN)/python -m bench.mutation_score --by-module >> docs/mutation-score.txt

# After changing requirements*.txt in a working venv: pin everything it holds for the next fresh install.
constraints: $(VENV)/.installed-dev
	( sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable ) > constraints.txt.new && mv constraints.txt.new constraints.txt

# `make bench` (sizes 1x, 10x, 100x); `make bench SIZES=1,10` or `make bench BENCH_ARGS=--quick` for less;
# `make bench READERS=1,10,50 PAGE_READERS=1,10,20,50` sets the concurrency bench's reader counts.
# Then the concurrency bench: N readers of the data routes (HTTP) and of the pages (browser sessions) at once.
bench: $(VENV)/.installed-dev
	SIZES=$(SIZES) $(BIN)/python -m bench.run $(BENCH_ARGS)
	$(BIN)/python -m bench.concurrency --http $(READERS) --pages $(PAGE_READERS)

# Build the data release: compare with the last snapshot in data/releases/, bump the version by the rule, write
# data/changes.csv, data/releases.csv and CHANGELOG.md (supplychain/data/release.py). Safe to re-run.
release: $(VENV)/.installed
	$(BIN)/python -m supplychain.data.release

# Message catalogues: extract every `_`, `ngettext` and `N_` message, merge them into each .po file, then check that
# every message has its Polish entry (a translator edits locale/pl/LC_MESSAGES/messages.po; the .pot and .mo are not kept).
I18N_SOURCES := dashboard.py pages supplychain
i18n: $(VENV)/.installed-dev
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o locale/messages.pot $(I18N_SOURCES)
	$(BIN)/pybabel update -i locale/messages.pot -d locale -l pl --no-fuzzy-matching --ignore-obsolete --no-wrap
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_i18n.py -k catalogue

clean:
	rm -rf $(VENV) .pytest_cache mutants .coverage .mypy_cache
