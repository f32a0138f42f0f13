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

# shellcheck source=lib/go-build.sh
. "$ROOT/scripts/lib/go-build.sh"
find_go "the SDK generator"

# The binary is keyed by everything it is built from, so an edit of the tool or a version bump rebuilds it.
KEY="$(cat "$MODULE/go.mod" "$MODULE/go.sum" "$MODULE"/gen-sdk/*.go <("$GO" version) | sha256sum | cut -c1-16)"
build_cached "the SDK generator" "$CACHE_ROOT/gen-sdk" "$KEY" gen-sdk "$MODULE" ./gen-sdk osusergo,grpcnotrace

if [ "$1" = "--ensure" ]; then
    echo "$BIN"
    exit 0
fi
exec "$BIN" "$@"
