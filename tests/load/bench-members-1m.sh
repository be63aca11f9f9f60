#!/usr/bin/env bash
# The member registry at scale: one million members (MEMBERS) in ~900 unions below the demo federations,
# bulk-loaded with COPY into a fresh PostgreSQL database, then searched and paged through the HTTP API
# as demo-admin (the whole tree in scope), and a 50,000-row sheet imported on top.
#
#   tests/load/bench-members-1m.sh                   # 1,000,000 members, ~5 minutes after the release build
#   MEMBERS=20000 BENCH_SECONDS=5 tests/load/bench-members-1m.sh   # a quick check, ~1 minute after the build
#
# Measured through the API (tests/load/members-1m-load.py: python3 threads + http.client, keep-alive):
#   (a) name contains:        GET /api/v1/members?q=<fragment>     a few hundred fragments of real names
#   (b) ID number suffix:     GET /api/v1/members?id_suffix=<last 4 | last 6>
#   (c) union subtree:        GET /api/v1/members?organisation_id=<the biggest county | the biggest union>
#   (d) paging:               GET /api/v1/members?cursor=...  walked at BENCH_WALK_CLIENTS clients
#   (e) import:               POST /api/v1/member-imports (GBK csv) + POST .../commit, rows/s
# all at the default page size (50). Plans of the same queries (EXPLAIN ANALYZE, custom and generic, as
# the API's cached prepared statements can get either) go into the results file.
#
# Environment (all optional):
#   MEMBERS=1000000             members to generate and load (20000 for a quick check)
#   BENCH_UNIONS=800            extra grassroots unions below the demo's counties and townships
#   BENCH_SECONDS=20            each measured phase
#   BENCH_WARMUP_SECONDS=3      unmeasured run of the same phase first; 0 skips it
#   BENCH_SEARCH_CLIENTS=4      concurrent clients of the search phases (a to c)
#   BENCH_WALK_CLIENTS="16 32"  one paging phase per value
#   BENCH_WALK_PAGES=100        pages each walker follows before it jumps to another start cursor
#   IMPORT_ROWS=50000           rows of the import phase; 0 skips it
#   BENCH_COMPARE_WITHOUT=members_name_trgm_idx   indexes to drop at the end, re-running the name
#                               searches without them (the before/after of that index); empty skips
#   BENCH_SEED=20261121         the generator's seed (same seed, same data)
#   BENCH_SQL_AFTER_LOAD=...    SQL run on the loaded database before the server starts, e.g. an index
#                               under consideration (timed, and shown in the report)
#   BENCH_DB_SETTINGS=...       name=value settings for the bench database (ALTER DATABASE ... SET), e.g.
#                               plan_cache_mode=force_custom_plan to see the API as if it planned each search
#   BENCH_LABEL=...             appended to the results file name and title (for variants of a run)
#   BENCH_REQUEST_TIMEOUT=60    seconds one request may take before the run fails
#   BENCH_TARGET_DIR=target/bench   cargo target dir of the release build (apart from the dev build)
#   BENCH_BIN=path/to/gonghui       benchmark this binary instead of building one
#   BENCH_PG_PORT=5432          PostgreSQL on 127.0.0.1, user postgres, trust auth
#   BENCH_RESULTS_DIR=tests/load/results
#   KEEP_ON_FAILURE=1           keep the temp dir (generated files, server log) and the database after a failure
#
# Everything runs on 127.0.0.1; the database gonghui_bench_m1m_<random>, the server and the temp dir
# (about 0.5 GB of generated files at 1M) are removed on exit, whatever happens.
# Writes $BENCH_RESULTS_DIR/members-1m-postgres-<date>.md (members-<N>-postgres-<date>.md for other sizes).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly ROOT
HERE="$ROOT/tests/load"
readonly HERE
# The settings given in the environment, for the command line in the report.
declare -A ORIGINAL_ENV=()
readonly SETTINGS=(MEMBERS BENCH_UNIONS BENCH_SECONDS BENCH_WARMUP_SECONDS BENCH_SEARCH_CLIENTS BENCH_WALK_CLIENTS
    BENCH_WALK_PAGES IMPORT_ROWS BENCH_COMPARE_WITHOUT BENCH_SEED BENCH_SQL_AFTER_LOAD BENCH_DB_SETTINGS BENCH_LABEL
    BENCH_REQUEST_TIMEOUT)
for n in "${SETTINGS[@]}"; do
    if [[ -n "${!n+x}" ]]; then ORIGINAL_ENV[$n]="${!n}"; fi
done
readonly MEMBERS="${MEMBERS:-1000000}"
readonly BENCH_UNIONS="${BENCH_UNIONS:-800}"
readonly BENCH_SECONDS="${BENCH_SECONDS:-20}"
readonly BENCH_WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-3}"
readonly BENCH_SEARCH_CLIENTS="${BENCH_SEARCH_CLIENTS:-4}"
readonly BENCH_WALK_CLIENTS="${BENCH_WALK_CLIENTS:-16 32}"
readonly BENCH_WALK_PAGES="${BENCH_WALK_PAGES:-100}"
readonly IMPORT_ROWS="${IMPORT_ROWS:-50000}"
readonly BENCH_COMPARE_WITHOUT="${BENCH_COMPARE_WITHOUT-members_name_trgm_idx}"
readonly BENCH_SEED="${BENCH_SEED:-20261121}"
readonly BENCH_SQL_AFTER_LOAD="${BENCH_SQL_AFTER_LOAD:-}"
readonly BENCH_DB_SETTINGS="${BENCH_DB_SETTINGS:-}"
readonly BENCH_LABEL="${BENCH_LABEL:-}"
readonly BENCH_REQUEST_TIMEOUT="${BENCH_REQUEST_TIMEOUT:-60}"
readonly BENCH_PG_PORT="${BENCH_PG_PORT:-5432}"
readonly PG_HOST=127.0.0.1
readonly DEMO_USER=demo-admin
BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$ROOT/target/bench}"
case "$BENCH_TARGET_DIR" in /*) ;; *) BENCH_TARGET_DIR="$ROOT/$BENCH_TARGET_DIR" ;; esac
readonly BENCH_TARGET_DIR
BENCH_RESULTS_DIR="${BENCH_RESULTS_DIR:-$ROOT/tests/load/results}"
case "$BENCH_RESULTS_DIR" in /*) ;; *) BENCH_RESULTS_DIR="$ROOT/$BENCH_RESULTS_DIR" ;; esac
readonly BENCH_RESULTS_DIR

# shellcheck source=tests/load/lib.sh
source "$ROOT/tests/load/lib.sh"

for n in MEMBERS BENCH_UNIONS BENCH_SECONDS BENCH_WARMUP_SECONDS BENCH_SEARCH_CLIENTS BENCH_WALK_PAGES IMPORT_ROWS \
    BENCH_SEED BENCH_PG_PORT BENCH_REQUEST_TIMEOUT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
((MEMBERS >= 1000 && MEMBERS <= 5000000)) || die "MEMBERS must be 1000..5000000"
((BENCH_UNIONS >= 10 && BENCH_UNIONS <= 20000)) || die "BENCH_UNIONS must be 10..20000"
((BENCH_SECONDS >= 1 && BENCH_SECONDS <= 600)) || die "BENCH_SECONDS must be 1..600"
((BENCH_WARMUP_SECONDS <= 60)) || die "BENCH_WARMUP_SECONDS must be 0..60"
((BENCH_SEARCH_CLIENTS >= 1 && BENCH_SEARCH_CLIENTS <= 64)) || die "BENCH_SEARCH_CLIENTS must be 1..64"
((IMPORT_ROWS <= 100000)) || die "IMPORT_ROWS must be 0..100000"
for c in $BENCH_WALK_CLIENTS; do
    [[ "$c" =~ ^[0-9]+$ ]] && ((c >= 1 && c <= 128)) || die "BENCH_WALK_CLIENTS holds '$c', not 1..128"
done
for i in $BENCH_COMPARE_WITHOUT; do
    [[ "$i" =~ ^[a-z_][a-z0-9_]*$ ]] || die "BENCH_COMPARE_WITHOUT holds '$i', not an index name"
done
for kv in $BENCH_DB_SETTINGS; do
    [[ "$kv" =~ ^[a-z_.]+=[A-Za-z0-9_.]+$ ]] || die "BENCH_DB_SETTINGS holds '$kv', not name=value"
done
[[ "$BENCH_LABEL" =~ ^[A-Za-z0-9_-]*$ ]] || die "BENCH_LABEL may hold letters, digits, - and _ only"
((BENCH_REQUEST_TIMEOUT >= 1)) || die "BENCH_REQUEST_TIMEOUT must be at least 1"

need curl "apt-get install -y curl"
need jq "apt-get install -y jq"
need python3 "generates the data and runs the load"
need psql "apt-get install -y postgresql-client"
need pg_isready "apt-get install -y postgresql-client"
[[ -n "${BENCH_BIN:-}" ]] || need cargo "the Rust toolchain"
pg_isready -q -h "$PG_HOST" -p "$BENCH_PG_PORT" -U postgres \
    || die "PostgreSQL is not accepting connections on $PG_HOST:$BENCH_PG_PORT (pg_ctlcluster --skip-systemctl-redirect 15 main start)"

# ---- cleanup: the server, the temp dir and the database this run made -------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gonghui-bench-m1m.XXXXXX")"
readonly WORK
SERVER_PID=""
DB=""

# psql on the bench database; -At so that queries print bare values.
psql_db() {
    psql -X -q -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$BENCH_PG_PORT" -U postgres -d "$DB" "$@"
}

cleanup() {
    local rc=$?
    stop_server
    if ((rc != 0)) && [[ -n "${KEEP_ON_FAILURE:-}" && -n "$DB" ]]; then
        log "kept the database $DB for inspection: psql -h $PG_HOST -p $BENCH_PG_PORT -U postgres -d $DB"
        log "drop it with: psql -h $PG_HOST -p $BENCH_PG_PORT -U postgres -c 'DROP DATABASE \"$DB\" WITH (FORCE)'"
    elif [[ -n "$DB" ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 \
            || log "could not drop database $DB; drop it by hand"
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

now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

# Runs a gonghui subcommand; its output goes to $WORK/<name>.log. Reads standard input from the caller.
gonghui_cmd() {
    local name="$1"
    shift
    if ! (cd "$WORK" && "$BIN" "$@") >"$WORK/$name.log" 2>&1; then
        tail -n 30 "$WORK/$name.log" >&2 || true
        die "gonghui $*"
    fi
}

# Prints the HTTP status (000 when there was no answer); the body goes to the file named by $1.
http() {
    local out="$1" code
    shift
    code="$(curl -s --max-time 600 -o "$out" -w '%{http_code}' "$@" 2>/dev/null)" || true
    printf '%s\n' "${code:-000}"
}

STEPS=()      # "| step | seconds |" rows of the set-up
RESULT_ROWS=() # the measured table
LOAD_NOTES=()

step_done() { STEPS+=("| $1 | $2 s |"); log "$1: $2 s"; }

# ---- database, demo data ----------------------------------------------------------------------
DB="gonghui_bench_m1m_$(random_hex 6)"
psql_admin -c "CREATE DATABASE \"$DB\"" >/dev/null || die "CREATE DATABASE $DB"
export DATABASE_URL="postgres://postgres@$PG_HOST:$BENCH_PG_PORT/$DB"
GONGHUI_JWT_SECRET="$(random_hex 32)"
export GONGHUI_JWT_SECRET
export GONGHUI_DATA_DIR="$WORK/data"
export GONGHUI_LOG_FORMAT=text GONGHUI_LOG_LEVEL=warn RUST_LOG=warn
unset GONGHUI_BIND GONGHUI_CORS_ORIGINS

t0="$(now)"
log "migrate and demo data into $DB"
gonghui_cmd migrate migrate </dev/null
PASSWORD="Bench-$(random_hex 8)-Pw!"
printf '%s\n' "$PASSWORD" | gonghui_cmd demo demo --password-stdin
step_done "gonghui migrate + demo" "$(since "$t0")"

# ---- generate ---------------------------------------------------------------------------------
GEN="$WORK/gen"
mkdir -p "$GEN"
psql_db -F $'\t' -c "SELECT id, coalesce(parent_id, ''), path, depth, kind, coalesce(division_code, ''), name,
    coalesce(headcount::text, ''), coalesce(women_headcount::text, '') FROM organisations ORDER BY path" >"$WORK/orgs.tsv"
psql_db -F $'\t' -c "SELECT id_number, coalesce(mobile, '') FROM members" >"$WORK/existing.tsv"
ACTOR="$(psql_db -c "SELECT id FROM accounts WHERE username = '$DEMO_USER'")"
[[ -n "$ACTOR" ]] || die "no account $DEMO_USER after gonghui demo"
t0="$(now)"
log "generating $MEMBERS members below the demo federations (python3 $HERE/members-1m-gen.py)"
python3 "$HERE/members-1m-gen.py" --orgs "$WORK/orgs.tsv" --existing "$WORK/existing.tsv" --actor "$ACTOR" \
    --out "$GEN" --members "$MEMBERS" --unions "$BENCH_UNIONS" --import-rows "$IMPORT_ROWS" --seed "$BENCH_SEED" \
    --today "$(date -u +%F)" || die "the generator failed"
step_done "generate (python3, $(du -sh "$GEN" | cut -f1) of files)" "$(since "$t0")"
MANIFEST="$GEN/manifest.json"
columns() { jq -r --arg t "$1" '.columns[$t] | join(", ")' "$MANIFEST"; }

# ---- bulk load --------------------------------------------------------------------------------
# The secondary indexes of the two big tables are dropped for the COPY and rebuilt from their own
# definitions afterwards (faster than maintaining them row by row); unique and primary keys stay, so
# the load still proves the ID numbers unique. Foreign keys are checked row by row.
INDEX_SQL="SELECT indexname || E'\t' || indexdef FROM pg_indexes i
    WHERE schemaname = 'public' AND tablename IN ('members', 'membership_changes')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
    ORDER BY indexname"
psql_db -c "$INDEX_SQL" >"$WORK/indexes.tsv"
psql_db -c "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'members' ORDER BY 1" \
    >"$WORK/indexes-before.txt"
t0="$(now)"
log "COPY into organisations, members, membership_changes"
{
    echo "BEGIN;"
    cut -f1 "$WORK/indexes.tsv" | sed 's/.*/DROP INDEX "&";/'
    echo "\\copy organisations ($(columns organisations)) FROM '$GEN/organisations.tsv'"
    echo "\\copy members ($(columns members)) FROM '$GEN/members.tsv'"
    echo "\\copy membership_changes ($(columns membership_changes)) FROM '$GEN/membership_changes.tsv'"
    echo "COMMIT;"
} >"$WORK/load.sql"
psql_db -f "$WORK/load.sql" >"$WORK/load.log" 2>&1 || { tail -n 20 "$WORK/load.log" >&2; die "COPY failed"; }
step_done "COPY (secondary indexes dropped)" "$(since "$t0")"
t0="$(now)"
log "rebuilding $(wc -l <"$WORK/indexes.tsv") indexes"
{
    echo "SET maintenance_work_mem = '1GB';"
    cut -f2- "$WORK/indexes.tsv" | sed 's/$/;/'
} >"$WORK/indexes.sql"
psql_db -f "$WORK/indexes.sql" >"$WORK/indexes.log" 2>&1 || { tail -n 20 "$WORK/indexes.log" >&2; die "index rebuild failed"; }
psql_db -c "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'members' ORDER BY 1" \
    >"$WORK/indexes-after.txt"
cmp -s "$WORK/indexes-before.txt" "$WORK/indexes-after.txt" || die "the members indexes differ after the rebuild"
step_done "CREATE INDEX ($(cut -f1 "$WORK/indexes.tsv" | paste -sd, | sed 's/,/, /g'))" "$(since "$t0")"
if [[ -n "$BENCH_SQL_AFTER_LOAD" ]]; then
    t0="$(now)"
    log "BENCH_SQL_AFTER_LOAD: $BENCH_SQL_AFTER_LOAD"
    psql_db -c "SET maintenance_work_mem = '1GB'" -c "$BENCH_SQL_AFTER_LOAD" >"$WORK/after-load.log" 2>&1 \
        || { cat "$WORK/after-load.log" >&2; die "BENCH_SQL_AFTER_LOAD failed"; }
    step_done "BENCH_SQL_AFTER_LOAD" "$(since "$t0")"
fi
for kv in $BENCH_DB_SETTINGS; do
    psql_db -c "ALTER DATABASE \"$DB\" SET ${kv%%=*} = '${kv#*=}'" >/dev/null || die "ALTER DATABASE SET $kv"
done
t0="$(now)"
psql_db -c "VACUUM (ANALYZE) organisations, members, membership_changes" >/dev/null
psql_db -c "CHECKPOINT" >/dev/null
step_done "VACUUM (ANALYZE) + CHECKPOINT" "$(since "$t0")"
total_members="$(psql_db -c "SELECT count(*) FROM members")"
total_orgs="$(psql_db -c "SELECT count(*) FROM organisations")"
total_changes="$(psql_db -c "SELECT count(*) FROM membership_changes")"
expected=$((MEMBERS + $(wc -l <"$WORK/existing.tsv")))
((total_members == expected)) || die "members holds $total_members rows, expected $expected"
sizes="$(psql_db -c "SELECT pg_size_pretty(pg_total_relation_size('members')) || ' (table ' ||
    pg_size_pretty(pg_relation_size('members')) || ')'")"
log "$total_members members, $total_orgs organisations, members table + indexes $sizes"

# ---- serve ------------------------------------------------------------------------------------
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
log "serve on $BASE"
(cd "$WORK" && exec "$BIN" serve --bind "127.0.0.1:$PORT") >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 1 150); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        tail -n 30 "$WORK/serve.log" >&2 || true
        die "gonghui serve exited during start-up"
    fi
    if [[ "$(http /dev/null "$BASE/readyz")" == 200 ]]; then
        ready=1
        break
    fi
    sleep 0.2
done
[[ -n "$ready" ]] || die "/readyz did not answer 200 within 30 s"

# A fresh token per phase: access tokens live 15 minutes.
login() {
    local body="$WORK/login.json" status
    status="$(http "$body" -X POST -H 'Content-Type: application/json' \
        --data "$(jq -cn --arg u "$DEMO_USER" --arg p "$PASSWORD" '{username: $u, password: $p}')" \
        "$BASE/api/v1/auth/login")"
    [[ "$status" == 200 ]] || { cat "$body" >&2 || true; die "login as $DEMO_USER answered $status"; }
    BENCH_TOKEN="$(jq -er '.access_token' "$body")" || die "no access_token in the login answer"
    export BENCH_TOKEN
}
login
# The targets answer, and hold what the generator says they hold.
check_first_page() {
    local query="$1" body="$WORK/check.json" status
    status="$(http "$body" -H "Authorization: Bearer $BENCH_TOKEN" "$BASE/api/v1/members?$query")"
    [[ "$status" == 200 ]] || { head -c 600 "$body" >&2 || true; die "GET /api/v1/members?$query answered $status"; }
    jq -e '.items | length > 0' "$body" >/dev/null || die "GET /api/v1/members?$query found nobody"
}
COUNTY_ID="$(jq -r .county.id "$MANIFEST")"
COUNTY_NAME="$(jq -r .county.name "$MANIFEST")"
COUNTY_MEMBERS="$(jq -r .county.members "$MANIFEST")"
BIG_ID="$(jq -r .big_union.id "$MANIFEST")"
BIG_NAME="$(jq -r .big_union.name "$MANIFEST")"
BIG_MEMBERS="$(jq -r .big_union.members "$MANIFEST")"
check_first_page "organisation_id=$COUNTY_ID"
check_first_page "organisation_id=$BIG_ID"
check_first_page "$(head -n1 "$GEN/suffix6.urls" | cut -f2)"

# ---- measure ----------------------------------------------------------------------------------
# One phase through members-1m-load.py; appends a table row. Args: label, clients, load-tool arguments.
phase() {
    local label="$1" clients="$2"
    shift 2
    login
    LOAD_NOTES+=("$label $(cut -d' ' -f1 /proc/loadavg)")
    log "$label: $clients clients, ${BENCH_SECONDS}s"
    local out="$WORK/phase-$(printf '%02d' "${#RESULT_ROWS[@]}").json"
    python3 "$HERE/members-1m-load.py" "$@" --base "$BASE" --clients "$clients" --seconds "$BENCH_SECONDS" \
        --warmup "$BENCH_WARMUP_SECONDS" --timeout "$BENCH_REQUEST_TIMEOUT" --label "$label" --out "$out" >/dev/null \
        || { tail -n 20 "$WORK/serve.log" >&2 || true; die "$label"; }
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during $label"
    local rows
    rows="$(jq -r --arg l "$label" '
        "| \($l) | \(.clients) | \(.requests) | \(.rps) | \(.p50_ms) ms | \(.p99_ms) ms | \(.max_ms) ms | \(.mean_items) |",
        (if (.by_tag | length) > 1 then .by_tag | to_entries[] |
            "| \($l): \(.key) | | \(.value.requests) | | \(.value.p50_ms) ms | \(.value.p99_ms) ms | \(.value.max_ms) ms | \(.value.mean_items) |"
         else empty end)' "$out")"
    printf '%s\n' "$rows" | sed 's/^/    /' >&2
    mapfile -t -O "${#RESULT_ROWS[@]}" RESULT_ROWS <<<"$rows"
}

phase "(a) name contains, q=<fragment>" "$BENCH_SEARCH_CLIENTS" search --urls "$GEN/name.urls"
phase "(b) ID suffix, last 4" "$BENCH_SEARCH_CLIENTS" search --urls "$GEN/suffix4.urls"
phase "(b) ID suffix, last 6" "$BENCH_SEARCH_CLIENTS" search --urls "$GEN/suffix6.urls"
printf 'subtree\torganisation_id=%s\n' "$COUNTY_ID" >"$WORK/county.urls"
printf 'subtree\torganisation_id=%s\n' "$BIG_ID" >"$WORK/big.urls"
phase "(c) subtree of $COUNTY_NAME ($COUNTY_MEMBERS members), first page" "$BENCH_SEARCH_CLIENTS" \
    search --urls "$WORK/county.urls"
phase "(c) subtree of $BIG_NAME ($BIG_MEMBERS members), first page" "$BENCH_SEARCH_CLIENTS" \
    search --urls "$WORK/big.urls"
phase "(c) subtree of $COUNTY_NAME, walking pages" "$BENCH_SEARCH_CLIENTS" \
    walk --cursors "$GEN/cursors.txt" --pages "$BENCH_WALK_PAGES" --extra "organisation_id=$COUNTY_ID"
for c in $BENCH_WALK_CLIENTS; do
    phase "(d) whole registry, walking pages" "$c" walk --cursors "$GEN/cursors.txt" --pages "$BENCH_WALK_PAGES"
done

# ---- import -----------------------------------------------------------------------------------
IMPORT_ROW=""
if ((IMPORT_ROWS > 0)); then
    login
    union_id="$(jq -r .import_union.id "$MANIFEST")"
    union_name="$(jq -r .import_union.name "$MANIFEST")"
    size="$(du -h "$GEN/import.csv" | cut -f1)"
    log "(e) import: $IMPORT_ROWS rows ($size GBK csv) into $union_name"
    LOAD_NOTES+=("import $(cut -d' ' -f1 /proc/loadavg)")
    t0="$(now)"
    status="$(http "$WORK/preview.json" -X POST "$BASE/api/v1/member-imports?organisation_id=$union_id&file_name=bench.csv" \
        -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: text/csv' --data-binary @"$GEN/import.csv")"
    t1="$(now)"
    [[ "$status" == 201 || "$status" == 200 ]] || { head -c 600 "$WORK/preview.json" >&2; die "the import upload answered $status"; }
    read -r iid valid invalid < <(jq -r '"\(.id) \(.valid_rows) \(.invalid_rows)"' "$WORK/preview.json")
    [[ "$invalid" == 0 && "$valid" == "$IMPORT_ROWS" ]] \
        || { head -c 600 "$WORK/preview.json" >&2; die "the generated sheet had $invalid invalid rows"; }
    status="$(http "$WORK/commit.json" -X POST "$BASE/api/v1/member-imports/$iid/commit" \
        -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' -d '{"mode":"all_or_nothing"}')"
    t2="$(now)"
    [[ "$status" == 200 ]] || { head -c 600 "$WORK/commit.json" >&2; die "the import commit answered $status"; }
    inserted="$(jq -r .inserted "$WORK/commit.json")"
    [[ "$inserted" == "$IMPORT_ROWS" ]] || die "committed $inserted of $IMPORT_ROWS"
    read -r preview commit total rate < <(python3 -c 'import sys; a, b, c, n = map(float, sys.argv[1:]); print(f"{b-a:.1f} {c-b:.1f} {c-a:.1f} {n/(c-a):.0f}")' \
        "$t0" "$t1" "$t2" "$IMPORT_ROWS")
    IMPORT_ROW="| (e) import $IMPORT_ROWS rows ($size csv) into $union_name | ${preview} s | ${commit} s | ${total} s | $rate |"
    log "import: upload + preview ${preview} s, commit ${commit} s, $rate rows/s"
fi

# ---- plans ------------------------------------------------------------------------------------
# The API's statement (api/src/db/models/members.rs `list`, as diesel sends it: a named prepared
# statement, so after five runs on a connection PostgreSQL may switch to a generic plan). Each
# query is explained twice: with the values (a custom plan) and as a generic plan.
ROOT_PATH="$(psql_db -c "SELECT path FROM organisations WHERE parent_id IS NULL")"
SCOPE_HI="${ROOT_PATH%/}0"
COLS="$(jq -r '.columns.members | map("\"members\".\"" + . + "\"") | join(", ")' "$MANIFEST"), \"organisations\".\"name\""
explain() {
    local title="$1" where="$2" types="$3" values="$4" n
    local file="$WORK/explain-$(printf '%02d' "$(find "$WORK" -maxdepth 1 -name 'explain-*' | wc -l)").txt"
    n=$(grep -o '\$[0-9]' <<<"$where" | sort -u | wc -l)
    local sql="SELECT $COLS FROM (\"members\" INNER JOIN \"organisations\" ON (\"members\".\"organisation_id\" = \"organisations\".\"id\")) WHERE ((\"organisations\".\"path\" >= \$1) AND (\"organisations\".\"path\" < \$2)) AND $where ORDER BY \"members\".\"id\" ASC LIMIT \$$((n + 3))"
    local prepare="PREPARE q (text, text$types, bigint) AS $sql;"
    local execute="EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE q ('$ROOT_PATH', '$SCOPE_HI'$values, 51);"
    {
        printf '### %s\n\n```\n-- custom plan (the values known)\n' "$title"
        printf '%s\nSET plan_cache_mode = force_custom_plan;\n%s\n' "$prepare" "$execute" | psql_db 2>&1
        printf '\n-- generic plan (what a cached statement may get after five runs)\n'
        printf '%s\nSET plan_cache_mode = force_generic_plan;\n%s\n' "$prepare" "$execute" | psql_db 2>&1
        printf '```\n\n'
    } >"$file"
}
# The first fragment of a tag in a url file, decoded.
first_fragment() {
    python3 - "$1" "$2" <<'PY'
import sys, urllib.parse
for line in open(sys.argv[2], encoding="utf-8"):
    tag, q = line.rstrip("\n").split("\t", 1)
    if tag == sys.argv[1]:
        print(urllib.parse.unquote(q.split("=", 1)[1]))
        break
PY
}
common_surname=王
name2="$(first_fragment name-2 "$GEN/name.urls")"
name3="$(first_fragment name-3 "$GEN/name.urls")"
suffix4="$(head -n1 "$GEN/suffix4.urls" | cut -d= -f2)"
suffix6="$(head -n1 "$GEN/suffix6.urls" | cut -d= -f2)"
rev() { python3 -c 'import sys; print(sys.argv[1][::-1])' "$1"; }
subtree_lo() { psql_db -c "SELECT path FROM organisations WHERE id = '$1'"; }
LIKE='(lower("members"."name") LIKE $3 ESCAPE $4)'
log "EXPLAIN ANALYZE of the API's queries"
explain_all() {
    explain "name contains a common surname: q=$common_surname" "$LIKE" ", text, text" ", '%$common_surname%', '\\'"
    explain "name contains two characters: q=$name2" "$LIKE" ", text, text" ", '%$name2%', '\\'"
    explain "name contains a full name: q=$name3" "$LIKE" ", text, text" ", '%$name3%', '\\'"
    explain "name contains what nobody has: q=龘" "$LIKE" ", text, text" ", '%龘%', '\\'"
    local r4 r6 c b
    r4="$(rev "$suffix4")"
    r6="$(rev "$suffix6")"
    explain "ID suffix, last 4: id_suffix=$suffix4" '("members"."id_number_rev" >= $3) AND ("members"."id_number_rev" < $4)' \
        ", text, text" ", '$r4', '$r4~'"
    explain "ID suffix, last 6: id_suffix=$suffix6" '("members"."id_number_rev" >= $3) AND ("members"."id_number_rev" < $4)' \
        ", text, text" ", '$r6', '$r6~'"
    c="$(subtree_lo "$COUNTY_ID")"
    b="$(subtree_lo "$BIG_ID")"
    explain "subtree of $COUNTY_NAME ($COUNTY_MEMBERS members): organisation_id=$COUNTY_ID" \
        '("organisations"."path" >= $3) AND ("organisations"."path" < $4)' ", text, text" ", '$c', '${c%/}0'"
    explain "subtree of $BIG_NAME ($BIG_MEMBERS members): organisation_id=$BIG_ID" \
        '("organisations"."path" >= $3) AND ("organisations"."path" < $4)' ", text, text" ", '$b', '${b%/}0'"
    local after
    after="$(head -n1 "$GEN/cursors.txt" | python3 -c 'import sys, base64; c = sys.stdin.read().strip(); print(base64.urlsafe_b64decode(c + "=" * (-len(c) % 4)).decode())')"
    explain "a page of the whole registry after a cursor" '("members"."id" > $3)' ", text" ", '$after'"
}
explain_all
cat "$WORK"/explain-*.txt >"$WORK/plans.md"
rm -f "$WORK"/explain-*.txt

# ---- before/after: the name searches without the given indexes --------------------------------
COMPARE_ROWS=()
COMPARE_PLANS=""
dropped=()
for idx in $BENCH_COMPARE_WITHOUT; do
    if [[ "$(psql_db -c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname = '$idx'")" == 1 ]]; then
        psql_db -c "DROP INDEX \"$idx\"" >/dev/null
        dropped+=("$idx")
    else
        log "no index $idx in this database: nothing to compare"
    fi
done
if ((${#dropped[@]} > 0)); then
    psql_db -c "ANALYZE members" >/dev/null
    before_rows=${#RESULT_ROWS[@]}
    phase "(a) name contains WITHOUT ${dropped[*]}" "$BENCH_SEARCH_CLIENTS" search --urls "$GEN/name.urls"
    COMPARE_ROWS=("${RESULT_ROWS[@]:$before_rows}")
    RESULT_ROWS=("${RESULT_ROWS[@]:0:$before_rows}")
    explain "WITHOUT ${dropped[*]}: name contains a full name: q=$name3" "$LIKE" ", text, text" ", '%$name3%', '\\'"
    explain "WITHOUT ${dropped[*]}: name contains what nobody has: q=龘" "$LIKE" ", text, text" ", '%龘%', '\\'"
    COMPARE_PLANS="$(cat "$WORK"/explain-*.txt)"
fi

hwm="$(awk '/^VmHWM:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status")"
stop_server

# ---- report -----------------------------------------------------------------------------------
command_line="tests/load/bench-members-1m.sh"
for n in "${SETTINGS[@]}"; do
    if [[ -n "${ORIGINAL_ENV[$n]+x}" ]]; then
        value="${ORIGINAL_ENV[$n]}"
        [[ "$value" != *" "* && -n "$value" ]] || value="'$value'"
        command_line="$n=$value $command_line"
    fi
done
date_utc="$(date -u +%Y-%m-%d)"
if ((MEMBERS == 1000000)); then size_label=1m; else size_label="$MEMBERS"; fi
report="$BENCH_RESULTS_DIR/members-$size_label-postgres-$date_utc${BENCH_LABEL:+-$BENCH_LABEL}.md"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'none')"
if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null || true)" ]]; then
    commit="$commit (work tree has changes)"
fi
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
mem="$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)"
pg_version="$(psql_admin -At -c 'SHOW server_version' 2>/dev/null || echo unknown)"
pg_settings="$(psql_admin -At -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings
    WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather', 'jit')")"
migrations="$(psql_db -c "SELECT string_agg(version, ', ' ORDER BY version) FROM __diesel_schema_migrations")"
mkdir -p "$BENCH_RESULTS_DIR"

# The backticks are markdown, not command substitution.
# shellcheck disable=SC2016
{
    printf '# Members at scale: %s members on PostgreSQL, %s%s\n\n' "$(printf "%'d" "$total_members" 2>/dev/null || echo "$total_members")" \
        "$date_utc" "${BENCH_LABEL:+ ($BENCH_LABEL)}"
    printf 'Through the HTTP API as `%s` (the whole tree in scope), default page size (50), %ss per phase after a %ss warm-up.\n\n' \
        "$DEMO_USER" "$BENCH_SECONDS" "$BENCH_WARMUP_SECONDS"
    printf '| phase | clients | requests | req/s | p50 | p99 | max | rows per answer |\n'
    printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
    printf '%s\n' "${RESULT_ROWS[@]}"
    if ((${#COMPARE_ROWS[@]} > 0)); then
        printf '\nThe name searches again after `DROP INDEX %s` (the schema as it is without it), same server, same data:\n\n' "${dropped[*]}"
        printf '| phase | clients | requests | req/s | p50 | p99 | max | rows per answer |\n'
        printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
        printf '%s\n' "${COMPARE_ROWS[@]}"
    fi
    if [[ -n "$IMPORT_ROW" ]]; then
        printf '\n| import (on top of the loaded registry) | upload + preview | commit | total | rows/s |\n'
        printf '| --- | ---: | ---: | ---: | ---: |\n%s\n' "$IMPORT_ROW"
    fi
    printf '\n## Data\n\n'
    printf -- '- %s members (%s generated + the demo'"'"'s), %s organisations (%s new: townships and %s grassroots unions below the demo counties and townships), %s membership changes\n' \
        "$total_members" "$MEMBERS" "$total_orgs" "$(jq -r .new_organisations "$MANIFEST")" "$(jq -r .extra_unions "$MANIFEST")" "$total_changes"
    printf -- '- union sizes: %s\n' "$(jq -r '.union_sizes | "\(.unions) unions holding members; median \(.median), 90th percentile \(.p90), largest \(.max); \(.under_100) with fewer than 100, \(.over_10000) with more than 10,000"' "$MANIFEST")"
    printf -- '- members table with its indexes: %s; batches of arrival (imports, registrations): %s\n' "$sizes" "$(jq -r .batches "$MANIFEST")"
    printf -- '- name fragments: %s (1, 2, 3 characters of generated names; "miss" = nobody has it)\n' \
        "$(jq -r '.fragments | to_entries | map("\(.key) \(.value)") | join(", ")' "$MANIFEST")"
    printf -- '- ID suffixes: %s of each length, taken from loaded members; paging starts at %s cursors of random members and follows `next_cursor` for up to %s pages\n' \
        "$(wc -l <"$GEN/suffix4.urls")" "$(wc -l <"$GEN/cursors.txt")" "$BENCH_WALK_PAGES"
    printf '\n| set-up step | time |\n| --- | ---: |\n'
    printf '%s\n' "${STEPS[@]}"
    printf '\n## Run\n\n'
    printf -- '- command: `%s`\n' "$command_line"
    printf -- '- load: `tests/load/members-1m-load.py` (python3 threads, one keep-alive connection per client) on the same 2 cores as the server and PostgreSQL; any answer but 200 fails the run\n'
    printf -- '- server: `gonghui serve` release build (`--locked`), RUST_LOG=warn, pool_size 16, peak RSS %s\n' "$hwm"
    printf -- '- machine: %s cores (%s), %s RAM, Linux %s\n' "$(nproc)" "$cpu" "$mem" "$(uname -r)"
    printf -- '- load average (1 min) when each phase started: %s\n' "$(IFS=';'; printf '%s' "${LOAD_NOTES[*]}" | sed 's/;/; /g')"
    printf -- '- PostgreSQL %s on 127.0.0.1 over TCP loopback; %s\n' "$pg_version" "$pg_settings"
    printf -- '- migrations: %s\n' "$migrations"
    [[ -z "$BENCH_SQL_AFTER_LOAD" ]] || printf -- '- after the load: `%s`\n' "$BENCH_SQL_AFTER_LOAD"
    [[ -z "$BENCH_DB_SETTINGS" ]] || printf -- '- database settings: `%s` (ALTER DATABASE ... SET, so every connection of the server has them)\n' "$BENCH_DB_SETTINGS"
    printf -- '- toolchain: %s; commit: %s\n' "$(rustc --version 2>/dev/null || echo unknown)" "$commit"
    printf '\n## Plans\n\n'
    printf 'EXPLAIN ANALYZE of the statement `members::list` sends, on the loaded database after the run.\n\n'
    cat "$WORK/plans.md"
    [[ -z "$COMPARE_PLANS" ]] || printf '%s\n' "$COMPARE_PLANS"
} >"$report.tmp"
mv "$report.tmp" "$report"

cat "$report" | sed -n '1,/^## Data/p' >&2
log "wrote ${report#"$ROOT"/}"
