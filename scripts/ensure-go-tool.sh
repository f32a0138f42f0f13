#!/usr/bin/env bash
# Builds a small Go tool of this repository once, offline from the Go module proxy, and prints (as the LAST line of
# stdout) the absolute path of its executable. Progress goes to stderr.
#
#   bash scripts/ensure-go-tool.sh actionlint     # github.com/rhysd/actionlint (scripts/actionlint/go.mod pins v1.7.12)
#   bash scripts/ensure-go-tool.sh fakes3         # scripts/fakes3/main.go on github.com/johannesboyne/gofakes3 v1.2.0
#
# Each tool is a Go module in scripts/<name>/: either it names an upstream main package with a `tool` line in its
# go.mod (built as it is), or it is a main package of its own. The executable is built like the Pulumi CLI (no cgo)
# into ${PULUMI_CACHE_DIR:-<repo>/.cache/pulumi}/go-tools/<name>/<hash of its sources>/<name>, and rebuilt only when
# those sources or the Go version change (measured on 2 cores, modules cached: actionlint ~22 s, fakes3 ~7 s; already
# built: ~0.1 s). Needs Go >= 1.26.6 (PULUMI_ENSURE_GO, else go on PATH, else /usr/local/go/bin/go).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${PULUMI_CACHE_DIR:-$ROOT/.cache/pulumi}"

log() { printf 'ensure-go-tool: %s\n' "$*" >&2; }

if [ $# -ne 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    [ $# -eq 1 ] && exit 0 || exit 2
fi
NAME="$1"
case "$NAME" in
*[!a-z0-9-]* | "") log "ERROR: '$NAME' is not a tool name (lower-case letters, digits and '-': a folder of scripts/)"; exit 2 ;;
esac
MODULE="$ROOT/scripts/$NAME"
if [ ! -f "$MODULE/go.mod" ]; then
    log "ERROR: scripts/$NAME/go.mod does not exist; the tools are: $(cd "$ROOT/scripts" && for d in */go.mod; do printf '%s ' "${d%/go.mod}"; done)"
    exit 2
fi

# shellcheck source=lib/go-build.sh
. "$ROOT/scripts/lib/go-build.sh"
find_go "$NAME"

# The package to build: the module's `tool` line when it has one (an upstream command), else the module itself.
PKG="$(awk '$1 == "tool" { print $2; exit }' "$MODULE/go.mod")"
PKG="${PKG:-.}"

# Keyed by everything the binary is built from, so an edit or a version bump rebuilds it.
KEY="$(cat "$MODULE/go.mod" "$MODULE/go.sum" $(find "$MODULE" -maxdepth 1 -name '*.go' | sort) <("$GO" version) | sha256sum | cut -c1-16)"
build_cached "$NAME ($PKG)" "$CACHE_ROOT/go-tools/$NAME" "$KEY" "$NAME" "$MODULE" "$PKG" osusergo
echo "$BIN"
