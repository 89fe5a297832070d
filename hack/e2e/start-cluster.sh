#!/usr/bin/env bash
# Starts a fresh, real Kubernetes control plane on loopback: etcd plus kube-apiserver, no
# controller-manager, scheduler or kubelet. Several can run side by side under different names.
#
#   hack/e2e/start-cluster.sh NAME PORT
#
# Everything lives in $FLOTILLA_E2E_RUN/NAME (default ${TMPDIR:-/tmp}/flotilla-e2e/NAME), wiped
# at start: certificates, etcd data, logs, pid files, and
#   NAME.kubeconfig   context NAME: the admin token (group system:masters), CA embedded;
#                     context NAME-cert: the same admin as a client certificate
#   cluster.env       shell variables for tests: server, CA file, tokens, kubeconfig, etcd URL
#
# Environment: FLOTILLA_E2E_START_TIMEOUT (seconds until /readyz must answer ok, default 90),
# ETCD_CLIENT_PORT and ETCD_PEER_PORT (default: the first free ports from 12379 upward).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SERVICE_CIDR=10.96.0.0/12
readonly SERVICE_IP=10.96.0.1 # the `kubernetes` Service's address: first of SERVICE_CIDR

usage() { echo "usage: $0 NAME PORT" >&2; exit 2; }
[ $# -eq 2 ] || usage
NAME="$1" PORT="$2"
e2e_valid_name "$NAME" || e2e_die "NAME must be a DNS label (lower-case letters, digits, '-'): $NAME"
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1024 ] && [ "$PORT" -le 65535 ] || e2e_die "PORT must be 1024-65535: $PORT"

RUN="$E2E_RUN_ROOT/$NAME"
TIMEOUT="${FLOTILLA_E2E_START_TIMEOUT:-90}"
started_at="$(e2e_now)"

APISERVER="$(e2e_kube_apiserver)" || e2e_die "no kube-apiserver in $E2E_CACHE; run hack/e2e/build-kube-apiserver.sh first"
command -v etcd >/dev/null || e2e_die "etcd not found; run hack/e2e/build-kube-apiserver.sh (it installs etcd-server)"
for tool in openssl curl ss base64; do
  command -v "$tool" >/dev/null || e2e_die "$tool not found"
done

if e2e_live_pid "$RUN/kube-apiserver.pid" "$RUN" >/dev/null || e2e_live_pid "$RUN/etcd.pid" "$RUN" >/dev/null; then
  e2e_die "cluster '$NAME' is already running; stop it first: hack/e2e/stop-cluster.sh $NAME"
fi

# The first port from $1 upward that is not in use and not in $2 (space-separated).
free_port() {
  local port="$1" avoid=" $2 "
  while [ "$port" -le 65535 ]; do
    if [[ "$avoid" != *" $port "* ]] && ! e2e_port_busy "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
    port=$((port + 1))
  done
  e2e_die "no free port from $1 upward"
}

rm -rf "$RUN"
mkdir -p "$RUN/pki"
chmod 700 "$RUN"
# Clusters starting at the same time, under any run root, must not pick the same etcd ports:
# hold a machine-wide lock from choosing them until etcd listens on them.
exec 8>"${TMPDIR:-/tmp}/flotilla-e2e.ports.lock"
flock 8
e2e_port_busy "$PORT" && e2e_die "port $PORT is in use (ss -tanp 'sport = :$PORT' shows by whom)"
ETCD_CLIENT_PORT="${ETCD_CLIENT_PORT:-$(free_port 12379 "$PORT")}"
ETCD_PEER_PORT="${ETCD_PEER_PORT:-$(free_port $((ETCD_CLIENT_PORT + 1)) "$PORT $ETCD_CLIENT_PORT")}"
cat >"$RUN/ports.env" <<EOF
API_PORT=$PORT
ETCD_CLIENT_PORT=$ETCD_CLIENT_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
EOF

started=()
on_failure() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    local log
    for log in kube-apiserver etcd; do
      if [ -s "$RUN/$log.log" ]; then
        printf -- '--- last lines of %s\n' "$RUN/$log.log" >&2
        tail -n 25 "$RUN/$log.log" >&2
      fi
    done
    e2e_log "start of '$NAME' failed; stopping what was started (logs stay in $RUN)"
    for log in "${started[@]}"; do e2e_stop_pid "$RUN/$log.pid" "$RUN" 5; done
  fi
}
trap on_failure EXIT

# ---- certificates: a CA per cluster, a serving certificate, an admin client certificate,
# and the service-account signing key pair.
pki() {
  local dir="$RUN/pki"
  cat >"$dir/openssl.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[serving]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost, IP:$SERVICE_IP, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
EOF
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ca.key" 2>/dev/null
  openssl req -x509 -new -config "$dir/openssl.cnf" -extensions ca -key "$dir/ca.key" \
    -subj "/CN=flotilla-e2e-$NAME-ca" -days 30 -out "$dir/ca.crt"
  issue() { # issue NAME SUBJECT EXTENSIONS
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/$1.key" 2>/dev/null
    openssl req -new -config "$dir/openssl.cnf" -key "$dir/$1.key" -subj "$2" -out "$dir/$1.csr"
    openssl x509 -req -in "$dir/$1.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
      -extfile "$dir/openssl.cnf" -extensions "$3" -days 30 -out "$dir/$1.crt" 2>/dev/null
    rm -f "$dir/$1.csr"
  }
  issue serving "/CN=kube-apiserver" serving
  issue admin "/O=system:masters/CN=flotilla-e2e-admin" client
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/sa.key" 2>/dev/null
  openssl pkey -in "$dir/sa.key" -pubout -out "$dir/sa.pub"
  openssl verify -CAfile "$dir/ca.crt" "$dir/serving.crt" "$dir/admin.crt" >/dev/null
  chmod 600 "$dir"/*.key
}
pki
ADMIN_TOKEN="$(openssl rand -hex 24)"
NOBODY_TOKEN="$(openssl rand -hex 24)"
# token,user,uid,"groups": an admin, and a user with no rights beyond discovery (for 403 tests).
cat >"$RUN/pki/tokens.csv" <<EOF
$ADMIN_TOKEN,flotilla-e2e-admin,flotilla-e2e-admin,"system:masters"
$NOBODY_TOKEN,flotilla-e2e-nobody,flotilla-e2e-nobody,""
EOF
chmod 600 "$RUN/pki/tokens.csv"

# ---- etcd
# `exec` keeps the PID written by the wrapper; setsid detaches it from our session, so it
# outlives this script and a Ctrl-C in the terminal that started it. File descriptors 7-9 are
# the lock files of smoke.sh, this script and build-kube-apiserver.sh: a daemon that inherited
# one would hold that lock for as long as it runs.
launch() { # launch NAME COMMAND...
  local what="$1"; shift
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$RUN/$what.pid" "$@" \
    </dev/null >"$RUN/$what.log" 2>&1 7>&- 8>&- 9>&- &
  started+=("$what")
  local i
  for ((i = 0; i < 50; i++)); do [ -s "$RUN/$what.pid" ] && return 0; sleep 0.1; done
  e2e_die "$what did not start"
}

wait_for() { # wait_for WHAT PIDNAME COMMAND...: until COMMAND succeeds, the process dies, or TIMEOUT
  local what="$1" pidname="$2" deadline=$((SECONDS + TIMEOUT)); shift 2
  until "$@" >/dev/null 2>&1; do
    e2e_live_pid "$RUN/$pidname.pid" "$RUN" >/dev/null || e2e_die "$what exited during start-up"
    [ "$SECONDS" -lt "$deadline" ] || e2e_die "$what not ready after ${TIMEOUT}s"
    sleep 0.2
  done
}

ETCD_URL="http://127.0.0.1:$ETCD_CLIENT_PORT"
launch etcd etcd \
  --name "$NAME" --data-dir "$RUN/etcd-data" \
  --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "$NAME=http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster-state new --initial-cluster-token "flotilla-e2e-$NAME" \
  --logger zap --log-outputs stderr --log-level warn
etcd_healthy() { curl -fsS --max-time 2 "$ETCD_URL/health" | grep -q '"health":"true"'; }
wait_for "etcd ($ETCD_URL)" etcd etcd_healthy
exec 8>&- # etcd holds its ports now

# ---- kube-apiserver
# --insecure-port=0: 1.20 still opens an unauthenticated port 8080 by default, and two
#   instances would fight over it.
# --endpoint-reconciler-type=none: the reconciler would write 127.0.0.1 into the `kubernetes`
#   Endpoints, which validation rejects (loopback), and log that forever.
# --disable-admission-plugins=ServiceAccount: without the token controller, pods could not be
#   created (the plugin waits for a default ServiceAccount that nothing makes).
SERVER="https://127.0.0.1:$PORT"
launch kube-apiserver "$APISERVER" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$PORT" --insecure-port=0 \
  --etcd-servers="$ETCD_URL" \
  --tls-cert-file="$RUN/pki/serving.crt" --tls-private-key-file="$RUN/pki/serving.key" \
  --client-ca-file="$RUN/pki/ca.crt" --token-auth-file="$RUN/pki/tokens.csv" \
  --authorization-mode=RBAC \
  --service-cluster-ip-range="$SERVICE_CIDR" \
  --service-account-issuer=https://kubernetes.default.svc \
  --service-account-key-file="$RUN/pki/sa.pub" --service-account-signing-key-file="$RUN/pki/sa.key" \
  --disable-admission-plugins=ServiceAccount \
  --endpoint-reconciler-type=none \
  --allow-privileged=true --profiling=false \
  --cert-dir="$RUN/pki/generated" \
  --v=1
apiserver_ready() {
  [ "$(curl -sS --max-time 3 --cacert "$RUN/pki/ca.crt" -H "Authorization: Bearer $ADMIN_TOKEN" "$SERVER/readyz")" = ok ]
}
wait_for "kube-apiserver ($SERVER)" kube-apiserver apiserver_ready

# ---- kubeconfig and cluster.env
b64() { base64 -w0 <"$1"; }
KUBECONFIG_FILE="$RUN/$NAME.kubeconfig"
cat >"$KUBECONFIG_FILE" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $NAME
  cluster:
    server: $SERVER
    certificate-authority-data: $(b64 "$RUN/pki/ca.crt")
users:
- name: $NAME-admin
  user:
    token: $ADMIN_TOKEN
- name: $NAME-admin-cert
  user:
    client-certificate-data: $(b64 "$RUN/pki/admin.crt")
    client-key-data: $(b64 "$RUN/pki/admin.key")
contexts:
- name: $NAME
  context:
    cluster: $NAME
    user: $NAME-admin
- name: $NAME-cert
  context:
    cluster: $NAME
    user: $NAME-admin-cert
current-context: $NAME
EOF
chmod 600 "$KUBECONFIG_FILE"

cat >"$RUN/cluster.env" <<EOF
FLOTILLA_E2E_NAME=$NAME
FLOTILLA_E2E_SERVER=$SERVER
FLOTILLA_E2E_CA_FILE=$RUN/pki/ca.crt
FLOTILLA_E2E_ADMIN_TOKEN=$ADMIN_TOKEN
FLOTILLA_E2E_NOBODY_TOKEN=$NOBODY_TOKEN
FLOTILLA_E2E_CLIENT_CERT=$RUN/pki/admin.crt
FLOTILLA_E2E_CLIENT_KEY=$RUN/pki/admin.key
FLOTILLA_E2E_KUBECONFIG=$KUBECONFIG_FILE
FLOTILLA_E2E_ETCD=$ETCD_URL
EOF
chmod 600 "$RUN/cluster.env"

trap - EXIT
e2e_log "$NAME ready in $(e2e_since "$started_at"): $SERVER (etcd $ETCD_URL, pids $(cat "$RUN/etcd.pid") $(cat "$RUN/kube-apiserver.pid"))"
e2e_log "  kubectl --kubeconfig $KUBECONFIG_FILE get ns"
