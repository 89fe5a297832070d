#!/usr/bin/env bash
# End-to-end test of `flotilla clusters` against real kube-apiservers: a host and two members
# with TLS and token authentication. Builds flotilla, starts the three control planes in a
# private run directory, registers the members on the host (CRD, Secrets, FederatedClusters),
# gives the members GPU nodes and pods, runs `flotilla clusters` and checks its figures and
# reasons, then stops the clusters. Exits non-zero at the first failed check.
#
#   hack/e2e/clusters.sh
#
# Besides the two good members the host lists four broken ones, each of which must show its
# own reason: wrong-ca (the host's CA for member-1), bad-token (an unknown token for member-2),
# nobody (a token without RBAC rights: 403) and no-secret (no Secret at all).
#
# Environment: FLOTILLA_E2E_BASE_PORT (first API port tried, default 16443), KUBECTL (default
# kubectl), SWIFT (default swift), SWIFT_BUILD_FLAGS, FLOTILLA_E2E_KEEP=1 (leave the clusters
# running after a pass and print how to stop them).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export FLOTILLA_E2E_RUN="${TMPDIR:-/tmp}/flotilla-e2e-clusters.$$"
E2E_RUN_ROOT="$FLOTILLA_E2E_RUN"
KUBECTL="${KUBECTL:-kubectl}"
SWIFT="${SWIFT:-swift}"
REPO="$(cd "$E2E_HERE/../.." && pwd)"
CRD="$E2E_HERE/../../manifests/crds/core.kubeadmiral.io_federatedclusters.yaml"
FED_NS=kube-admiral-system
CLUSTERS=(host member-1 member-2)
read -r -a swift_flags <<<"${SWIFT_BUILD_FLAGS:-}"
started_at="$(e2e_now)"

command -v "$KUBECTL" >/dev/null || e2e_die "kubectl not found (KUBECTL=$KUBECTL)"

# flotilla's output and the token files sit beside the clusters: the run root goes on a pass.
finish() { e2e_finish $? "clusters e2e" "$started_at" purge-root; }
trap finish EXIT

# step DESCRIPTION COMMAND...: runs COMMAND, prints ok and its time, or its output and stops.
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
# ---- kube-apiserver (cached) and flotilla, before any cluster runs
e2e_build_flotilla

# ---- three control planes, started together on the first free ports
t0="$(e2e_now)"
e2e_start_clusters "${CLUSTERS[@]}"
e2e_log "host, member-1 and member-2 ready in $(e2e_since "$t0")"

# ---- members: GPU nodes (status written through the status subresource, as a kubelet would)
# and pods that hold GPUs (Pending: no scheduler runs; extended resources need limit = request).
# The TaintNodesByCondition admission plugin taints every new node node.kubernetes.io/not-ready;
# with no node lifecycle controller to lift it, the script lifts it from the Ready nodes.
# node MEMBER NAME GPUS [unschedulable|NoSchedule|NotReady]
node() {
  local spec='{}' ready=True
  case "${4:-}" in
    unschedulable) spec='{"unschedulable": true}' ;;
    NoSchedule) spec='{"taints": [{"key": "maintenance", "effect": "NoSchedule"}]}' ;;
    NotReady) ready=False ;;
  esac
  kc "$1" create -f - <<<"{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"$2\"}, \"spec\": $spec}" &&
  kc "$1" patch node "$2" --subresource=status --type=merge -p "{\"status\": {
    \"capacity\": {\"cpu\": \"64\", \"memory\": \"512Gi\", \"pods\": \"110\", \"nvidia.com/gpu\": \"$3\"},
    \"allocatable\": {\"cpu\": \"64\", \"memory\": \"512Gi\", \"pods\": \"110\", \"nvidia.com/gpu\": \"$3\"},
    \"conditions\": [{\"type\": \"Ready\", \"status\": \"$ready\", \"reason\": \"FlotillaE2E\"}]}}" &&
  if [ "$ready" = True ]; then kc "$1" taint node "$2" node.kubernetes.io/not-ready:NoSchedule-; fi
}
# gpu_pod MEMBER NAME GPUS [Succeeded]
gpu_pod() {
  kc "$1" -n default create -f - <<EOF &&
{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "$2"},
 "spec": {"containers": [{"name": "train", "image": "registry.invalid/flotilla/pause:3.2",
   "resources": {"limits": {"nvidia.com/gpu": "$3"}}}]}}
EOF
  if [ "${4:-}" = Succeeded ]; then
    kc "$1" -n default patch pod "$2" --subresource=status --type=merge -p '{"status": {"phase": "Succeeded"}}'
  fi
}
e2e_log "members: GPU nodes and pods"
step "member-1: node gpu-a (8 GPUs)" node member-1 gpu-a 8
step "member-1: node gpu-b (8 GPUs)" node member-1 gpu-b 8
step "member-1: node gpu-cordoned (8 GPUs, unschedulable)" node member-1 gpu-cordoned 8 unschedulable
step "member-1: pod train-0 holds 4 GPUs (Pending)" gpu_pod member-1 train-0 4
step "member-1: pod done held 8 GPUs (Succeeded)" gpu_pod member-1 done 8 Succeeded
step "member-2: node gpu-a (4 GPUs)" node member-2 gpu-a 4
step "member-2: node gpu-tainted (4 GPUs, NoSchedule taint)" node member-2 gpu-tainted 4 NoSchedule
step "member-2: node gpu-down (4 GPUs, NotReady)" node member-2 gpu-down 4 NotReady
step "member-2: pod infer-0 holds 1 GPU" gpu_pod member-2 infer-0 1

# ---- host: the CRD, the namespace, a Secret and a FederatedCluster per member
SECRETS="$E2E_RUN_ROOT/secrets"
mkdir -p "$SECRETS" && chmod 700 "$SECRETS"
# secret NAME CA_FILE TOKEN: the token goes through a file, never the command line.
secret() {
  printf '%s' "$3" >"$SECRETS/$1.token"
  kc host -n "$FED_NS" create secret generic "$1" \
    --from-file=certificate-authority-data="$2" --from-file=bootstrap-token-data="$SECRETS/$1.token"
}
# fcluster NAME ENDPOINT
fcluster() {
  kc host create -f - <<<"{\"apiVersion\": \"core.kubeadmiral.io/v1alpha1\", \"kind\": \"FederatedCluster\",
    \"metadata\": {\"name\": \"$1\"}, \"spec\": {\"apiEndpoint\": \"$2\", \"secretRef\": {\"name\": \"$1\"}}}"
}
e2e_log "host: FederatedClusters"
step "host: apply the FederatedCluster CRD" kc host apply -f "$CRD"
step "host: CRD becomes Established" \
  kc host wait --for=condition=Established --timeout=30s crd/federatedclusters.core.kubeadmiral.io
step "host: namespace $FED_NS" kc host create namespace "$FED_NS"
m1_server="$(env_of member-1 SERVER)" m2_server="$(env_of member-2 SERVER)"
step "host: Secret member-1 (member-1's CA and admin token)" \
  secret member-1 "$(env_of member-1 CA_FILE)" "$(env_of member-1 ADMIN_TOKEN)"
step "host: Secret member-2 (member-2's CA and admin token)" \
  secret member-2 "$(env_of member-2 CA_FILE)" "$(env_of member-2 ADMIN_TOKEN)"
step "host: Secret wrong-ca (the host's CA, member-1's token)" \
  secret wrong-ca "$(env_of host CA_FILE)" "$(env_of member-1 ADMIN_TOKEN)"
step "host: Secret bad-token (member-2's CA, an unknown token)" \
  secret bad-token "$(env_of member-2 CA_FILE)" "flotilla-e2e-no-such-token"
step "host: Secret nobody (member-2's CA, a token without RBAC rights)" \
  secret nobody "$(env_of member-2 CA_FILE)" "$(env_of member-2 NOBODY_TOKEN)"
step "host: FederatedCluster member-1 -> $m1_server" fcluster member-1 "$m1_server"
step "host: FederatedCluster member-2 -> ${m2_server#https://} (host:port form)" fcluster member-2 "${m2_server#https://}"
step "host: FederatedCluster wrong-ca -> $m1_server" fcluster wrong-ca "$m1_server"
step "host: FederatedCluster bad-token -> $m2_server" fcluster bad-token "$m2_server"
step "host: FederatedCluster nobody -> $m2_server" fcluster nobody "$m2_server"
step "host: FederatedCluster no-secret -> $m1_server (no Secret)" fcluster no-secret "$m1_server"

# ---- flotilla clusters
HOST_KUBECONFIG="$E2E_RUN_ROOT/host/host.kubeconfig"
TABLE="$E2E_RUN_ROOT/clusters.txt" JSON="$E2E_RUN_ROOT/clusters.json"
# row NAME READY JOINED GPUS NODES REASON-REGEX: the table's row for NAME has these cells.
row() {
  awk -v name="$1" -v want="$2 $3 $4 $5" -v re="$6" '
    BEGIN { FS = "  +" }
    $1 == name { found = 1; got = $2 " " $3 " " $4 " " $5
      if (got != want) { printf "%s: expected %s, got %s\n", name, want, got; exit 1 }
      if ($7 !~ re) { printf "%s: reason %s does not match /%s/\n", name, $7, re; exit 1 } }
    END { if (!found) { printf "no row for %s\n", name; exit 1 } }' "$TABLE"
}
# json_test PATCH: a JSON Patch of test operations that flotilla jsonpatch must accept.
json_test() { printf '%s' "$1" >"$E2E_RUN_ROOT/test.patch.json" && "$FLOTILLA" jsonpatch "$JSON" "$E2E_RUN_ROOT/test.patch.json" >/dev/null; }
no_token_in() {
  local c tokens=("flotilla-e2e-no-such-token")
  for c in member-1 member-2; do tokens+=("$(env_of "$c" ADMIN_TOKEN)" "$(env_of "$c" NOBODY_TOKEN)"); done
  for c in "${tokens[@]}"; do ! grep -qF -- "$c" "$@" || { echo "a token appears in $*"; return 1; }; done
}

e2e_log "flotilla clusters"
step "flotilla clusters exits 0 with members down or refused" \
  bash -c "'$FLOTILLA' clusters --kubeconfig '$HOST_KUBECONFIG' --timeout 5s >'$TABLE' 2>'$TABLE.err'"
sed 's/^/       /' "$TABLE"
step "member-1: Ready, joined, 12/16 GPUs on 2 nodes" row member-1 True True 12/16 2 '^-$'
step "member-2: Ready, joined, 3/4 GPUs on 1 node (host:port endpoint)" row member-2 True True 3/4 1 '^-$'
step "wrong-ca: TLS handshake failed" row wrong-ca Unknown Unknown - - '^TLS handshake failed [(]wrong CA[?][)]'
step "bad-token: 401" row bad-token False False - - '^invalid or expired token or certificate [(]401[)]$'
step "nobody: 403" row nobody False False - - '^forbidden [(]403[)]'
step "no-secret: Secret not found" row no-secret False False - - "^Secret $FED_NS/no-secret: not found"
step "flotilla clusters -o json exits 0" \
  bash -c "'$FLOTILLA' clusters --kubeconfig '$HOST_KUBECONFIG' -o json >'$JSON'"
step "json: names in order, member-1's GPUs and nodes as numbers" json_test '[
  {"op": "test", "path": "/0/name", "value": "bad-token"}, {"op": "test", "path": "/1/name", "value": "member-1"},
  {"op": "test", "path": "/1/gpus", "value": {"available": 12, "allocatable": 16}},
  {"op": "test", "path": "/1/schedulableNodes", "value": 2}, {"op": "test", "path": "/1/reason", "value": null},
  {"op": "test", "path": "/2/gpus", "value": {"available": 3, "allocatable": 4}},
  {"op": "test", "path": "/5/name", "value": "wrong-ca"}, {"op": "test", "path": "/5/ready", "value": "Unknown"}]'
step "no token in flotilla's output" no_token_in "$TABLE" "$TABLE.err" "$JSON"
step "an unreachable host is exit 1 with one line" bash -c "
  sed 's#server: .*#server: https://127.0.0.1:1#' '$HOST_KUBECONFIG' >'$E2E_RUN_ROOT/unreachable.kubeconfig'
  ! '$FLOTILLA' clusters --kubeconfig '$E2E_RUN_ROOT/unreachable.kubeconfig' --timeout 2s 2>'$E2E_RUN_ROOT/unreachable.err' &&
  grep -q '^error: cannot list FederatedClusters on the host: ' '$E2E_RUN_ROOT/unreachable.err' &&
  [ \"\$(wc -l <'$E2E_RUN_ROOT/unreachable.err')\" = 1 ]"
