#!/usr/bin/env bash
# scripts/vendor-axe.sh — vendors axe-core (npm package axe-core, pinned
# below) into e2e/testdata/axe.min.js for the browser checks in
# e2e/design_test.go, and records the version in e2e/testdata/axe.version.
# Re-run after changing AXE_VERSION (the newest release when pinned). The
# file is only ever evaluated by the test through DevTools, never served by
# devpath.
source "$(dirname "${BASH_SOURCE[0]}")/npm-package.sh"

AXE_VERSION=4.14.1
DEST="$ROOT/e2e/testdata"

npm_package axe-core "$AXE_VERSION"
need axe.min.js
mkdir -p "$DEST"
cp "$pkg/axe.min.js" "$DEST/axe.min.js"
echo "$AXE_VERSION" >"$DEST/axe.version"
echo "vendored axe-core $AXE_VERSION -> e2e/testdata/axe.min.js ($(wc -c <"$DEST/axe.min.js") bytes)"
