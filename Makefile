# One command sets everything up and runs the main job; one runs the tests (README).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
OUT ?= out
APT_PACKAGES := tesseract-ocr tesseract-ocr-dan libreoffice-writer-nogui poppler-utils fonts-dejavu-core
STAMP_SYS := $(VENV)/.system-packages
STAMP_PY := $(VENV)/.installed

.PHONY: run test check lint setup system-packages clean bench

run: setup
	$(VENV)/bin/sagsscreening run samples/archive --out $(OUT)
	@echo "Resultater: $(OUT)/cases.csv, $(OUT)/findings.csv, $(OUT)/documents.csv, $(OUT)/screening.xlsx, $(OUT)/report.html"

test: setup
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

setup: system-packages $(STAMP_PY)

system-packages: $(STAMP_SYS)

$(STAMP_SYS):
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installerer systempakker:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@mkdir -p $(VENV) && touch $@

$(STAMP_PY): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip uv
	$(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -e '.[dev]'
	touch $@

bench: setup
	$(PY) bench/run_benchmark.py --cases 120

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
