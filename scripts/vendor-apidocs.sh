#!/usr/bin/env bash
# scripts/vendor-apidocs.sh — vendors the API docs viewer, Stoplight Elements
# (npm package @stoplight/elements, pinned below), into internal/api/docs:
# its browser bundle (web-components.min.js), its stylesheet (styles.min.css)
# and the bundle's licence notices, and records the version in
# internal/api/docs/elements.version. Re-run after changing ELEMENTS_VERSION.
#
# `npm pack` fetches the package's tarball only: no dependencies, no install
# scripts (the package's install-time analytics never run).
set -euo pipefail

ELEMENTS_VERSION=9.0.25

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/internal/api/docs"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "@stoplight/elements@$ELEMENTS_VERSION" >/dev/null)
tar -xzf "$tmp/stoplight-elements-$ELEMENTS_VERSION.tgz" -C "$tmp"
pkg="$tmp/package"
got="$(node -p "require(process.argv[1]).version" "$pkg/package.json")"
[[ "$got" == "$ELEMENTS_VERSION" ]] || { echo "vendor-apidocs: npm packed $got, wanted $ELEMENTS_VERSION" >&2; exit 1; }
for f in web-components.min.js web-components.min.js.LICENSE.txt styles.min.css LICENSE; do
	[[ -s "$pkg/$f" ]] || { echo "vendor-apidocs: $f missing from the package" >&2; exit 1; }
done

mkdir -p "$DEST"
cp "$pkg/web-components.min.js" "$DEST/elements.min.js"
cp "$pkg/web-components.min.js.LICENSE.txt" "$DEST/elements.min.js.LICENSE.txt"
cp "$pkg/styles.min.css" "$DEST/elements.min.css"
cp "$pkg/LICENSE" "$DEST/elements.LICENSE"
echo "$ELEMENTS_VERSION" >"$DEST/elements.version"
echo "vendored @stoplight/elements $ELEMENTS_VERSION -> internal/api/docs" \
	"(elements.min.js $(wc -c <"$DEST/elements.min.js") bytes, elements.min.css $(wc -c <"$DEST/elements.min.css") bytes)"
