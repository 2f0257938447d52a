# Two commands on a fresh machine with python3 and make: `make run`, `make test`.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
RUN_DATE ?= 2025-01-15
WAREHOUSE ?= $(or $(NEWS_WAREHOUSE),data/warehouse.duckdb)

export DAGSTER_HOME := $(CURDIR)
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: install run test test-all ui sql report lint bench clean

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced

## run the whole pipeline on the bundled sample sources for RUN_DATE, then print a summary
run: install
	@mkdir -p data
	@echo "materializing every asset for crawl date $(RUN_DATE) (log: data/last_run.log)"
	@$(VENV)/bin/dagster asset materialize -m pipelines.definitions --select '*' \
		--partition $(RUN_DATE) > data/last_run.log 2>&1 \
		|| (tail -n 60 data/last_run.log; echo "run failed: see data/last_run.log"; exit 1)
	@$(VENV)/bin/python -m pipelines.summary --date $(RUN_DATE)

## the test suite (tests reading ../shared skip with a reason when it is absent)
test: install
	$(VENV)/bin/pytest

## Dagster UI on http://localhost:3000
ui: install
	$(VENV)/bin/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

## DuckDB CLI on the warehouse (read-only, so a running pipeline is not blocked... and vice versa),
## with the analysis views (upgraded first when no run holds the file) and full-text search loaded
sql: install
	@$(VENV)/bin/python -m pipelines.lib.warehouse upgrade $(WAREHOUSE)
	$(VENV)/bin/duckdb -readonly \
		-cmd "load '$$($(VENV)/bin/python -m pipelines.lib.warehouse fts-path)'" $(WAREHOUSE)

## the nightly HTML report of REPORT_DATE (default: the warehouse's last crawl date) from the
## existing warehouse, into data/report-<date>.html and data/report.html (self-contained: opens offline)
report: install
	$(VENV)/bin/python -m pipelines.summary --report $(if $(REPORT_DATE),--date $(REPORT_DATE))

lint: install
	$(VENV)/bin/ruff check pipelines tests bench
	$(VENV)/bin/ruff format --check pipelines tests bench

bench: install
	@ls bench/*.py >/dev/null 2>&1 && for b in bench/*.py; do $(VENV)/bin/python $$b; done || echo "no benchmarks yet"

clean:
	rm -rf data/warehouse.duckdb data/warehouse.duckdb.wal data/raw data/dagster data/last_run.log data/report*.html \
		data/screenshots
