# Flotilla — developer entry points. `make demo` and `make test` work on a fresh Debian machine
# with the Swift toolchain: `deps` installs the C libraries when pkg-config cannot find them.

SWIFT        ?= swift
BUILD_FLAGS  ?=
FLOTILLA      = .build/debug/flotilla
SCENARIO      = config/scenario

APT_GET := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: all deps build test demo bench clean

all: build

## deps: install libyaml-dev, libcurl4-openssl-dev, zlib1g-dev and pkg-config when they are missing, and
## kubectl (Debian: kubernetes-client) and openssl, which the API server and TLS tests drive.
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists yaml-0.1 2>/dev/null || missing="$$missing libyaml-dev"; \
	pkg-config --exists libcurl 2>/dev/null || missing="$$missing libcurl4-openssl-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	command -v kubectl >/dev/null 2>&1 || missing="$$missing kubernetes-client"; \
	command -v openssl >/dev/null 2>&1 || missing="$$missing openssl"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

## test: unit tests, the 317 + 14 KubeAdmiral conformance cases, and CLI tests.
test: deps
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(BUILD_FLAGS) --skip KubeClientE2ETests

## demo: the reference scenario (parts A and B) on the embedded simulated federation, on a
## simulated clock: `flotilla demo` prints each step's pods per cluster and pool beside the
## scenario's table and exits 1 if a step differs. `flotilla demo --serve` leaves it running.
demo: build
	@$(FLOTILLA) demo --config config/demo/federation.yaml --scenario-directory $(SCENARIO)

## bench: release build. The federation controller at 1,000 and 10,000 workloads x 10 simulated
## members (cold start to converged, writes, peak RSS, policy change -> member write latency), the
## client (watch events decoded/s, requests/s over one connection), then ns and allocations per
## placement decision. `swift run -c release FlotillaBench federation 300` is a quick smoke run.
bench: deps
	$(SWIFT) run -c release FlotillaBench

clean:
	rm -rf .build

## e2e-apiserver: the real-API-server tier (hack/e2e/README.md). Builds kube-apiserver from
## Debian's source once (cached outside the checkout), then smoke-tests a host and two members.
.PHONY: e2e-apiserver
e2e-apiserver:
	hack/e2e/build-kube-apiserver.sh
	hack/e2e/smoke.sh

## e2e-client: the Swift KubeClient's end-to-end tests (KubeClientE2ETests) against one real
## kube-apiserver started for the run (hack/e2e/client-tests.sh). `make test` skips them.
.PHONY: e2e-client
e2e-client:
	SWIFT="$(SWIFT)" SWIFT_BUILD_FLAGS="$(BUILD_FLAGS)" hack/e2e/client-tests.sh

## e2e-clusters: `flotilla clusters` against a real host and two members with TLS and tokens,
## GPU nodes and pods, and four broken members (hack/e2e/clusters.sh).
.PHONY: e2e-clusters
e2e-clusters:
	SWIFT="$(SWIFT)" SWIFT_BUILD_FLAGS="$(BUILD_FLAGS)" hack/e2e/clusters.sh

## e2e-membersim: `flotilla sim-member` against one real kube-apiserver (hack/e2e/membersim.sh):
## the scenario's Deployment in ACK-POC runs 2 prepaid + 2 elastic pods.
.PHONY: e2e-membersim
e2e-membersim:
	SWIFT="$(SWIFT)" SWIFT_BUILD_FLAGS="$(BUILD_FLAGS)" hack/e2e/membersim.sh

## e2e-manifests: manifests/ against one real kube-apiserver (hack/e2e/manifests.sh): the CRDs
## are structural and default what Placement defaults, the scenario applies, RBAC is least privilege.
.PHONY: e2e-manifests
e2e-manifests:
	hack/e2e/build-kube-apiserver.sh
	hack/e2e/manifests.sh

## e2e-run: `flotilla run` itself on a real host and member (hack/e2e/run.sh): two replicas with
## leader election, probes and metrics, placement, handover on SIGTERM, a scale and a deletion.
.PHONY: e2e-run
e2e-run:
	SWIFT="$(SWIFT)" SWIFT_BUILD_FLAGS="$(BUILD_FLAGS)" hack/e2e/run.sh

## e2e-demo: the reference scenario on real kube-apiservers, a host and three members
## (hack/e2e/demo.sh): `flotilla demo --external` walks A1-A6 and B1-B8.
.PHONY: e2e-demo
e2e-demo:
	SWIFT="$(SWIFT)" SWIFT_BUILD_FLAGS="$(BUILD_FLAGS)" hack/e2e/demo.sh

## e2e: the tier against a real kube-apiserver (CI runs it after `make test`): the kubectl smoke
## test of a host and two members, the Swift client's end-to-end tests, `flotilla clusters`, the
## member simulator, the manifests, `flotilla run`, and the reference scenario.
.PHONY: e2e
e2e: e2e-apiserver e2e-client e2e-clusters e2e-membersim e2e-manifests e2e-run e2e-demo
