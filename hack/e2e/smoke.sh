#!/usr/bin/env bash
# Smoke test of the real-API-server tier: starts a host and two member control planes, drives
# them with the real kubectl, stops them. Exits non-zero at the first failed check.
#
#   hack/e2e/smoke.sh
#
# No controller-manager or scheduler runs: a Deployment never gets a ReplicaSet or pods and a Pod
# stays Pending, which the checks expect. The test never deletes its namespace, which would stay
# Terminating; the clusters are thrown away instead.
#
# Environment: FLOTILLA_E2E_BASE_PORT (first API port tried, default 16443), KUBECTL (default
# kubectl), FLOTILLA_E2E_KEEP=1 (leave the clusters running and print how to stop them).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A run root of our own, so the smoke test never touches clusters someone else started.
export FLOTILLA_E2E_RUN="${TMPDIR:-/tmp}/flotilla-e2e-smoke.$$"
E2E_RUN_ROOT="$FLOTILLA_E2E_RUN"
KUBECTL="${KUBECTL:-kubectl}"
CRD="$E2E_HERE/../../manifests/crds/core.kubeadmiral.io_federatedclusters.yaml"
CLUSTERS=(host member-1 member-2)
NS=flotilla-smoke

command -v "$KUBECTL" >/dev/null || e2e_die "kubectl not found (KUBECTL=$KUBECTL)"
e2e_kube_apiserver >/dev/null || e2e_die "no kube-apiserver in $E2E_CACHE; run hack/e2e/build-kube-apiserver.sh first"
smoke_started="$(e2e_now)"

finish() {
  local status=$?
  if [ "${FLOTILLA_E2E_KEEP:-0}" = 1 ] && [ "$status" = 0 ]; then
    e2e_log "clusters left running; stop them with: FLOTILLA_E2E_RUN=$E2E_RUN_ROOT $E2E_HERE/stop-cluster.sh --purge --all"
  elif [ -d "$E2E_RUN_ROOT" ]; then
    local t0; t0="$(e2e_now)"
    if [ "$status" = 0 ]; then
      "$E2E_HERE/stop-cluster.sh" --purge --all 2>/dev/null
    else
      "$E2E_HERE/stop-cluster.sh" --all
      e2e_log "logs, certificates and kubeconfigs kept in $E2E_RUN_ROOT"
    fi
    printf '  %-72s %s\n' "stop all clusters" "$(e2e_since "$t0")"
  fi
  if [ "$status" = 0 ]; then
    e2e_log "smoke passed in $(e2e_since "$smoke_started")"
  else
    e2e_log "smoke FAILED (exit $status) after $(e2e_since "$smoke_started")"
  fi
}
trap finish EXIT

# ---- helpers
# step DESCRIPTION COMMAND...: runs COMMAND, prints ok and the time it took, or its output
# and stops the test.
step() {
  local desc="$1" t0 out; shift
  t0="$(e2e_now)"
  if out="$("$@" 2>&1)"; then
    printf '  ok  %-72s %s\n' "$desc" "$(e2e_since "$t0")"
  else
    printf '  FAIL %s\n' "$desc" >&2
    printf '%s\n' "$out" | sed 's/^/       | /' >&2
    exit 1
  fi
}
# expect WANT COMMAND...: COMMAND's standard output must be exactly WANT.
expect() {
  local want="$1" got; shift
  got="$("$@")" || return 1
  [ "$got" = "$want" ] || { printf 'expected %q, got %q from: %s\n' "$want" "$got" "$*"; return 1; }
}
# expect_fail PATTERN COMMAND...: COMMAND must fail with PATTERN (any case) in its output.
expect_fail() {
  local pattern="$1" out; shift
  if out="$("$@" 2>&1)"; then printf 'expected failure, but it succeeded: %s\n%s\n' "$*" "$out"; return 1; fi
  grep -qiE -- "$pattern" <<<"$out" || { printf 'failed without /%s/: %s\n%s\n' "$pattern" "$*" "$out"; return 1; }
}
# expect_match REGEX COMMAND...: COMMAND's standard output must match the extended REGEX.
expect_match() {
  local re="$1" out; shift
  out="$("$@")" || return 1
  [[ "$out" =~ $re ]] || { printf 'no match for /%s/ in output of: %s\n%s\n' "$re" "$*" "$out"; return 1; }
}
# expect_lines LINE... -- COMMAND...: COMMAND's output must contain every LINE.
expect_lines() {
  local words=() out w
  while [ "$1" != -- ]; do words+=("$1"); shift; done; shift
  out="$("$@")" || return 1
  for w in "${words[@]}"; do
    grep -qxF -- "$w" <<<"$out" || { printf 'missing %q in output of: %s\n%s\n' "$w" "$*" "$out"; return 1; }
  done
}

# kubectl auth can-i prints yes or no, and exits 1 for no.
can_i() { kc "$1" auth can-i "${@:2}" || true; }
server_of() { sed -n 's/^FLOTILLA_E2E_SERVER=//p' "$E2E_RUN_ROOT/$1/cluster.env"; }

# ---- start: all three at once (each waits for its own /readyz), ports picked up front
port="${FLOTILLA_E2E_BASE_PORT:-16443}"
e2e_log "starting ${CLUSTERS[*]} under $E2E_RUN_ROOT ($("$(e2e_kube_apiserver)" --version), $(etcd --version | head -n 1))"
mkdir -p "$E2E_RUN_ROOT"
t0="$(e2e_now)"
# Another smoke test starting now would see the same free ports: take turns until ours listen.
exec 7>"${TMPDIR:-/tmp}/flotilla-e2e-smoke.lock"
flock -n 7 || { e2e_log "another smoke test is starting its clusters; waiting"; flock 7; }
declare -A start_pid start_port
for name in "${CLUSTERS[@]}"; do
  while e2e_port_busy "$port"; do port=$((port + 1)); done
  start_port[$name]=$port
  "$E2E_HERE/start-cluster.sh" "$name" "$port" >"$E2E_RUN_ROOT/$name.start.log" 2>&1 &
  start_pid[$name]=$!
  port=$((port + 1))
done
start_failed=0
for name in "${CLUSTERS[@]}"; do
  if wait "${start_pid[$name]}"; then
    printf '  ok  %-72s %s\n' "start $name on 127.0.0.1:${start_port[$name]}" \
      "$(sed -n 's/.* ready in \([0-9.]*s\).*/\1/p' "$E2E_RUN_ROOT/$name.start.log")"
  else
    printf '  FAIL start %s on 127.0.0.1:%s\n' "$name" "${start_port[$name]}" >&2
    sed 's/^/       | /' "$E2E_RUN_ROOT/$name.start.log" >&2
    start_failed=1
  fi
  rm -f "$E2E_RUN_ROOT/$name.start.log"
done
exec 7>&-
[ "$start_failed" = 0 ] || exit 1
printf '  %-72s %s\n' "all three ready" "$(e2e_since "$t0")"

# ---- every cluster: core API, a Deployment's life without controllers, auth and RBAC
check_cluster() {
  local c="$1"
  e2e_log "$c ($(server_of "$c"))"
  step "$c: /version is v1.20.x" \
    expect_match '"gitVersion": *"v1\.20\.' kc "$c" get --raw /version
  step "$c: get ns lists the four system namespaces" \
    expect_lines default kube-system kube-public kube-node-lease -- kc "$c" get ns -o 'jsonpath={range .items[*]}{.metadata.name}{"\n"}{end}'
  step "$c: client-certificate context (NAME-cert) is admin too" \
    kc "$c" --context "$c-cert" get ns default
  step "$c: RBAC denies a user without bindings" \
    expect no can_i "$c" list deployments --as=flotilla-e2e-nobody -n default
  step "$c: RBAC allows the admin" \
    expect yes can_i "$c" create deployments -n default
  step "$c: create namespace $NS" kc "$c" create namespace "$NS"
  step "$c: create deployment web (2 replicas)" \
    kc "$c" -n "$NS" create deployment web --image=registry.invalid/flotilla/pause:3.2 --replicas=2
  step "$c: get deployment web: spec.replicas=2, no status (no controller)" \
    expect "2/" kc "$c" -n "$NS" get deployment web -o 'jsonpath={.spec.replicas}/{.status.replicas}'
  step "$c: strategic-merge patch of the image bumps generation to 2" \
    kc "$c" -n "$NS" patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"pause","image":"registry.invalid/flotilla/pause:3.4"}]}}}}'
  step "$c: get deployment web: new image, generation 2" \
    expect "registry.invalid/flotilla/pause:3.4 2" kc "$c" -n "$NS" get deployment web \
      -o 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}'
  step "$c: merge patch adds a label" \
    kc "$c" -n "$NS" patch deployment web --type=merge -p '{"metadata":{"labels":{"flotilla.io/smoke":"patched"}}}'
  step "$c: JSON patch guarded by a failing test op is refused (422)" \
    expect_fail 'request is invalid' kc "$c" -n "$NS" patch deployment web --type=json \
      -p '[{"op":"test","path":"/spec/replicas","value":7},{"op":"replace","path":"/spec/replicas","value":9}]'
  step "$c: ... and changed nothing" \
    expect 2 kc "$c" -n "$NS" get deployment web -o 'jsonpath={.spec.replicas}'
  step "$c: scale deployment web to 5 (scale subresource)" \
    kc "$c" -n "$NS" scale deployment web --replicas=5
  step "$c: scale with a stale --current-replicas precondition is refused" \
    expect_fail 'precondition|Conflict|expected' kc "$c" -n "$NS" scale deployment web --current-replicas=2 --replicas=1
  step "$c: get deployment web: replicas 5, label kept" \
    expect "5 patched" kc "$c" -n "$NS" get deployment web -o 'jsonpath={.spec.replicas} {.metadata.labels.flotilla\.io/smoke}'
  step "$c: create pod p without a ServiceAccount (admission plugin off)" \
    kc "$c" -n "$NS" run p --image=registry.invalid/flotilla/pause:3.2 --restart=Never
  step "$c: pod p stays Pending on no node (no scheduler)" \
    expect "Pending/" kc "$c" -n "$NS" get pod p -o 'jsonpath={.status.phase}/{.spec.nodeName}'
  step "$c: delete pod p (never scheduled, so gone at once)" kc "$c" -n "$NS" delete pod p --wait=true --timeout=20s
  step "$c: delete deployment web" kc "$c" -n "$NS" delete deployment web --wait=true --timeout=30s
  step "$c: deployment web is gone" expect_fail 'NotFound|not found' kc "$c" -n "$NS" get deployment web
}

# create_fcluster CLUSTER NAME ENDPOINT [without-secret]
create_fcluster() {
  local secret_ref="  secretRef: {name: $2}" flags=()
  # Without client-side validation, so that the server's schema is what says no.
  [ "${4:-}" = without-secret ] && secret_ref="" flags=(--validate=false)
  kc "$1" create "${flags[@]}" -f - <<EOF
apiVersion: core.kubeadmiral.io/v1alpha1
kind: FederatedCluster
metadata:
  name: $2
  labels: {flotilla.io/smoke: "true"}
spec:
  apiEndpoint: $3
$secret_ref
EOF
}
# The first two columns of the server-side table (NAME, READY) for one FederatedCluster.
name_and_ready() { kc "$1" get fcluster "$2" --no-headers | awk '{ print $1, $2 }'; }

# ---- the host: the FederatedCluster CRD, members as objects, the status subresource
check_host_crd() {
  local c=host m
  e2e_log "$c: FederatedCluster CRD"
  step "$c: apply the FederatedCluster CRD" kc "$c" apply -f "$CRD"
  step "$c: CRD becomes Established" \
    kc "$c" wait --for=condition=Established --timeout=30s crd/federatedclusters.core.kubeadmiral.io
  for m in member-1 member-2; do
    step "$c: create FederatedCluster $m -> $(server_of "$m")" create_fcluster "$c" "$m" "$(server_of "$m")"
  done
  step "$c: get fcluster (short name) lists both members" \
    expect_lines member-1 member-2 -- kc "$c" get fcluster -o 'jsonpath={range .items[*]}{.metadata.name}{"\n"}{end}'
  step "$c: the schema rejects a FederatedCluster without spec.secretRef" \
    expect_fail 'secretRef' create_fcluster "$c" bad https://127.0.0.1:1 without-secret
  step "$c: a status change through the main resource is ignored" \
    kc "$c" patch fcluster member-1 --type=merge -p '{"status":{"joinPerformed":true}}'
  step "$c: ... so status is still empty" \
    expect "" kc "$c" get fcluster member-1 -o 'jsonpath={.status.joinPerformed}'
  step "$c: patch status through the status subresource" \
    kc "$c" patch fcluster member-1 --subresource=status --type=merge -p \
      '{"status":{"joinPerformed":true,"conditions":[{"type":"Ready","status":"True","reason":"ClusterReady","message":"/healthz responded with ok","lastProbeTime":"2026-01-01T00:00:00Z","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}'
  step "$c: get fcluster prints the new condition in the READY column" \
    expect "member-1 True" name_and_ready "$c" member-1
  step "member-1: the CRD exists on the host only" \
    expect_fail 'NotFound|not found' kc member-1 get crd federatedclusters.core.kubeadmiral.io
}

for name in "${CLUSTERS[@]}"; do check_cluster "$name"; done
check_host_crd
