# The commands of the README: `make run` (the main job on Corpus/), `make test` (every test) and `make check`
# (is the committed Output/ what a build writes now?). All install what is missing first.

SWIFT ?= swift
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# frictionless validates Output/datapackage.json in the test suite; pinned so CI and people run the same one.
FRICTIONLESS_VERSION ?= 5.21.0

.PHONY: run test check deps browser venv rules-test

## Install libxml2's and SQLite's headers and pkg-config when missing (Debian/Ubuntu).
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libxml-2.0 || ! pkg-config --exists sqlite3; then \
		echo "make: installing libxml2-dev, libsqlite3-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxml2-dev libsqlite3-dev pkg-config; \
	fi

## Install headless Chromium when missing (Debian's `chromium`): the review pages are tested in a real browser.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "make: installing chromium with apt-get (the review pages' browser tests)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	fi

## A Python virtual environment in .venv/ with frictionless, for the Data Package test (`frictionless validate`).
venv: .venv/bin/frictionless

.venv/bin/frictionless:
	$(PYTHON) -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check 'frictionless==$(FRICTIONLESS_VERSION)'

## Build assay (release) and run it on Corpus/ with Rules/, writing Output/.
run: deps
	$(SWIFT) build -c release --product assay
	.build/release/assay build --corpus Corpus --rules Rules --output Output

## Run every test: unit, rule examples, acceptance, Data Package validation, review pages in Chromium, end-to-end.
test: deps venv browser
	$(SWIFT) build --build-tests
	$(SWIFT) test

## Fail when Output/ is not exactly what a build writes now (run `make run` and commit Output/).
check: deps
	$(SWIFT) build --product assay
	.build/debug/assay build --check --corpus Corpus --rules Rules --output Output

## Run only the rules' own examples, as rule authors do.
rules-test: deps
	$(SWIFT) run assay rules test
