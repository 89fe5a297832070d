#!/usr/bin/env bash
# The deployable manifests (manifests/) against a real kube-apiserver: one control plane, fresh
# etcd. Checks that the five CRDs are accepted as structural and become Established, that the
# reference scenario's YAML (config/scenario/) is accepted unchanged and gets the CRD defaults,
# that the schemas refuse what Placement refuses, that `kubectl get` prints the printer columns,
# and that the RBAC, ConfigMap, Deployment, PodDisruptionBudget and Service apply, with the
# ServiceAccount allowed exactly what the controller needs. Every check is timed; the first
# failure stops the run and keeps the logs.
#
#   hack/e2e/manifests.sh
#
# The test server is Kubernetes 1.20, which serves PodDisruptionBudget only as policy/v1beta1,
# so the rendered manifests are applied with that one apiVersion changed (docs/install.md).
# No controller-manager or scheduler runs: the Deployment gets no pods, which is expected.
#
# Environment: FLOTILLA_E2E_BASE_PORT (first API port tried, default 16443), KUBECTL (default
# kubectl), FLOTILLA_E2E_KEEP=1 (leave the cluster running after a pass).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export FLOTILLA_E2E_RUN="${TMPDIR:-/tmp}/flotilla-e2e-manifests.$$"
E2E_RUN_ROOT="$FLOTILLA_E2E_RUN"
KUBECTL="${KUBECTL:-kubectl}"
REPO="$(cd "$E2E_HERE/../.." && pwd)"
NAME=manifests
SA=system:serviceaccount:kube-admiral-system:flotilla
started_at="$(e2e_now)"

command -v "$KUBECTL" >/dev/null || e2e_die "kubectl not found (KUBECTL=$KUBECTL)"
e2e_kube_apiserver >/dev/null || e2e_die "no kube-apiserver in $E2E_CACHE; run hack/e2e/build-kube-apiserver.sh first"

finish() { e2e_finish $? "manifests e2e" "$started_at" purge-root; }
trap finish EXIT

# check DESCRIPTION COMMAND...: runs COMMAND; prints ok and its time, or its output and stops.
check() {
  local desc="$1" t0 out; shift
  t0="$(e2e_now)"
  if out="$("$@" 2>&1)"; then
    printf '  ok  %-76s %s\n' "$desc" "$(e2e_since "$t0")"
  else
    printf '  FAIL %s\n' "$desc" >&2
    printf '%s\n' "$out" | sed 's/^/       | /' >&2
    exit 1
  fi
}
# same WANT COMMAND...: COMMAND's standard output is exactly WANT.
same() {
  local want="$1" got; shift
  got="$("$@")" || return 1
  [ "$got" = "$want" ] || { printf 'expected %q\n     got %q\nfrom: %s\n' "$want" "$got" "$*"; return 1; }
}
# matches REGEX COMMAND...: COMMAND's standard output matches the extended REGEX.
matches() {
  local re="$1" out; shift
  out="$("$@")" || return 1
  [[ "$out" =~ $re ]] || { printf 'no match for /%s/ in the output of: %s\n%s\n' "$re" "$*" "$out"; return 1; }
}
# refused PATTERN COMMAND...: COMMAND fails, saying PATTERN (extended regex, any case).
refused() {
  local pattern="$1" out; shift
  if out="$("$@" 2>&1)"; then printf 'expected a refusal, but it succeeded: %s\n%s\n' "$*" "$out"; return 1; fi
  grep -qiE -- "$pattern" <<<"$out" || { printf 'refused without /%s/: %s\n%s\n' "$pattern" "$*" "$out"; return 1; }
}

# A discovery cache of our own: ~/.kube/cache is keyed by address, and the port may have served
# another server (with or without these CRDs) a minute ago.
kc() { "$KUBECTL" --kubeconfig "$E2E_RUN_ROOT/$NAME/$NAME.kubeconfig" --cache-dir "$E2E_RUN_ROOT/kube-cache" "$@"; }
# Creates an object from standard input with client-side validation off, so that what refuses a
# bad object is the server's schema.
create_unvalidated() { kc create --validate=false -f -; }
# kubectl auth can-i prints yes or no, and exits 1 for no.
sa_can() { kc auth can-i --as="$SA" "$@" || true; }
# The manifests as kubectl kustomize renders them, with the PodDisruptionBudget in the version a
# 1.20 server serves.
apply_rendered_for_1_20() {
  kc kustomize "$REPO/manifests" | sed 's#^apiVersion: policy/v1$#apiVersion: policy/v1beta1#' | kc apply "$@" -f -
}
# The settings file in the ConfigMap that the Deployment mounts (its name carries a hash).
mounted_settings() {
  local configmap
  configmap="$(kc -n kube-admiral-system get deployment flotilla \
    -o "jsonpath={.spec.template.spec.volumes[?(@.name=='config')].configMap.name}")"
  kc -n kube-admiral-system get configmap "$configmap" -o 'jsonpath={.data.flotilla\.yaml}'
}

# ---- one control plane on the first free port (taking turns with the other e2e scripts)
mkdir -p "$E2E_RUN_ROOT"
exec 7>"${TMPDIR:-/tmp}/flotilla-e2e-smoke.lock"
flock -n 7 || { e2e_log "another e2e run is starting its clusters; waiting"; flock 7; }
port="${FLOTILLA_E2E_BASE_PORT:-16443}"
while e2e_port_busy "$port"; do port=$((port + 1)); done
t0="$(e2e_now)"
"$E2E_HERE/start-cluster.sh" "$NAME" "$port" >"$E2E_RUN_ROOT/start.log" 2>&1 || { cat "$E2E_RUN_ROOT/start.log" >&2; exit 1; }
exec 7>&-
printf '  ok  %-76s %s\n' "start $NAME on 127.0.0.1:$port ($("$(e2e_kube_apiserver)" --version))" "$(e2e_since "$t0")"

# ---- the CRDs
CRDS=(propagationpolicies clusterpropagationpolicies overridepolicies clusteroverridepolicies federatedclusters)
e2e_log "CRDs (manifests/crds/)"
check "apply -f manifests/crds/" kc apply -f "$REPO/manifests/crds/"
for crd in "${CRDS[@]}"; do
  check "$crd: Established" kc wait --for=condition=Established --timeout=30s "crd/$crd.core.kubeadmiral.io"
  # A non-structural schema is stored, but flagged with this condition and served without
  # pruning or defaulting; none of ours may have it.
  check "$crd: no NonStructuralSchema condition" same "" kc get crd "$crd.core.kubeadmiral.io" \
    -o "jsonpath={.status.conditions[?(@.type=='NonStructuralSchema')].message}"
done
check "short names pp, cpp, op, cop, fcluster resolve" kc get pp,cpp,op,cop,fcluster -A

# ---- the reference scenario, unchanged
e2e_log "scenario (config/scenario/)"
check "apply -f config/scenario/ (clusters, policies, Deployments)" kc apply -f "$REPO/config/scenario/"
check "get pp lists both policies" same "fed-pp-priority fed-pp-weight" \
  kc get pp -n default -o 'jsonpath={.items[*].metadata.name}'
check "get fcluster lists the three members" same "cclt75bp1h4ho7pq6su9g cclt81kqnjbeqedvbbt0g ccltbv1p1h4ho7pq6sugg" \
  kc get fcluster -o 'jsonpath={.items[*].metadata.name}'
check "fed-pp-weight: replicasStrategy defaulted to Spread" same "Spread" \
  kc get pp fed-pp-weight -n default -o 'jsonpath={.spec.replicasStrategy}'
check "fed-pp-weight: written fields kept (avoidDisruption false, 2m, keep true)" same "false 2m true" \
  kc get pp fed-pp-weight -n default -o 'jsonpath={.spec.reschedulePolicy.replicaRescheduling.avoidDisruption} {.spec.autoMigration.when.podUnschedulableFor} {.spec.autoMigration.keepUnschedulableReplicas}'
check "fed-op: the jsonpatch value and its ~1 path kept" same "add /spec/template/metadata/annotations/k8s.aliyun.com~1eci-use-specs ecs.gn5i-c2g1.large" \
  kc get op fed-op -n default -o 'jsonpath={.spec.overrideRules[1].overriders.jsonpatch[0].operator} {.spec.overrideRules[1].overriders.jsonpatch[0].path} {.spec.overrideRules[1].overriders.jsonpatch[0].value}'
check "status written with the objects is dropped (status subresource)" same "" \
  kc get fcluster cclt81kqnjbeqedvbbt0g -o 'jsonpath={.status}'

# ---- nested defaults, as Placement applies them (Tests/FlotillaCLITests/Manifests)
e2e_log "defaults"
check "create a PropagationPolicy with only schedulingMode and an empty autoMigration" create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: minimal, namespace: default}
spec:
  schedulingMode: Divide
  autoMigration: {}
EOF
check "minimal: reschedulePolicy defaulted, then its children (true false false false true)" same "true false false false true" \
  kc get pp minimal -n default -o 'jsonpath={.spec.reschedulePolicy.rescheduleWhen.policyContentChanged} {.spec.reschedulePolicy.rescheduleWhen.clusterJoined} {.spec.reschedulePolicy.rescheduleWhen.clusterLabelsChanged} {.spec.reschedulePolicy.rescheduleWhen.clusterAPIResourcesChanged} {.spec.reschedulePolicy.replicaRescheduling.avoidDisruption}'
check "minimal: autoMigration.when defaulted to 1m, keepUnschedulableReplicas false" same "1m false" \
  kc get pp minimal -n default -o 'jsonpath={.spec.autoMigration.when.podUnschedulableFor} {.spec.autoMigration.keepUnschedulableReplicas}'
check "create a ClusterPropagationPolicy with a present reschedulePolicy" create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: ClusterPropagationPolicy
metadata: {name: sticky}
spec:
  schedulingMode: Duplicate
  reschedulePolicy: {disableRescheduling: true}
EOF
check "sticky: no rescheduleWhen (it has no default of its own), avoidDisruption true" same "|true" \
  kc get cpp sticky -o 'jsonpath={.spec.reschedulePolicy.rescheduleWhen}|{.spec.reschedulePolicy.replicaRescheduling.avoidDisruption}'
check "create an OverridePolicy whose operators are left out" create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: OverridePolicy
metadata: {name: operators, namespace: default}
spec:
  overrideRules:
  - overriders:
      image: [{operations: [{imageComponent: Tag, value: "1.2"}]}]
      envs: [{containerName: main, value: [{name: A, value: "1"}]}]
      labels: [{value: {tier: gpu}}]
      annotations: [{value: {team: ml}}]
      jsonpatch: [{path: /spec/replicas, value: 3}]
EOF
check "operators: image, envs, labels, annotations default to overwrite; jsonpatch has none" same "overwrite overwrite overwrite overwrite |" \
  kc get op operators -n default -o 'jsonpath={.spec.overrideRules[0].overriders.image[0].operations[0].operator} {.spec.overrideRules[0].overriders.envs[0].operator} {.spec.overrideRules[0].overriders.labels[0].operator} {.spec.overrideRules[0].overriders.annotations[0].operator} {.spec.overrideRules[0].overriders.jsonpatch[0].operator}|'

# ---- the schemas refuse what Placement refuses
e2e_log "validation"
check "refused: a PropagationPolicy without schedulingMode" refused 'schedulingMode.*Required' create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: no-mode, namespace: default}
spec: {replicasStrategy: Binpack}
EOF
check "refused: replicasStrategy Fill (not in the enum)" refused 'replicasStrategy.*Unsupported value' create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: bad-strategy, namespace: default}
spec: {schedulingMode: Divide, replicasStrategy: Fill}
EOF
check "refused: a negative weight and a cluster listed twice" refused 'weight.*greater than or equal to 0|Duplicate value' create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: bad-placement, namespace: default}
spec:
  schedulingMode: Divide
  placement:
  - {cluster: a, preferences: {weight: -1}}
  - {cluster: a}
EOF
check "refused: a policy name longer than 63 characters (label values are)" refused 'metadata.name.*63|may not be longer than 63|must have at most 63' create_unvalidated <<EOF
apiVersion: core.kubeadmiral.io/v1alpha1
kind: ClusterPropagationPolicy
metadata: {name: $(printf 'p%.0s' {1..64})}
spec: {schedulingMode: Duplicate}
EOF
check "refused: autoMigration.when: {} (minProperties 1)" refused 'when.*at least 1|should have at least 1 properties|minProperties' create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: bad-when, namespace: default}
spec: {schedulingMode: Divide, autoMigration: {when: {}}}
EOF
check "refused: podUnschedulableFor 1d (format: duration alone accepts it; Go does not)" refused 'podUnschedulableFor.*should match|podUnschedulableFor.*pattern' create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: bad-duration, namespace: default}
spec: {schedulingMode: Divide, autoMigration: {when: {podUnschedulableFor: 1d}}}
EOF
check "accepted: podUnschedulableFor 1h30m" create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: PropagationPolicy
metadata: {name: good-duration, namespace: default}
spec: {schedulingMode: Divide, autoMigration: {when: {podUnschedulableFor: 1h30m}}}
EOF
check "refused: a FederatedCluster taint with effect Evict" refused 'effect.*Unsupported value' create_unvalidated <<'EOF'
apiVersion: core.kubeadmiral.io/v1alpha1
kind: FederatedCluster
metadata: {name: bad-taint}
spec:
  apiEndpoint: https://127.0.0.1:1
  secretRef: {name: bad-taint}
  taints: [{key: gpu, effect: Evict}]
EOF

# ---- printer columns
e2e_log "printer columns"
check "get pp: NAME MODE STRATEGY AGE" matches '^NAME +MODE +STRATEGY +AGE' kc get pp -n default
check "get pp: fed-pp-priority is Divide/Binpack, fed-pp-weight Divide/Spread" \
  matches 'fed-pp-priority +Divide +Binpack .*fed-pp-weight +Divide +Spread' kc get pp -n default --no-headers
check "get pp -o wide adds MAX-CLUSTERS" matches '^NAME +MODE +STRATEGY +MAX-CLUSTERS +AGE' kc get pp -n default -o wide
check "get cpp: the same columns" matches '^NAME +MODE +STRATEGY +AGE' kc get cpp
check "get fcluster: NAME READY JOINED API-ENDPOINT AGE" matches '^NAME +READY +JOINED +API-ENDPOINT +AGE' kc get fcluster
check "patch the Joined and Ready conditions of VKE-POC1 through /status" \
  kc patch fcluster cclt81kqnjbeqedvbbt0g --subresource=status --type=merge -p \
    '{"status":{"conditions":[{"type":"Joined","status":"True","reason":"ClusterJoined","message":"joined","lastProbeTime":"2026-11-23T10:00:00Z","lastTransitionTime":"2026-11-23T10:00:00Z"},{"type":"Ready","status":"True","reason":"ClusterReady","message":"/healthz responded with ok","lastProbeTime":"2026-11-23T10:00:00Z","lastTransitionTime":"2026-11-23T10:00:00Z"}]}}'
check "get fcluster: VKE-POC1 True True with its endpoint" \
  matches 'cclt81kqnjbeqedvbbt0g +True +True +https://vke-poc1\.example\.internal:6443 ' kc get fcluster --no-headers

# ---- RBAC, config, Deployment, PodDisruptionBudget, Service
e2e_log "manifests/ (kustomize)"
# A dry run creates nothing, so the namespaced objects need their namespace to exist already.
check "create namespace kube-admiral-system (manifests/namespace.yaml)" kc apply -f "$REPO/manifests/namespace.yaml"
check "server-side dry run of everything kubectl kustomize renders" apply_rendered_for_1_20 --dry-run=server
check "apply it for real" apply_rendered_for_1_20
check "Deployment flotilla: 2 replicas, image flotilla:latest, args run --config" \
  same "2 flotilla:latest run --config /etc/flotilla/flotilla.yaml" kc -n kube-admiral-system get deployment flotilla \
    -o 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].args[*]}'
check "Deployment flotilla: non-root 65532, read-only root, no privilege escalation, drops ALL" \
  same "true 65532 RuntimeDefault true false ALL" kc -n kube-admiral-system get deployment flotilla \
    -o 'jsonpath={.spec.template.spec.securityContext.runAsNonRoot} {.spec.template.spec.securityContext.runAsUser} {.spec.template.spec.securityContext.seccompProfile.type} {.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem} {.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation} {.spec.template.spec.containers[0].securityContext.capabilities.drop[*]}'
check "the mounted ConfigMap holds flotilla.yaml with leader election on" \
  matches 'leaderElection:[[:space:]]+enabled: true' mounted_settings
check "PodDisruptionBudget flotilla: minAvailable 1" same "1" \
  kc -n kube-admiral-system get pdb flotilla -o 'jsonpath={.spec.minAvailable}'
check "Service flotilla-metrics: port 8080, scrape annotation" same "8080 true" \
  kc -n kube-admiral-system get service flotilla-metrics -o 'jsonpath={.spec.ports[0].port} {.metadata.annotations.prometheus\.io/scrape}'

# ---- what the controller's ServiceAccount may do (the real RBAC authorizer decides)
e2e_log "RBAC ($SA)"
for allowed in "watch deployments.apps -A" "patch deployments.apps --subresource=status -n default" \
    "list propagationpolicies.core.kubeadmiral.io -A" "watch clusteroverridepolicies.core.kubeadmiral.io" \
    "update federatedclusters.core.kubeadmiral.io --subresource=status" "create events -n default" \
    "get events -n default" "watch secrets -n kube-admiral-system" \
    "update leases.coordination.k8s.io -n kube-admiral-system"; do
  # shellcheck disable=SC2086 # each entry is several arguments
  check "allowed: $allowed" same yes sa_can $allowed
done
for denied in "delete deployments.apps -n default" "create deployments.apps -n default" \
    "update federatedclusters.core.kubeadmiral.io" "update propagationpolicies.core.kubeadmiral.io -n default" \
    "get secrets -n default" "create secrets -n kube-admiral-system" \
    "create leases.coordination.k8s.io -n default" "delete events -n default" \
    "list horizontalpodautoscalers.autoscaling -A" "update deployments.apps -n default"; do
  # shellcheck disable=SC2086
  check "denied:  $denied" same no sa_can $denied
done
