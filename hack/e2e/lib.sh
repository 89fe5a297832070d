# Shared by start-cluster.sh, stop-cluster.sh and smoke.sh. Source it: it only sets variables and defines functions.

E2E_RUN_ROOT="${FLOTILLA_E2E_RUN:-${TMPDIR:-/tmp}/flotilla-e2e}"
E2E_CACHE="${FLOTILLA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/flotilla}"
E2E_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

e2e_log() { printf '==> %s\n' "$*" >&2; }
e2e_die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Seconds since the epoch with millisecond precision, and a duration in seconds since one.
e2e_now() { printf '%s\n' "${EPOCHREALTIME:-$(date +%s.%N)}"; }
e2e_since() { awk -v a="$1" -v b="$(e2e_now)" 'BEGIN { printf "%.1fs", b - a }'; }

e2e_valid_name() { [[ "$1" =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]]; }

# The kube-apiserver to run: $FLOTILLA_KUBE_APISERVER, else the one build-kube-apiserver.sh
# linked as $E2E_CACHE/kube-apiserver, else the newest kube-apiserver-<version> in the cache.
e2e_kube_apiserver() {
  local candidate
  for candidate in "${FLOTILLA_KUBE_APISERVER:-}" "$E2E_CACHE/kube-apiserver" \
      $(ls -1 "$E2E_CACHE"/kube-apiserver-* 2>/dev/null | grep -v '\.tmp$' | sort -V -r); do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      readlink -f "$candidate"
      return 0
    fi
  done
  return 1
}

# True when a TCP socket uses the port locally: listening, connected or connecting. TIME-WAIT
# does not count; Go servers bind with SO_REUSEADDR, and a restart on the same port must work.
e2e_port_busy() {
  [ -n "$(ss -Htan exclude time-wait "( sport = :$1 )" 2>/dev/null)" ]
}

# The PID recorded in a pid file, if that process is alive and is the one we started: its
# command line names the run directory (every process we start gets paths inside it).
e2e_live_pid() {
  local pidfile="$1" rundir="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$rundir/" || return 1
  printf '%s\n' "$pid"
}

# Sends TERM to a process we started, waits up to $3 seconds, then KILLs it.
e2e_stop_pid() {
  local pidfile="$1" rundir="$2" grace="${3:-15}" pid i
  pid="$(e2e_live_pid "$pidfile" "$rundir")" || { rm -f "$pidfile"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    e2e_live_pid "$pidfile" "$rundir" >/dev/null || break
    sleep 0.1
  done
  if e2e_live_pid "$pidfile" "$rundir" >/dev/null; then
    e2e_log "$(basename "$pidfile" .pid) ($pid) ignored TERM for ${grace}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f "$pidfile"
}

# e2e_start_clusters NAME...: starts one control plane per NAME, together, on the first free
# ports from FLOTILLA_E2E_BASE_PORT, taking turns with other e2e scripts while choosing them
# (they share one lock). Needs E2E_RUN_ROOT; each cluster's start log is $E2E_RUN_ROOT/NAME.start.log.
e2e_start_clusters() {
  local name port="${FLOTILLA_E2E_BASE_PORT:-16443}"
  declare -A pids
  mkdir -p "$E2E_RUN_ROOT"
  exec 7>"${TMPDIR:-/tmp}/flotilla-e2e-smoke.lock"
  flock -n 7 || { e2e_log "another e2e run is starting its clusters; waiting"; flock 7; }
  for name in "$@"; do
    while e2e_port_busy "$port"; do port=$((port + 1)); done
    "$E2E_HERE/start-cluster.sh" "$name" "$port" >"$E2E_RUN_ROOT/$name.start.log" 2>&1 &
    pids[$name]=$!
    port=$((port + 1))
  done
  for name in "$@"; do
    wait "${pids[$name]}" || { sed 's/^/       | /' "$E2E_RUN_ROOT/$name.start.log" >&2; e2e_die "start of $name failed"; }
  done
  exec 7>&-
}

# e2e_finish STATUS WHAT STARTED [purge-root]: the end of every e2e script's EXIT trap. On a pass,
# stops and purges this run's clusters (and with `purge-root`, removes E2E_RUN_ROOT, when the
# script owns it alone), unless FLOTILLA_E2E_KEEP=1 leaves them running; on a failure, stops them
# and keeps their logs. Then prints WHAT passed or FAILED, with the time since STARTED.
e2e_finish() {
  local status="$1" what="$2" started="$3" purge_root="${4:-}"
  if [ "${FLOTILLA_E2E_KEEP:-0}" = 1 ] && [ "$status" = 0 ]; then
    e2e_log "clusters left running; stop them with: FLOTILLA_E2E_RUN=$E2E_RUN_ROOT $E2E_HERE/stop-cluster.sh --purge --all"
  elif [ -d "$E2E_RUN_ROOT" ]; then
    if [ "$status" = 0 ]; then
      "$E2E_HERE/stop-cluster.sh" --purge --all 2>/dev/null
      if [ "$purge_root" = purge-root ]; then rm -rf "$E2E_RUN_ROOT"; fi
    else
      "$E2E_HERE/stop-cluster.sh" --all
      e2e_log "logs, certificates and kubeconfigs kept in $E2E_RUN_ROOT"
    fi
  fi
  if [ "$status" = 0 ]; then
    e2e_log "$what passed in $(e2e_since "$started")"
  else
    e2e_log "$what FAILED (exit $status) after $(e2e_since "$started")"
  fi
}

# Builds (or finds cached) kube-apiserver and builds flotilla; sets FLOTILLA to its path. Reads
# SWIFT, REPO and the swift_flags array of the calling script.
e2e_build_flotilla() {
  "$E2E_HERE/build-kube-apiserver.sh" >/dev/null
  e2e_kube_apiserver >/dev/null || e2e_die "no kube-apiserver in $E2E_CACHE after build-kube-apiserver.sh"
  local started
  started="$(e2e_now)"
  (cd "$REPO" && "$SWIFT" build "${swift_flags[@]}" --product flotilla)
  FLOTILLA="$(cd "$REPO" && "$SWIFT" build "${swift_flags[@]}" --show-bin-path)/flotilla"
  e2e_log "swift build --product flotilla: $(e2e_since "$started")"
}

# kubectl against this run's cluster NAME: kc NAME ARGS...
kc() { "${KUBECTL:-kubectl}" --kubeconfig "$E2E_RUN_ROOT/$1/$1.kubeconfig" "${@:2}"; }

# A value from cluster NAME's cluster.env: env_of NAME KEY (FLOTILLA_E2E_KEY).
env_of() { sed -n "s/^FLOTILLA_E2E_$2=//p" "$E2E_RUN_ROOT/$1/cluster.env"; }

# e2e_register_member CONTROL_PLANE NAME DIR: registers this run's control plane CONTROL_PLANE
# on the host (which has the CRDs and the kube-admiral-system namespace) as a person would: a
# Secret NAME with the member's CA and admin token (through a file in DIR, never on a command
# line), and a FederatedCluster NAME with the member's endpoint.
e2e_register_member() {
  local member="$1" name="$2" dir="$3"
  printf '%s' "$(env_of "$member" ADMIN_TOKEN)" >"$dir/$member.token"
  kc host -n kube-admiral-system create secret generic "$name" \
    --from-file=certificate-authority-data="$(env_of "$member" CA_FILE)" \
    --from-file=bootstrap-token-data="$dir/$member.token" >/dev/null
  rm "$dir/$member.token"
  kc host create -f - >/dev/null <<<"{\"apiVersion\": \"core.kubeadmiral.io/v1alpha1\", \"kind\": \"FederatedCluster\",
    \"metadata\": {\"name\": \"$name\"},
    \"spec\": {\"apiEndpoint\": \"$(env_of "$member" SERVER)\", \"secretRef\": {\"name\": \"$name\"}}}"
}
