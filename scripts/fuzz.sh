#!/usr/bin/env bash
# scripts/fuzz.sh — runs every fuzz target, one after the other, for FUZZTIME
# each (default 1m). Each target also runs over its seeds in plain go test.
#
# Usage:
#   scripts/fuzz.sh                      # every target, 1m each
#   FUZZTIME=10m scripts/fuzz.sh         # or: make fuzz FUZZTIME=10m
#   scripts/fuzz.sh FuzzMatch FuzzResume # only these targets
#
# Environment knobs:
#   FUZZTIME       go test -fuzztime for each target (default 1m)
#   FUZZPARALLEL   fuzzing workers per target (default 1: the machines have
#                  2 cores and other builds share them)
#   FUZZMINIMIZETIME  go test -fuzzminimizetime (default 10s; Go's 60s
#                  lets the minimising of each new interesting input stall
#                  the run, for most of a minute at a time)
#
# A crash stops that target, leaves its input under the package's
# testdata/fuzz/<target>/ (commit it: it then runs as a test) and makes the
# script exit non-zero once the other targets have run.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# package and target, one pair a line
targets="
./internal/roadmap    FuzzLoadRoadmapYAML
./internal/roadmap    FuzzLoadTopicFile
./internal/roadmap    FuzzMarkdown
./internal/resume     FuzzResume
./internal/resume     FuzzApplyTailoring
./internal/match      FuzzMatch
./internal/practice   FuzzSplitStatements
./internal/checker    FuzzReplyBody
./internal/checker    FuzzReadObjects
"

fuzztime="${FUZZTIME:-1m}"
parallel="${FUZZPARALLEL:-1}"
minimize="${FUZZMINIMIZETIME:-10s}"
failed=()
while read -r pkg name; do
  [[ -n "$pkg" ]] || continue
  if [[ $# -gt 0 ]] && ! printf '%s\n' "$@" | grep -qx "$name"; then
    continue
  fi
  echo "==> $name ($pkg) for $fuzztime"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" -parallel "$parallel" "$pkg"; then
    failed+=("$name")
  fi
done <<<"$targets"

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
