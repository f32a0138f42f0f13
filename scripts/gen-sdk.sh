#!/usr/bin/env bash
# Generates Pulumi language SDKs from a package schema, offline:
#
#   bash scripts/gen-sdk.sh [-version X.Y.Z] <schema.json> <out-dir> <language>...   # writes <out-dir>/<language>/
#   bash scripts/gen-sdk.sh --ensure        # only builds the tool when missing; prints its path
#
# Languages: go, python, nodejs. e.g. `bash scripts/gen-sdk.sh schema.json sdks go python nodejs`.
# The tool is scripts/pulumi-cli/gen-sdk (a second main package in the CLI's module, so it shares the CLI's
# pinned pkg/v3 version and the Go module and build caches). It is built once into
# ${PULUMI_CACHE_DIR:-<repo>/.cache/pulumi}/gen-sdk/<hash of its sources>/ and rebuilt only when its sources
# change (cold, with the CLI already built: ~30 s; otherwise ~0.1 s). Progress goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/scripts/pulumi-cli"
CACHE_ROOT="${PULUMI_CACHE_DIR:-$ROOT/.cache/pulumi}"

log() { printf 'gen-sdk: %s\n' "$*" >&2; }

if [ $# -eq 0 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    [ $# -eq 0 ] && exit 2 || exit 0
fi

GO="${PULUMI_ENSURE_GO:-$(command -v go 2>/dev/null || true)}"
if [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then
    GO=/usr/local/go/bin/go
fi
if [ -z "$GO" ] || ! "$GO" version >/dev/null 2>&1; then
    log "ERROR: building the SDK generator needs a Go toolchain (>= 1.26.6): install Go or set PULUMI_ENSURE_GO."
    exit 1
fi

# The binary is keyed by everything it is built from, so an edit of the tool or a version bump rebuilds it.
KEY="$(cat "$MODULE/go.mod" "$MODULE/go.sum" "$MODULE"/gen-sdk/*.go <("$GO" version) | sha256sum | cut -c1-16)"
DIR="$CACHE_ROOT/gen-sdk/$KEY"
BIN="$DIR/gen-sdk"

if [ ! -x "$BIN" ]; then
    mkdir -p "$CACHE_ROOT/gen-sdk"
    # Serialise concurrent builds (parallel tests, a developer and CI) on the same cache.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$CACHE_ROOT/gen-sdk/.lock"
        flock 9
    fi
    if [ ! -x "$BIN" ]; then
        log "building the SDK generator with $("$GO" version | awk '{print $3}') from $MODULE/gen-sdk"
        start=$(date +%s)
        mkdir -p "$DIR"
        tmp="$BIN.tmp.$$"
        trap 'rm -f "$tmp"' EXIT
        if ! (cd "$MODULE" && CGO_ENABLED=0 "$GO" build -tags osusergo,grpcnotrace -ldflags "-s -w" -o "$tmp" ./gen-sdk >&2); then
            log "ERROR: building the SDK generator failed (output above)."
            exit 1
        fi
        mv -f "$tmp" "$BIN"
        trap - EXIT
        # Older builds of the tool are of no further use.
        for old in "$CACHE_ROOT"/gen-sdk/*/; do
            [ "$(cd "$old" && pwd)" = "$(cd "$DIR" && pwd)" ] || rm -rf "$old"
        done
        log "built the SDK generator in $(($(date +%s) - start)) s: $BIN"
    fi
fi

if [ "$1" = "--ensure" ]; then
    echo "$BIN"
    exit 0
fi
exec "$BIN" "$@"
