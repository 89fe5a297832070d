#!/usr/bin/env bash
# Builds kube-apiserver from Debian's `kubernetes` source package with Debian's Go, and caches
# the binary outside the checkout. Run it as often as you like: when the cached binary exists
# and answers --version, it prints the path and does nothing else.
#
#   hack/e2e/build-kube-apiserver.sh          # prints the binary's path on the last line
#
# Environment:
#   FLOTILLA_CACHE             cache directory (default ${XDG_CACHE_HOME:-$HOME/.cache}/flotilla)
#   FLOTILLA_KUBE_DEB_VERSION  Debian source version to build (default: the candidate apt knows)
#   FLOTILLA_KEEP_BUILD=1      keep the unpacked source and Go build cache after a good build
#   FLOTILLA_NICE              niceness of the Go build (default 10)
set -euo pipefail

readonly SRC_PACKAGE=kubernetes
readonly DEB_SRC_FILE=/etc/apt/sources.list.d/flotilla-deb-src.sources
readonly DEB_SOURCES=/etc/apt/sources.list.d/debian.sources
readonly REFLECT2_MODULE=github.com/modern-go/reflect2
readonly REFLECT2_DEBIAN_SRC=/usr/share/gocode/src/$REFLECT2_MODULE
readonly CACHE_DIR="${FLOTILLA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/flotilla}"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build-kube-apiserver: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root for: $*"
  fi
}

# The version apt would fetch with `apt-get source kubernetes` (empty when no deb-src is known).
candidate_source_version() {
  apt-cache showsrc "$SRC_PACKAGE" 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -V | tail -n 1
}

binary_path_for() { printf '%s/kube-apiserver-%s\n' "$CACHE_DIR" "${1//:/_}"; }

binary_works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

# Prints the path of a usable cached binary, or nothing.
cached_binary() {
  local version="${FLOTILLA_KUBE_DEB_VERSION:-$(candidate_source_version)}" candidate
  if [ -n "$version" ]; then
    candidate="$(binary_path_for "$version")"
    binary_works "$candidate" && printf '%s\n' "$candidate"
    return 0
  fi
  # No deb-src configured yet and no version asked for: accept the newest binary already built.
  for candidate in $(ls -1 "$CACHE_DIR"/kube-apiserver-* 2>/dev/null | grep -v "\.tmp$" | sort -V -r); do
    if binary_works "$candidate"; then printf '%s\n' "$candidate"; return 0; fi
  done
}

# Writes a deb-src twin of every enabled `Types: deb` stanza of the machine's deb822 sources,
# keeping its URIs, Suites, Components and Signed-By, so apt-get source uses the same mirrors.
write_deb_src_file() {
  [ -r "$DEB_SOURCES" ] || die "$DEB_SOURCES not found; add a deb-src entry for your mirror by hand"
  local tmp
  tmp="$(mktemp)"
  awk '
    function flush() {
      if (is_deb && enabled) {
        if (n_out++) print ""
        print "Types: deb-src"
        for (i = 1; i <= n; i++) print kept[i]
      }
      is_deb = 0; enabled = 1; n = 0; keep_cont = 0
    }
    BEGIN {
      enabled = 1
      print "# Written by Flotilla hack/e2e/build-kube-apiserver.sh: the deb-src twin of"
      print "# /etc/apt/sources.list.d/debian.sources, for `apt-get source kubernetes`."
      print ""
    }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^[ \t]/ { if (keep_cont) kept[++n] = $0; next }
    {
      field = tolower($1); keep_cont = 0
      if (field == "types:") { for (i = 2; i <= NF; i++) if ($i == "deb") is_deb = 1; next }
      if (field == "enabled:") { if (tolower($2) == "no") enabled = 0; next }
      if (field == "uris:" || field == "suites:" || field == "components:" || field == "signed-by:") {
        kept[++n] = $0; keep_cont = 1
      }
    }
    END { flush() }
  ' "$DEB_SOURCES" >"$tmp"
  grep -q '^Types: deb-src' "$tmp" || { rm -f "$tmp"; die "no enabled 'Types: deb' stanza in $DEB_SOURCES"; }
  if [ -f "$DEB_SRC_FILE" ] && cmp -s "$tmp" "$DEB_SRC_FILE"; then
    rm -f "$tmp"
    return 1  # unchanged
  fi
  log "writing $DEB_SRC_FILE (deb-src for the mirrors in $DEB_SOURCES)"
  as_root install -m 0644 "$tmp" "$DEB_SRC_FILE"
  rm -f "$tmp"
}

ensure_deb_src() {
  local changed=0
  write_deb_src_file && changed=1
  if [ "$changed" = 1 ] || [ -z "$(candidate_source_version)" ]; then
    log "apt-get update (source indexes)"
    as_root apt-get update -qq
  fi
  [ -n "$(candidate_source_version)" ] || die "apt knows no source package '$SRC_PACKAGE' even after apt-get update"
}

readonly RUNTIME_PACKAGES=(etcd-server openssl curl)
readonly BUILD_PACKAGES=(dpkg-dev golang-go golang-github-modern-go-reflect2-dev)

ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing missing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Fetches and unpacks the source package into $1, printing the unpacked tree's path.
fetch_source() {
  local workdir="$1" version="$2" tree
  mkdir -p "$workdir"
  tree="$(find "$workdir" -mindepth 1 -maxdepth 1 -type d -name "${SRC_PACKAGE}-*" | head -n 1)"
  if [ -n "$tree" ] && [ -f "$tree/.flotilla-unpacked" ]; then
    log "reusing unpacked source $tree"
  else
    rm -rf "${workdir:?}"/*
    log "apt-get source $SRC_PACKAGE=$version (into $workdir)"
    (cd "$workdir" && apt-get source -qq "$SRC_PACKAGE=$version" >&2)
    tree="$(find "$workdir" -mindepth 1 -maxdepth 1 -type d -name "${SRC_PACKAGE}-*" | head -n 1)"
    [ -n "$tree" ] || die "apt-get source left no ${SRC_PACKAGE}-* directory in $workdir"
    touch "$tree/.flotilla-unpacked"
  fi
  printf '%s\n' "$tree"
}

# reflect2 1.0.1 (vendored by Kubernetes 1.20) mirrors the runtime's map iterator, whose layout
# changed in Go 1.18, and crashes when built with it; 1.0.2 has a Go 1.18 variant. Swap in
# Debian's 1.0.2 and make the module metadata say so.
replace_reflect2() {
  local tree="$1" vendored="$1/vendor/$REFLECT2_MODULE" old_version new_version old_re
  [ -d "$REFLECT2_DEBIAN_SRC" ] || die "$REFLECT2_DEBIAN_SRC missing (package golang-github-modern-go-reflect2-dev)"
  [ -d "$vendored" ] || die "$vendored missing: does this source package still vendor its dependencies?"
  new_version="v$(dpkg-query -W -f='${Version}' golang-github-modern-go-reflect2-dev | sed 's/-[^-]*$//; s/^[0-9]*://')"
  # modules.txt lists a replaced module as "# module vX => module vX", its packages, and
  # "# module => module vX"; go.mod has the replace line (and a require line when direct).
  old_version="$(awk -v m="$REFLECT2_MODULE" '$1 == "#" && $2 == m && $3 ~ /^v/ { print $3; exit }' "$tree/vendor/modules.txt")"
  [ -n "$old_version" ] || die "vendor/modules.txt does not list $REFLECT2_MODULE"
  if [ "$old_version" = "$new_version" ]; then
    log "vendor/$REFLECT2_MODULE is already $new_version"
    return 0
  fi
  log "replacing vendor/$REFLECT2_MODULE $old_version with Debian's $new_version ($REFLECT2_DEBIAN_SRC)"
  rm -rf "$vendored"
  mkdir -p "$vendored"
  # Only what `go build` needs: the package's Go and assembly files, no tests.
  find "$REFLECT2_DEBIAN_SRC" -maxdepth 1 -type f \( -name '*.go' ! -name '*_test.go' -o -name '*.s' \) \
    -exec cp {} "$vendored/" \;
  # go build -mod=vendor insists that go.mod and vendor/modules.txt agree, so both change.
  old_re="${old_version//./\\.}"
  sed -i -E "\\%^# $REFLECT2_MODULE( |\$)% s/ $old_re( |\$)/ $new_version\1/g" "$tree/vendor/modules.txt"
  sed -i -E "\\%^[[:space:]]*$REFLECT2_MODULE( |\$)% s/ $old_re( |\$)/ $new_version\1/g" "$tree/go.mod"
  if grep -q "$old_re" <(grep "$REFLECT2_MODULE" "$tree/go.mod" "$tree/vendor/modules.txt"); then
    die "could not update every $REFLECT2_MODULE $old_version line in go.mod and vendor/modules.txt"
  fi
  grep -n "$REFLECT2_MODULE" "$tree/go.mod" "$tree/vendor/modules.txt" | sed 's/^/    /' >&2
}

# Kubernetes 1.20 sorted each module's entry in vendor/modules.txt, so a wildcard replacement
# line ("# module => replacement version") can sit between "# module version => ..." and that
# module's package lines. Go 1.15 did not mind; Go >= 1.17 files those packages under a module
# with no version, which outranks every real version, and then reports "updates to go.mod
# needed, disabled by -mod=vendor". Moving each wildcard line in front of the module entry it
# interrupts changes no content. Running it twice changes nothing.
normalise_modules_txt() {
  local modules="$1/vendor/modules.txt" tmp
  tmp="$(mktemp)"
  awk '
    function flush() { printf "%s%s%s", before, entry, after; before = entry = after = "" }
    $1 == "#" && $3 == "=>" { after = after $0 "\n"; next } # wildcard: hold until we see what follows
    $1 == "#" { flush(); entry = $0 "\n"; next }             # the next module entry starts
    {                                                         # package or ## line of this entry:
      before = before after; after = ""                       # held wildcards split it, move them up
      entry = entry $0 "\n"
    }
    END { flush() }
  ' "$modules" >"$tmp"
  if cmp -s "$tmp" "$modules"; then
    rm -f "$tmp"
  else
    log "vendor/modules.txt: moving wildcard replacement lines ahead of the module entries they split"
    [ "$(wc -l <"$tmp")" = "$(wc -l <"$modules")" ] || die "normalising $modules changed its line count"
    cat "$tmp" >"$modules"
    rm -f "$tmp"
  fi
}

# pkg/generated/openapi/zz_generated.openapi.go is not in the source: upstream's make generates
# it before building (build/root/Makefile.generated_files, gen_openapi), and `go build` alone
# fails with "undefined: openapi.GetOpenAPIDefinitions". Generate it the way that rule does:
# openapi-gen from vendor/, run in GOPATH mode over every package with a +k8s:openapi-gen tag
# (staging packages under their vendor/ names), minus code-generator and sample-apiserver.
generate_openapi() {
  local tree="$1" out="$1/pkg/generated/openapi/zz_generated.openapi.go"
  local gopath="$CACHE_DIR/gopath-gen" tool="$CACHE_DIR/tools/openapi-gen" report="$CACHE_DIR/tools/openapi-violations.report"
  local dirs inputs start=$SECONDS
  if [ -s "$out" ]; then
    log "pkg/generated/openapi is already generated"
    return 0
  fi
  log "building openapi-gen from vendor/k8s.io/kube-openapi"
  mkdir -p "$(dirname "$tool")"
  (
    cd "$tree"
    export GOFLAGS=-mod=vendor CGO_ENABLED=0 GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local
    export GOCACHE="$CACHE_DIR/go-build" GOPATH="$CACHE_DIR/gopath"
    nice -n "${FLOTILLA_NICE:-10}" go build -o "$tool" ./vendor/k8s.io/kube-openapi/cmd/openapi-gen
  )
  dirs="$(
    cd "$tree"
    set +o pipefail # grep exits 1 for a batch of files without the tag
    find . \( -path ./vendor -o -path './_*' -o -path './.*' \) -prune -o -type f -name '*.go' -print0 \
      | xargs -0 grep -l '^// *+k8s:' | xargs grep -l '+k8s:openapi-gen=' \
      | sed 's|^\./staging/src/|vendor/|; s|^\./||; s|/[^/]*$||' \
      | grep -v -E '^vendor/k8s\.io/(code-generator|sample-apiserver)/' | LC_ALL=C sort -u
  )"
  [ -n "$dirs" ] || die "found no packages tagged +k8s:openapi-gen in $tree"
  inputs="$(printf 'k8s.io/kubernetes/%s\n' $dirs | paste -sd, -)"
  mkdir -p "$gopath/src/k8s.io"
  ln -sfn "$tree" "$gopath/src/k8s.io/kubernetes"
  log "openapi-gen over $(wc -w <<<"$dirs") packages (GOPATH mode, as upstream's hack/run-in-gopath.sh)"
  (
    cd "$gopath/src/k8s.io/kubernetes"
    export GO111MODULE=off GOPATH="$gopath" GOFLAGS= GOCACHE="$CACHE_DIR/go-build"
    nice -n "${FLOTILLA_NICE:-10}" "$tool" --logtostderr --v 0 \
      -i "$inputs" -o "$gopath/src" -p k8s.io/kubernetes/pkg/generated/openapi -O zz_generated.openapi \
      -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt -r "$report"
  )
  [ -s "$out" ] || die "openapi-gen ran but wrote no $out"
  # Upstream's make fails when the API-rule report differs from the known list; that is a lint
  # of the API types, not of the build, so here it is only reported.
  if ! diff -q "$report" "$tree/api/api-rules/violation_exceptions.list" >/dev/null 2>&1; then
    log "note: openapi-gen's API rule report differs from api/api-rules/violation_exceptions.list (lint only)"
  fi
  log "generated $(wc -l <"$out") lines of OpenAPI definitions in $((SECONDS - start))s"
}

# The version the source really is: 1.20.5+really1.20.2-1.1 -> 1.20.2.
upstream_version() {
  local v="${1#*:}"
  v="${v%-*}"
  case "$v" in *+really*) v="${v##*+really}" ;; esac
  v="${v%%+*}"
  printf '%s\n' "$v"
}

go_build() {
  local tree="$1" output="$2" version="$3" upstream major minor ldflags pkg
  upstream="$(upstream_version "$version")"
  major="${upstream%%.*}"; minor="${upstream#*.}"; minor="${minor%%.*}"
  ldflags="-s -w"
  # Both version packages, as upstream's hack/lib/version.sh sets them: clients read
  # /version, and kubectl warns about (or dispatches on) the server's version.
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=v$upstream -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    ldflags+=" -X $pkg.gitCommit=debian-$version"
  done
  log "go build ./cmd/kube-apiserver ($(go version | awk '{ print $3 }'), nice ${FLOTILLA_NICE:-10}); about 7-15 minutes on 2 cores"
  (
    cd "$tree"
    export GOFLAGS=-mod=vendor CGO_ENABLED=0 GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local
    export GOCACHE="$CACHE_DIR/go-build" GOPATH="$CACHE_DIR/gopath"
    nice -n "${FLOTILLA_NICE:-10}" go build -trimpath -ldflags "$ldflags" -o "$output" ./cmd/kube-apiserver
  )
}

main() {
  local binary version tree start elapsed
  mkdir -p "$CACHE_DIR"

  binary="$(cached_binary)"
  if [ -n "$binary" ]; then
    ensure_packages "${RUNTIME_PACKAGES[@]}" # what start-cluster.sh needs besides the binary
    log "cached: $binary ($("$binary" --version))"
    printf '%s\n' "$binary"
    return 0
  fi

  exec 9>"$CACHE_DIR/.build.lock"
  flock -n 9 || { log "another build holds $CACHE_DIR/.build.lock; waiting"; flock 9; }
  # A build that held the lock may have finished meanwhile.
  binary="$(cached_binary)"
  if [ -n "$binary" ]; then printf '%s\n' "$binary"; return 0; fi

  start=$SECONDS
  ensure_packages "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}"
  ensure_deb_src
  version="${FLOTILLA_KUBE_DEB_VERSION:-$(candidate_source_version)}"
  binary="$(binary_path_for "$version")"
  if binary_works "$binary"; then
    log "cached: $binary"
    printf '%s\n' "$binary"
    return 0
  fi
  log "building kube-apiserver from Debian source $SRC_PACKAGE $version"

  tree="$(fetch_source "$CACHE_DIR/src" "$version")"
  [ -d "$tree/vendor" ] || die "$tree has no vendor/ directory; this script needs a source package with vendored modules"
  normalise_modules_txt "$tree"
  replace_reflect2 "$tree"
  generate_openapi "$tree"
  go_build "$tree" "$binary.tmp" "$version"
  binary_works "$binary.tmp" || die "the new binary does not run: $binary.tmp --version"
  mv -f "$binary.tmp" "$binary"
  ln -sfn "$(basename "$binary")" "$CACHE_DIR/kube-apiserver"
  elapsed=$((SECONDS - start))

  if [ "${FLOTILLA_KEEP_BUILD:-0}" != 1 ]; then
    log "removing the unpacked source and Go build cache (FLOTILLA_KEEP_BUILD=1 keeps them)"
    chmod -R u+w "$CACHE_DIR/gopath" 2>/dev/null || true
    rm -rf "$CACHE_DIR/src" "$CACHE_DIR/go-build" "$CACHE_DIR/gopath" "$CACHE_DIR/gopath-gen" "$CACHE_DIR/tools"
  fi
  log "built $binary ($("$binary" --version), $(du -h "$binary" | cut -f1)) in $((elapsed / 60))m$((elapsed % 60))s"
  printf '%s\n' "$binary"
}

main "$@"
