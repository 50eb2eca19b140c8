# Two commands: `make run` serves the app, `make test` runs every test. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SIZES ?= 1,10,100

.PHONY: run dev test mutate constraints bench shots clean i18n

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
	$(BIN)/streamlit run dashboard.py --server.port $(PORT)

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

# Message catalogues: extract every `_`, `ngettext` and `N_` message, merge them into each .po file, then check that
# every message has its Polish entry (a translator edits locale/pl/LC_MESSAGES/messages.po; the .pot and .mo are not kept).
I18N_SOURCES := dashboard.py pages supplychain
i18n: $(VENV)/.installed-dev
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o locale/messages.pot $(I18N_SOURCES)
	$(BIN)/pybabel update -i locale/messages.pot -d locale -l pl --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_i18n.py -k catalogue

clean:
	rm -rf $(VENV) .pytest_cache mutants
