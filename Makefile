# Warta: `make build` sets up .venv and builds content/ into output/;
# `make test` sets up everything the tests need and runs them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test serve check clean

build: $(VENV)/.build-deps
	$(BIN)/invoke build

test: $(VENV)/.test-deps system-packages node_modules/.installed
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

# Browser tests drive Debian's Chromium, publish tests use rsync, the HTML checker needs
# Java and the quality-gate tools come from npm; install whatever is missing.
SYSTEM_TOOLS := chromium rsync java npm
.PHONY: system-packages
system-packages:
	@missing=""; for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Memasang paket Debian untuk:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q \
	    chromium rsync default-jre-headless nodejs npm; \
	fi

# vnu-jar (Nu HTML Checker) and axe-core, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf output output.prev output.staging .cache node_modules
