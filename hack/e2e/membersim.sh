#!/usr/bin/env bash
# The member simulator against a real kube-apiserver: starts one control plane (membersim) in a
# private run directory, runs `flotilla sim-member` for ACK-POC against it, applies the
# scenario's Deployment with 4 replicas and checks with kubectl that 4 pods run, 2 on the
# prepaid nodes and 2 on the ECI virtual-kubelet node; then scales to 2 and checks that the
# elastic pods went first (a real API server makes bound pods wait for their kubelet, which
# the simulator plays). Stops everything and exits with the checks' status.
#
#   hack/e2e/membersim.sh
#
# Environment: FLOTILLA_E2E_BASE_PORT (first API port tried, default 16443), SWIFT (default
# swift), SWIFT_BUILD_FLAGS, FLOTILLA_E2E_WAIT (seconds each check may take, default 60),
# FLOTILLA_E2E_KEEP=1 (leave the cluster running after a pass).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export FLOTILLA_E2E_RUN="${TMPDIR:-/tmp}/flotilla-e2e-membersim.$$"
E2E_RUN_ROOT="$FLOTILLA_E2E_RUN"
SWIFT="${SWIFT:-swift}"
NAME=membersim
MEMBER=ACK-POC
WAIT="${FLOTILLA_E2E_WAIT:-60}"
REPO="$(cd "$E2E_HERE/../.." && pwd)"
read -r -a swift_flags <<<"${SWIFT_BUILD_FLAGS:-}"
started_at="$(e2e_now)"
sim_pid=""
checks=0

finish() {
  local status=$?
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -TERM "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  if [ "$status" != 0 ] && [ -s "$E2E_RUN_ROOT/sim-member.log" ]; then
    printf -- '--- last lines of %s\n' "$E2E_RUN_ROOT/sim-member.log" >&2
    tail -n 30 "$E2E_RUN_ROOT/sim-member.log" >&2
  fi
  e2e_finish "$status" "member simulator e2e ($checks checks)" "$started_at" purge-root
}
trap finish EXIT

# Retries COMMAND (a shell function) until it succeeds or $WAIT seconds pass; counts one check.
check() {
  local what="$1" deadline=$((SECONDS + WAIT)) t0
  shift
  t0="$(e2e_now)"
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || e2e_die "$what: not true after ${WAIT}s (last: $(last_seen))"
    kill -0 "$sim_pid" 2>/dev/null || e2e_die "$what: flotilla sim-member exited"
    sleep 0.5
  done
  checks=$((checks + 1))
  e2e_log "ok: $what ($(e2e_since "$t0"))"
}

# ---- kube-apiserver (cached after the first build) and flotilla
e2e_build_flotilla

# ---- one cluster on the first free port (taking turns with the other e2e scripts)
mkdir -p "$E2E_RUN_ROOT"
exec 7>"${TMPDIR:-/tmp}/flotilla-e2e-smoke.lock"
flock -n 7 || { e2e_log "another e2e run is starting its clusters; waiting"; flock 7; }
port="${FLOTILLA_E2E_BASE_PORT:-16443}"
while e2e_port_busy "$port"; do port=$((port + 1)); done
"$E2E_HERE/start-cluster.sh" "$NAME" "$port"
exec 7>&-
KUBECONFIG_FILE="$E2E_RUN_ROOT/$NAME/$NAME.kubeconfig"
k() { kubectl --kubeconfig "$KUBECONFIG_FILE" "$@"; }

# ---- the simulator
"$FLOTILLA" sim-member --kubeconfig "$KUBECONFIG_FILE" --config "$REPO/config/demo/federation.yaml" \
  --cluster "$MEMBER" >"$E2E_RUN_ROOT/sim-member.log" 2>&1 7>&- &
sim_pid=$!
settled() { grep -q "$MEMBER is set up and settled" "$E2E_RUN_ROOT/sim-member.log"; }
last_seen() { tail -n 1 "$E2E_RUN_ROOT/sim-member.log" 2>/dev/null; }
check "sim-member set up $MEMBER" settled

nodes_ready() {
  [ "$(k get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | sort | tr '\n' ' ')" \
    = "np-prepaid-0=True np-prepaid-1=True virtual-kubelet-cn-shanghai-b=True " ]
}
check "the member's nodes are Ready (2 prepaid, 1 virtual-kubelet)" nodes_ready
policy_present() { k get resourcepolicies.scheduling.alibabacloud.com ack-poc-rp -n default -o name >/dev/null 2>&1; }
check "the ResourcePolicy CRDs and ack-poc-rp exist" policy_present

# ---- the scenario's Deployment, 4 replicas
k apply -f "$REPO/config/demo/deployment-gpu-demo.yaml" >/dev/null
placement() { # "node phase" per pod of the workload, sorted
  k get pods -n default -l app=gpu-demo -o jsonpath='{range .items[*]}{.spec.nodeName} {.status.phase}{"\n"}{end}' | sort
}
expect_placement() { # expect_placement PREPAID ELASTIC: exactly those pods, all Running
  local pods want_prepaid="$1" want_elastic="$2"
  pods="$(placement)"
  [ "$(grep -c . <<<"$pods")" = "$((want_prepaid + want_elastic))" ] || return 1
  [ "$(grep -c '^np-prepaid-[01] Running$' <<<"$pods")" = "$want_prepaid" ] || return 1
  [ "$(grep -c '^virtual-kubelet-cn-shanghai-b Running$' <<<"$pods")" = "$want_elastic" ]
}
last_seen() { placement | tr '\n' ';'; }
check "4 pods Running: 2 on the prepaid nodes, 2 on the ECI node" expect_placement 2 2
deployment_ready() {
  [ "$(k get deployment fed-dp-gpu -n default -o jsonpath='{.status.readyReplicas}/{.status.replicas}')" = "4/4" ]
}
check "the Deployment's status reports 4/4 ready" deployment_ready
owned_by_replicaset() {
  local rs
  rs="$(k get replicasets -n default -o jsonpath='{.items[0].metadata.name}')"
  [ -n "$rs" ] && [ "$(k get pods -n default -l app=gpu-demo -o jsonpath='{.items[*].metadata.ownerReferences[0].name}' | tr ' ' '\n' | sort -u)" = "$rs" ]
}
check "every pod belongs to the Deployment's ReplicaSet" owned_by_replicaset

# ---- scale-down releases the elastic unit first (reverse unit order)
k scale deployment fed-dp-gpu -n default --replicas=2 >/dev/null
check "after scaling to 2, the 2 prepaid pods remain and the ECI pods are gone" expect_placement 2 0
