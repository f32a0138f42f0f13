# Sourced (not run) by the scripts that build a Go tool of this repository offline, once, into a cache keyed by
# its sources: scripts/ensure-go-tool.sh and scripts/gen-sdk.sh. Each caller defines `log` (its own prefix).

# find_go <what>: sets GO to a working Go toolchain (PULUMI_ENSURE_GO, else go on PATH, else /usr/local/go/bin/go),
# or exits 1 saying that building <what> needs one.
find_go() {
    GO="${PULUMI_ENSURE_GO:-$(command -v go 2>/dev/null || true)}"
    if [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then
        GO=/usr/local/go/bin/go
    fi
    if [ -z "$GO" ] || ! "$GO" version >/dev/null 2>&1; then
        log "ERROR: building $1 needs a Go toolchain (>= 1.26.6): install Go or set PULUMI_ENSURE_GO."
        exit 1
    fi
}

# build_cached <what> <cache-dir> <key> <binary-name> <module-dir> <package> <build-tags>
# Sets BIN to the absolute path <cache-dir>/<key>/<binary-name>, building it (no cgo, stripped) from <package> in <module-dir> unless
# it is there. Concurrent builds of the same tool (parallel tests, a developer and CI) wait for each other on a
# lock, and older keys of the tool are removed once the new build is in place.
build_cached() {
    local what="$1" cache="$2" key="$3" name="$4" module="$5" pkg="$6" tags="$7"
    # Absolute, because the build runs in the module's folder (a relative PULUMI_CACHE_DIR would land elsewhere).
    mkdir -p "$cache"
    cache="$(cd "$cache" && pwd)"
    local dir="$cache/$key"
    BIN="$dir/$name"
    [ -x "$BIN" ] && return 0
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$cache/.lock"
        flock 9
    fi
    [ -x "$BIN" ] && return 0
    log "building $what with $("$GO" version | awk '{print $3}') from $module"
    local start tmp old
    start=$(date +%s)
    mkdir -p "$dir"
    tmp="$BIN.tmp.$$"
    # Expanded when the trap runs, not pasted into its text: a cache path with a quote in it stays one argument.
    GO_BUILD_TMP="$tmp"
    trap 'rm -f "$GO_BUILD_TMP"' EXIT
    if ! (cd "$module" && CGO_ENABLED=0 "$GO" build -tags "$tags" -ldflags "-s -w" -o "$tmp" "$pkg" >&2); then
        log "ERROR: building $what failed (output above)."
        exit 1
    fi
    mv -f "$tmp" "$BIN"
    trap - EXIT
    for old in "$cache"/*/; do
        [ "$(cd "$old" && pwd)" = "$(cd "$dir" && pwd)" ] || rm -rf "$old"
    done
    log "built $what in $(($(date +%s) - start)) s: $BIN"
}
