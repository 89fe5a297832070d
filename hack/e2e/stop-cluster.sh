#!/usr/bin/env bash
# Stops clusters started by start-cluster.sh: kube-apiserver first, then etcd. Only processes
# whose pid files are in the cluster's run directory, and whose command lines name it, are
# signalled. Stopping a cluster that is not running is not an error.
#
#   hack/e2e/stop-cluster.sh [--purge] NAME...
#   hack/e2e/stop-cluster.sh [--purge] --all
#
# --purge also removes the run directory (logs, certificates, etcd data); without it the logs
# stay for reading until the next start-cluster.sh NAME.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: $0 [--purge] (--all | NAME...)" >&2; exit 2; }
purge=0 all=0 names=()
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    --all) all=1 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) e2e_valid_name "$arg" || e2e_die "not a cluster name: $arg"; names+=("$arg") ;;
  esac
done
if [ "$all" = 1 ]; then
  [ "${#names[@]}" -eq 0 ] || usage
  for dir in "$E2E_RUN_ROOT"/*/; do
    [ -f "$dir/ports.env" ] && names+=("$(basename "$dir")")
  done
fi
[ "${#names[@]}" -gt 0 ] || { [ "$all" = 1 ] && { e2e_log "no clusters under $E2E_RUN_ROOT"; exit 0; }; usage; }

for name in "${names[@]}"; do
  run="$E2E_RUN_ROOT/$name"
  if [ ! -d "$run" ]; then
    e2e_log "$name: no run directory ($run); nothing to stop"
    continue
  fi
  e2e_stop_pid "$run/kube-apiserver.pid" "$run" 15
  e2e_stop_pid "$run/etcd.pid" "$run" 15
  if [ "$purge" = 1 ]; then
    rm -rf "$run"
    e2e_log "$name stopped; removed $run"
  else
    e2e_log "$name stopped; logs in $run"
  fi
done
rmdir "$E2E_RUN_ROOT" 2>/dev/null || true
