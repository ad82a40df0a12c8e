# newsbrief developer commands. `make setup` then `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS ?= dev,analysis,eval,web,stream,browser,scale,embed
STORY_SIZES ?= 10000,100000
SCALE_SIZES ?= 10000

.PHONY: setup system-packages test lint format bench eval clean

setup: system-packages  ## install everything the default path, the tests and the benchmarks need
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[$(EXTRAS)]"
	@# axe-core for the accessibility tests (package.json; node_modules/ is gitignored)
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility tests will skip (and fail in CI)"; fi

# Debian's chromium (the browser tests never download one), the Perl XML::DOM module the
# original ROUGE-1.5.5 needs, and npm (axe-core for the accessibility tests). Installed with
# apt-get when missing and running as root; otherwise the command to run is printed and setup stops.
system-packages:
	@missing=""; command -v chromium >/dev/null || missing="chromium"; \
	perl -MXML::DOM -e 1 2>/dev/null || missing="$$missing libxml-dom-perl"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else echo "make setup needs: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi

test:  ## the whole test suite (what CI runs)
	$(BIN)/python -m pytest

lint:  ## ruff (lint + format check) and mypy on src/
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format:
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench:  ## speed against peers, story mode, and time/memory at the input limits (DUC=/path/to/DUC2006 optional)
	$(BIN)/python benchmarks/bench_speed.py $(if $(DUC),--duc $(DUC))
	$(BIN)/python benchmarks/bench_analysis.py $(if $(DUC),--duc $(DUC))
	$(BIN)/python benchmarks/bench_stories.py --sizes $(STORY_SIZES) $(if $(DUC),--duc $(DUC)) \
	  $(if $(DUC2007),--duc2006 $(DUC) --duc2007 $(DUC2007))
	$(BIN)/python benchmarks/bench_scale.py --sizes $(SCALE_SIZES)
	$(BIN)/python benchmarks/bench_resources.py
	$(BIN)/python benchmarks/bench_watch.py --feeds 200 --readers 50

SCORER ?= rouge-score
eval:  ## ROUGE on DUC 2006 (generic 100 words, query-focused 250): make eval DATA=/path/to/DUC2006 [SCORER=both]
	test -n "$(DATA)" || { echo "usage: make eval DATA=/path/to/DUC2006"; exit 2; }
	$(BIN)/newsbrief eval duc $(DATA) --max-words 100 --scorer $(SCORER) \
	  --cache artifacts/eval-cache --json artifacts/duc-generic-100.json
	$(BIN)/newsbrief eval duc $(DATA) --max-words 250 --query-from-topic --scorer $(SCORER) \
	  --cache artifacts/eval-cache --json artifacts/duc-query-250.json
	$(BIN)/python benchmarks/eval_results.py artifacts/duc-generic-100.json artifacts/duc-query-250.json

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
