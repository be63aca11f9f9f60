#!/usr/bin/env bash
# Upload worst cases against the server's memory. Uploads, one after another, generated files within the
# upload limits (member imports: 32 MiB body; evidence: 10 MiB) to a server on SQLite, and after each one
# reads the server's peak resident memory during that case (VmHWM, reset before each case through
# /proc/<pid>/clear_refs) and its resident memory after it (VmRSS), the status and the time. Then
# concurrent uploads of the 50,000-row sheet, once and then round after round, on a fresh server; then
# probes of what reading an xlsx, and the upload path around it, may still cost, each on a fresh server.
# Checks the statuses, the time of each upload (BENCH_UPLOAD_MAX_SECONDS; BENCH_REFUSAL_MAX_SECONDS for
# the probes that must be refused), that /readyz answers after every case (and within
# BENCH_READYZ_MAX_SECONDS during it), and that no case took the server above its ceiling
# (BENCH_CEILING_MIB for one upload at a time, BENCH_CONCURRENT_CEILING_MIB for uploads at once,
# BENCH_REFUSED_CEILING_MIB for a probe that must be refused). Any violation fails the run (exit 1)
# after the results file is written, so a failing run's numbers are kept too.
#
# The server reads at most two sheets at once and answers a third import 429 with Retry-After; the
# concurrent uploads do what a client should: wait Retry-After seconds and send the file again (at most
# BENCH_RETRIES times). Every 429 is counted and reported; a 429 without Retry-After is a violation, as
# is a 429 to an upload made while nothing else runs. The server runs with MALLOC_ARENA_MAX=2, as
# scripts/start and the Docker image run it.
#
#   tests/load/bench-upload-memory.sh                      # ~3 minutes on the 2-core machine
#   BENCH_PROBES=0 tests/load/bench-upload-memory.sh       # the upload limits' cases only
#   BENCH_CASES="rows-xlsx concurrent" tests/load/bench-upload-memory.sh
#
# The cases (files from tests/load/upload-memory-gen.py, python3 standard library, seeded):
#   xfd           xlsx, A1 姓名, B1 身份证号 and a value at XFD1048576, dimension A1:XFD1048576  -> 413
#   sst-300m      xlsx, one 300,000,000-character shared string (~290 KB)                      -> 413
#   sst-48m-one   xlsx, one random-hex shared string just under 48 MiB inflated, used in A2      -> 201 or 413
#   sst-48m-many  xlsx, just under 48 MiB of shared strings, 2.79 million 2-character ones      -> 201 or 413
#   rows-xlsx     xlsx, ROWS (50,000) valid members, every text cell a shared string            -> 201, all valid
#   rows-csv      the same rows as a GBK csv                                                     -> 201, all valid
#   blank-csv     csv, the header, ~31 MiB of empty lines, one valid row                         -> 201 or 413
#   many-parts    xlsx, 197 parts: 191 of exactly 1 MiB of zeros (ratio checked above 1 MiB)     -> 201 or 413
#   pdf           evidence, 10,485,760 bytes: %PDF-1.4, 1 0 obj ... endobj, startxref, %%EOF     -> 201
#   invalid-csv   the rows-csv members, all 16 template columns, every coded/yes-no/date cell an
#                 unknown label (~12 errors a row), on a fresh server                            -> 201
#   concurrent    CONCURRENT (3) uploads of rows-xlsx at once, on a fresh server                 -> 201 each
#                 (after retrying each 429)
#   sustained     then SUSTAINED_ROUNDS (10) more such rounds back to back                       -> 201 each
# and the probes (BENCH_PROBES=0 skips them), each on a fresh server:
#   sst-unique-count   a 2 KB xlsx whose <sst uniqueCount> claims 10^15 strings               -> 413, server alive
#   sst-renamed        ~120 MiB of shared strings in xl/SharedStrings.xml (other letter case)  -> 413 (the 48 MiB bound)
#   sst-wide           50,000 rows x 64 columns (the template's headers four times), each cell
#                      one of 100 shared 20-character strings                                -> 413 or 422
#   sst-amplified-N    N rows x 64 columns, each cell one of 100 shared strings of 2,000 CJK
#                      characters (AMPLIFIED_ROWS, "2000 50000")                               -> 413 or 422
#   sst-text-under     50,000 rows x the 16 template columns (each once), each cell one of 100
#                      shared strings of 27 CJK characters: 61.8 MiB of kept text, just under
#                      the 64 MiB bound, all of it wrong                                       -> 201 or 413
#   sst-text-over      the same with 28 characters: 64.1 MiB, just over the bound             -> 413
#   concurrent-text    CONCURRENT uploads of the sst-text-under file at once, each 429 retried -> 201 each
#   stalled-bodies     STALLED (2, the sheets the server reads at once) imports that send their
#                      headers and 10 bytes of body, then nothing; meanwhile one rows-xlsx import,
#                      retried after each 429, must be answered within BENCH_STALL_SECONDS     -> 201
#   keyed-burst        KEYED_BURST (32) uploads of the blank-csv file at once, each with its own
#                      Idempotency-Key (the idempotency layer buffers the body first), not
#                      retried                                                                -> 201 or 429
# sst-unique-count, sst-renamed, sst-wide and sst-amplified-N must be refused before a data row is read:
# within BENCH_REFUSAL_MAX_SECONDS and under BENCH_REFUSED_CEILING_MIB. When the server dies (a probe may
# take it past the guard below), that is a violation: the script records what the server's log says,
# starts it again and goes on with the next case.
#
# Environment (all optional):
#   GONGHUI_BIN=path            the binary (default ${CARGO_TARGET_DIR:-target}/release/gonghui, else the
#                               debug build, with a warning: debug figures are not the release's)
#   ROWS=50000                  members in rows-xlsx and rows-csv
#   CONCURRENT=3                uploads at once in concurrent and sustained
#   SUSTAINED_ROUNDS=10         rounds of sustained (0 skips it)
#   AMPLIFIED_ROWS="2000 50000" sizes of the sst-amplified probe
#   BENCH_CASES=all             or a space-separated list of case names (a prefix such as sst-amplified
#                               selects every size)
#   BENCH_PROBES=1              0 skips the probes
#   BENCH_CEILING_MIB=640       the stated ceiling, one upload at a time: no case may take the server's
#                               peak RSS above it (what earlier uploads left behind included)
#   BENCH_CONCURRENT_CEILING_MIB=960    the same for CONCURRENT uploads at once, round after round
#   BENCH_REFUSED_CEILING_MIB=320       the same for a probe that must be refused: a refusal may cost no
#                               more than a legitimate 50,000-row import does
#   BENCH_UPLOAD_MAX_SECONDS=10 seconds one upload (of the cases and sst-text-under) may take
#   BENCH_REFUSAL_MAX_SECONDS=5 seconds a probe that must be refused may take
#   BENCH_RETRIES=30            429 answers one concurrent upload may get (each retried after its
#                               Retry-After) before its last 429 counts as its status
#   STALLED=2                   stalled uploads in stalled-bodies
#   BENCH_STALL_SECONDS=30      seconds the import in stalled-bodies may take, waits after 429 included
#   KEYED_BURST=32              uploads at once in keyed-burst
#   MALLOC_ARENA_MAX=2          the server's glibc malloc arenas, as scripts/start and the image set them
#                               (set it empty for glibc's default, one arena per thread)
#   BENCH_SERVER_VMEM_MIB=4096  guard: the server runs under `ulimit -v` of this many MiB, so a case that
#                               would take it far beyond the ceiling kills it instead of the machine (0: none)
#   BENCH_REQUEST_TIMEOUT=600   seconds curl waits for one answer
#   BENCH_READYZ_MAX_SECONDS=5  /readyz is asked every 0.25 s during each upload; a slower answer is a
#                               violation (the upload held up an actix worker)
#   BENCH_RESULTS_DIR=tests/load/results
#   BENCH_RESULTS_SUFFIX=       appended to the results file's name (-after: ...-<date>-after.md); a
#                               results file git already tracks is never overwritten (-2, -3, ... instead)
#   KEEP_ON_FAILURE=1           keep the temp dir (generated files, answers, server log) after a failure
#
# Everything runs on 127.0.0.1 with a temp data dir (SQLite), removed on exit with the server, whatever
# happens. Writes $BENCH_RESULTS_DIR/upload-memory-sqlite-<UTC date>$BENCH_RESULTS_SUFFIX.md. Needs curl
# and python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly ROOT
HERE="$ROOT/tests/load"
readonly HERE
readonly SETTINGS=(ROWS CONCURRENT SUSTAINED_ROUNDS AMPLIFIED_ROWS BENCH_CASES BENCH_PROBES BENCH_CEILING_MIB
    BENCH_CONCURRENT_CEILING_MIB BENCH_REFUSED_CEILING_MIB BENCH_SERVER_VMEM_MIB BENCH_REQUEST_TIMEOUT
    BENCH_READYZ_MAX_SECONDS BENCH_UPLOAD_MAX_SECONDS BENCH_REFUSAL_MAX_SECONDS BENCH_RETRIES
    STALLED BENCH_STALL_SECONDS KEYED_BURST BENCH_RESULTS_SUFFIX)
declare -A ORIGINAL_ENV=()
for n in "${SETTINGS[@]}"; do
    if [[ -n "${!n:-}" ]]; then ORIGINAL_ENV[$n]="${!n}"; fi
done
readonly BACKEND=sqlite
readonly ROWS="${ROWS:-50000}"
readonly CONCURRENT="${CONCURRENT:-3}"
readonly SUSTAINED_ROUNDS="${SUSTAINED_ROUNDS:-10}"
readonly AMPLIFIED_ROWS="${AMPLIFIED_ROWS:-2000 50000}"
readonly BENCH_CASES="${BENCH_CASES:-all}"
readonly BENCH_PROBES="${BENCH_PROBES:-1}"
readonly BENCH_CEILING_MIB="${BENCH_CEILING_MIB:-640}"
readonly BENCH_CONCURRENT_CEILING_MIB="${BENCH_CONCURRENT_CEILING_MIB:-960}"
readonly BENCH_REFUSED_CEILING_MIB="${BENCH_REFUSED_CEILING_MIB:-320}"
readonly BENCH_UPLOAD_MAX_SECONDS="${BENCH_UPLOAD_MAX_SECONDS:-10}"
readonly BENCH_REFUSAL_MAX_SECONDS="${BENCH_REFUSAL_MAX_SECONDS:-5}"
readonly BENCH_RETRIES="${BENCH_RETRIES:-30}"
readonly STALLED="${STALLED:-2}"
readonly BENCH_STALL_SECONDS="${BENCH_STALL_SECONDS:-30}"
readonly KEYED_BURST="${KEYED_BURST:-32}"
readonly BENCH_RESULTS_SUFFIX="${BENCH_RESULTS_SUFFIX:-}"
# The server's malloc arenas: 2 unless MALLOC_ARENA_MAX is set (set but empty: glibc's default).
readonly SERVER_ARENAS="${MALLOC_ARENA_MAX-2}"
readonly BENCH_SERVER_VMEM_MIB="${BENCH_SERVER_VMEM_MIB:-4096}"
readonly BENCH_REQUEST_TIMEOUT="${BENCH_REQUEST_TIMEOUT:-600}"
readonly BENCH_READYZ_MAX_SECONDS="${BENCH_READYZ_MAX_SECONDS:-5}"
readonly DEMO_USER=nanjiang-officer
readonly UNION_NAME=四川光雾山米业有限公司工会
BENCH_RESULTS_DIR="${BENCH_RESULTS_DIR:-$ROOT/tests/load/results}"
case "$BENCH_RESULTS_DIR" in /*) ;; *) BENCH_RESULTS_DIR="$ROOT/$BENCH_RESULTS_DIR" ;; esac
readonly BENCH_RESULTS_DIR

# shellcheck source=tests/load/lib.sh
source "$ROOT/tests/load/lib.sh"

for n in ROWS CONCURRENT SUSTAINED_ROUNDS BENCH_PROBES BENCH_CEILING_MIB BENCH_CONCURRENT_CEILING_MIB \
    BENCH_REFUSED_CEILING_MIB BENCH_SERVER_VMEM_MIB BENCH_REQUEST_TIMEOUT BENCH_READYZ_MAX_SECONDS \
    BENCH_UPLOAD_MAX_SECONDS BENCH_REFUSAL_MAX_SECONDS BENCH_RETRIES STALLED BENCH_STALL_SECONDS KEYED_BURST; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
[[ -z "$SERVER_ARENAS" || "$SERVER_ARENAS" =~ ^[1-9][0-9]*$ ]] || die "MALLOC_ARENA_MAX must be a positive number or empty, got '$SERVER_ARENAS'"
[[ "$BENCH_RESULTS_SUFFIX" =~ ^[A-Za-z0-9._-]*$ ]] || die "BENCH_RESULTS_SUFFIX may hold letters, digits, '.', '_' and '-' only"
for n in $AMPLIFIED_ROWS; do
    { [[ "$n" =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 50000)); } || die "AMPLIFIED_ROWS must be numbers 1..50000, got '$AMPLIFIED_ROWS'"
done
((ROWS >= 1 && ROWS <= 50000)) || die "ROWS must be 1..50000 (the import's row limit)"
((CONCURRENT >= 1 && CONCURRENT <= 16)) || die "CONCURRENT must be 1..16"
((STALLED >= 1 && STALLED <= 16)) || die "STALLED must be 1..16"
((KEYED_BURST >= 1 && KEYED_BURST <= 64)) || die "KEYED_BURST must be 1..64"
((SUSTAINED_ROUNDS <= 1000)) || die "SUSTAINED_ROUNDS must be 0..1000"
((BENCH_REQUEST_TIMEOUT >= 1)) || die "BENCH_REQUEST_TIMEOUT must be at least 1"

need curl "apt-get install -y curl"
need python3 "the file generator (standard library only)"

# ---- the binary -------------------------------------------------------------------------------
if [[ -n "${GONGHUI_BIN:-}" ]]; then
    BIN="$(realpath -- "$GONGHUI_BIN")" || die "no file at GONGHUI_BIN=$GONGHUI_BIN"
else
    target="${CARGO_TARGET_DIR:-$ROOT/target}"
    case "$target" in /*) ;; *) target="$ROOT/$target" ;; esac
    BIN="$target/release/gonghui"
    if [[ ! -x "$BIN" ]]; then
        [[ -x "$target/debug/gonghui" ]] \
            || die "no gonghui binary under $target; build one: cargo build -p gonghui-api --release --locked"
        BIN="$target/debug/gonghui"
    fi
fi
readonly BIN
[[ -x "$BIN" ]] || die "no executable at $BIN"
case "$BIN" in
*/release/*) PROFILE=release ;;
*/debug/*) PROFILE=debug ;;
*) PROFILE="unknown (given binary)" ;;
esac
readonly PROFILE
if [[ "$PROFILE" == debug ]]; then
    log "WARNING: no release binary; measuring the DEBUG build (slower; memory figures are not the release's)"
fi
# The binary as the report names it: relative to the repository, never a path of this machine.
case "$BIN" in
"$ROOT"/*) BIN_LABEL="${BIN#"$ROOT"/}" ;;
*) BIN_LABEL="$(basename -- "$BIN") (outside the repository)" ;;
esac
readonly BIN_LABEL

# ---- cleanup ------------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gonghui-bench-upload.XXXXXX")"
readonly WORK
SERVER_PID=""
CONC_PIDS=()
POLL_PID=""

cleanup() {
    local rc=$?
    local p
    for p in "${CONC_PIDS[@]}" $POLL_PID; do kill "$p" 2>/dev/null || true; done
    stop_server
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

# ---- helpers ------------------------------------------------------------------------------------

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
    code="$(curl -s --max-time 10 -o "$out" -w '%{http_code}' "$@" 2>/dev/null)" || true
    printf '%s\n' "${code:-000}"
}

json_field() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}

# status_kib FIELD: VmHWM or VmRSS of the server in KiB (empty when it is gone).
status_kib() {
    awk -v f="$1:" '$1 == f { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true
}

mib() { [[ -n "$1" ]] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || printf '—'; }

# Resets the server's VmHWM to its current RSS (Linux 4.0+), so the next reading is one case's peak.
HWM_RESET=1
reset_hwm() {
    if ((HWM_RESET)) && ! { printf '5' >"/proc/$SERVER_PID/clear_refs"; } 2>/dev/null; then
        HWM_RESET=0
        log "WARNING: cannot reset VmHWM (/proc/<pid>/clear_refs); the peaks are cumulative"
    fi
}

password="Bench-$(random_hex 8)-Pw!"
base=""
token=""
STARTS=0

start_server() {
    local port ready=""
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    STARTS=$((STARTS + 1))
    printf '\n==== start %s ====\n' "$STARTS" >>"$WORK/serve.log"
    # The guard: a case that would take the server far past the ceiling makes its allocations fail
    # (the process aborts) instead of pushing the shared machine out of memory.
    (
        cd "$WORK"
        if ((BENCH_SERVER_VMEM_MIB > 0)); then ulimit -v $((BENCH_SERVER_VMEM_MIB * 1024)); fi
        if [[ -n "$SERVER_ARENAS" ]]; then export MALLOC_ARENA_MAX="$SERVER_ARENAS"; else unset MALLOC_ARENA_MAX; fi
        exec "$BIN" serve --bind "127.0.0.1:$port"
    ) >>"$WORK/serve.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 150); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 30 "$WORK/serve.log" >&2 || true
            die "gonghui serve exited during start-up"
        fi
        if [[ "$(http /dev/null "$base/readyz")" == 200 ]]; then
            ready=1
            break
        fi
        sleep 0.2
    done
    [[ -n "$ready" ]] || die "/readyz did not answer 200 within 30 s"
    local body="$WORK/login.json" status
    status="$(http "$body" -X POST -H 'Content-Type: application/json' \
        --data "$(python3 -c 'import json, sys; print(json.dumps({"username": sys.argv[1], "password": sys.argv[2]}))' "$DEMO_USER" "$password")" \
        "$base/api/v1/auth/login")"
    [[ "$status" == 200 ]] || { cat "$body" >&2 || true; die "login as $DEMO_USER answered $status"; }
    token="$(json_field "$body" 'd["access_token"]')" || die "no access_token in the login answer"
}

# ---- data dir, demo data, server ----------------------------------------------------------------
export DATABASE_URL="sqlite://$WORK/gonghui.db"
GONGHUI_JWT_SECRET="$(random_hex 32)"
export GONGHUI_JWT_SECRET
export GONGHUI_DATA_DIR="$WORK/data"
export GONGHUI_ACCESS_TOKEN_TTL_SECONDS=86400
export GONGHUI_LOG_FORMAT=text GONGHUI_LOG_LEVEL=warn RUST_LOG=warn
unset GONGHUI_BIND GONGHUI_CORS_ORIGINS GONGHUI_CONFIG GONGHUI_EVIDENCE_DIR GONGHUI_EVIDENCE_MAX_BYTES GONGHUI_DATABASE_URL

log "sqlite: migrate, demo data ($PROFILE build: $BIN_LABEL)"
gonghui_cmd migrate migrate </dev/null
printf '%s\n' "$password" | gonghui_cmd demo demo --password-stdin
start_server
log "serving on $base (pid $SERVER_PID)"

auth=(-H "Authorization: Bearer $token")
status="$(http "$WORK/orgs.json" -G "${auth[@]}" --data-urlencode "q=$UNION_NAME" "$base/api/v1/organisations")"
[[ "$status" == 200 ]] || die "GET /api/v1/organisations?q=$UNION_NAME answered $status"
union="$(json_field "$WORK/orgs.json" "next(o['id'] for o in d['items'] if o['name'] == '$UNION_NAME')")" \
    || die "$DEMO_USER does not see $UNION_NAME"

# A hardship file for one of the union's members, to upload evidence to.
status="$(http "$WORK/members.json" "${auth[@]}" "$base/api/v1/members")"
[[ "$status" == 200 ]] || die "GET /api/v1/members answered $status"
hardship=""
for member in $(json_field "$WORK/members.json" "' '.join(m['id'] for m in d['items'] if m.get('organisation_id', '$union') == '$union')"); do
    status="$(http "$WORK/hardship.json" -X POST "${auth[@]}" -H 'Content-Type: application/json' \
        --data '{"category":"illness","household_size":3,"monthly_income_per_head_fen":50000,"reason":"住院"}' \
        "$base/api/v1/members/$member/hardship-files")"
    if [[ "$status" == 201 ]]; then
        hardship="$(json_field "$WORK/hardship.json" 'd["id"]')"
        break
    fi
done
[[ -n "$hardship" ]] || { cat "$WORK/hardship.json" >&2 || true; die "could not create a hardship file for a member of $UNION_NAME (last answer $status)"; }

# ---- the cases ----------------------------------------------------------------------------------
# name|kind (import, evidence, concurrent, stalled or keyed)|generator case[:rows[:chars[:columns]]]|expected
# statuses|ceiling (one, many or refused)|1 = on a freshly started server|seconds it may take (empty: no
# limit)|what it is
U=$BENCH_UPLOAD_MAX_SECONDS
R=$BENCH_REFUSAL_MAX_SECONDS
CASES=(
    "xfd|import|xfd|413|one|0|$U|xlsx: A1 姓名, B1 身份证号, a value at XFD1048576 (dimension A1:XFD1048576)"
    "sst-300m|import|sst-300m|413|one|0|$U|xlsx: one shared string of 300,000,000 characters (inflates to 286 MiB)"
    "sst-48m-one|import|sst-48m-one|201 413|one|0|$U|xlsx: one random-hex shared string just under 48 MiB inflated, used in A2"
    "sst-48m-many|import|sst-48m-many|201 413|one|0|$U|xlsx: just under 48 MiB of shared strings, 2.79 million of 2 characters"
    "rows-xlsx|import|rows-xlsx|201|one|0|$U|xlsx: $ROWS valid members, 8 columns, every text cell a shared string"
    "rows-csv|import|rows-csv|201|one|0|$U|csv (GBK): the same $ROWS members"
    "blank-csv|import|blank-csv|201 413|one|0|$U|csv: the header, ~31 MiB of empty lines, one valid row"
    "many-parts|import|many-parts|201 413|one|0|$U|xlsx: 197 parts, 191 of them exactly 1 MiB of zeros (191 MiB inflated)"
    "pdf|evidence|pdf|201|one|0|$U|evidence: a 10 MiB PDF (header, one object of random bytes, trailer)"
    "invalid-csv|import|invalid-csv|201|one|1|$U|csv (UTF-8): the same $ROWS members with all 16 template columns, every coded, yes/no and date cell an unknown label, on a fresh server"
    "concurrent|concurrent|rows-xlsx|201|many|1||$CONCURRENT uploads of rows-xlsx at once, each 429 retried after its Retry-After, on a fresh server"
)
if ((SUSTAINED_ROUNDS > 0)); then
    CASES+=("sustained|concurrent|rows-xlsx|201|many|0||then $SUSTAINED_ROUNDS rounds of $CONCURRENT uploads of rows-xlsx at once, back to back, each 429 retried")
fi
if ((BENCH_PROBES)); then
    CASES+=(
        "sst-unique-count|import|sst-unique-count|413|refused|1|$R|xlsx (2 KB): <sst uniqueCount=\"1000000000000000\">, one string"
        "sst-renamed|import|sst-renamed|413|refused|1|$R|xlsx: ~120 MiB of 2-character shared strings in xl/SharedStrings.xml (the bound is 48 MiB)"
        "sst-wide|import|sst-amplified:50000:20|413 422|refused|1|$R|xlsx: 50,000 rows x 64 columns (template headers repeated), each cell a reference to one of 100 shared strings of 20 CJK characters"
    )
    for n in $AMPLIFIED_ROWS; do
        CASES+=("sst-amplified-$n|import|sst-amplified:$n:2000|413 422|refused|1|$R|xlsx: $n rows x 64 columns (template headers repeated), each cell a reference to one of 100 shared strings of 2,000 CJK characters (the cell limit)")
    done
    CASES+=(
        "sst-text-under|import|sst-amplified:50000:27:16|201 413|one|1|$U|xlsx: 50,000 rows x the 16 template columns, each cell a reference to one of 100 shared strings of 27 CJK characters (61.8 MiB of text kept, the bound is 64 MiB), all wrong"
        "sst-text-over|import|sst-amplified:50000:28:16|413|one|1|$U|xlsx: the same with 28 characters (64.1 MiB of text, just over the bound)"
        "concurrent-text|concurrent|sst-amplified:50000:27:16|201|many|1||$CONCURRENT uploads of the sst-text-under file at once, each 429 retried after its Retry-After"
        "stalled-bodies|stalled|rows-xlsx|201|one|1|$BENCH_STALL_SECONDS|$STALLED imports that send their headers (Content-Length 1,000,000) and 10 bytes, then nothing; meanwhile one rows-xlsx import, each 429 retried after its Retry-After"
        "keyed-burst|keyed|blank-csv|201 429|many|1||$KEYED_BURST uploads of the blank-csv file (31 MiB) at once, each with its own Idempotency-Key, not retried"
    )
fi

selected() {
    [[ "$BENCH_CASES" == all ]] && return 0
    local c
    for c in $BENCH_CASES; do
        [[ "$1" == "$c" || "$1" == "$c"-* ]] && return 0
    done
    return 1
}

ROWS_MD=()
VIOLATIONS=()
DETAILS=()
declare -A PEAK_KIB=([one]=0 [many]=0 [refused]=0)
declare -A PEAK_CASE=([one]="" [many]="" [refused]="")
declare -A CEILING=([one]=$BENCH_CEILING_MIB [many]=$BENCH_CONCURRENT_CEILING_MIB [refused]=$BENCH_REFUSED_CEILING_MIB)
TOO_MANY=0
rss_kib="$(status_kib VmRSS)"
hwm_kib="$(status_kib VmHWM)"
ROWS_MD+=("| 0 | idle after start-up, login and the hardship file | | | | $(mib "$hwm_kib") | $(mib "$rss_kib") | | |")
CASES_SINCE_START=0

generate() {
    local gen="$1" file="$2"
    local g="${gen%%:*}" args=()
    if [[ "$gen" == *:* ]]; then IFS=: read -r -a args <<<"${gen#*:}"; fi
    [[ "$g" == rows-* || "$g" == invalid-csv ]] && args=("$ROWS")
    [[ -f "$file" ]] && return 0
    python3 "$HERE/upload-memory-gen.py" "$g" "$file" "${args[@]}" || die "generating $gen"
}

# upload NAME KIND FILE OUT [HEADERS [KEY]]: prints "status seconds"; the answer's headers go to
# HEADERS; KEY, if given, is sent as the Idempotency-Key.
upload() {
    local name="$1" kind="$2" file="$3" out="$4" headers="${5:-/dev/null}" key="${6:-}" url ctype
    local extra=()
    [[ -z "$key" ]] || extra=(-H "Idempotency-Key: $key")
    case "$kind" in
    evidence)
        url="$base/api/v1/hardship-files/$hardship/evidence?file_name=$name.pdf"
        ctype=application/octet-stream
        ;;
    *)
        url="$base/api/v1/member-imports?organisation_id=$union&file_name=$name"
        case "$file" in *.csv) ctype=text/csv ;; *) ctype=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ;; esac
        ;;
    esac
    local r
    r="$(curl -s --max-time "$BENCH_REQUEST_TIMEOUT" -o "$out" -D "$headers" -w '%{http_code} %{time_total}' -X POST \
        "${auth[@]}" "${extra[@]}" -H "Content-Type: $ctype" -H 'Expect:' --data-binary @"$file" "$url" 2>/dev/null)" || true
    printf '%s\n' "${r:-000 0}"
}

# upload_retrying NAME FILE OUT [DEADLINE]: an import as a client should send it: after a 429, wait the
# answer's Retry-After seconds and send it again, at most BENCH_RETRIES times (and not when the wait would end
# past DEADLINE seconds from the first attempt). Prints "status seconds 429s 429s-without-Retry-After",
# the seconds from the first attempt to the last answer, waits included.
upload_retrying() {
    local name="$1" file="$2" out="$3" deadline="${4:-}" st secs pause tries=0 bare=0 t0 start
    t0="$(date +%s.%N)"
    start=$SECONDS
    while :; do
        read -r st secs < <(upload "$name" import "$file" "$out" "$out.headers")
        [[ "$st" == 429 ]] || break
        tries=$((tries + 1))
        ((tries <= BENCH_RETRIES)) || break
        pause="$(awk 'tolower($1) == "retry-after:" { gsub(/\r/, "", $2); print $2; exit }' "$out.headers")"
        if [[ ! "$pause" =~ ^[0-9]+$ ]]; then
            bare=$((bare + 1))
            pause=1
        fi
        if [[ -n "$deadline" ]] && ((SECONDS - start + pause > deadline)); then break; fi
        sleep "$pause"
    done
    secs="$(python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.2f}")' "$t0")"
    printf '%s %s %s %s\n' "$st" "$secs" "$tries" "$bare"
}

# stall_body SECONDS: an import that sends its headers (Content-Length 1,000,000) and 10 bytes of body,
# then nothing, for at most SECONDS (or until SIGTERM); prints what the server did meanwhile. Run it in
# the background only (`stall_body 45 &`): it execs python, so $! is the process to stop.
stall_body() {
    exec python3 - "${base#http://}" "/api/v1/member-imports?organisation_id=$union&file_name=stalled.csv" "$token" "$1" <<'PY'
import signal, socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
t0, secs = time.time(), float(sys.argv[4])
def stop(*_):
    print(f"no answer in {time.time() - t0:.0f} s")
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
s = socket.create_connection((host, int(port)))
s.sendall((f"POST {sys.argv[2]} HTTP/1.1\r\nHost: {sys.argv[1]}\r\nAuthorization: Bearer {sys.argv[3]}\r\n"
           "Content-Type: text/csv\r\nContent-Length: 1000000\r\n\r\n").encode() + "姓名,身份证号".encode()[:10])
s.settimeout(0.5)
while time.time() - t0 < secs:
    try:
        data = s.recv(4096)
    except socket.timeout:
        continue
    if data:
        line = data.split(b"\r\n", 1)[0].decode(errors="replace")
        print(f"answered after {time.time() - t0:.0f} s: {line}")
    else:
        print(f"closed by the server after {time.time() - t0:.0f} s")
    break
else:
    stop()
PY
}

# What the answer says, in a few words.
answer_note() {
    python3 - "$1" "$2" <<'PY' 2>/dev/null || true
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception:
    sys.exit(0)
if "detail" in d or "title" in d:
    text = d.get("detail") or d.get("title") or ""
    errs = d.get("errors") or []
    if errs:
        text += " (" + "; ".join(f"{e.get('field')}: {e.get('message', e.get('code'))}" for e in errs[:2]) + ")"
    print(text.replace("|", "/")[:160])
elif sys.argv[2] == "evidence":
    print(f"stored {d.get('content_type', '?')}, {d.get('size_bytes', d.get('size', '?'))} bytes")
else:
    print(f"{d.get('total_rows')} rows: {d.get('valid_rows')} valid, {d.get('invalid_rows')} invalid")
PY
}

alive() {
    kill -0 "$SERVER_PID" 2>/dev/null && [[ "$(http /dev/null "$base/readyz")" == 200 ]]
}

restart_server() {
    stop_server
    start_server
    auth=(-H "Authorization: Bearer $token")
    CASES_SINCE_START=0
}

# While an upload runs, /readyz is asked every 0.25 s (each on a new connection, so on either actix
# worker); the slowest answer says whether the upload held up the rest of the API.
start_poll() {
    local out="$1" stop="$1.stop"
    : >"$out"
    rm -f "$stop"
    (
        while [[ ! -e "$stop" ]]; do
            curl -s -o /dev/null --max-time 120 -w '%{time_total}\n' "$base/readyz" >>"$out" 2>/dev/null || true
            sleep 0.25
        done
    ) &
    POLL_PID=$!
}

# Stops the poller (after its request in flight) and prints the slowest answer in seconds.
stop_poll() {
    local out="$1"
    touch "$out.stop"
    wait "$POLL_PID" 2>/dev/null || true
    POLL_PID=""
    sort -g "$out" | tail -n 1 | awk '{ printf "%.2f", $1 }'
}

load_start="$(cut -d' ' -f1 /proc/loadavg)"
t_run="$(date +%s)"
i=0
for spec in "${CASES[@]}"; do
    IFS='|' read -r name kind gen expect ceiling_kind fresh max_seconds what <<<"$spec"
    selected "$name" || continue
    i=$((i + 1))
    ext=xlsx
    [[ "$gen" == *csv ]] && ext=csv
    [[ "$gen" == pdf ]] && ext=pdf
    mkdir -p "$WORK/files"
    file="$WORK/files/${gen//:/-}.$ext"
    generate "$gen" "$file"
    size="$(stat -c %s "$file")"
    size_h="$(awk -v b="$size" 'BEGIN { if (b >= 1048576) printf "%.1f MiB", b / 1048576; else printf "%.1f KiB", b / 1024 }')"
    if ((fresh && CASES_SINCE_START > 0)); then
        log "case $i: $name runs on a fresh server"
        restart_server
    fi
    CASES_SINCE_START=$((CASES_SINCE_START + 1))
    log "case $i: $name ($size_h) ..."
    reset_hwm
    load_case="$(cut -d' ' -f1 /proc/loadavg)"
    statuses=()
    note=""
    case_429=0
    case_bare=0
    start_poll "$WORK/readyz-$name"
    if [[ "$kind" == concurrent ]]; then
        rounds=1
        [[ "$name" == sustained ]] && rounds=$SUSTAINED_ROUNDS
        t0="$(date +%s.%N)"
        round_rss=()
        for round in $(seq 1 "$rounds"); do
            CONC_PIDS=()
            for k in $(seq 1 "$CONCURRENT"); do
                upload_retrying "$name" "$file" "$WORK/answer-$name-$round-$k.json" >"$WORK/result-$name-$round-$k" &
                CONC_PIDS+=($!)
            done
            for p in "${CONC_PIDS[@]}"; do wait "$p" || true; done
            CONC_PIDS=()
            for k in $(seq 1 "$CONCURRENT"); do
                read -r st _ n429 nbare <"$WORK/result-$name-$round-$k"
                statuses+=("$st")
                case_429=$((case_429 + ${n429:-0}))
                case_bare=$((case_bare + ${nbare:-0}))
            done
            round_rss+=("$(mib "$(status_kib VmRSS)")")
        done
        seconds="$(python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.2f}")' "$t0")"
        size_h="$((rounds * CONCURRENT)) × $size_h"
        note="$(answer_note "$WORK/answer-$name-1-1.json" import) each; $case_429 answer(s) 429, each retried after its Retry-After"
        ((rounds == 1)) || note="$note; VmRSS after each round: $(IFS=,; printf '%s' "${round_rss[*]}" | sed 's/,/, /g') MiB"
        TOO_MANY=$((TOO_MANY + case_429))
    elif [[ "$kind" == keyed ]]; then
        t0="$(date +%s.%N)"
        CONC_PIDS=()
        for k in $(seq 1 "$KEYED_BURST"); do
            upload "$name" import "$file" "$WORK/answer-$name-$k.json" /dev/null "bench-$name-$k-$(random_hex 8)" >"$WORK/result-$name-$k" &
            CONC_PIDS+=($!)
        done
        for p in "${CONC_PIDS[@]}"; do wait "$p" || true; done
        CONC_PIDS=()
        for k in $(seq 1 "$KEYED_BURST"); do
            read -r st _ <"$WORK/result-$name-$k"
            statuses+=("$st")
        done
        seconds="$(python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.2f}")' "$t0")"
        size_h="$KEYED_BURST × $size_h"
        note="each body buffered by the idempotency layer before the route answers"
    elif [[ "$kind" == stalled ]]; then
        CONC_PIDS=()
        for k in $(seq 1 "$STALLED"); do
            stall_body $((BENCH_STALL_SECONDS + 15)) >"$WORK/stalled-$k" 2>&1 &
            CONC_PIDS+=($!)
        done
        sleep 1
        read -r st seconds case_429 case_bare < <(upload_retrying "$name" "$file" "$WORK/answer-$name.json" "$BENCH_STALL_SECONDS")
        for p in "${CONC_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
        for p in "${CONC_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
        CONC_PIDS=()
        statuses=("$st")
        TOO_MANY=$((TOO_MANY + case_429))
        note="$(answer_note "$WORK/answer-$name.json" import); $case_429 answer(s) 429 before it; the stalled uploads: $(cat "$WORK"/stalled-* 2>/dev/null | paste -sd ';' - | sed 's/;/; /g')"
    else
        read -r st seconds < <(upload "$name" "$kind" "$file" "$WORK/answer-$name.json" "$WORK/answer-$name.headers")
        seconds="$(awk -v s="$seconds" 'BEGIN { printf "%.2f", s }')"
        statuses=("$st")
        note="$(answer_note "$WORK/answer-$name.json" "$kind")"
    fi
    hwm_kib="$(status_kib VmHWM)"
    rss_kib="$(status_kib VmRSS)"
    slowest_ready="$(stop_poll "$WORK/readyz-$name")"
    problems=()
    for st in $(printf '%s\n' "${statuses[@]}" | sort -u); do
        [[ " $expect " == *" $st "* ]] || problems+=("answered $st, expected ${expect// / or }")
    done
    all_created=1
    for st in "${statuses[@]}"; do [[ "$st" == 201 ]] || all_created=0; done
    if [[ "$gen" == rows-* ]] && ((all_created)); then
        for f in "$WORK/answer-$name.json" "$WORK/answer-$name"-[0-9]*.json; do
            [[ -e "$f" ]] || continue
            valid="$(json_field "$f" 'd.get("valid_rows")' 2>/dev/null || echo '?')"
            [[ "$valid" == "$ROWS" ]] || { problems+=("${valid:-?} of $ROWS rows valid in an answer"); break; }
        done
    fi
    if ((case_bare)); then
        problems+=("$case_bare answer(s) 429 without a Retry-After header")
    fi
    if [[ -n "$max_seconds" ]] && awk -v s="$seconds" -v m="$max_seconds" 'BEGIN { exit !(s > m) }'; then
        problems+=("the upload took $seconds s (at most $max_seconds s)")
    fi
    if [[ -n "$slowest_ready" ]] && awk -v s="$slowest_ready" -v m="$BENCH_READYZ_MAX_SECONDS" 'BEGIN { exit !(s > m) }'; then
        problems+=("/readyz took $slowest_ready s during the upload (at most $BENCH_READYZ_MAX_SECONDS s)")
    fi
    ceiling=${CEILING[$ceiling_kind]}
    if [[ -n "$hwm_kib" ]]; then
        if ((hwm_kib > PEAK_KIB[$ceiling_kind])); then
            PEAK_KIB[$ceiling_kind]=$hwm_kib
            PEAK_CASE[$ceiling_kind]=$name
        fi
        if ((hwm_kib > ceiling * 1024)); then
            problems+=("peak RSS $(mib "$hwm_kib") MiB is above the ceiling of $ceiling MiB")
        fi
    fi
    if ! alive; then
        sleep 2
        if kill -0 "$SERVER_PID" 2>/dev/null && [[ "$(http /dev/null "$base/readyz")" == 200 ]]; then
            problems+=("/readyz did not answer at once after the upload")
        else
            # What the server said since it was last started, without the backtrace frames.
            died="$(awk -v m="==== start $STARTS ====" '$0 == m { on = 1; next } on' "$WORK/serve.log" \
                | grep -v -E '^\s*$|^\s+[0-9]+:|^\s+at |listening on|^stack backtrace:|^note: ' | head -n 3 | tr '\n' ' ' | cut -c1-300)"
            if kill -0 "$SERVER_PID" 2>/dev/null; then
                problems+=("/readyz stopped answering; the server log says: $died")
            else
                wait "$SERVER_PID" 2>/dev/null && rc=0 || rc=$?
                problems+=("the server DIED (exit $rc); its log says: $died")
                SERVER_PID=""
            fi
            log "case $name: the server is gone; starting it again"
            restart_server
        fi
    fi
    status_col="$(printf '%s\n' "${statuses[@]}" | sort | uniq -c | awk '{ printf "%s%s%s", (NR > 1 ? ", " : ""), $2, ($1 > 1 ? " ×" $1 : "") }')"
    ((case_429 == 0)) || status_col="$status_col (429 ×$case_429 before)"
    mark=""
    if ((${#problems[@]})); then
        mark=" **✗**"
        for p in "${problems[@]}"; do VIOLATIONS+=("\`$name\`: $p"); done
    fi
    ROWS_MD+=("| $i | \`$name\` | $size_h | $status_col$mark | $seconds | $(mib "$hwm_kib") | $(mib "$rss_kib") | ${slowest_ready:-—} | ${note:-} |")
    DETAILS+=("| \`$name\` | $what | ${expect// / or } | ${max_seconds:-—} | $ceiling MiB | $load_case |")
    log "case $i: $name -> $status_col in ${seconds} s, VmHWM $(mib "$hwm_kib") MiB, VmRSS $(mib "$rss_kib") MiB, slowest /readyz ${slowest_ready:-—} s${mark:+ (violation)}"
done
elapsed=$(($(date +%s) - t_run))
errors_logged="$(grep -c -E ' (ERROR|WARN) ' "$WORK/serve.log" || true)"
stop_server

# ---- report -------------------------------------------------------------------------------------
command_line="tests/load/bench-upload-memory.sh"
for n in "${SETTINGS[@]}"; do
    if [[ -n "${ORIGINAL_ENV[$n]:-}" ]]; then
        command_line="$n=\"${ORIGINAL_ENV[$n]}\" $command_line"
    fi
done
[[ "$SERVER_ARENAS" == 2 ]] || command_line="MALLOC_ARENA_MAX=\"$SERVER_ARENAS\" $command_line"
[[ -z "${GONGHUI_BIN:-}" ]] || command_line="GONGHUI_BIN=$BIN_LABEL $command_line"
date_utc="$(date -u +%Y-%m-%d)"
mkdir -p "$BENCH_RESULTS_DIR"
report="$BENCH_RESULTS_DIR/upload-memory-$BACKEND-$date_utc$BENCH_RESULTS_SUFFIX.md"
# A results file in git (an earlier run's, kept for comparison) is never overwritten.
n=1
while [[ -e "$report" ]] && git -C "$ROOT" ls-files --error-unmatch -- "$report" >/dev/null 2>&1; do
    n=$((n + 1))
    report="$BENCH_RESULTS_DIR/upload-memory-$BACKEND-$date_utc$BENCH_RESULTS_SUFFIX-$n.md"
done
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'none')"
if [[ -n "$(git -C "$ROOT" status --porcelain -- api 2>/dev/null || true)" ]]; then
    commit="$commit (api/ has uncommitted changes)"
fi
bin_date="$(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC')"
bin_sha="$(sha256sum "$BIN" | cut -c1-12)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
mem="$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)"
allocator="glibc malloc with its defaults (one arena per thread)"
if [[ -n "$SERVER_ARENAS" ]]; then allocator="glibc malloc with MALLOC_ARENA_MAX=$SERVER_ARENAS (as scripts/start and the Docker image run it)"; fi
hwm_note="VmHWM is reset to the current RSS before each case (\`/proc/<pid>/clear_refs\`), so each row is that case's own peak"
((HWM_RESET)) || hwm_note="VmHWM could NOT be reset between cases here, so each row is the peak since start-up"

one_peak="$(mib "${PEAK_KIB[one]}")"
many_peak="$(mib "${PEAK_KIB[many]}")"
refused_peak="$(mib "${PEAK_KIB[refused]}")"
# shellcheck disable=SC2016
{
    printf '# Upload worst cases against server memory, %s: %s\n\n' "$BACKEND" "$date_utc"
    printf 'Uploads within the limits (member imports: 32 MiB body; evidence: 10 MiB) to `gonghui serve` on SQLite, one after another; after each, the server'"'"'s peak resident memory during that case (VmHWM) and its resident memory after it (VmRSS), from `/proc/<pid>/status`. Seconds are the upload'"'"'s round trip (body sent, file read, preview built and stored, answer); for the concurrent cases, the whole round(s), waits after a 429 included.\n\n'
    printf '| # | case | body | status | seconds | VmHWM MiB | VmRSS MiB after | slowest /readyz during, s | answer |\n'
    printf '|---:|---|---:|---|---:|---:|---:|---:|---|\n'
    printf '%s\n' "${ROWS_MD[@]}"
    printf '\n'
    if ((${#VIOLATIONS[@]})); then
        printf '**%s violation(s):**\n\n' "${#VIOLATIONS[@]}"
        printf -- '- %s\n' "${VIOLATIONS[@]}"
    else
        printf 'All checks passed: every status as expected, every upload within its time, `/readyz` answered during (within %s s) and after every case, no case above its ceiling, every 429 with a Retry-After.\n' "$BENCH_READYZ_MAX_SECONDS"
    fi
    printf '\nCeilings checked: **%s MiB** peak RSS with one upload at a time (`BENCH_CEILING_MIB`; highest measured %s MiB, `%s`), **%s MiB** with %s at once, round after round (`BENCH_CONCURRENT_CEILING_MIB`; highest measured %s MiB, `%s`), **%s MiB** for a probe that must be refused (`BENCH_REFUSED_CEILING_MIB`; highest measured %s MiB, `%s`). Answers 429 to the concurrent uploads: %s in all, each retried after its Retry-After (at most %s times an upload).\n\n' \
        "$BENCH_CEILING_MIB" "$one_peak" "${PEAK_CASE[one]:-none}" "$BENCH_CONCURRENT_CEILING_MIB" "$CONCURRENT" "$many_peak" "${PEAK_CASE[many]:-none}" \
        "$BENCH_REFUSED_CEILING_MIB" "$refused_peak" "${PEAK_CASE[refused]:-none}" "$TOO_MANY" "$BENCH_RETRIES"
    printf '| case | file | expected | at most, s | ceiling | load average (1 min) at its start |\n|---|---|---|---:|---:|---:|\n'
    printf '%s\n' "${DETAILS[@]}"
    printf '\n'
    printf -- '- command: `%s`; files from `tests/load/upload-memory-gen.py` (seeded, the same every run)\n' "$command_line"
    printf -- '- as `%s` into %s; evidence into a hardship file of one of its members\n' "$DEMO_USER" "$UNION_NAME"
    printf -- '- %s; VmRSS after includes what the allocator keeps for reuse. `invalid-csv`, `concurrent` and each probe start on a freshly started server (same database)\n' "$hwm_note"
    printf -- '- server: `gonghui serve`, **%s build** (`%s`, built %s), RUST_LOG=warn, demo data, fresh SQLite database, %s; under `ulimit -v %s MiB` as a guard (0: none); started %s time(s); warnings or errors in its log: %s\n' \
        "$PROFILE" "$BIN_LABEL" "$bin_date" "$allocator" "$BENCH_SERVER_VMEM_MIB" "$STARTS" "$errors_logged"
    printf -- '- machine: %s cores (nproc; %s), %s RAM, Linux %s; other work runs on it: load average %s at the start\n' \
        "$(nproc)" "$cpu" "$mem" "$(uname -r)" "$load_start"
    printf -- '- whole run after set-up (generating the files included): %s s; repository at commit %s when run (the binary is what was built at the time above: sha256 %s)\n' \
        "$elapsed" "$commit" "$bin_sha"
} >"$report.tmp"
mv "$report.tmp" "$report"
cat "$report"
log "wrote ${report#"$ROOT"/}"
if ((${#VIOLATIONS[@]})); then
    die "${#VIOLATIONS[@]} violation(s), listed above"
fi
