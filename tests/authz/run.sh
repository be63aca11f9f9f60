#!/usr/bin/env bash
# The authorization matrix (tests/authz/matrix.py) on SQLite and on PostgreSQL: for each backend a fresh
# database, `gonghui migrate`, `gonghui demo --password-stdin`, `gonghui serve` on a free loopback port, then
# every id-taking operation of the served OpenAPI document x role x place. Exits non-zero on any failing cell.
#
#   GONGHUI_BIN        the binary (default ${CARGO_TARGET_DIR:-target}/debug/gonghui)
#   AUTHZ_BACKENDS     "sqlite postgres" (default) or one of them
#   AUTHZ_PG_HOST/PORT/USER   PostgreSQL with trust auth (default 127.0.0.1, 5432, postgres)
#   AUTHZ_ARGS         arguments for matrix.py (default --strict-body-order: 404 before any check of the body)
#   AUTHZ_RESULTS_DIR  keep each backend's results (<backend>.json) and server log there
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${GONGHUI_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/gonghui}
read -r -a backends <<<"${AUTHZ_BACKENDS:-sqlite postgres}"
pg_host=${AUTHZ_PG_HOST:-127.0.0.1}
pg_port=${AUTHZ_PG_PORT:-5432}
pg_user=${AUTHZ_PG_USER:-postgres}

log() { printf '[authz] %s\n' "$*" >&2; }
die() { printf '[authz] FAILED: %s\n' "$*" >&2; exit 1; }

[[ -x "$bin" ]] || die "no gonghui binary at $bin (build it: cargo build -p gonghui-api, or set GONGHUI_BIN)"
command -v python3 >/dev/null || die "python3 is not installed"

work=$(mktemp -d)
server_pid=""
pg_db=""

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }

stop_server() {
    [[ -n "$server_pid" ]] || return 0
    if kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$server_pid" 2>/dev/null; then
            log "server $server_pid ignored SIGTERM for 10 s; killing it"
            kill -KILL "$server_pid" 2>/dev/null || true
        fi
    fi
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

drop_db() {
    [[ -n "$pg_db" ]] || return 0
    psql_admin -c "DROP DATABASE IF EXISTS \"$pg_db\"" >/dev/null 2>&1 ||
        log "could not drop the database $pg_db"
    pg_db=""
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    stop_server
    drop_db
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() {
    local url=$1 log_file=$2
    for _ in $(seq 1 300); do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            tail -n 40 "$log_file" >&2 || true
            die "the server exited before it was ready"
        fi
        if python3 - "$url" <<'PY' 2>/dev/null; then
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/readyz", timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
            return 0
        fi
        sleep 0.2
    done
    tail -n 40 "$log_file" >&2 || true
    die "the server was not ready within 60 s"
}

# Runs one backend; leaves its results in $work/<backend>/results.json. Returns the matrix's exit code.
run_backend() {
    local backend=$1 dir="$work/$1" url port started rc=0
    mkdir -p "$dir/data"
    started=$(date +%s)
    case "$backend" in
        sqlite) url="sqlite://$dir/data/gonghui.db" ;;
        postgres)
            command -v psql >/dev/null || die "psql is not installed (PostgreSQL client)"
            pg_db="gonghui_authz_$(random_hex 6)"
            psql_admin -c "CREATE DATABASE \"$pg_db\"" >/dev/null ||
                die "cannot create a database on $pg_host:$pg_port as $pg_user"
            url="postgres://$pg_user@$pg_host:$pg_port/$pg_db"
            ;;
        *) die "unknown backend '$backend' (sqlite or postgres)" ;;
    esac
    local password
    password="Authz-$(random_hex 8)"
    export DATABASE_URL="$url"
    export GONGHUI_DATA_DIR="$dir/data"
    export GONGHUI_JWT_SECRET
    GONGHUI_JWT_SECRET=$(random_hex 32)
    export GONGHUI_LOGIN_MAX_FAILURES=100000
    export GONGHUI_ACCESS_TOKEN_TTL_SECONDS=3600
    export GONGHUI_LOG_LEVEL=${GONGHUI_LOG_LEVEL:-warn}

    log "$backend: migrate, demo data"
    "$bin" migrate >"$dir/migrate.log" 2>&1 || { cat "$dir/migrate.log" >&2; die "$backend: gonghui migrate failed"; }
    printf '%s\n' "$password" | "$bin" demo --password-stdin >"$dir/demo.log" 2>&1 ||
        { cat "$dir/demo.log" >&2; die "$backend: gonghui demo failed"; }
    # Two fixture admins at the root build the objects (a second root admin comes from the CLI: the API
    # lets nobody create an account of their own rank at their own home).
    for fixture in authz-fixture-0 authz-fixture-1; do
        printf '%s\n' "$password" | "$bin" create-admin --username "$fixture" --password-stdin >>"$dir/demo.log" 2>&1 ||
            { cat "$dir/demo.log" >&2; die "$backend: gonghui create-admin $fixture failed"; }
    done

    port=$(free_port)
    "$bin" serve --bind "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
    server_pid=$!
    wait_ready "http://127.0.0.1:$port" "$dir/server.log"
    log "$backend: server ready on 127.0.0.1:$port"

    # shellcheck disable=SC2086
    AUTHZ_DEMO_PASSWORD="$password" python3 "$here/matrix.py" \
        --base-url "http://127.0.0.1:$port" --backend "$backend" \
        --results "$dir/results.json" ${AUTHZ_ARGS---strict-body-order} || rc=$?

    stop_server
    if [[ -n "${AUTHZ_RESULTS_DIR:-}" ]]; then
        mkdir -p "$AUTHZ_RESULTS_DIR"
        cp "$dir/server.log" "$AUTHZ_RESULTS_DIR/$backend-server.log"
        [[ -f "$dir/results.json" ]] && cp "$dir/results.json" "$AUTHZ_RESULTS_DIR/$backend.json"
    fi
    if grep -qE 'panicked at' "$dir/server.log"; then
        log "$backend: the server log shows a panic:"
        grep -E -A3 'panicked at' "$dir/server.log" | head -n 20 >&2
        rc=1
    fi
    drop_db
    unset DATABASE_URL GONGHUI_DATA_DIR GONGHUI_JWT_SECRET
    log "$backend: $(( $(date +%s) - started )) s including migrate, demo data and start-up"
    return "$rc"
}

overall=0
for backend in "${backends[@]}"; do
    run_backend "$backend" || overall=1
done

python3 - "$work" "${backends[@]}" <<'PY' || overall=1
import json, os, sys
work, backends = sys.argv[1], sys.argv[2:]
passed = failed = 0
for b in backends:
    path = os.path.join(work, b, "results.json")
    if not os.path.exists(path):
        print(f"authz[{b}]: no results (the matrix did not finish)")
        failed += 1
        continue
    r = json.load(open(path))
    passed += r["passed"]
    failed += r["failed"]
print(f"authz: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
exit "$overall"
