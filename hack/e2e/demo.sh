#!/usr/bin/env bash
# The reference scenario on real kube-apiservers: a host and three members (vke-poc1, vke-poc2,
# ack-poc) with TLS and tokens, the KubeAdmiral CRDs from manifests/crds on the host, each member
# registered as a person would (a Secret with its CA and token, a FederatedCluster), then
# `flotilla demo --external`: the member simulators and Flotilla's controllers run against these
# servers and walk steps A1-A6 and B1-B8 on a simulated clock. Passes when the demo does.
#
#   hack/e2e/demo.sh
#
# Environment: FLOTILLA_E2E_BASE_PORT (first API port tried, default 16443), SWIFT (default
# swift), SWIFT_BUILD_FLAGS, FLOTILLA_E2E_KEEP=1 (leave the clusters running after a pass).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export FLOTILLA_E2E_RUN="${TMPDIR:-/tmp}/flotilla-e2e-demo.$$"
E2E_RUN_ROOT="$FLOTILLA_E2E_RUN"
SWIFT="${SWIFT:-swift}"
REPO="$(cd "$E2E_HERE/../.." && pwd)"
FED_NS=kube-admiral-system
CLUSTERS=(host vke-poc1 vke-poc2 ack-poc)
# control plane → (FederatedCluster name, display name) from config/demo/federation.yaml
declare -A FCLUSTER=([vke-poc1]=cclt81kqnjbeqedvbbt0g [vke-poc2]=ccltbv1p1h4ho7pq6sugg [ack-poc]=cclt75bp1h4ho7pq6su9g)
declare -A DISPLAY=([vke-poc1]=VKE-POC1 [vke-poc2]=VKE-POC2 [ack-poc]=ACK-POC)
read -r -a swift_flags <<<"${SWIFT_BUILD_FLAGS:-}"
started_at="$(e2e_now)"

finish() { e2e_finish $? "demo e2e" "$started_at" purge-root; }
trap finish EXIT

# ---- kube-apiserver (cached) and flotilla
e2e_build_flotilla

t0="$(e2e_now)"
e2e_start_clusters "${CLUSTERS[@]}"
e2e_log "host and three members ready in $(e2e_since "$t0")"

# ---- host: the CRDs, the federation namespace, and each member's Secret and FederatedCluster
kc host apply -f "$REPO/manifests/crds/" >/dev/null
kc host wait --for=condition=Established --timeout=60s crd --all >/dev/null
kc host create namespace "$FED_NS" >/dev/null
KUBECONFIGS="$E2E_RUN_ROOT/kubeconfigs"
mkdir -p "$KUBECONFIGS" && chmod 700 "$KUBECONFIGS"
cp "$E2E_RUN_ROOT/host/host.kubeconfig" "$KUBECONFIGS/host.kubeconfig"
for member in vke-poc1 vke-poc2 ack-poc; do
  e2e_register_member "$member" "${FCLUSTER[$member]}" "$KUBECONFIGS"
  cp "$E2E_RUN_ROOT/$member/$member.kubeconfig" "$KUBECONFIGS/${DISPLAY[$member]}.kubeconfig"
done
e2e_log "members registered on the host"

# ---- the scenario
t0="$(e2e_now)"
"$FLOTILLA" demo --external "$KUBECONFIGS" --config "$REPO/config/demo/federation.yaml" \
  --scenario-directory "$REPO/config/scenario" | tee "$E2E_RUN_ROOT/demo.log"
grep -q "^Summary: 14/14 steps as expected" "$E2E_RUN_ROOT/demo.log" || e2e_die "the demo did not end with every step as expected"
e2e_log "flotilla demo --external: $(e2e_since "$t0")"
