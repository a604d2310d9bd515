# Warta: `make build` sets up .venv and builds content/ into output/;
# `make test` sets up everything the tests need and runs them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test serve check clean

build: $(VENV)/.build-deps
	$(BIN)/invoke build

test: $(VENV)/.test-deps system-packages
	$(BIN)/python -m pytest

serve: $(VENV)/.build-deps
	$(BIN)/invoke serve

check: $(VENV)/.build-deps
	$(BIN)/invoke check

$(VENV)/.build-deps: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.build-deps requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Browser tests drive Debian's Chromium and publish tests use rsync; install them when missing.
.PHONY: system-packages
system-packages:
	@command -v chromium >/dev/null 2>&1 && command -v rsync >/dev/null 2>&1 || { \
	  echo "Memasang chromium dan rsync (Debian)…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium rsync; }

clean:
	rm -rf output output.prev .cache
