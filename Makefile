# The two commands of the README: `make run` (the main job on Corpus/) and `make test` (every test).
# Both install what is missing first.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps rules-test

## Install libxml2's headers and pkg-config when pkg-config cannot find libxml2 (Debian/Ubuntu).
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libxml-2.0; then \
		echo "make: installing libxml2-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxml2-dev pkg-config; \
	fi

## Build assay (release) and run it on Corpus/ with Rules/, writing Output/.
run: deps
	$(SWIFT) build -c release --product assay
	.build/release/assay build --corpus Corpus --rules Rules --output Output

## Run every test: unit, rule examples, acceptance, end-to-end.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

## Run only the rules' own examples, as rule authors do.
rules-test: deps
	$(SWIFT) run assay rules test
