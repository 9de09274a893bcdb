# scripts/npm-package.sh — sourced by the vendor-*.sh scripts. npm_package
# NAME VERSION fetches the package's tarball with `npm pack` (the tarball
# only: no dependencies, no install scripts), unpacks it in a temporary
# directory removed on exit, checks its version, and sets $pkg to it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

npm_package() {
	local name="$1" version="$2"
	npm_tmp="$(mktemp -d)"
	trap 'rm -rf "$npm_tmp"' EXIT
	(cd "$npm_tmp" && npm pack --silent "$name@$version" >/dev/null)
	tar -xzf "$npm_tmp"/*.tgz -C "$npm_tmp"
	pkg="$npm_tmp/package"
	local got
	got="$(node -p "require(process.argv[1]).version" "$pkg/package.json")"
	[[ "$got" == "$version" ]] || { echo "$name: npm packed $got, wanted $version" >&2; exit 1; }
}

# need FILE... exits unless every file is in the package and not empty.
need() {
	local f
	for f in "$@"; do
		[[ -s "$pkg/$f" ]] || { echo "$f is missing from the package" >&2; exit 1; }
	done
}
