#!/usr/bin/env bash
# scripts/vendor-htmx.sh — vendors htmx (npm package htmx.org, pinned below)
# into internal/web/static/htmx.min.js and records the version in
# internal/web/static/htmx.version. Re-run after changing HTMX_VERSION.
# (Newest 2.0.x per `npm view htmx.org versions --json` when pinned.)
set -euo pipefail

HTMX_VERSION=2.0.11

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/internal/web/static"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm install --no-save --no-audit --no-fund --silent --prefix "$tmp" "htmx.org@$HTMX_VERSION"
src="$tmp/node_modules/htmx.org/dist/htmx.min.js"
got="$(node -p "require(process.argv[1]).version" "$tmp/node_modules/htmx.org/package.json")"
[[ "$got" == "$HTMX_VERSION" ]] || { echo "vendor-htmx: npm installed $got, wanted $HTMX_VERSION" >&2; exit 1; }
[[ -s "$src" ]] || { echo "vendor-htmx: $src missing" >&2; exit 1; }

mkdir -p "$DEST"
cp "$src" "$DEST/htmx.min.js"
echo "$HTMX_VERSION" >"$DEST/htmx.version"
echo "vendored htmx.org $HTMX_VERSION -> internal/web/static/htmx.min.js ($(wc -c <"$DEST/htmx.min.js") bytes)"
