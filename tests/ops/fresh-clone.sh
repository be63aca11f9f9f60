#!/usr/bin/env bash
# The README's run command on a fresh clone: clones this repository's committed HEAD into a temporary
# folder, runs `scripts/start --demo --bind 127.0.0.1:PORT` there (which builds the web app and the release
# API, migrates a database that does not exist yet, loads the demo data and serves), then checks from the
# outside that the one origin serves the web app's index.html and its bundle, and that demo-admin logs in
# with the password the demo printed. Stops the server and removes the clone on success and on failure.
#
# To share cargo's cache with this checkout it builds into CARGO_TARGET_DIR (default: this checkout's
# target/), so it also proves that scripts/start finds the binary there. npm reuses ~/.npm by itself.
# It tests the committed HEAD, not uncommitted changes. Here (2 cores) it takes about 15 minutes with a
# cold release build and a busy machine, so the bound for /readyz is 30 minutes.
#   tests/ops/fresh-clone.sh                 # FRESH_CLONE_TIMEOUT=1800 (seconds until /readyz) by default
set -euo pipefail
OPS_NAME=fresh-clone
source "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
timeout=${FRESH_CLONE_TIMEOUT:-1800}
need git "the repository is cloned"
need cargo "scripts/start builds the API"
need npm "scripts/start builds the web app"
need curl "requests"
need jq "reading JSON answers"
need python3 "a free port"

tmp=$(mktemp -d)
cleanup() {
    stop_server
    rm -rf "$tmp"
}
trap cleanup EXIT

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
# What is proven is that the documented command works on a fresh clone, not how fast the binary runs: the
# release build skips link-time optimisation here (a third of a cold build on two cores). Benchmarks use
# the release profile as configured.
export CARGO_PROFILE_RELEASE_LTO=${CARGO_PROFILE_RELEASE_LTO:-false}
[[ "$CARGO_TARGET_DIR" == /* ]] || CARGO_TARGET_DIR=$repo/$CARGO_TARGET_DIR
# The clone knows nothing of this machine's settings: no database URL, no data folder, no secret.
unset DATABASE_URL GONGHUI_DATABASE_URL GONGHUI_DATA_DIR GONGHUI_JWT_SECRET GONGHUI_CONFIG GONGHUI_BIND GONGHUI_SPA_DIR

git clone --quiet "$repo" "$tmp/clone"
[[ ! -e "$tmp/clone/data" ]] || die "the clone already has a data folder; the test needs a fresh one"
port=$(free_port)
origin=http://127.0.0.1:$port
log "clone of $(git -C "$tmp/clone" rev-parse --short HEAD); running scripts/start --demo --bind 127.0.0.1:$port (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
started=$SECONDS
start_server "$tmp/start.log" bash -c 'cd "$1" && exec scripts/start --demo --bind "$2"' _ "$tmp/clone" "127.0.0.1:$port"
wait_http "$origin/readyz" "$timeout"
log "ready after $((SECONDS - started)) s"

# The process serving is the release binary in CARGO_TARGET_DIR, not one in the clone's target/.
exe=$(readlink "/proc/$SERVER_PID/exe" || true)
[[ "$exe" == "$CARGO_TARGET_DIR/release/gonghui" ]] || die "the server runs '$exe', expected $CARGO_TARGET_DIR/release/gonghui"
[[ ! -e "$tmp/clone/target" ]] || die "cargo built into the clone's target/ despite CARGO_TARGET_DIR"
[[ -f "$tmp/clone/data/gonghui.db" ]] || die "no SQLite database at data/gonghui.db in the clone"

# The web app from the same origin: exactly the built index.html, and the bundle it names.
curl -fsS "$origin/" -o "$tmp/index.html" || die "GET / failed"
cmp -s "$tmp/index.html" "$tmp/clone/spa/dist/index.html" || die "GET / is not spa/dist/index.html"
bundle=$(grep -Eo '/assets/[^"]+\.js' "$tmp/index.html" | head -n 1)
[[ -n "$bundle" ]] || die "index.html names no /assets/*.js bundle"
curl -fsS -o /dev/null "$origin$bundle" || die "GET $bundle failed"
# A client-side route is the web app too.
curl -fsS "$origin/organisations" | cmp -s - "$tmp/index.html" || die "GET /organisations is not the web app's index.html"

# The password the demo printed for demo-admin (generated ones look like Gh-<12 hex>).
password=$(awk '$1 == "demo-admin" { print $NF }' "$tmp/start.log" | grep -E '^Gh-[0-9a-f]{12}$' | tail -n 1 || true)
[[ -n "$password" ]] || die "scripts/start --demo printed no password for demo-admin"
body=$(jq -cn --arg p "$password" '{username: "demo-admin", password: $p}')
answer=$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$origin/api/v1/auth/login") \
    || die "POST /api/v1/auth/login failed"
status=${answer##*$'\n'}
[[ "$status" == 200 ]] || die "login as demo-admin answered $status: ${answer%$'\n'*}"
token=$(jq -r '.access_token // empty' <<<"${answer%$'\n'*}")
[[ -n "$token" ]] || die "the login answer has no access_token"
me=$(curl -fsS -H "Authorization: Bearer $token" "$origin/api/v1/me") || die "GET /api/v1/me with the token failed"
[[ "$(jq -r .username <<<"$me")" == demo-admin ]] || die "GET /api/v1/me does not name demo-admin: $me"

stop_server
log "passed in $SECONDS s"
