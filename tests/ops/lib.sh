# shellcheck shell=bash
# Shared by the scripts in tests/ops (sourced, not run): messages, failing loudly with a log's tail, a free
# loopback port, waiting for an HTTP answer and stopping what a script started. Each script sets OPS_NAME
# and, while a server runs, SERVER_PID and SERVER_LOG.

OPS_NAME=${OPS_NAME:-ops}
SERVER_PID=""
SERVER_LOG=""

log() { printf '[%s] %s\n' "$OPS_NAME" "$*" >&2; }

# Prints the tail of every log named (and the running server's) and exits 1.
die() {
    printf '[%s] FAILED: %s\n' "$OPS_NAME" "$1" >&2
    shift
    local f
    for f in "$@" ${SERVER_LOG:+"$SERVER_LOG"}; do
        [[ -f "$f" ]] || continue
        printf '[%s] ---- last lines of %s ----\n' "$OPS_NAME" "$(basename "$f")" >&2
        tail -n 40 "$f" >&2
    done
    exit 1
}

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed ($2)"; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The API binary the test suite builds (scripts/test runs `cargo build -p gonghui-api` first).
api_bin() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    printf '%s\n' "${GONGHUI_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/gonghui}"
}

# wait_http URL SECONDS: until URL answers 200, while SERVER_PID (when set) is alive.
wait_http() {
    local url=$1 deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        if [[ -n "$SERVER_PID" ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
            die "the server exited before $url answered"
        fi
        if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
        sleep 0.5
    done
    die "$url did not answer 200 within $2 s"
}

# Stops the server this script started and anything else in its process group (a build still running):
# SIGTERM, then SIGKILL for whatever is left after 20 s.
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    local _
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 -- "-$SERVER_PID" 2>/dev/null || kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 -- "-$SERVER_PID" 2>/dev/null || kill -0 "$SERVER_PID" 2>/dev/null; then
        log "process group $SERVER_PID ignored SIGTERM for 20 s; killing it"
        kill -KILL -- "-$SERVER_PID" 2>/dev/null || kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

# start_server LOG COMMAND...: runs COMMAND in its own process group (so stop_server also ends any
# children, e.g. a build) with its output in LOG.
start_server() {
    SERVER_LOG=$1
    shift
    setsid "$@" >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
}
