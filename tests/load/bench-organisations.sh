#!/usr/bin/env bash
# Throughput and latency of `GET /api/v1/organisations/{id}` (an authenticated, scoped read of one
# row) at 32 connections, on SQLite and on PostgreSQL, with wrk.
#
#   tests/load/bench-organisations.sh
#
# Environment (all optional):
#   BENCH_SECONDS=15          measured wrk run per backend
#   BENCH_WARMUP_SECONDS=3    unmeasured wrk run first (pool, caches, page cache); 0 skips it
#   BENCH_CONNECTIONS=32      wrk -c
#   BENCH_THREADS=2           wrk -t
#   BENCH_BACKENDS="sqlite postgres"
#   BENCH_TARGET_DIR=target/bench   cargo target dir of the release build (apart from the dev build)
#   BENCH_BIN=path/to/gonghui       benchmark this binary instead of building one
#   BENCH_PG_PORT=5432        PostgreSQL on 127.0.0.1, user postgres, trust auth
#   BENCH_RESULTS_DIR=tests/load/results
#
# Everything runs on 127.0.0.1; each backend gets a fresh database (a temp SQLite file, or a
# database gonghui_bench_<random> that is dropped on exit) and its own server, stopped on exit.
# Prints a markdown table and writes it to $BENCH_RESULTS_DIR/organisations-<date>.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly ROOT
# The settings given in the environment, for the command line in the report.
declare -A ORIGINAL_ENV=()
for n in BENCH_SECONDS BENCH_WARMUP_SECONDS BENCH_CONNECTIONS BENCH_THREADS BENCH_BACKENDS; do
    if [[ -n "${!n:-}" ]]; then ORIGINAL_ENV[$n]="${!n}"; fi
done
readonly BENCH_SECONDS="${BENCH_SECONDS:-15}"
readonly BENCH_WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-3}"
readonly BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
readonly BENCH_THREADS="${BENCH_THREADS:-2}"
readonly BENCH_BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
readonly BENCH_PG_PORT="${BENCH_PG_PORT:-5432}"
readonly PG_HOST=127.0.0.1
readonly DEMO_USER=nanjiang-staff
BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$ROOT/target/bench}"
case "$BENCH_TARGET_DIR" in /*) ;; *) BENCH_TARGET_DIR="$ROOT/$BENCH_TARGET_DIR" ;; esac
readonly BENCH_TARGET_DIR
BENCH_RESULTS_DIR="${BENCH_RESULTS_DIR:-$ROOT/tests/load/results}"
case "$BENCH_RESULTS_DIR" in /*) ;; *) BENCH_RESULTS_DIR="$ROOT/$BENCH_RESULTS_DIR" ;; esac
readonly BENCH_RESULTS_DIR

# shellcheck source=tests/load/lib.sh
source "$ROOT/tests/load/lib.sh"

for n in BENCH_SECONDS BENCH_WARMUP_SECONDS BENCH_CONNECTIONS BENCH_THREADS BENCH_PG_PORT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
((BENCH_SECONDS >= 1 && BENCH_SECONDS <= 600)) || die "BENCH_SECONDS must be 1..600"
((BENCH_WARMUP_SECONDS <= 60)) || die "BENCH_WARMUP_SECONDS must be 0..60"
for b in $BENCH_BACKENDS; do
    [[ "$b" == sqlite || "$b" == postgres ]] || die "unknown backend '$b' in BENCH_BACKENDS"
done

need wrk "apt-get install -y wrk"
need curl "apt-get install -y curl"
need jq "apt-get install -y jq"
need python3 "used to pick a free port"
need cargo "the Rust toolchain"
if [[ " $BENCH_BACKENDS " == *" postgres "* ]]; then
    need psql "apt-get install -y postgresql-client"
    need pg_isready "apt-get install -y postgresql-client"
    pg_isready -q -h "$PG_HOST" -p "$BENCH_PG_PORT" -U postgres \
        || die "PostgreSQL is not accepting connections on $PG_HOST:$BENCH_PG_PORT (or set BENCH_BACKENDS=sqlite)"
fi

# ---- cleanup: every server, temp dir and database this run made -------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gonghui-bench.XXXXXX")"
readonly WORK
SERVER_PID=""
PG_DATABASES=()

cleanup() {
    local rc=$?
    stop_server
    local db
    for db in "${PG_DATABASES[@]+"${PG_DATABASES[@]}"}"; do
        psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 \
            || log "could not drop database $db; drop it by hand"
    done
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
    # Absolute: the commands run from the backend's temp dir.
    BIN="$(realpath -- "$BENCH_BIN")" || die "no file at BENCH_BIN=$BENCH_BIN"
    log "using the given binary $BIN (no build)"
else
    log "building the release binary into $BENCH_TARGET_DIR"
    # --locked: a benchmark must not rewrite Cargo.lock.
    (cd "$ROOT" && CARGO_TARGET_DIR="$BENCH_TARGET_DIR" cargo build --release --locked -p gonghui-api) \
        || die "cargo build --release --locked -p gonghui-api"
    BIN="$BENCH_TARGET_DIR/release/gonghui"
fi
readonly BIN
[[ -x "$BIN" ]] || die "no executable at $BIN"

# ---- helpers ----------------------------------------------------------------------------------

# Runs a gonghui subcommand with this backend's settings; its output goes to $WORK/<backend>-<name>.log.
# Reads standard input from the caller.
gonghui_cmd() {
    local name="$1"
    shift
    if ! (cd "$BACKEND_DIR" && "$BIN" "$@") >"$WORK/$BACKEND-$name.log" 2>&1; then
        tail -n 30 "$WORK/$BACKEND-$name.log" >&2 || true
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

# A wrk output line, e.g. "    50%    1.23ms" -> "1.23ms".
wrk_percentile() {
    awk -v p="$1" '$1 == p { print $2; exit }' "$2"
}

# "1.5ms" / "850.00us" / "1.02s" -> milliseconds with two decimals, for comparison across rows.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n = n / 1000
        else if (v ~ /ms$/) n = n
        else if (v ~ /m$/) n = n * 60000
        else if (v ~ /s$/) n = n * 1000
        else { print "?"; exit }
        printf "%.2f", n
    }'
}

RESULT_ROWS=()
LOAD_NOTES=()

# ---- one backend ------------------------------------------------------------------------------
bench_backend() {
    BACKEND="$1"
    BACKEND_DIR="$WORK/$BACKEND"
    mkdir -p "$BACKEND_DIR"

    local database_url
    case "$BACKEND" in
    sqlite)
        database_url="sqlite://$BACKEND_DIR/gonghui.db"
        ;;
    postgres)
        local db
        db="gonghui_bench_$(random_hex 6)"
        PG_DATABASES+=("$db")
        psql_admin -c "CREATE DATABASE \"$db\"" >/dev/null || die "CREATE DATABASE $db"
        database_url="postgres://postgres@$PG_HOST:$BENCH_PG_PORT/$db"
        ;;
    esac

    export DATABASE_URL="$database_url"
    GONGHUI_JWT_SECRET="$(random_hex 32)"
    export GONGHUI_JWT_SECRET
    export GONGHUI_DATA_DIR="$BACKEND_DIR/data"
    export GONGHUI_LOG_FORMAT=text
    export GONGHUI_LOG_LEVEL=warn
    export RUST_LOG=warn
    unset GONGHUI_BIND GONGHUI_CORS_ORIGINS

    log "$BACKEND: migrate"
    gonghui_cmd migrate migrate </dev/null

    local password
    password="Bench-$(random_hex 8)-Pw!"
    log "$BACKEND: demo data"
    printf '%s\n' "$password" | gonghui_cmd demo demo --password-stdin

    local port base
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    log "$BACKEND: serve on $base"
    (cd "$BACKEND_DIR" && exec "$BIN" serve --bind "127.0.0.1:$port") \
        >"$WORK/$BACKEND-serve.log" 2>&1 &
    SERVER_PID=$!

    local ready=""
    for _ in $(seq 1 150); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 30 "$WORK/$BACKEND-serve.log" >&2 || true
            die "$BACKEND: gonghui serve exited during start-up"
        fi
        if [[ "$(http /dev/null "$base/readyz")" == 200 ]]; then
            ready=1
            break
        fi
        sleep 0.2
    done
    [[ -n "$ready" ]] || die "$BACKEND: /readyz did not answer 200 within 30 s"

    local status body="$WORK/$BACKEND-body.json"
    status="$(http "$body" -X POST -H 'Content-Type: application/json' \
        --data "$(jq -cn --arg u "$DEMO_USER" --arg p "$password" '{username: $u, password: $p}')" \
        "$base/api/v1/auth/login")"
    [[ "$status" == 200 ]] || { cat "$body" >&2 || true; die "$BACKEND: login as $DEMO_USER answered $status"; }
    local token
    token="$(jq -er '.access_token' "$body")" || die "$BACKEND: no access_token in the login answer"

    status="$(http "$body" -H "Authorization: Bearer $token" "$base/api/v1/organisations?limit=1")"
    [[ "$status" == 200 ]] || { cat "$body" >&2 || true; die "$BACKEND: GET /api/v1/organisations?limit=1 answered $status"; }
    local id
    id="$(jq -er '.items[0].id' "$body")" || die "$BACKEND: $DEMO_USER sees no organisation"

    local url="$base/api/v1/organisations/$id"
    status="$(http "$body" -H "Authorization: Bearer $token" "$url")"
    [[ "$status" == 200 ]] || { cat "$body" >&2 || true; die "$BACKEND: GET $url answered $status"; }
    [[ "$(jq -r '.id' "$body")" == "$id" ]] || die "$BACKEND: GET $url returned another organisation"

    local wrk_args=(-t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" --timeout 5s --latency
        -H "Authorization: Bearer $token" "$url")
    if ((BENCH_WARMUP_SECONDS > 0)); then
        log "$BACKEND: warm-up ${BENCH_WARMUP_SECONDS}s"
        timeout $((BENCH_WARMUP_SECONDS + 30)) wrk -d"${BENCH_WARMUP_SECONDS}s" "${wrk_args[@]}" \
            >"$WORK/$BACKEND-warmup.txt" || die "$BACKEND: wrk warm-up failed"
    fi
    # Other work on the machine skews the numbers: record how busy it was.
    LOAD_NOTES+=("$BACKEND $(cut -d' ' -f1 /proc/loadavg)")
    log "$BACKEND: wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s"
    local out="$WORK/$BACKEND-wrk.txt"
    timeout $((BENCH_SECONDS + 30)) wrk -d"${BENCH_SECONDS}s" "${wrk_args[@]}" >"$out" \
        || { cat "$out" >&2 || true; die "$BACKEND: wrk failed"; }
    sed 's/^/    /' "$out" >&2

    # A benchmark of error answers is worthless: any non-2xx or socket error fails the run.
    if grep -q 'Non-2xx or 3xx responses' "$out"; then
        tail -n 20 "$WORK/$BACKEND-serve.log" >&2 || true
        die "$BACKEND: $(grep 'Non-2xx or 3xx responses' "$out" | tr -s ' ')"
    fi
    if grep -q 'Socket errors' "$out"; then
        die "$BACKEND: $(grep 'Socket errors' "$out" | tr -s ' ')"
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || die "$BACKEND: the server died during the run"

    local rps p50 p99 requests hwm
    rps="$(awk '/^Requests\/sec:/ { print $2; exit }' "$out")"
    requests="$(awk '/requests in/ { print $1; exit }' "$out")"
    p50="$(wrk_percentile 50% "$out")"
    p99="$(wrk_percentile 99% "$out")"
    [[ -n "$rps" && -n "$p50" && -n "$p99" ]] || die "$BACKEND: could not read wrk's output"
    hwm="$(awk '/^VmHWM:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status")"
    [[ -n "$hwm" ]] || die "$BACKEND: no VmHWM for pid $SERVER_PID"

    stop_server
    RESULT_ROWS+=("| $BACKEND | $(printf '%.0f' "$rps") | $(to_ms "$p50") ms | $(to_ms "$p99") ms | $hwm | $requests |")
    log "$BACKEND: $rps req/s, p50 $p50, p99 $p99, peak RSS $hwm"
}

mkdir -p "$BENCH_RESULTS_DIR"
for backend in $BENCH_BACKENDS; do
    bench_backend "$backend"
done

# ---- report -----------------------------------------------------------------------------------
command_line="tests/load/bench-organisations.sh"
for n in BENCH_BACKENDS BENCH_THREADS BENCH_CONNECTIONS BENCH_WARMUP_SECONDS BENCH_SECONDS; do
    if [[ -n "${ORIGINAL_ENV[$n]:-}" ]]; then
        value="${ORIGINAL_ENV[$n]}"
        [[ "$value" != *" "* ]] || value="'$value'"
        command_line="$n=$value $command_line"
    fi
done
date_utc="$(date -u +%Y-%m-%d)"
report="$BENCH_RESULTS_DIR/organisations-$date_utc.md"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'none')"
if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null || true)" ]]; then
    commit="$commit (work tree has changes)"
fi
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
mem="$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)"
pg_version=""
if [[ " $BENCH_BACKENDS " == *" postgres "* ]]; then
    pg_version="$(psql_admin -At -c 'SHOW server_version' 2>/dev/null || echo unknown)"
fi

# The backticks are markdown, not command substitution.
# shellcheck disable=SC2016
{
    printf '# GET /api/v1/organisations/{id}: %s\n\n' "$date_utc"
    printf '| backend | req/s | p50 | p99 | peak RSS | requests |\n'
    printf '| --- | ---: | ---: | ---: | ---: | ---: |\n'
    printf '%s\n' "${RESULT_ROWS[@]}"
    printf '\n'
    printf -- '- command: `%s`\n' "$command_line"
    printf -- '- load: `wrk -t%s -c%s -d%ss --latency` with a bearer token of `%s`, one organisation id, after a %ss warm-up\n' \
        "$BENCH_THREADS" "$BENCH_CONNECTIONS" "$BENCH_SECONDS" "$DEMO_USER" "$BENCH_WARMUP_SECONDS"
    printf -- '- server: `gonghui serve` release build (`--locked`, profile.release), RUST_LOG=warn, demo data, fresh database per backend\n'
    printf -- '- peak RSS: VmHWM of the server process after the run\n'
    printf -- '- machine: %s cores (%s), %s RAM, Linux %s; wrk and the server share the cores\n' \
        "$(nproc)" "$cpu" "$mem" "$(uname -r)"
    printf -- '- load average (1 min) when each measured run started: %s (above ~2 means other work competed for the 2 cores)\n' \
        "$(IFS=,; printf '%s' "${LOAD_NOTES[*]}" | sed 's/,/, /g')"
    printf -- '- toolchain: %s\n' "$(rustc --version 2>/dev/null || echo unknown)"
    [[ -z "$pg_version" ]] || printf -- '- PostgreSQL %s on 127.0.0.1 over TCP loopback\n' "$pg_version"
    printf -- '- commit: %s\n' "$commit"
    for backend in $BENCH_BACKENDS; do
        printf '\n<details><summary>wrk output, %s</summary>\n\n```\n' "$backend"
        cat "$WORK/$backend-wrk.txt"
        printf '```\n</details>\n'
    done
} >"$report.tmp"
mv "$report.tmp" "$report"

cat "$report"
log "wrote ${report#"$ROOT"/}"
