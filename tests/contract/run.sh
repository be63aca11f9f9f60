#!/usr/bin/env bash
# Contract fuzzing: schemathesis (4.x) against the OpenAPI document the server itself serves at
# GET /api/openapi.json, once on SQLite and once on PostgreSQL.
#
# For each backend: a fresh database (SQLite in a temp dir; PostgreSQL: a throwaway database
# gh_contract_<random> on 127.0.0.1:5432 as user postgres, dropped afterwards), `gonghui migrate`,
# `gonghui demo --password-stdin`, `gonghui serve` on a free loopback port, then every operation of the
# document with every schemathesis check (examples, coverage, fuzzing and stateful phases) as demo-admin
# (the /api/v1/me/... operations as nanjiang-member, see schemathesis.toml), plus the two project checks in
# hooks.py (problem+json error bodies, the 1..200 `limit` range); hooks.py also puts a NUL into about one
# generated case in ten (PostgreSQL cannot store it, SQLite can). Any failing check fails the script: a
# 5xx, a response that violates its schema, an undocumented status code or content type, a non-problem+json
# error body, schema-valid data refused or invalid data accepted, a missing If-Match not refused, ...
#
# Nothing is excluded from the run. What could make it meaningless is losing the tokens, and nothing the
# fuzzer can do does that (checked against api/src; re-checked after every run below):
#   - POST /auth/logout and /auth/refresh revoke or rotate refresh tokens only; access tokens are JWTs that
#     stay valid until they expire, and the fuzzer never sees our refresh tokens.
#   - PATCH /accounts/{id} refuses to change the caller's own role, home or disabled flag (403), so the
#     admin cannot be disabled (nobody ranks above an admin). But schemathesis sends `If-Match: *` and
#     draws account ids from earlier answers, so the admin's token could move, disable or re-password the
#     nanjiang-member account, which (as documented) ends that account's sessions. The one steering of the
#     run: hooks.py sends account writes aimed at the two accounts whose tokens drive the run to an unknown
#     id instead (a 404, still a checked answer); every other account stays fair game.
#   - Logins the fuzzer makes fail per account and per address; the login limit is raised so that
#     POST /auth/login keeps answering 401/200 instead of 429 for the whole run.
# After the run both tokens must still answer GET /api/v1/me with 200, else the run counts as failed.
#
# Environment:
#   GONGHUI_BIN                the binary (default ${CARGO_TARGET_DIR:-target}/debug/gonghui; scripts/test builds it)
#   CONTRACT_BACKENDS          "sqlite postgres" (default) or one of them
#   CONTRACT_SECONDS           schemathesis time budget per backend (default 240; set-up adds ~10-20 s)
#   CONTRACT_MAX_EXAMPLES      test cases per operation per fuzzing pass (default 50)
#   CONTRACT_WORKERS           concurrent schemathesis workers (default 2)
#   CONTRACT_SEED              a seed to replay a run (printed by every run)
#   CONTRACT_PG_HOST, CONTRACT_PG_PORT  PostgreSQL (default 127.0.0.1:5432, user postgres, trust auth)
# Reports (schemathesis output, JSON, NDJSON, findings.md with curl reproductions, server log) are kept in
# ${CARGO_TARGET_DIR:-target}/contract/<backend>/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
here=tests/contract

target=${CARGO_TARGET_DIR:-$repo/target}
[[ "$target" = /* ]] || target=$repo/$target
bin=${GONGHUI_BIN:-$target/debug/gonghui}
backends=${CONTRACT_BACKENDS:-sqlite postgres}
budget=${CONTRACT_SECONDS:-240}
max_examples=${CONTRACT_MAX_EXAMPLES:-50}
workers=${CONTRACT_WORKERS:-2}
pg_host=${CONTRACT_PG_HOST:-127.0.0.1}
pg_port=${CONTRACT_PG_PORT:-5432}
tools=$target/tools/schemathesis
reports=$target/contract
st_requirement='schemathesis>=4.32,<5'

log() { printf '[contract] %s\n' "$*" >&2; }
die() { printf '[contract] FAILED: %s\n' "$*" >&2; exit 1; }
random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U postgres -d postgres "$@"; }

[[ -x "$bin" ]] || die "no gonghui binary at $bin (build it: cargo build -p gonghui-api --locked, or set GONGHUI_BIN)"
command -v curl >/dev/null || die "curl is not installed"
command -v python3 >/dev/null || die "python3 is not installed"
[[ "$budget" =~ ^[0-9]+$ && "$budget" -ge 10 ]] || die "CONTRACT_SECONDS must be a whole number of seconds >= 10"

# --- schemathesis, pinned to the 4.x line, in its own venv ---------------------------------------------
if [[ ! -x "$tools/bin/st" || "$(cat "$tools/.requirement" 2>/dev/null)" != "$st_requirement" ]]; then
    log "installing $st_requirement into $tools"
    rm -rf "$tools"
    python3 -m venv "$tools"
    "$tools/bin/pip" install --quiet --disable-pip-version-check "$st_requirement"
    printf '%s\n' "$st_requirement" >"$tools/.requirement"
fi
log "$("$tools/bin/st" --version)"

# --- per-backend state, cleaned up by the trap ------------------------------------------------------------
SERVER_PID=""
ST_PID=""
WORK=""
PG_DB=""
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then kill -KILL "$SERVER_PID" 2>/dev/null || true; fi
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
teardown() {
    if [[ -n "$ST_PID" ]]; then
        kill -TERM "$ST_PID" 2>/dev/null || true
        wait "$ST_PID" 2>/dev/null || true
        ST_PID=""
    fi
    stop_server
    if [[ -n "$PG_DB" ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 \
            || log "could not drop database $PG_DB"
        PG_DB=""
    fi
    if [[ -n "$WORK" ]]; then rm -rf "$WORK"; WORK=""; fi
}
trap teardown EXIT
trap 'exit 130' INT TERM

# The log has one INFO line per request; warnings and errors (a 500 is logged once, with its request id)
# are what explains a failure, so those come first, then the very end of the log.
show_server_log() {
    local file=$1
    [[ -s "$file" ]] || return 0
    log "server log: $file"
    log "its last 20 WARN/ERROR lines:"
    grep -E '(WARN|ERROR)' "$file" | tail -n 20 >&2 || true
    log "its last 10 lines:"
    tail -n 10 "$file" >&2
}

login() { # username password port -> access token on stdout
    curl -fsS -X POST -H 'Content-Type: application/json' \
        --data "{\"username\":\"$1\",\"password\":\"$2\"}" "http://127.0.0.1:$3/api/v1/auth/login" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

total_passed=0
total_failed=0
failed_backends=()
declare -A summary_of totals_of

run_backend() {
    local backend=$1
    local out=$reports/$backend
    rm -rf "$out"
    mkdir -p "$out"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/gonghui-contract-$backend.XXXXXX")
    mkdir -p "$WORK/data"
    local server_log=$out/server.log

    case "$backend" in
        sqlite) export DATABASE_URL="sqlite://$WORK/data/gonghui.db" ;;
        postgres)
            command -v psql >/dev/null || die "psql is not installed (scripts/ensure-services installs PostgreSQL)"
            PG_DB="gh_contract_$(random_hex 6)"
            psql_admin -c "CREATE DATABASE \"$PG_DB\"" || die "cannot create database $PG_DB on $pg_host:$pg_port"
            export DATABASE_URL="postgres://postgres@$pg_host:$pg_port/$PG_DB"
            ;;
        *) die "unknown backend '$backend' (sqlite or postgres)" ;;
    esac
    # Only this run's settings: nothing from the caller's environment (a config file, another database,
    # JSON logs, which summarize.py does not read) reaches the server.
    local var
    for var in $(compgen -e); do
        case "$var" in GONGHUI_*|RUST_LOG) unset "$var" ;; esac
    done
    export GONGHUI_DATA_DIR="$WORK/data"
    export GONGHUI_JWT_SECRET
    GONGHUI_JWT_SECRET=$(random_hex 32)
    # Tokens must outlive the run: the budget, shrinking and replays after it, and set-up.
    export GONGHUI_ACCESS_TOKEN_TTL_SECONDS=$(( budget * 2 + 900 > 86400 ? 86400 : budget * 2 + 900 ))
    # The fuzzer's logins all fail from one address; keep POST /auth/login answering instead of 429.
    export GONGHUI_LOGIN_MAX_FAILURES=1000000
    export GONGHUI_LOG_LEVEL=info GONGHUI_LOG_FORMAT=text

    local password
    password="Contract-$(random_hex 12)"
    "$bin" migrate >"$out/migrate.log" 2>&1 || { cat "$out/migrate.log" >&2; die "$backend: gonghui migrate failed"; }
    printf '%s\n' "$password" | "$bin" demo --password-stdin >"$out/demo.log" 2>&1 \
        || { cat "$out/demo.log" >&2; die "$backend: gonghui demo failed"; }

    local port
    port=$(free_port)
    "$bin" serve --bind "127.0.0.1:$port" >"$server_log" 2>&1 &
    SERVER_PID=$!
    local ready=""
    for _ in $(seq 1 150); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            show_server_log "$server_log"
            die "$backend: the server exited during start-up"
        fi
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then ready=1; break; fi
        sleep 0.2
    done
    [[ -n "$ready" ]] || { show_server_log "$server_log"; die "$backend: /readyz not ready after 30 s"; }

    export GONGHUI_CONTRACT_ADMIN_TOKEN GONGHUI_CONTRACT_MEMBER_TOKEN
    GONGHUI_CONTRACT_ADMIN_TOKEN=$(login demo-admin "$password" "$port") || die "$backend: demo-admin cannot log in"
    GONGHUI_CONTRACT_MEMBER_TOKEN=$(login nanjiang-member "$password" "$port") || die "$backend: nanjiang-member cannot log in"
    export GONGHUI_CONTRACT_PROTECTED_ACCOUNTS
    GONGHUI_CONTRACT_PROTECTED_ACCOUNTS=$(
        for token in "$GONGHUI_CONTRACT_ADMIN_TOKEN" "$GONGHUI_CONTRACT_MEMBER_TOKEN"; do
            curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" \
                | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
        done | paste -sd ' ' -
    ) || die "$backend: cannot read the ids of the run's accounts"

    local base="http://127.0.0.1:$port"
    curl -fsS "$base/api/openapi.json" -o "$out/openapi.json" || die "$backend: GET /api/openapi.json failed"
    local seed_args=()
    [[ -n "${CONTRACT_SEED:-}" ]] && seed_args=(--seed "$CONTRACT_SEED")
    log "$backend: schemathesis against $base/api/openapi.json for ${budget}s, ${max_examples} examples per operation, $workers workers"
    local st_rc=0
    # The run stops itself at --max-time; `timeout` only guards against a hang (a server that stops
    # answering, shrinking that never ends). It runs in the background so that a signal to this script is
    # handled at once (bash defers traps while a foreground command runs); timeout passes it on to st.
    (
        cd "$WORK"
        SCHEMATHESIS_HOOKS="$repo/$here/hooks.py" exec timeout --kill-after=30 $(( budget + 600 )) \
            "$tools/bin/st" --config-file "$repo/$here/schemathesis.toml" run "$base/api/openapi.json" \
            --checks all \
            --phases examples,coverage,fuzzing,stateful \
            --max-time "$budget" \
            --max-examples "$max_examples" \
            --workers "$workers" \
            --request-timeout 30 \
            --generation-database none \
            "${seed_args[@]}" \
            --report json,ndjson \
            --report-json-path "$out/report.json" \
            --report-ndjson-path "$out/events.ndjson" \
            --no-color
    ) >"$out/schemathesis.txt" 2>&1 &
    ST_PID=$!
    wait "$ST_PID" || st_rc=$?
    ST_PID=""

    local problems=()
    case "$st_rc" in
        0) ;;
        1) problems+=("schemathesis reported failures") ;;
        124|137) problems+=("schemathesis did not finish within $(( budget + 600 ))s") ;;
        *) problems+=("schemathesis exited with $st_rc") ;;
    esac
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        problems+=("the server died during the run")
    else
        local who token code
        for who in ADMIN MEMBER; do
            token_var=GONGHUI_CONTRACT_${who}_TOKEN
            token=${!token_var}
            code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/me" || true)
            [[ "$code" == 200 ]] || problems+=("the ${who,,} token no longer works after the run (GET /api/v1/me: $code); the run was not meaningful")
        done
    fi

    echo
    echo "== contract on $backend (schemathesis output: $out/schemathesis.txt)"
    if [[ "$st_rc" -ne 0 && "$st_rc" -ne 1 ]]; then tail -n 40 "$out/schemathesis.txt"; fi
    "$tools/bin/python" "$repo/$here/summarize.py" --backend "$backend" --json "$out/report.json" \
        --ndjson "$out/events.ndjson" --base-url "$base" --openapi "$out/openapi.json" --server-log "$server_log" --findings "$out/findings.md" --counts "$out/counts.txt" \
        || problems+=("the summary could not be written")
    local passed=0 failed=0
    if [[ -s "$out/counts.txt" ]]; then
        read -r passed failed <"$out/counts.txt"
        totals_of[$backend]=$(sed -n 2p "$out/counts.txt")
    fi
    if (( ${#problems[@]} )); then
        # An operation-level count of 0 failed with a broken run still fails the backend.
        (( failed > 0 )) || failed=1
        for p in "${problems[@]}"; do echo "  FAILED: $p"; done
        echo "  findings with curl reproductions: $out/findings.md"
        stop_server
        show_server_log "$server_log"
        failed_backends+=("$backend")
    fi
    summary_of[$backend]="$passed passed, $failed failed"
    total_passed=$(( total_passed + passed ))
    total_failed=$(( total_failed + failed ))
    teardown
}

mkdir -p "$reports"
for backend in $backends; do
    run_backend "$backend"
done

echo
for backend in $backends; do
    echo "contract on $backend: ${totals_of[$backend]:-no totals}"
    echo "contract on $backend: ${summary_of[$backend]} (operations)"
done
echo "contract: $total_passed passed, $total_failed failed"
(( ${#failed_backends[@]} == 0 )) || exit 1
