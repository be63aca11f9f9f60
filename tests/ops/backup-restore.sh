#!/usr/bin/env bash
# scripts/backup and scripts/restore on both databases, with the real binary. For SQLite (in a data folder
# that does not exist yet, as on a fresh machine) and for PostgreSQL (a throwaway database on
# 127.0.0.1:5432, user postgres, trust auth; dropped afterwards):
#   migrate, load the demo, serve; as demo-admin create an organisation, register a hardship file and
#   upload an evidence file through the API; back up while the API runs; stop it; destroy the database and
#   the evidence folder; restore; serve again; and check that every table has the rows it had, that the
#   evidence files are byte for byte the same, and that the API shows the organisation and serves the file.
# Also: a restore refuses to run while the API uses the database, and the backup folder is private.
#   tests/ops/backup-restore.sh   # the API binary: GONGHUI_BIN, else the debug build in CARGO_TARGET_DIR
#   BACKENDS=sqlite tests/ops/backup-restore.sh     # one backend; KEEP_TMP=1 keeps the logs and backups
set -euo pipefail
OPS_NAME=backup-restore
source "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(api_bin)
[[ -x "$bin" ]] || die "no API binary at $bin (cargo build -p gonghui-api, or set GONGHUI_BIN)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
need curl "requests"
need jq "reading JSON answers"
need python3 "free ports and reading SQLite"
need sha256sum "checksums"
pg_url_base=${GONGHUI_TEST_PG_BASE:-postgres://postgres@127.0.0.1:5432}

tmp=$(mktemp -d)
pg_db=""
psql_admin() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$pg_url_base/postgres" "$@"; }
cleanup() {
    stop_server
    if [[ -n "$pg_db" ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1 \
            || log "could not drop the test database $pg_db"
    fi
    if [[ -n "${KEEP_TMP:-}" ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# Everything the binary and the scripts read comes from here, nothing from the caller's environment.
unset DATABASE_URL GONGHUI_DATABASE_URL GONGHUI_DATA_DIR GONGHUI_EVIDENCE_DIR GONGHUI_CONFIG GONGHUI_JWT_SECRET PSQL PG_DUMP PG_RESTORE
export GONGHUI_LOG_LEVEL=warn
password="Backup-test-$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')"

# Row counts of every table, straight from the database (not through the scripts under test).
table_counts() {
    if [[ "$backend" == sqlite ]]; then
        python3 - "$data/gonghui.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=10)
for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
    print(t, con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
PY
    else
        psql -X -q -At -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c "
            SELECT table_name || ' ' || (xpath('/row/n/text()', query_to_xml(
                       format('SELECT count(*) AS n FROM public.%I', table_name), false, true, '')))[1]::text
            FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\""
    fi
}
evidence_sums() { (cd "$data/evidence" && find . -type f -print0 | sort -z | xargs -0r sha256sum); }

serve() {
    port=$(free_port)
    origin=http://127.0.0.1:$port
    start_server "$case_dir/serve-$1.log" "$bin" serve --bind "127.0.0.1:$port"
    wait_http "$origin/readyz" 60
    token=$(curl -fsS -H 'Content-Type: application/json' \
        -d "$(jq -cn --arg p "$password" '{username: "demo-admin", password: $p}')" "$origin/api/v1/auth/login" \
        | jq -r .access_token) || die "$backend: login as demo-admin failed"
}
# call METHOD PATH [curl args...]: the answer's body; dies unless the status is 2xx.
call() {
    local method=$1 path=$2 status
    shift 2
    status=$(curl -sS -o "$case_dir/answer" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token" "$@" "$origin$path")
    [[ "$status" == 2* ]] || die "$backend: $method $path answered $status: $(head -c 400 "$case_dir/answer")"
    cat "$case_dir/answer"
}

# restore_and_check WHEN: scripts/restore, then the same rows in every table and the same evidence files.
restore_and_check() {
    (cd "$case_dir" && "$repo/scripts/restore" "$backup") >"$case_dir/restore.log" 2>&1 \
        || die "$backend: scripts/restore $1 failed" "$case_dir/restore.log"
    counts_after=$(table_counts)
    [[ "$counts_after" == "$counts_before" ]] || {
        diff <(echo "$counts_before") <(echo "$counts_after") >&2 || true
        die "$backend: row counts after the restore $1 differ (< before, > after)" "$case_dir/restore.log"
    }
    [[ "$(evidence_sums)" == "$sums_before" ]] || die "$backend: evidence files differ after the restore $1" "$case_dir/restore.log"
    log "$backend: restored $1"
}

run_case() {
    backend=$1
    case_dir=$tmp/$backend
    data=$case_dir/data   # does not exist yet: migrate must create it
    mkdir -p "$case_dir"
    export GONGHUI_DATA_DIR=$data
    if [[ "$backend" == sqlite ]]; then
        unset DATABASE_URL GONGHUI_JWT_SECRET # the default: data/gonghui.db, a generated secret in data/
    else
        need psql "the PostgreSQL case (apt-get install postgresql-client)"
        pg_db=gonghui_ops_$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')
        psql_admin -c "CREATE DATABASE \"$pg_db\"" >/dev/null || die "cannot create a database on $pg_url_base"
        export DATABASE_URL=$pg_url_base/$pg_db
        GONGHUI_JWT_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
        export GONGHUI_JWT_SECRET
    fi
    log "$backend: migrate, demo, serve"
    "$bin" migrate >"$case_dir/migrate.log" 2>&1 || die "$backend: gonghui migrate failed" "$case_dir/migrate.log"
    printf '%s\n' "$password" | "$bin" demo --password-stdin >"$case_dir/demo.log" 2>&1 \
        || die "$backend: gonghui demo failed" "$case_dir/demo.log"
    serve first

    # Writes through the API: an organisation, a hardship file, an evidence upload.
    root=$(call GET /api/v1/me | jq -r .organisation_id)
    org_name="备份测试省总工会 $(od -An -tx1 -N3 /dev/urandom | tr -d ' \n')"
    org_id=$(call POST /api/v1/organisations -H 'Content-Type: application/json' \
        -d "$(jq -cn --arg p "$root" --arg n "$org_name" '{parent_id: $p, name: $n, kind: "provincial_federation"}')" | jq -r .id)
    file_id=""
    for member in $(call GET '/api/v1/members?limit=20' | jq -r '.items[].id'); do
        status=$(curl -sS -o "$case_dir/answer" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d '{"category": "illness", "household_size": 3, "monthly_income_per_head_fen": 50000, "reason": "备份测试"}' \
            "$origin/api/v1/members/$member/hardship-files")
        if [[ "$status" == 201 ]]; then file_id=$(jq -r .id "$case_dir/answer"); break; fi
    done
    [[ -n "$file_id" ]] || die "$backend: no demo member took a hardship file: $(cat "$case_dir/answer")"
    { printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%'; head -c 200000 /dev/urandom | base64 -w 0; printf '\nstartxref\n0\n%%%%EOF\n'; } >"$case_dir/proof.pdf"
    evidence_id=$(call POST "/api/v1/hardship-files/$file_id/evidence?file_name=proof.pdf" \
        -H 'Content-Type: application/octet-stream' --data-binary @"$case_dir/proof.pdf" | jq -r .id)
    [[ -n "$(find "$data/evidence" -type f 2>/dev/null)" ]] || die "$backend: the upload left no file under $data/evidence"
    counts_before=$(table_counts)
    sums_before=$(evidence_sums)

    # Back up while the API runs.
    (cd "$case_dir" && "$repo/scripts/backup" --out "$case_dir/backups") >"$case_dir/backup.out" 2>"$case_dir/backup.log" \
        || die "$backend: scripts/backup failed" "$case_dir/backup.log"
    backup=$(tail -n 1 "$case_dir/backup.out")
    [[ -d "$backup" && -f "$backup/manifest.txt" ]] || die "$backend: scripts/backup printed no backup folder" "$case_dir/backup.log"
    log "$backend: backed up to $(basename "$backup"): $(cd "$backup" && ls | tr '\n' ' ')"
    grep -qx "rows.organisations=$(awk '$1 == "organisations" { print $2 }' <<<"$counts_before")" "$backup/manifest.txt" \
        || die "$backend: the manifest's organisation count is not the database's" "$backup/manifest.txt"

    [[ "$(stat -c %a "$backup")" == 700 ]] || die "$backend: the backup folder is readable by others"
    # The API holds the database open: a restore now must refuse and leave everything alone.
    if (cd "$case_dir" && "$repo/scripts/restore" "$backup") >"$case_dir/restore-running.log" 2>&1; then
        die "$backend: scripts/restore ran while the API was using the database" "$case_dir/restore-running.log"
    fi
    grep -q 'stop the API first' "$case_dir/restore-running.log" \
        || die "$backend: scripts/restore failed for another reason than the running API" "$case_dir/restore-running.log"
    # A change after the backup, which a restore undoes.
    call POST /api/v1/organisations -H 'Content-Type: application/json' \
        -d "$(jq -cn --arg p "$root" '{parent_id: $p, name: "备份之后的省总工会", kind: "provincial_federation"}')" >/dev/null
    stop_server
    restore_and_check "over the changed database"
    [[ -n "$(find "$(dirname "$data/evidence")" -maxdepth 1 -name 'evidence.before-restore-*')" ]] \
        || die "$backend: the replaced evidence folder was not kept aside"

    # Disaster: the database and the evidence are gone (PostgreSQL: an empty database again).
    if [[ "$backend" == sqlite ]]; then
        rm -rf "$data"
    else
        psql_admin -c "DROP DATABASE \"$pg_db\"" -c "CREATE DATABASE \"$pg_db\"" >/dev/null
        rm -rf "$data"
    fi
    restore_and_check "after losing everything"

    # The API on the restored data: the organisation, the file and its evidence, byte for byte.
    serve second
    [[ "$(call GET "/api/v1/organisations/$org_id" | jq -r .name)" == "$org_name" ]] \
        || die "$backend: the organisation is not back"
    [[ "$(call GET "/api/v1/hardship-files/$file_id" | jq -r --arg e "$evidence_id" '[.evidence[] | select(.id == $e)] | length')" == 1 ]] \
        || die "$backend: the hardship file's evidence row is not back"
    curl -fsS -H "Authorization: Bearer $token" -o "$case_dir/download.pdf" \
        "$origin/api/v1/hardship-files/$file_id/evidence/$evidence_id" || die "$backend: downloading the evidence failed"
    cmp -s "$case_dir/download.pdf" "$case_dir/proof.pdf" || die "$backend: the downloaded evidence is not the uploaded file"
    stop_server
    log "$backend: restored $(wc -l <<<"$counts_after") tables ($(awk '{ n += $2 } END { print n }' <<<"$counts_after") rows) and $(wc -l <<<"$sums_before") evidence file(s)"

    if [[ "$backend" == postgres ]]; then
        psql_admin -c "DROP DATABASE \"$pg_db\" WITH (FORCE)" >/dev/null
        pg_db=""
    fi
}

for b in ${BACKENDS:-sqlite postgres}; do
    started=$SECONDS
    run_case "$b"
    log "$b: passed in $((SECONDS - started)) s"
done
log "passed in $SECONDS s"
