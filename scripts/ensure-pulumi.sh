#!/usr/bin/env bash
# Makes the Pulumi engine usable offline and prints (as the LAST line of stdout) the absolute directory
# that holds `pulumi`, `pulumi-language-nodejs`, `pulumi-language-yaml` and `pulumi-resource-pulumi-nodejs`.
# Progress goes to stderr.
#
#   bin_dir=$(bash scripts/ensure-pulumi.sh | tail -1)
#
# - A `pulumi` on PATH is used as it is (set PULUMI_ENSURE_IGNORE_PATH=1 to ignore it); the printed directory
#   then links to it, to the PATH's `pulumi-language-nodejs` if there is one (else ours), and to the dynamic
#   provider plugin shipped in node_modules/@pulumi/pulumi.
# - Otherwise the CLI is built from the Go module in scripts/pulumi-cli/ (version pinned in its go.mod) into
#   ${PULUMI_CACHE_DIR:-<repo>/.cache/pulumi}/<version>/bin, only when missing. Needs Go >= 1.26.6 and the Go
#   module proxy (cold: ~6 min measured on 2 cores; Go build cache warm: ~5-8 s; already built: ~0.2 s).
# - The YAML language host `pulumi-language-yaml` is built from the Go module in scripts/pulumi-yaml/ (version pinned
#   in its go.mod) into ${PULUMI_CACHE_DIR:-<repo>/.cache/pulumi}/pulumi-language-yaml/<version>/, only when
#   missing, and linked into the printed directory; one on PATH (it ships beside a regular pulumi) is used instead.
#   With a pulumi from PATH, no YAML host on PATH and no Go, the directory lacks it (only YAML programs fail).
#   (measured on 2 cores: empty Go caches ~4.6 min and ~0.85 GB; modules cached ~75 s; already built ~0.2 s.)
# - The Node.js language host is ours (scripts/language-host/), because the upstream one cannot be built here.
#   See README.md ("The Pulumi engine in tests and CI").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI_MODULE="$ROOT/scripts/pulumi-cli"
YAML_MODULE="$ROOT/scripts/pulumi-yaml"
HOST="$ROOT/scripts/language-host/pulumi-language-nodejs"
DYN="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
CACHE_ROOT="${PULUMI_CACHE_DIR:-$ROOT/.cache/pulumi}"
INSTALL_HELP="https://www.pulumi.com/docs/install/"

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}
how_to_install() {
    log "To use a regular Pulumi installation instead, install it the usual way (needs internet):"
    log "    $INSTALL_HELP   (e.g. 'curl -fsSL https://get.pulumi.com | sh', 'brew install pulumi')"
    log "and put its bin directory on PATH; this script then uses it as it is."
}

# The version is pinned in one place: scripts/pulumi-cli/go.mod.
VERSION="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2; exit }' "$CLI_MODULE/go.mod")"
[ -n "$VERSION" ] || die "cannot read the github.com/pulumi/pulumi/pkg/v3 version from $CLI_MODULE/go.mod"
# The YAML host's version is pinned in scripts/pulumi-yaml/go.mod.
YAML_VERSION="$(awk '$1 == "github.com/pulumi/pulumi-yaml" { print $2; exit }' "$YAML_MODULE/go.mod")"
[ -n "$YAML_VERSION" ] || die "cannot read the github.com/pulumi/pulumi-yaml version from $YAML_MODULE/go.mod"

[ -x "$HOST" ] || die "language host wrapper missing or not executable: $HOST"
[ -f "$DYN" ] || die "$DYN is missing: run 'npm ci' (or 'npm install') in $ROOT first"

# link NAME TARGET DIR: DIR/NAME -> TARGET (replaced only when it differs).
link() {
    local name="$1" target="$2" dir="$3"
    if [ "$(readlink "$dir/$name" 2>/dev/null || true)" != "$target" ]; then
        ln -sfn "$target" "$dir/$name"
    fi
}

# Prints the version reported by a pulumi binary, or nothing.
pulumi_version() {
    PULUMI_SKIP_UPDATE_CHECK=true timeout 60 "$1" version 2>/dev/null | tail -1 || true
}

# Sets GO to a working go binary, or explains what is missing (what, the thing that needed it) and exits.
# PULUMI_ENSURE_GO: the go binary to use (default: go on PATH, else /usr/local/go/bin/go).
need_go() {
    [ -n "${GO:-}" ] && return 0
    GO="${PULUMI_ENSURE_GO:-$(command -v go 2>/dev/null || true)}"
    if [ -z "${PULUMI_ENSURE_GO:-}" ] && [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then
        GO=/usr/local/go/bin/go
    fi
    if [ -z "$GO" ] || ! "$GO" version >/dev/null 2>&1; then
        GO=""
        log "ERROR: $1, and there is no Go toolchain to build it from source (need Go >= 1.26.6)."
        how_to_install
        exit 1
    fi
}

# go_build MODULE_DIR PACKAGE OUT LDFLAGS: builds the way upstream releases do (no cgo), into OUT atomically.
go_build() {
    local module="$1" pkg="$2" out="$3" ldflags="$4" tmp
    tmp="$out.tmp.$$"
    trap 'rm -f "'"$tmp"'"' EXIT
    if ! (cd "$module" && CGO_ENABLED=0 "$GO" build -tags osusergo,grpcnotrace -ldflags "-s -w $ldflags" \
        -o "$tmp" "$pkg" >&2); then
        rm -f "$tmp"
        return 1
    fi
    mv -f "$tmp" "$out"
    trap - EXIT
}

# Prints the path of a pulumi-language-yaml to use: with "prefer-path", the PATH's (if it is not one of ours);
# else ours, built from scripts/pulumi-yaml when missing. Run it in $(...): it may exit.
ensure_yaml_host() {
    local d
    if [ "${1:-}" = "prefer-path" ]; then
        IFS=: read -r -a path_dirs <<<"$PATH"
        for d in "${path_dirs[@]}"; do
            [ -n "$d" ] && [ -x "$d/pulumi-language-yaml" ] || continue
            case "$(readlink -f "$d/pulumi-language-yaml")" in "$(cd "$CACHE_ROOT" && pwd)"/*) continue ;; esac
            readlink -f "$d/pulumi-language-yaml"
            return 0
        done
    fi
    local dir="$CACHE_ROOT/pulumi-language-yaml/$YAML_VERSION"
    if [ -x "$dir/pulumi-language-yaml" ]; then
        log "pulumi-language-yaml $YAML_VERSION already built in $dir"
    else
        need_go "no pulumi-language-yaml on PATH"
        mkdir -p "$dir"
        log "building pulumi-language-yaml $YAML_VERSION with $("$GO" version | awk '{print $3}') from $YAML_MODULE"
        log "(cold: ~0.4 GB of modules, ~0.4 GB of build cache and about 5 minutes on 2 cores)"
        local start
        start=$(date +%s)
        if ! go_build "$YAML_MODULE" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
            "$dir/pulumi-language-yaml" "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=${YAML_VERSION#v}"; then
            die "building pulumi-language-yaml $YAML_VERSION failed (output above)"
        fi
        log "built pulumi-language-yaml $YAML_VERSION in $(($(date +%s) - start)) s"
    fi
    cd "$dir" && echo "$(pwd)/pulumi-language-yaml"
}

mkdir -p "$CACHE_ROOT"
# Serialise concurrent runs (two test processes, a developer and CI) on the same cache.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_ROOT/.lock"
    flock 9
fi

BUILD_BIN="$CACHE_ROOT/$VERSION/bin"

# 1. A pulumi on PATH (that is not our own cached build).
path_pulumi=""
if [ "${PULUMI_ENSURE_IGNORE_PATH:-}" != "1" ] && path_pulumi="$(command -v pulumi 2>/dev/null)"; then
    real_dir="$(cd "$(dirname "$(readlink -f "$path_pulumi")")" && pwd)"
    if [ "$real_dir" = "$(mkdir -p "$BUILD_BIN" && cd "$BUILD_BIN" && pwd)" ] ||
        [ "$real_dir" = "$(mkdir -p "$CACHE_ROOT/from-path/bin" && cd "$CACHE_ROOT/from-path/bin" && pwd)" ]; then
        path_pulumi="" # our own directory is on PATH: handled below
    fi
fi
if [ -n "$path_pulumi" ]; then
    v="$(pulumi_version "$path_pulumi")"
    if [ -z "$v" ]; then
        log "WARNING: '$path_pulumi version' failed; ignoring that pulumi and building $VERSION instead"
    else
        [ "$v" = "$VERSION" ] || log "note: using pulumi $v from PATH ($path_pulumi); the pinned version is $VERSION"
        BIN="$CACHE_ROOT/from-path/bin"
        mkdir -p "$BIN"
        link pulumi "$(readlink -f "$path_pulumi")" "$BIN"
        # The PATH's language host if it has one, else ours (PATH lookup, skipping our own link directory).
        host="$HOST"
        IFS=: read -r -a path_dirs <<<"$PATH"
        for d in "${path_dirs[@]}"; do
            [ -n "$d" ] && [ -x "$d/pulumi-language-nodejs" ] || continue
            [ "$(cd "$d" 2>/dev/null && pwd)" = "$(cd "$BIN" && pwd)" ] && continue
            host="$(readlink -f "$d/pulumi-language-nodejs")"
            break
        done
        link pulumi-language-nodejs "$host" "$BIN"
        link pulumi-resource-pulumi-nodejs "$DYN" "$BIN"
        # Without a YAML host only YAML programs fail (with a clear message from the tests); npm start needs none.
        if yaml_host="$(ensure_yaml_host prefer-path)"; then
            link pulumi-language-yaml "$yaml_host" "$BIN"
        else
            yaml_host="none (YAML programs cannot run)"
            rm -f "$BIN/pulumi-language-yaml"
        fi
        log "using pulumi $v from PATH; language hosts: $host, $yaml_host"
        cd "$BIN" && pwd
        exit 0
    fi
fi

# 2. Our cached build, built when missing.
mkdir -p "$BUILD_BIN"
BIN="$(cd "$BUILD_BIN" && pwd)"
if [ -x "$BIN/pulumi" ] && [ "$(pulumi_version "$BIN/pulumi")" = "$VERSION" ]; then
    log "pulumi $VERSION already built in $BIN"
else
    need_go "no 'pulumi' on PATH"
    log "building pulumi $VERSION with $("$GO" version | awk '{print $3}') from $CLI_MODULE"
    log "(a cold first build downloads ~1.4 GB of modules from the Go module proxy and compiles: about 6 minutes measured on 2 cores, up to ~25 on slow links)"
    start=$(date +%s)
    if ! go_build "$CLI_MODULE" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$BIN/pulumi" \
        "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION"; then
        log "ERROR: building the Pulumi CLI failed (output above)."
        how_to_install
        exit 1
    fi
    got="$(pulumi_version "$BIN/pulumi")"
    [ "$got" = "$VERSION" ] || die "the built pulumi reports version '$got', expected $VERSION"
    log "built pulumi $VERSION in $(($(date +%s) - start)) s"
fi
link pulumi-language-nodejs "$HOST" "$BIN"
link pulumi-resource-pulumi-nodejs "$DYN" "$BIN"
yaml_host="$(ensure_yaml_host)"
link pulumi-language-yaml "$yaml_host" "$BIN"
echo "$BIN"
