#!/usr/bin/env bash
# scripts/vendor-resume-schema.sh — vendors the JSON Resume schema (npm package
# @jsonresume/schema, pinned below) into content/career/resume-schema.json, with
# the package's license beside it in content/career/resume-schema.LICENSE and the
# version in content/career/resume-schema.version. Re-run after changing
# SCHEMA_VERSION.
#
# Why the scoped package: the unscoped npm package resume-schema stops at 1.0.1,
# which ships the draft-04 schema v1.0.0. The JSON Resume maintainers publish the
# 1.2.x schema (draft-07) as @jsonresume/schema; 1.2.1 is the newest 1.2.x per
# `npm view @jsonresume/schema versions --json` when pinned.
set -euo pipefail

SCHEMA_PACKAGE=@jsonresume/schema
SCHEMA_VERSION=1.2.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/content/career"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm install --no-save --no-audit --no-fund --silent --ignore-scripts --prefix "$tmp" "$SCHEMA_PACKAGE@$SCHEMA_VERSION"
pkg="$tmp/node_modules/$SCHEMA_PACKAGE"
got="$(node -p "require(process.argv[1]).version" "$pkg/package.json")"
[[ "$got" == "$SCHEMA_VERSION" ]] || { echo "vendor-resume-schema: npm installed $got, wanted $SCHEMA_VERSION" >&2; exit 1; }
for f in schema.json LICENSE.md; do
	[[ -s "$pkg/$f" ]] || { echo "vendor-resume-schema: $pkg/$f missing" >&2; exit 1; }
done
# A schema that does not parse would only fail later, at server start.
node -e "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))" "$pkg/schema.json"

mkdir -p "$DEST"
cp "$pkg/schema.json" "$DEST/resume-schema.json"
cp "$pkg/LICENSE.md" "$DEST/resume-schema.LICENSE"
echo "$SCHEMA_PACKAGE $SCHEMA_VERSION" >"$DEST/resume-schema.version"
echo "vendored $SCHEMA_PACKAGE $SCHEMA_VERSION -> content/career/resume-schema.json ($(wc -c <"$DEST/resume-schema.json") bytes)"
