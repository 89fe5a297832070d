#!/usr/bin/env bash
# End-to-end tests of the Swift KubeClient against a real kube-apiserver: builds kube-apiserver
# if needed, starts one control plane (client-e2e) in a private run directory, runs the
# KubeClientE2ETests target with FLOTILLA_E2E_KUBECONFIG pointing at it, stops the cluster.
# Exits with the tests' status.
#
#   hack/e2e/client-tests.sh
#
# Environment: FLOTILLA_E2E_BASE_PORT (first API port tried, default 16443), SWIFT (default
# swift), SWIFT_BUILD_FLAGS (extra flags for swift build/test), FLOTILLA_E2E_KEEP=1 (leave the
# cluster running after a pass and print how to stop it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A run root of our own, so that we never touch clusters someone else started.
export FLOTILLA_E2E_RUN="${TMPDIR:-/tmp}/flotilla-e2e-client.$$"
E2E_RUN_ROOT="$FLOTILLA_E2E_RUN"
SWIFT="${SWIFT:-swift}"
NAME=client-e2e
REPO="$(cd "$E2E_HERE/../.." && pwd)"
read -r -a swift_flags <<<"${SWIFT_BUILD_FLAGS:-}"
started_at="$(e2e_now)"

finish() { e2e_finish $? "client e2e" "$started_at"; }
trap finish EXIT

# ---- kube-apiserver (cached after the first build) and the test binary, before any cluster runs
"$E2E_HERE/build-kube-apiserver.sh" >/dev/null
e2e_kube_apiserver >/dev/null || e2e_die "no kube-apiserver in $E2E_CACHE after build-kube-apiserver.sh"
t0="$(e2e_now)"
(cd "$REPO" && "$SWIFT" build --build-tests "${swift_flags[@]}")
e2e_log "swift build --build-tests: $(e2e_since "$t0")"

# ---- one cluster on the first free port (taking turns with smoke.sh and other runs of this)
mkdir -p "$E2E_RUN_ROOT"
exec 7>"${TMPDIR:-/tmp}/flotilla-e2e-smoke.lock"
flock -n 7 || { e2e_log "another e2e run is starting its clusters; waiting"; flock 7; }
port="${FLOTILLA_E2E_BASE_PORT:-16443}"
while e2e_port_busy "$port"; do port=$((port + 1)); done
t0="$(e2e_now)"
"$E2E_HERE/start-cluster.sh" "$NAME" "$port"
exec 7>&-
e2e_log "started $NAME on 127.0.0.1:$port in $(e2e_since "$t0")"

# ---- the tests
FLOTILLA_E2E_KUBECONFIG="$E2E_RUN_ROOT/$NAME/$NAME.kubeconfig"
export FLOTILLA_E2E_KUBECONFIG
t0="$(e2e_now)"
status=0
(cd "$REPO" && "$SWIFT" test --skip-build "${swift_flags[@]}" --filter KubeClientE2ETests) || status=$?
e2e_log "swift test --filter KubeClientE2ETests: exit $status in $(e2e_since "$t0")"
exit "$status"
