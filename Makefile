# The two set-up commands of the README: `make demo` and `make test`. Both create .venv and install.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= flashpoint.db
SAMPLES := src/flashpoint/samples

.PHONY: install demo test test-fast lint bench clean

$(BIN)/flashpoint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/flashpoint

demo: install
	$(BIN)/flashpoint ingest $(SAMPLES) --db $(DB)
	$(BIN)/flashpoint articles --db $(DB)
	$(BIN)/flashpoint events --db $(DB) --limit 40

# The tests run their store tests on SQLite and on a throwaway PostgreSQL server on loopback
# (scripts/pg_test_server.sh installs Debian's postgresql when it is missing and starts it).
test: install
	@bash scripts/ci_browser.sh || echo "no chromium: the browser tests will be skipped"
	@if [ -z "$$FLASHPOINT_TEST_PG" ]; then eval "$$(scripts/pg_test_server.sh)" || echo "no PostgreSQL: its tests will be skipped"; fi; \
	$(BIN)/python -m pytest tests

test-fast: install
	$(BIN)/python -m pytest tests -m "not model and not e2e"

lint: install
	$(BIN)/python -m pip install --quiet ruff mypy
	$(BIN)/ruff check src tests
	$(BIN)/mypy src/flashpoint

clean:
	rm -rf $(VENV) build dist *.egg-info $(DB)

bench: install
	$(BIN)/python scripts/bench_pipeline.py

# Analysis benchmark (#9): 1,000,000 synthetic events on SQLite; times the dyad series and alert queries.
.PHONY: bench-analysis
bench-analysis: install
	$(BIN)/python scripts/bench_analysis.py --events 1000000 --cluster-sample 20000

# Load under write contention (#12): the API driven from a second process while an ingest writes the same
# SQLite store; reports req/s, p95 latency, errors, and checks no article or review write is lost.
.PHONY: load
load: install
	$(BIN)/python scripts/load_ingest_api.py --articles 60 --seconds 300
