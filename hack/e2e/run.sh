#!/usr/bin/env bash
# `flotilla run`, the controller process itself, on real kube-apiservers: a host and one member
# with TLS and tokens, the CRDs from manifests/crds, and two replicas of the controller with
# leader election, as manifests/ deploys them: with its settings file (manifests/config/), as the
# ServiceAccount `flotilla`, with only the rights manifests/rbac.yaml grants it. Checks, each
# until it holds or $WAIT seconds pass:
#
# - exactly one replica leads (its /metrics says flotilla_leader 1, the Lease names a holder);
#   both answer /healthz and /readyz (a standby is ready);
# - the leader places a Deployment: the member gets it with its replicas, Flotilla's label and
#   the OverridePolicy's JSON patch (the host object keeps none); the host object gets the
#   finalizer and the placement annotation, and a Scheduled Event says so (also when the first
#   scheduling ran before the member joined and found no cluster);
# - the host's status says the member has not reported (not zero), then sums what it reports;
#   a copy scaled by someone else in the member is put back to the plan;
# - a Deployment someone else created in the member is refused (AdoptionRefused, an Event, left
#   alone) until the host Deployment asks for adoption; an override that cannot apply gives its
#   workload OverrideFailed and an Event, sends nothing, and leaves the other workload alone;
#   ClusterPropagationPolicy and ClusterOverridePolicy bind like the namespaced kinds; a
#   workload's namespace that only the host has is created in the member (and left there);
# - a member whose API server freezes is marked unreachable; when it answers again its copy is
#   the same object, with the scale made meanwhile;
# - TERM makes the leader release the Lease and exit 0, and the standby leads within a few
#   seconds (well before the 15 s lease would have expired), reconciles, and writes nothing to
#   the member;
# - the new leader follows a scale and a new image (the same member object, updated), and
#   deleting the host Deployment removes the member's copy, then the finalizer;
# - TERM stops the second replica too, with exit status 0, and no replica logged an error.
#
#   hack/e2e/run.sh
#
# Environment: FLOTILLA_E2E_BASE_PORT (first API port tried, default 16443), SWIFT (default
# swift), SWIFT_BUILD_FLAGS, WAIT (seconds a check may take, default 30), FLOTILLA_E2E_KEEP=1
# (leave the clusters running after a pass).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export FLOTILLA_E2E_RUN="${TMPDIR:-/tmp}/flotilla-e2e-run.$$"
E2E_RUN_ROOT="$FLOTILLA_E2E_RUN"
SWIFT="${SWIFT:-swift}"
REPO="$(cd "$E2E_HERE/../.." && pwd)"
MEMBER=gpu-west # the FederatedCluster's name for the control plane "member"
WAIT=${WAIT:-30}
read -r -a swift_flags <<<"${SWIFT_BUILD_FLAGS:-}"
started_at="$(e2e_now)"
declare -A replica_pid replica_port

finish() {
  local status=$?
  set +e # the diagnostics below must not end the trap before the replicas are stopped
  if [ -n "${frozen:-}" ]; then kill -CONT "$frozen"; fi
  if [ "$status" != 0 ]; then
    e2e_log "host Deployments (name, replicas, finalizers, deletion, conditions):"
    kc host -n default get deployments -o 'jsonpath={range .items[*]}{.metadata.name} {.spec.replicas} {.metadata.finalizers} {.metadata.deletionTimestamp} {range .status.conditions[*]}{.type}={.reason} {end}{"\n"}{end}' >&2
    e2e_log "member Deployments (name, replicas, labels):"
    kc member -n default get deployments -o 'jsonpath={range .items[*]}{.metadata.name} {.spec.replicas} {.metadata.labels}{"\n"}{end}' >&2
    e2e_log "the Lease's holder: $(lease_holder 2>&1)"
    for n in "${!replica_pid[@]}"; do
      e2e_log "replica $n: $(telemetry "$n" metrics 2>&1 | grep -E 'flotilla_leader|curl')"
      e2e_log "replica $n's log (last 20 lines):"
      tail -20 "$E2E_RUN_ROOT/replica-$n.log" >&2 || true
    done
  fi
  for n in "${!replica_pid[@]}"; do kill -KILL "${replica_pid[$n]}" 2>/dev/null || true; done
  e2e_finish "$status" "flotilla run e2e" "$started_at" purge-root
}
trap finish EXIT

# check WHAT COMMAND...: retries COMMAND until it succeeds or $WAIT seconds pass.
check() {
  local what="$1" deadline=$((SECONDS + WAIT)) t0
  shift
  t0="$(e2e_now)"
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || e2e_die "$what: not true after ${WAIT}s"
    sleep 0.2
  done
  printf '  ok  %-76s %s\n' "$what" "$(e2e_since "$t0")"
}
same() { # same WANT COMMAND...: COMMAND prints exactly WANT
  local want="$1"; shift
  [ "$("$@" 2>/dev/null)" = "$want" ]
}

# start_replica N: `flotilla run` with the settings file manifests/ deploys, against the host;
# flags move telemetry to a free local port and make the member probes fast enough for a test.
start_replica() {
  local port=18080
  for p in "${replica_port[@]}"; do [ "$p" -lt "$port" ] || port=$((p + 1)); done
  while e2e_port_busy "$port"; do port=$((port + 1)); done
  "$FLOTILLA" run --config "$REPO/manifests/config/flotilla.yaml" --kubeconfig "$SA_KUBECONFIG" --telemetry-address "127.0.0.1:$port" \
    --cluster-health-period 2s --cluster-status-threshold 4s >"$E2E_RUN_ROOT/replica-$1.log" 2>&1 &
  replica_pid[$1]=$!
  replica_port[$1]=$port
}
telemetry() { curl -fsS --max-time 2 "http://127.0.0.1:${replica_port[$1]}/$2"; }
# grep without -q reads all of curl's output: with pipefail, an early exit would fail curl.
leads() { telemetry "$1" metrics | grep -x 'flotilla_leader 1' >/dev/null; }
stands_by() { telemetry "$1" metrics | grep -x 'flotilla_leader 0' >/dev/null; }
# The Lease named in manifests/config/flotilla.yaml.
lease_holder() { kc host -n kube-admiral-system get lease flotilla -o 'jsonpath={.spec.holderIdentity}'; }
member_replicas() { kc member -n default get deployment web -o 'jsonpath={.spec.replicas}'; }
# host_condition NAME TYPE: the reason of the host Deployment NAME's condition TYPE.
host_condition() {
  kc host -n default get deployment "$1" -o "jsonpath={.status.conditions[?(@.type==\"$2\")].reason}"
}
# warning_event NAME REASON: the host has a Warning Event REASON about the Deployment NAME.
warning_event() {
  kc host -n default get events --field-selector "type=Warning,reason=$2,involvedObject.name=$1" \
    -o 'jsonpath={.items[*].message}' | grep .
}
# host_workload NAME REPLICAS [LABELS]: a Deployment on the host; LABELS (JSON members) bind it,
# to the PropagationPolicy web by default.
host_workload() {
  local labels="{${3:-\"kubeadmiral.io/propagation-policy-name\": \"web\"}}"
  kc host -n default apply -f - <<<"{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\",
    \"metadata\": {\"name\": \"$1\", \"labels\": $labels},
    \"spec\": {\"replicas\": $2, \"selector\": {\"matchLabels\": {\"app\": \"$1\"}},
      \"template\": {\"metadata\": {\"labels\": {\"app\": \"$1\"}},
        \"spec\": {\"containers\": [{\"name\": \"main\", \"image\": \"registry.invalid/flotilla/pause:3.2\"}]}}}}"
}
# absent CLUSTER [NAME]: the server says the Deployment NAME (web) is not found, not merely that
# kubectl failed.
absent() { [[ "$(kc "$1" -n default get deployment "${2:-web}" 2>&1)" == *NotFound* ]]; }
# stop_replica N: TERM; then its exit status must be 0 and its log must say it stopped.
stop_replica() {
  local status=0
  kill -TERM "${replica_pid[$1]}"
  wait "${replica_pid[$1]}" || status=$?
  unset "replica_pid[$1]"
  [ "$status" = 0 ] || e2e_die "replica $1 exited with status $status after TERM"
  grep -q '"stopped"' "$E2E_RUN_ROOT/replica-$1.log" || e2e_die "replica $1 did not log that it stopped"
}

# ---- kube-apiserver (cached) and flotilla
e2e_build_flotilla

t0="$(e2e_now)"
e2e_start_clusters host member
e2e_log "host and member ready in $(e2e_since "$t0")"

kc host apply -f "$REPO/manifests/crds/" >/dev/null
kc host wait --for=condition=Established --timeout=60s crd --all >/dev/null
# The controller's namespace, ServiceAccount and least-privilege RBAC, exactly as manifests/ has
# them; the replicas run as that ServiceAccount, with a token from the TokenRequest API.
kc host apply -f "$REPO/manifests/namespace.yaml" -f "$REPO/manifests/rbac.yaml" >/dev/null
SA_KUBECONFIG="$E2E_RUN_ROOT/flotilla-sa.kubeconfig"
sa_token="$(kc host -n kube-admiral-system create token flotilla --duration=2h)"
(umask 077 && cat >"$SA_KUBECONFIG" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: host
  cluster: {server: "$(env_of host SERVER)", certificate-authority: "$(env_of host CA_FILE)"}
users:
- name: flotilla
  user: {token: "$sa_token"}
contexts:
- name: flotilla
  context: {cluster: host, user: flotilla}
current-context: flotilla
EOF
)
e2e_register_member member "$MEMBER" "$E2E_RUN_ROOT"
kc host apply -f - >/dev/null <<EOF
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web, namespace: default}
spec:
  schedulingMode: Divide
  placement:
  - cluster: $MEMBER
---
apiVersion: core.kubeadmiral.io/v1alpha1
kind: OverridePolicy
metadata: {name: web, namespace: default}
spec:
  overrideRules:
  - targetClusters: {clusters: [$MEMBER]}
    overriders:
      jsonpatch:
      - {operator: add, path: /spec/template/metadata/annotations/gpu.example~1pool, value: west}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: {kubeadmiral.io/propagation-policy-name: web, kubeadmiral.io/override-policy-name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: registry.invalid/flotilla/pause:3.2}]
EOF
e2e_log "host: CRDs, RBAC, the member, a PropagationPolicy, an OverridePolicy and a Deployment"

# ---- two replicas
start_replica 1
start_replica 2
check "both replicas answer /healthz and /readyz" \
  eval 'telemetry 1 healthz && telemetry 1 readyz && telemetry 2 healthz && telemetry 2 readyz'
check "one replica leads and the Lease names a holder" \
  eval '{ { leads 1 && stands_by 2; } || { leads 2 && stands_by 1; }; } && [ -n "$(lease_holder)" ]'
if leads 1; then leader=1 standby=2; else leader=2 standby=1; fi
holder="$(lease_holder)"
check "the member gets the Deployment with 3 replicas" same 3 member_replicas
check "the member's copy carries Flotilla's managed-by label" \
  eval 'kc member -n default get deployment web -o jsonpath="{.metadata.labels}" | grep flotilla'
check "the member's copy has the override (a template annotation); the host's has not" \
  eval '[ "$(kc member -n default get deployment web -o jsonpath="{.spec.template.metadata.annotations.gpu\.example/pool}")" = west ] &&
    [ -z "$(kc host -n default get deployment web -o jsonpath="{.spec.template.metadata.annotations}")" ]'
check "a Scheduled Event says where the workload was placed" \
  eval 'kc host -n default get events --field-selector reason=Scheduled -o jsonpath="{.items[*].message}" | grep "placed $MEMBER=3"'
check "the host Deployment has the finalizer and the placement annotation" \
  eval 'kc host -n default get deployment web -o jsonpath="{.metadata.finalizers} {.metadata.annotations}" | grep "flotilla.io/placement"'
check "the host's status says the member has not reported yet (which is not zero)" \
  same MembersNotReported host_condition web MembersReported
# The member has no controller-manager: write what its Deployment controller would.
generation="$(kc member -n default get deployment web -o 'jsonpath={.metadata.generation}')"
kc member -n default patch deployment web --subresource=status --type=merge -p "{\"status\": {
  \"observedGeneration\": $generation, \"replicas\": 3, \"updatedReplicas\": 3, \"readyReplicas\": 3,
  \"availableReplicas\": 3}}" >/dev/null
check "the member's status reaches the host Deployment's status (3/3 ready)" \
  same 3/3/3 kc host -n default get deployment web -o 'jsonpath={.status.readyReplicas}/{.status.availableReplicas}/{.status.replicas}'
check "... and MembersReported turns True (AllMembersReported)" same AllMembersReported host_condition web MembersReported
before="$(kc member -n default get deployment web -o 'jsonpath={.metadata.generation}')"
kc member -n default scale deployment web --replicas=9 >/dev/null
# Two spec changes (to 9, then back) each move the generation.
check "someone scales the member's copy to 9: Flotilla puts back the planned 3" \
  same "3/$((before + 2))" kc member -n default get deployment web -o 'jsonpath={.spec.replicas}/{.metadata.generation}'

# ---- ownership and bad input, beside the healthy workload
# Someone else's Deployment api is in the member already: Flotilla must not take it over unasked.
kc member -n default create deployment api --image=registry.invalid/flotilla/pause:3.2 --replicas=1 >/dev/null
host_workload api 2 >/dev/null
check "api: a member object Flotilla did not create is refused: AdoptionRefused" \
  same AdoptionRefused host_condition api MembersSynced
check "... with a Warning Event; the member's object is left as it was (1 replica)" \
  eval 'warning_event api AdoptionRefused && [ "$(kc member -n default get deployment api -o "jsonpath={.spec.replicas}")" = 1 ]'
kc host -n default annotate deployment api flotilla.io/adopt=true >/dev/null
check "... adopted once the host object asks (flotilla.io/adopt): 2 replicas, label" \
  eval '[ "$(kc member -n default get deployment api -o "jsonpath={.spec.replicas}")" = 2 ] &&
    kc member -n default get deployment api -o "jsonpath={.metadata.labels}" | grep flotilla'
# An override that cannot apply: an Event and a condition for that workload, nothing sent.
kc host apply -f - >/dev/null <<<'{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy",
  "metadata": {"name": "broken", "namespace": "default"},
  "spec": {"overrideRules": [{"overriders": {"jsonpatch": [{"operator": "remove", "path": "/spec/nothing/here"}]}}]}}'
host_workload bad 2 '"kubeadmiral.io/propagation-policy-name": "web", "kubeadmiral.io/override-policy-name": "broken"' >/dev/null
check "bad: an override that cannot apply: OverrideFailed and a Warning Event" \
  eval '[ "$(host_condition bad MembersSynced)" = OverrideFailed ] && warning_event bad OverrideFailed'
check "... nothing is sent to the member, and web is still placed as before" \
  eval 'absent member bad && same 3 member_replicas'
# The cluster-scoped policies bind as the namespaced ones do.
kc host apply -f - >/dev/null <<<"{\"apiVersion\": \"core.kubeadmiral.io/v1alpha1\", \"kind\": \"ClusterPropagationPolicy\",
  \"metadata\": {\"name\": \"everywhere\"},
  \"spec\": {\"schedulingMode\": \"Divide\", \"placement\": [{\"cluster\": \"$MEMBER\"}]}}"
kc host apply -f - >/dev/null <<<'{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "ClusterOverridePolicy",
  "metadata": {"name": "everywhere"},
  "spec": {"overrideRules": [{"overriders": {"jsonpatch": [
    {"operator": "add", "path": "/metadata/annotations", "value": {"team": "platform"}}]}}]}}'
host_workload cw 2 '"kubeadmiral.io/cluster-propagation-policy-name": "everywhere", "kubeadmiral.io/cluster-override-policy-name": "everywhere"' >/dev/null
check "cw: bound to a ClusterPropagationPolicy and a ClusterOverridePolicy, placed and overridden" \
  eval '[ "$(kc member -n default get deployment cw -o "jsonpath={.spec.replicas}/{.metadata.annotations.team}")" = 2/platform ]'
# A namespace that only the host has: Flotilla creates it in the member, as KubeAdmiral would.
kc host create namespace team-a >/dev/null
kc host apply -f - >/dev/null <<<"{\"apiVersion\": \"core.kubeadmiral.io/v1alpha1\", \"kind\": \"PropagationPolicy\",
  \"metadata\": {\"name\": \"web\", \"namespace\": \"team-a\"},
  \"spec\": {\"schedulingMode\": \"Divide\", \"placement\": [{\"cluster\": \"$MEMBER\"}]}}"
kc host -n team-a apply -f - >/dev/null <<<'{"apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "ta", "labels": {"kubeadmiral.io/propagation-policy-name": "web"}},
  "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "ta"}},
    "template": {"metadata": {"labels": {"app": "ta"}},
      "spec": {"containers": [{"name": "main", "image": "registry.invalid/flotilla/pause:3.2"}]}}}}'
check "team-a/ta: the member gets the namespace (Flotilla's label) and the copy" \
  eval '[ "$(kc member get namespace team-a -o "jsonpath={.metadata.labels.app\.kubernetes\.io/managed-by}")" = flotilla ] &&
    [ "$(kc member -n team-a get deployment ta -o "jsonpath={.spec.replicas}")" = 1 ]'
kc host -n team-a delete deployment ta --wait=false >/dev/null
check "... deleting ta removes its copy and leaves the namespace" \
  eval '[[ "$(kc member -n team-a get deployment ta 2>&1)" == *NotFound* ]] && kc member get namespace team-a'
kc host -n default delete deployment api bad cw --wait=false >/dev/null
check "api, bad and cw deleted: the member copies go (the adopted one too), then the host objects" \
  eval 'absent member api && absent member cw && absent host api && absent host bad && absent host cw'

# ---- the member goes silent (its API server frozen, as a partition looks from the host), then
# answers again: its copy must survive, and the scale made meanwhile must reach it.
frozen="$(e2e_live_pid "$E2E_RUN_ROOT/member/kube-apiserver.pid" "$E2E_RUN_ROOT/member")"
web_uid="$(kc member -n default get deployment web -o 'jsonpath={.metadata.uid}')"
kill -STOP "$frozen"
kc host -n default scale deployment web --replicas=4 >/dev/null
check "a frozen member is marked unreachable (Ready Unknown, ClusterNotReachable)" \
  same ClusterNotReachable kc host get federatedcluster "$MEMBER" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].reason}'
kill -CONT "$frozen"
frozen=""
check "... and once it answers again, Ready is True" \
  same ClusterReady kc host get federatedcluster "$MEMBER" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].reason}'
check "... its copy is the same object (nothing deleted), with the scale made meanwhile (4)" \
  same "$web_uid/4" kc member -n default get deployment web -o 'jsonpath={.metadata.uid}/{.spec.replicas}'

# ---- the leader goes: the standby takes over at once
member_version="$(kc member -n default get deployment web -o 'jsonpath={.metadata.uid}/{.metadata.resourceVersion}')"
t0="$(e2e_now)"
stop_replica "$leader"
printf '  ok  %-76s %s\n' "replica $leader (the leader) exits 0 on TERM" "$(e2e_since "$t0")"
WAIT=8 check "replica $standby leads, under a new holder, well before the lease expires" \
  eval 'leads $standby && [ "$(lease_holder)" != "$holder" ]'
check "the new leader has reconciled the workload" \
  eval 'telemetry $standby metrics | grep "^flotilla_reconciles_total{controller=\"workload\",outcome=\"success\"}"'
check "... and wrote nothing to the member (same object, same resourceVersion)" \
  same "$member_version" kc member -n default get deployment web -o 'jsonpath={.metadata.uid}/{.metadata.resourceVersion}'
kc host -n default scale deployment web --replicas=5 >/dev/null
check "the new leader follows a scale to 5" same 5 member_replicas
kc host -n default set image deployment/web web=registry.invalid/flotilla/pause:3.3 >/dev/null
check "... and a new image, updating the same member object in place" \
  same "$web_uid/registry.invalid/flotilla/pause:3.3" \
  kc member -n default get deployment web -o 'jsonpath={.metadata.uid}/{.spec.template.spec.containers[0].image}'
kc host -n default delete deployment web --wait=false >/dev/null
check "deleting the host Deployment removes the member's copy" absent member
check "... then the finalizer, and the host Deployment is gone" absent host

# ---- the last replica goes
stop_replica "$standby"
printf '  ok  %-76s\n' "replica $standby exits 0 on TERM"
if grep -h '"level":"error"' "$E2E_RUN_ROOT"/replica-*.log >&2; then e2e_die "a replica logged an error (above)"; fi
printf '  ok  %-76s\n' "no replica logged an error"
