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

# Debian's Python makes a venv only with python3-venv installed; without it, a venv without pip is
# left behind, which is made again.
$(VENV)/.build-deps: requirements.txt
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || $(MAKE) --no-print-directory apt-install PACKAGES=python3-venv
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.build-deps requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The tests run real programs from Debian: Chromium (browser tests), rsync (publish), Java (the HTML
# checker), nginx (the redirect snippet) and npm (the quality-gate tools). Only the packages of the
# tools that are missing are installed: a Node.js from NodeSource brings its own npm, and asking apt
# for Debian's npm beside it fails ("nodejs : Conflicts: npm").
.PHONY: system-packages
system-packages:
	@have() { command -v "$$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$$1" ]; }; \
	packages=""; \
	have chromium || packages="$$packages chromium"; \
	have rsync    || packages="$$packages rsync"; \
	have java     || packages="$$packages default-jre-headless"; \
	have nginx    || packages="$$packages nginx"; \
	have node     || packages="$$packages nodejs"; \
	have npm      || packages="$$packages npm"; \
	if [ -n "$$packages" ]; then $(MAKE) --no-print-directory apt-install PACKAGES="$$packages"; fi

# `make apt-install PACKAGES="…"`: apt-get install, as root or through sudo. Services stay stopped
# while they are installed (policy-rc.d): the tests start their own nginx on a free loopback port,
# and a package whose service cannot start (port 80 taken, no init system) must not fail the setup.
.PHONY: apt-install
apt-install:
	@echo "Memasang paket Debian:$(PACKAGES)"
	@set -e; SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	policy=/usr/sbin/policy-rc.d; own_policy=""; \
	if [ ! -e $$policy ]; then \
	  printf '#!/bin/sh\nexit 101\n' | $$SUDO tee $$policy >/dev/null && $$SUDO chmod 755 $$policy && own_policy=1; \
	fi; \
	trap '[ -z "$$own_policy" ] || $$SUDO rm -f '"$$policy" EXIT; \
	$$SUDO apt-get update -q || echo "Peringatan: apt-get update gagal; memasang dari daftar paket yang ada"; \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $(PACKAGES)

# vnu-jar (Nu HTML Checker) and axe-core, and the web editor (Decap CMS and decap-server, which its
# browser tests drive), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf output output.prev output.staging .cache node_modules
