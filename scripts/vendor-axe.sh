#!/usr/bin/env bash
# scripts/vendor-axe.sh — vendors axe-core (npm package axe-core, pinned
# below) into e2e/testdata/axe.min.js for the browser checks in
# e2e/design_test.go, and records the version in e2e/testdata/axe.version.
# Re-run after changing AXE_VERSION (the newest release when pinned). The file is only ever evaluated by the
# test through DevTools, never served by devpath.
set -euo pipefail

AXE_VERSION=4.14.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/e2e/testdata"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null)
tar -xzf "$tmp"/axe-core-*.tgz -C "$tmp"
got="$(node -p "require(process.argv[1]).version" "$tmp/package/package.json")"
[[ "$got" == "$AXE_VERSION" ]] || { echo "vendor-axe: npm packed $got, wanted $AXE_VERSION" >&2; exit 1; }
[[ -s "$tmp/package/axe.min.js" ]] || { echo "vendor-axe: axe.min.js missing from the package" >&2; exit 1; }

mkdir -p "$DEST"
cp "$tmp/package/axe.min.js" "$DEST/axe.min.js"
echo "$AXE_VERSION" >"$DEST/axe.version"
echo "vendored axe-core $AXE_VERSION -> e2e/testdata/axe.min.js ($(wc -c <"$DEST/axe.min.js") bytes)"
