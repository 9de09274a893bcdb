#!/usr/bin/env bash
# scripts/vendor-apidocs.sh — vendors the API docs viewer, Stoplight Elements
# (npm package @stoplight/elements, pinned below), into internal/api/docs:
# its browser bundle (web-components.min.js), its stylesheet (styles.min.css)
# and the bundle's licence notices, and records the version in
# internal/api/docs/elements.version. Re-run after changing ELEMENTS_VERSION.
# The package's install-time analytics never run: npm pack runs no scripts.
source "$(dirname "${BASH_SOURCE[0]}")/npm-package.sh"

ELEMENTS_VERSION=9.0.25
DEST="$ROOT/internal/api/docs"

npm_package @stoplight/elements "$ELEMENTS_VERSION"
need web-components.min.js web-components.min.js.LICENSE.txt styles.min.css LICENSE
mkdir -p "$DEST"
cp "$pkg/web-components.min.js" "$DEST/elements.min.js"
cp "$pkg/web-components.min.js.LICENSE.txt" "$DEST/elements.min.js.LICENSE.txt"
cp "$pkg/styles.min.css" "$DEST/elements.min.css"
cp "$pkg/LICENSE" "$DEST/elements.LICENSE"
echo "$ELEMENTS_VERSION" >"$DEST/elements.version"
echo "vendored @stoplight/elements $ELEMENTS_VERSION -> internal/api/docs" \
	"(elements.min.js $(wc -c <"$DEST/elements.min.js") bytes, elements.min.css $(wc -c <"$DEST/elements.min.css") bytes)"
