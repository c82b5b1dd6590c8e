# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev

.PHONY: demo test install eval bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev,plot]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb demo.duckdb.wal
	$(VENV)/bin/realpolitik ingest examples/corpus --db demo.duckdb
	$(VENV)/bin/realpolitik summary --db demo.duckdb
	$(VENV)/bin/realpolitik report --db demo.duckdb -o report.html --force
	@echo "Report written to report.html"


test: $(STAMP)
	$(VENV)/bin/python -m pytest -q -n 2 tests

eval: $(STAMP)
	$(VENV)/bin/realpolitik eval plover ../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.json --format table

bench: $(STAMP)
	$(PY) bench/bench_ingest.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info demo.duckdb*
