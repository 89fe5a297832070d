# Flotilla — developer entry points. `make demo` and `make test` work on a fresh Debian machine
# with the Swift toolchain: `deps` installs the C libraries when pkg-config cannot find them.

SWIFT        ?= swift
BUILD_FLAGS  ?=
FLOTILLA      = .build/debug/flotilla
SCENARIO      = config/scenario

APT_GET := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: all deps build test demo bench clean

all: build

## deps: install libyaml-dev and libcurl4-openssl-dev (and pkg-config) when they are missing.
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists yaml-0.1 2>/dev/null || missing="$$missing libyaml-dev"; \
	pkg-config --exists libcurl 2>/dev/null || missing="$$missing libcurl4-openssl-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

## test: unit tests, the 317 + 14 KubeAdmiral conformance cases, and CLI tests.
test: deps
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(BUILD_FLAGS)

## demo: until the controller lands, run `flotilla plan` over the reference scenario's YAML.
demo: build
	@echo "== Weighted policy (fed-pp-weight), replicas 10: expect 4/4/2"
	$(FLOTILLA) plan -f $(SCENARIO)/clusters.yaml -f $(SCENARIO)/policies.yaml -f $(SCENARIO)/deployment-weight.yaml
	@echo
	@echo "== Priority policy (fed-pp-priority, Binpack), replicas 10: expect 6/2/2"
	$(FLOTILLA) plan -f $(SCENARIO)/clusters.yaml -f $(SCENARIO)/policies.yaml -f $(SCENARIO)/deployment-priority.yaml

## bench: ns and allocations per placement decision (release build).
bench: deps
	$(SWIFT) run -c release FlotillaBench

clean:
	rm -rf .build
