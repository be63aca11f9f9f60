#!/usr/bin/env bash
# Enrolment under contention: many clients enrolling at the same moment on a few small courses, then
# withdrawing the enrolled while the waitlist moves up, against a release build on a fresh PostgreSQL
# database (BACKEND=sqlite for the embedded one). Measures enrolments/s and latency, and checks that the
# places and the waitlist came out right; any unexpected answer or broken invariant fails the run.
#
#   tests/load/bench-enrolment.sh          # PostgreSQL: 5 rounds of 4 courses x 500 enrolments, 64 clients
#   BACKEND=sqlite tests/load/bench-enrolment.sh
#   ROUNDS=1 CLIENTS=16 ATTEMPTS=100 WITHDRAW=20 BACKEND=sqlite tests/load/bench-enrolment.sh   # a quick check
#
# The load (tests/load/enrolment-load.py: python3 threads + http.client, one keep-alive connection per
# client, all released at once from a barrier) as nanjiang-staff on courses of 南江县总工会:
#   enrol:    POST /api/v1/courses/{id}/enrolments {"person": ...}, distinct non-members with valid ID
#             numbers, the courses round-robin; ATTEMPTS per course, so most go onto the waitlist
#   withdraw: DELETE /api/v1/courses/{id}/enrolments/{enrolment_id} of the first WITHDRAW arrivals of each
#             course; every freed place goes to the head of the waitlist in the same transaction
# The scenario runs ROUNDS times on fresh courses (one round at the defaults is 1-3 s of load, too short to
# measure alone); the table sums the rounds. Checks after each phase of each round (GET
# /api/v1/courses/{id}/enrolments, /courses/{id}, /courses/{id}/notices):
# exactly PLACES enrolled per course, the earliest arrivals; waitlist positions 1..n with `arrival`
# strictly increasing; arrivals 1..ATTEMPTS once each, in the order the clients saw their answers; nobody
# promoted twice, one notice per promotion. The full list is in the results file.
#
# Environment (all optional):
#   BACKEND=postgres            or sqlite
#   COURSES=4                   courses enrolled on at once
#   PLACES=30                   max_places of each course
#   ATTEMPTS=500                enrolments per course (the rest of PLACES go onto the waitlist)
#   CLIENTS=64                  concurrent clients (python threads, one connection each)
#   WITHDRAW=60                 withdrawals per course (PLACES + WITHDRAW <= ATTEMPTS); 0 skips the phase
#   ROUNDS=5                    times the scenario runs, each on fresh courses
#   BENCH_REQUEST_TIMEOUT=60    seconds one request may take before it counts as failed
#   BENCH_TARGET_DIR=target/bench   cargo target dir of the release build (apart from the dev build)
#   BENCH_BIN=path/to/gonghui       benchmark this binary instead of building one
#   BENCH_PG_PORT=5432          PostgreSQL on 127.0.0.1, user postgres, trust auth
#   BENCH_RESULTS_DIR=tests/load/results
#   KEEP_ON_FAILURE=1           keep the temp dir (server log, checks) after a failure
#
# Everything runs on 127.0.0.1; the database gonghui_bench_enrol_<random> (or a temp SQLite file), the
# server and the temp dir are removed on exit, whatever happens.
# Writes $BENCH_RESULTS_DIR/enrolment-<backend>-<date>.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly ROOT
HERE="$ROOT/tests/load"
readonly HERE
# The settings given in the environment, for the command line in the report.
readonly SETTINGS=(COURSES PLACES ATTEMPTS CLIENTS WITHDRAW ROUNDS BENCH_REQUEST_TIMEOUT BACKEND)
declare -A ORIGINAL_ENV=()
for n in "${SETTINGS[@]}"; do
    if [[ -n "${!n:-}" ]]; then ORIGINAL_ENV[$n]="${!n}"; fi
done
readonly BACKEND="${BACKEND:-postgres}"
readonly COURSES="${COURSES:-4}"
readonly PLACES="${PLACES:-30}"
readonly ATTEMPTS="${ATTEMPTS:-500}"
readonly CLIENTS="${CLIENTS:-64}"
readonly WITHDRAW="${WITHDRAW:-60}"
readonly ROUNDS="${ROUNDS:-5}"
readonly BENCH_REQUEST_TIMEOUT="${BENCH_REQUEST_TIMEOUT:-60}"
readonly BENCH_PG_PORT="${BENCH_PG_PORT:-5432}"
readonly PG_HOST=127.0.0.1
readonly DEMO_USER=nanjiang-staff
readonly OWNER_NAME=南江县总工会
BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$ROOT/target/bench}"
case "$BENCH_TARGET_DIR" in /*) ;; *) BENCH_TARGET_DIR="$ROOT/$BENCH_TARGET_DIR" ;; esac
readonly BENCH_TARGET_DIR
BENCH_RESULTS_DIR="${BENCH_RESULTS_DIR:-$ROOT/tests/load/results}"
case "$BENCH_RESULTS_DIR" in /*) ;; *) BENCH_RESULTS_DIR="$ROOT/$BENCH_RESULTS_DIR" ;; esac
readonly BENCH_RESULTS_DIR

# shellcheck source=tests/load/lib.sh
source "$ROOT/tests/load/lib.sh"

[[ "$BACKEND" == postgres || "$BACKEND" == sqlite ]] || die "BACKEND must be postgres or sqlite, got '$BACKEND'"
for n in COURSES PLACES ATTEMPTS CLIENTS WITHDRAW ROUNDS BENCH_REQUEST_TIMEOUT BENCH_PG_PORT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
((COURSES >= 1 && COURSES <= 100)) || die "COURSES must be 1..100"
((CLIENTS >= 1 && CLIENTS <= 1024)) || die "CLIENTS must be 1..1024"
((PLACES >= 1 && PLACES < ATTEMPTS)) || die "PLACES must be at least 1 and below ATTEMPTS (a waitlist)"
((ROUNDS >= 1 && ROUNDS <= 100)) || die "ROUNDS must be 1..100"
((ROUNDS * COURSES * ATTEMPTS <= 1000000)) || die "ROUNDS x COURSES x ATTEMPTS must be at most 1000000"
((PLACES + WITHDRAW <= ATTEMPTS)) || die "PLACES + WITHDRAW must not exceed ATTEMPTS (the waitlist refills every place)"
((BENCH_REQUEST_TIMEOUT >= 1)) || die "BENCH_REQUEST_TIMEOUT must be at least 1"

need curl "apt-get install -y curl"
need python3 "the load generator (standard library only)"
need cargo "the Rust toolchain"
if [[ "$BACKEND" == postgres ]]; then
    need psql "apt-get install -y postgresql-client"
    need pg_isready "apt-get install -y postgresql-client"
    pg_isready -q -h "$PG_HOST" -p "$BENCH_PG_PORT" -U postgres \
        || die "PostgreSQL is not accepting connections on $PG_HOST:$BENCH_PG_PORT (or set BACKEND=sqlite)"
fi

# ---- cleanup: the server, temp dir and database this run made --------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gonghui-bench-enrol.XXXXXX")"
readonly WORK
SERVER_PID=""
PG_DATABASE=""

cleanup() {
    local rc=$?
    stop_server
    if [[ -n "$PG_DATABASE" ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS \"$PG_DATABASE\" WITH (FORCE)" >/dev/null 2>&1 \
            || log "could not drop database $PG_DATABASE; drop it by hand"
    fi
    if ((rc != 0)) && [[ -n "${KEEP_ON_FAILURE:-}" ]]; then
        log "kept $WORK for inspection"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- build ------------------------------------------------------------------------------------
if [[ -n "${BENCH_BIN:-}" ]]; then
    # Absolute: the commands run from the temp dir.
    BIN="$(realpath -- "$BENCH_BIN")" || die "no file at BENCH_BIN=$BENCH_BIN"
    log "using the given binary $BIN (no build)"
else
    log "building the release binary into $BENCH_TARGET_DIR"
    # --locked: a benchmark must not rewrite Cargo.lock.
    (cd "$ROOT" && CARGO_TARGET_DIR="$BENCH_TARGET_DIR" cargo build --release --locked -q -p gonghui-api) \
        || die "cargo build --release --locked -p gonghui-api"
    BIN="$BENCH_TARGET_DIR/release/gonghui"
fi
readonly BIN
[[ -x "$BIN" ]] || die "no executable at $BIN"

# ---- helpers ----------------------------------------------------------------------------------

# Runs a gonghui subcommand; its output goes to $WORK/<name>.log. Reads standard input from the caller.
gonghui_cmd() {
    local name="$1"
    shift
    if ! (cd "$WORK" && "$BIN" "$@") >"$WORK/$name.log" 2>&1; then
        tail -n 30 "$WORK/$name.log" >&2 || true
        die "gonghui $* ($BACKEND)"
    fi
}

# Prints the HTTP status (000 when there was no answer); the body goes to the file named by $1.
http() {
    local out="$1" code
    shift
    code="$(curl -s --max-time 10 -o "$out" -w '%{http_code}' "$@" 2>/dev/null)" || true
    printf '%s\n' "${code:-000}"
}

# A field of a JSON file: json_field FILE PYTHON-EXPRESSION-ON-d
json_field() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}

# ---- database, demo data, server --------------------------------------------------------------
case "$BACKEND" in
sqlite)
    export DATABASE_URL="sqlite://$WORK/gonghui.db"
    ;;
postgres)
    PG_DATABASE="gonghui_bench_enrol_$(random_hex 6)"
    psql_admin -c "CREATE DATABASE \"$PG_DATABASE\"" >/dev/null || die "CREATE DATABASE $PG_DATABASE"
    export DATABASE_URL="postgres://postgres@$PG_HOST:$BENCH_PG_PORT/$PG_DATABASE"
    ;;
esac
GONGHUI_JWT_SECRET="$(random_hex 32)"
export GONGHUI_JWT_SECRET
export GONGHUI_DATA_DIR="$WORK/data"
export GONGHUI_LOG_FORMAT=text
export GONGHUI_LOG_LEVEL=warn
export RUST_LOG=warn
unset GONGHUI_BIND GONGHUI_CORS_ORIGINS

log "$BACKEND: migrate"
gonghui_cmd migrate migrate </dev/null
password="Bench-$(random_hex 8)-Pw!"
log "$BACKEND: demo data"
printf '%s\n' "$password" | gonghui_cmd demo demo --password-stdin

port="$(free_port)"
base="http://127.0.0.1:$port"
log "$BACKEND: serve on $base"
(cd "$WORK" && exec "$BIN" serve --bind "127.0.0.1:$port") >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 1 150); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        tail -n 30 "$WORK/serve.log" >&2 || true
        die "$BACKEND: gonghui serve exited during start-up"
    fi
    if [[ "$(http /dev/null "$base/readyz")" == 200 ]]; then
        ready=1
        break
    fi
    sleep 0.2
done
[[ -n "$ready" ]] || die "$BACKEND: /readyz did not answer 200 within 30 s"

body="$WORK/body.json"
status="$(http "$body" -X POST -H 'Content-Type: application/json' \
    --data "$(python3 -c 'import json, sys; print(json.dumps({"username": sys.argv[1], "password": sys.argv[2]}))' "$DEMO_USER" "$password")" \
    "$base/api/v1/auth/login")"
[[ "$status" == 200 ]] || { cat "$body" >&2 || true; die "$BACKEND: login as $DEMO_USER answered $status"; }
token="$(json_field "$body" 'd["access_token"]')" || die "$BACKEND: no access_token in the login answer"

status="$(http "$body" -G -H "Authorization: Bearer $token" --data-urlencode "q=$OWNER_NAME" "$base/api/v1/organisations")"
[[ "$status" == 200 ]] || { cat "$body" >&2 || true; die "$BACKEND: GET /api/v1/organisations?q=$OWNER_NAME answered $status"; }
owner="$(json_field "$body" "next(o['id'] for o in d['items'] if o['name'] == '$OWNER_NAME')")" \
    || die "$BACKEND: $DEMO_USER does not see $OWNER_NAME"

# ---- the load ---------------------------------------------------------------------------------
load_start="$(cut -d' ' -f1 /proc/loadavg)"
log "$BACKEND: $ROUNDS rounds of $COURSES courses x $PLACES places, $ATTEMPTS enrolments each, $CLIENTS clients, then $WITHDRAW withdrawals each"
t0="$(date +%s.%N)"
load_rc=0
python3 "$HERE/enrolment-load.py" --base "$base" --token "$token" --organisation "$owner" --out "$WORK/out" \
    --courses "$COURSES" --places "$PLACES" --attempts "$ATTEMPTS" --clients "$CLIENTS" \
    --withdraw "$WITHDRAW" --rounds "$ROUNDS" --timeout "$BENCH_REQUEST_TIMEOUT" --server-pid "$SERVER_PID" \
    || load_rc=$?
elapsed="$(python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.1f}")' "$t0")"
kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$WORK/serve.log" >&2 || true; die "$BACKEND: the server died during the run"; }
if ((load_rc != 0)); then
    [[ ! -f "$WORK/out/checks.md" ]] || grep -F 'FAILED' "$WORK/out/checks.md" >&2 || true
    tail -n 20 "$WORK/serve.log" >&2 || true
    die "$BACKEND: the load generator exited with $load_rc (unexpected answers or broken invariants, above)"
fi
hwm="$(awk '/^VmHWM:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status")"
errors_logged="$(grep -c -E ' (ERROR|WARN) ' "$WORK/serve.log" || true)"
pool_size="16 (default)"
[[ -z "${GONGHUI_POOL_SIZE:-}" ]] || pool_size="$GONGHUI_POOL_SIZE"
[[ "$BACKEND" != sqlite ]] || pool_size="$pool_size, at most 8 on SQLite"
stop_server

# ---- report -----------------------------------------------------------------------------------
command_line="tests/load/bench-enrolment.sh"
for n in "${SETTINGS[@]}"; do
    if [[ -n "${ORIGINAL_ENV[$n]:-}" ]]; then
        command_line="$n=${ORIGINAL_ENV[$n]} $command_line"
    fi
done
date_utc="$(date -u +%Y-%m-%d)"
mkdir -p "$BENCH_RESULTS_DIR"
report="$BENCH_RESULTS_DIR/enrolment-$BACKEND-$date_utc.md"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'none')"
if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null || true)" ]]; then
    commit="$commit (work tree has changes)"
fi
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
mem="$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)"
database="SQLite (WAL, synchronous=NORMAL) in a temp file"
if [[ "$BACKEND" == postgres ]]; then
    database="PostgreSQL $(psql_admin -At -c 'SHOW server_version' 2>/dev/null || echo unknown) on 127.0.0.1 over TCP loopback; $(psql_admin -At -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'max_connections', 'shared_buffers')" 2>/dev/null || echo unknown)"
fi
phase_loads="$(python3 -c 'import json, sys; print("; ".join(p["phase"].split(":")[0] + " " + ", ".join(map(str, p["loads"])) for p in json.load(open(sys.argv[1]))["phases"]))' "$WORK/out/summary.json")"
promotions="$(python3 -c 'import json, sys; print(", ".join(map(str, json.load(open(sys.argv[1]))["promotions_per_round"])))' "$WORK/out/summary.json")"
checks_passed="$(json_field "$WORK/out/summary.json" 'd["checks_passed"]')"

# The backticks are markdown, not command substitution.
# shellcheck disable=SC2016
{
    printf '# Enrolment under contention on %s: %s\n\n' "$BACKEND" "$date_utc"
    printf '%s rounds, each on %s fresh courses of %s places: %s enrolments per course (%s a round, %s of them waitlisted) from %s clients at once, then %s withdrawals per course (%s a round). Requests/s is requests over the summed wall time of the rounds; "per round" the slowest and fastest round; latencies over all rounds.\n\n' \
        "$ROUNDS" "$COURSES" "$PLACES" "$ATTEMPTS" "$((COURSES * ATTEMPTS))" "$((COURSES * (ATTEMPTS - PLACES)))" "$CLIENTS" "$WITHDRAW" "$((COURSES * WITHDRAW))"
    cat "$WORK/out/table.md"
    printf '\n'
    printf -- '- command: `%s`\n' "$command_line"
    printf -- '- load: `tests/load/enrolment-load.py` (python3 threads, one keep-alive connection per client, released together from a barrier) as `%s` on courses of %s; each person a distinct non-member with a valid ID number, the courses round-robin\n' \
        "$DEMO_USER" "$OWNER_NAME"
    if ((WITHDRAW > PLACES)); then
        printf -- '- withdraw: staff `DELETE` of the first %s arrivals of each course (the %s enrolled, then the head of the waitlist, mostly promoted by then), in arrival order, the courses round-robin; promotions per round: %s\n' \
            "$WITHDRAW" "$PLACES" "$promotions"
    elif ((WITHDRAW > 0)); then
        printf -- '- withdraw: staff `DELETE` of the first %s enrolled of each course, in arrival order, the courses round-robin; promotions per round: %s\n' \
            "$WITHDRAW" "$promotions"
    fi
    printf -- '- server CPU: user + system time of the server process over the wall time (200%% = both cores); load generator CPU likewise for the python process%s\n' \
        "$([[ "$BACKEND" == postgres ]] && printf '; PostgreSQL backends are not counted' || true)"
    printf -- '- server: `gonghui serve` release build (`--locked`), RUST_LOG=warn, pool_size %s, demo data, fresh database; peak RSS (VmHWM) %s; warnings or errors in its log: %s\n' \
        "$pool_size" "$hwm" "$errors_logged"
    printf -- '- database: %s\n' "$database"
    printf -- '- machine: %s cores (%s), %s RAM, Linux %s; the load generator, the server and the database share the cores\n' \
        "$(nproc)" "$cpu" "$mem" "$(uname -r)"
    printf -- '- load average (1 min): %s at the start; when each round'"'"'s phases started: %s (above ~2 means other work competed for the 2 cores)\n' \
        "$load_start" "$phase_loads"
    printf -- '- whole run after the build (set-up, phases, checks): %s s\n' "$elapsed"
    printf -- '- toolchain: %s; commit: %s\n' "$(rustc --version 2>/dev/null || echo unknown)" "$commit"
    printf '\n<details><summary>%s checks, all passed</summary>\n\n' "$checks_passed"
    cat "$WORK/out/checks.md"
    printf '</details>\n'
} >"$report.tmp"
mv "$report.tmp" "$report"

cat "$report"
log "wrote ${report#"$ROOT"/}"
