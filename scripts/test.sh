#!/usr/bin/env bash
# scripts/test.sh — the one command that runs every devpath test on a fresh
# machine. It does its own set-up:
#
#   * installs Debian's postgresql-15 if /usr/lib/postgresql/15/bin is missing,
#     and Debian's chromium if /usr/bin/chromium is missing (apt-get, as root);
#   * starts a throwaway PostgreSQL 15 cluster (temp dir, free port on
#     127.0.0.1, trust auth, fsync off) and creates database devpath_test;
#   * exports DEVPATH_TEST_POSTGRES and DEVPATH_CHROMIUM;
#   * runs gofmt -l on every Go file;
#   * runs go mod tidy -diff in every Go module of the repository (the root,
#     e2e, bench, bench/pocketbase) and fails, showing the diff, if any
#     go.mod or go.sum would change;
#   * runs go vet ./... and go test ./... in the root module, then in the e2e
#     module (its own module, so that chromedp stays out of devpath's
#     go.mod); bench is not tested here, only checked for tidiness;
#   * stops the cluster and removes its temp dir on exit, pass or fail.
#
# Usage:
#   scripts/test.sh                      # gofmt + tidy + vet + go test, root and e2e
#   scripts/test.sh -run Foo -v          # extra args are passed to both go test runs
#   scripts/test.sh ./internal/store -v  # args starting with ./ replace ./... and
#                                        # pick the module: ./e2e/... runs in e2e,
#                                        # anything else in the root module
#   scripts/test.sh --shell 'psql "$DEVPATH_TEST_POSTGRES" -c "select 1"'
#                                        # set-up only, then run that command
#                                        # (bash -c) instead of gofmt/vet/test;
#                                        # exits with the command's status
#   scripts/test.sh --shell              # set-up, then an interactive bash
#   DEVPATH_TEST_SETUP_ONLY=1 scripts/test.sh 'some command'
#                                        # same as --shell 'some command'
#
# Environment knobs:
#   DEVPATH_PG_START_TIMEOUT   seconds to wait for pg_isready (default 60)
#   DEVPATH_TEST_KEEP_TMP=1    keep the temp dir (cluster still stopped)
#
# Safe to run twice in a row, concurrently, or after a killed run: nothing
# depends on fixed paths or ports. Clusters left behind by a run that was
# killed with SIGKILL are stopped at the start of the next run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
CHROMIUM=/usr/bin/chromium
TMP_PREFIX=/tmp/devpath-test.

# Go may not be on PATH in a bare environment.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="$PATH:/usr/local/go/bin"
fi

# ---------------------------------------------------------------- arguments
shell_mode=0
shell_cmd=""
if [[ "${1:-}" == "--shell" ]]; then
  shell_mode=1
  shift
  shell_cmd="$*"
  set --
elif [[ "${DEVPATH_TEST_SETUP_ONLY:-}" == "1" ]]; then
  shell_mode=1
  shell_cmd="$*"
  set --
fi

log() { printf '==> %s\n' "$*"; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# Run a command as the postgres user (initdb/postgres refuse to run as root).
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# ------------------------------------------------------------ apt installs
apt_updated=0
apt_log=""
apt_quiet() {
  # Runs apt-get quietly; shows its output only on failure.
  [[ -n "$apt_log" ]] || apt_log="$(mktemp /tmp/devpath-apt.XXXXXX)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@" >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    return 1
  fi
}
apt_update() {
  if [[ $apt_updated -eq 0 ]]; then
    apt_quiet update
    apt_updated=1
  fi
}

if [[ ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/postgres" || ! -x "$PG_BIN/pg_ctl" ]]; then
  log "PostgreSQL 15 not found: apt-get install -y postgresql-15"
  [[ $EUID -eq 0 ]] || die "PostgreSQL 15 is missing and we are not root; install postgresql-15"
  t0=$(now)
  if ! apt_quiet install -y postgresql-15; then
    apt_update
    apt_quiet install -y postgresql-15
  fi
  log "installed postgresql-15 in $(elapsed "$t0")"
fi
id postgres >/dev/null 2>&1 || die "no 'postgres' user (it comes with the postgresql-common package)"

if [[ ! -x "$CHROMIUM" ]]; then
  log "chromium not found: apt-get update && apt-get install -y --no-install-recommends chromium"
  [[ $EUID -eq 0 ]] || die "chromium is missing and we are not root; install the chromium package"
  t0=$(now)
  apt_update
  apt_quiet install -y --no-install-recommends chromium
  log "installed $("$CHROMIUM" --version 2>/dev/null || echo chromium) in $(elapsed "$t0")"
fi
[[ -n "$apt_log" ]] && rm -f "$apt_log"
export DEVPATH_CHROMIUM="$CHROMIUM"

# ------------------------------------------- stale clusters from killed runs
# Each run writes its own pid into its temp dir. A dir whose owner is gone
# (the run was SIGKILLed, so its trap never ran) gets its cluster stopped.
# Is pid a live (not zombie) run of this script?
run_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat%% *}" != Z ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'test\.sh'
}
for d in "$TMP_PREFIX"*; do
  [[ -d "$d" && -f "$d/owner.pid" ]] || continue
  owner="$(cat "$d/owner.pid" 2>/dev/null || true)"
  [[ "$owner" =~ ^[0-9]+$ ]] || continue
  if ! run_alive "$owner"; then
    if [[ -f "$d/data/postmaster.pid" ]]; then
      log "stopping stale cluster from killed run (pid $owner): $d"
      (cd "$d" && as_pg "$PG_BIN/pg_ctl" -D "$d/data" stop -m immediate -w -t 10 >/dev/null 2>&1) || true
    fi
    rm -rf "$d"
  fi
done

# ------------------------------------------------------- throwaway cluster
PGTMP="$(mktemp -d "${TMP_PREFIX}XXXXXXXX")"
echo $$ >"$PGTMP/owner.pid"
mkdir -p "$PGTMP/sock"
[[ $EUID -eq 0 ]] && chown -R postgres: "$PGTMP"
PGDATA_DIR="$PGTMP/data"
PGLOG="$PGTMP/postgres.log"
pg_started=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ $pg_started -eq 1 || -f "$PGDATA_DIR/postmaster.pid" ]]; then
    local pid
    pid="$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
    if ! (cd "$PGTMP" && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" stop -m immediate -w -t 20 >/dev/null 2>&1); then
      # Last resort: kill the postmaster by the pid it recorded.
      if [[ "$pid" =~ ^[0-9]+$ ]]; then kill -9 "$pid" 2>/dev/null || true; fi
    fi
    # pg_ctl returns once postmaster.pid is gone; wait (briefly) until the
    # process itself has been reaped too, so nothing is left behind.
    if [[ "$pid" =~ ^[0-9]+$ ]]; then
      for _ in $(seq 1 50); do
        [[ -e "/proc/$pid" ]] || break
        sleep 0.1
      done
    fi
  fi
  if [[ "${DEVPATH_TEST_KEEP_TMP:-}" == "1" ]]; then
    echo "test.sh: kept $PGTMP" >&2
  else
    rm -rf "$PGTMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
  fi
  # Fallback: random high port that nothing answers on.
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

log "starting PostgreSQL 15 in $PGTMP"
t0=$(now)
(cd "$PGTMP" && as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust \
  -E UTF8 --locale=C.UTF-8 --no-sync >"$PGTMP/initdb.log" 2>&1) || {
  cat "$PGTMP/initdb.log" >&2
  die "initdb failed"
}

PG_TIMEOUT="${DEVPATH_PG_START_TIMEOUT:-60}"
PORT=""
for attempt in 1 2 3 4 5; do
  PORT="$(free_port)" || die "could not find a free TCP port on 127.0.0.1"
  pg_started=1
  (cd "$PGTMP" && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" -W start -o \
    "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$PGTMP/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null)
  ready=0
  started=$(date +%s)
  deadline=$(( started + PG_TIMEOUT ))
  while [[ $(date +%s) -lt $deadline ]]; do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2; then
      ready=1
      break
    fi
    # Did the server give up already (e.g. the port was taken between our
    # check and its bind)? Give it 2s to write postmaster.pid first.
    if [[ $(( $(date +%s) - started )) -ge 2 ]] &&
      ! (cd "$PGTMP" && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1); then
      break
    fi
    sleep 0.1
  done
  [[ $ready -eq 1 ]] && break
  if grep -q "could not bind\|Address already in use" "$PGLOG" 2>/dev/null && [[ $attempt -lt 5 ]]; then
    log "port $PORT was taken, retrying"
    (cd "$PGTMP" && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" stop -m immediate -w -t 10 >/dev/null 2>&1) || true
    continue
  fi
  echo "---- $PGLOG ----" >&2
  cat "$PGLOG" >&2 || true
  if (cd "$PGTMP" && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1); then
    die "PostgreSQL did not accept connections on 127.0.0.1:$PORT within ${PG_TIMEOUT}s (log above)"
  fi
  die "PostgreSQL exited during start-up on 127.0.0.1:$PORT (log above)"
done

"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres devpath_test
export DEVPATH_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PORT/devpath_test?sslmode=disable"
log "PostgreSQL ready on 127.0.0.1:$PORT in $(elapsed "$t0") (DEVPATH_TEST_POSTGRES=$DEVPATH_TEST_POSTGRES)"

cd "$ROOT"

# ------------------------------------------------------------- set-up only
if [[ $shell_mode -eq 1 ]]; then
  if [[ -n "$shell_cmd" ]]; then
    log "running: $shell_cmd"
    set +e
    bash -c "$shell_cmd"
    rc=$?
    set -e
    exit "$rc"
  elif [[ -t 0 ]]; then
    log "interactive shell; exit it to stop the cluster"
    set +e
    bash -i
    exit 0
  else
    die "--shell needs a command when stdin is not a terminal"
  fi
fi

# ---------------------------------------------------------------- the tests
log "gofmt -l"
go_files=()
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked files, plus new ones not yet added (and not ignored).
  mapfile -t go_files < <(git -C "$ROOT" ls-files --cached --others --exclude-standard -- '*.go' |
    while IFS= read -r f; do [[ -f "$f" ]] && printf '%s\n' "$f"; done)
else
  mapfile -t go_files < <(find . -name '*.go' -not -path './vendor/*' -not -path './node_modules/*' -not -path './.git/*')
fi
if [[ ${#go_files[@]} -gt 0 ]]; then
  unformatted="$(gofmt -l -- "${go_files[@]}")"
  if [[ -n "$unformatted" ]]; then
    echo "these files need gofmt -w:" >&2
    echo "$unformatted" >&2
    exit 1
  fi
fi
echo "gofmt: ${#go_files[@]} Go files OK"

log "go mod tidy -diff"
# Every go.mod in the repository, the root's first. -diff changes nothing:
# it prints what tidy would change and exits non-zero if anything would.
mapfile -t mod_dirs < <(
  {
    git -C "$ROOT" ls-files --cached --others --exclude-standard -- 'go.mod' '*/go.mod' 2>/dev/null ||
      find . -name go.mod -not -path './.git/*' -printf '%P\n'
  } | sed -e 's|/\{0,1\}go\.mod$||' -e 's|^$|.|' | sort -u
)
untidy=()
for dir in "${mod_dirs[@]}"; do
  if ! diff_out="$(cd "$ROOT/$dir" && go mod tidy -diff 2>&1)"; then
    printf -- '--- %s: go mod tidy would change this:\n%s\n' "$dir" "$diff_out" >&2
    untidy+=("$dir")
  fi
done
if [[ ${#untidy[@]} -gt 0 ]]; then
  echo "test.sh: go.mod/go.sum not tidy in: ${untidy[*]} (diff above)" >&2
  for dir in "${untidy[@]}"; do
    echo "  fix: (cd $dir && go mod tidy), then commit go.mod and go.sum" >&2
  done
  exit 1
fi
echo "tidy: ${#mod_dirs[@]} modules OK (${mod_dirs[*]})"

# The modules whose packages are vetted and tested. e2e is separate from the
# root module, so ./... at the root does not reach it.
E2E=e2e

# Args that name packages (./...) replace the default ./... and choose the
# module they run in; the other args go to every go test run.
flags=()
root_pkgs=()
e2e_pkgs=()
named=0
for a in "$@"; do
  case "$a" in
    "./$E2E" | "./$E2E/"*)
      named=1
      rest="${a#./"$E2E"}"
      e2e_pkgs+=(".${rest:-}")
      ;;
    ./*)
      named=1
      root_pkgs+=("$a")
      ;;
    *) flags+=("$a") ;;
  esac
done
if [[ $named -eq 0 ]]; then
  root_pkgs=(./...)
  e2e_pkgs=(./...)
fi

if [[ ${#root_pkgs[@]} -gt 0 ]]; then
  log "go vet ./..."
  go vet ./...
fi
if [[ ${#e2e_pkgs[@]} -gt 0 ]]; then
  log "(cd $E2E && go vet ./...)"
  (cd "$ROOT/$E2E" && go vet ./...)
fi

failed=()
if [[ ${#root_pkgs[@]} -gt 0 ]]; then
  log "go test -count=1 -timeout 20m${flags[*]:+ ${flags[*]}} ${root_pkgs[*]}"
  go test -count=1 -timeout 20m "${flags[@]}" "${root_pkgs[@]}" || failed+=(root)
fi
if [[ ${#e2e_pkgs[@]} -gt 0 ]]; then
  log "(cd $E2E && go test -count=1 -timeout 20m${flags[*]:+ ${flags[*]}} ${e2e_pkgs[*]})"
  (cd "$ROOT/$E2E" && go test -count=1 -timeout 20m "${flags[@]}" "${e2e_pkgs[@]}") || failed+=("$E2E")
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "test.sh: go test failed in: ${failed[*]}" >&2
  exit 1
fi
