#!/usr/bin/env bash
# scripts/vendor-htmx.sh — vendors htmx (npm package htmx.org, pinned below)
# into internal/web/static/htmx.min.js and records the version in
# internal/web/static/htmx.version. Re-run after changing HTMX_VERSION.
# (Newest 2.0.x per `npm view htmx.org versions --json` when pinned.)
source "$(dirname "${BASH_SOURCE[0]}")/npm-package.sh"

HTMX_VERSION=2.0.11
DEST="$ROOT/internal/web/static"

npm_package htmx.org "$HTMX_VERSION"
need dist/htmx.min.js
mkdir -p "$DEST"
cp "$pkg/dist/htmx.min.js" "$DEST/htmx.min.js"
echo "$HTMX_VERSION" >"$DEST/htmx.version"
echo "vendored htmx.org $HTMX_VERSION -> internal/web/static/htmx.min.js ($(wc -c <"$DEST/htmx.min.js") bytes)"
