# shellcheck shell=bash
# Sourced by scripts/backup and scripts/restore: finds the database and the evidence folder the way the
# gonghui binary does (defaults, then the TOML file in --config or GONGHUI_CONFIG, then GONGHUI_* variables,
# then DATABASE_URL), and runs SQL on either backend. Relative paths resolve against the current folder,
# as for gonghui: run the scripts where you run the binary (scripts/start runs it at the repository root).
# Of the file only simple `key = "value"` lines of database_url, data_dir and evidence_dir are read.

say() { printf '[%s] %s\n' "$SCRIPT" "$*" >&2; }
fail() { printf '[%s] FAILED: %s\n' "$SCRIPT" "$*" >&2; exit 1; }

toml_value() { # FILE KEY: the string value of a top-level `key = "..."` (or '...') line
    sed -nE "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*[\"']([^\"']*)[\"'][[:space:]]*(#.*)?$/\1/p" "$1" | tail -n 1
}

# Sets DB_URL, BACKEND (sqlite|postgres), SQLITE_FILE and EVIDENCE_DIR.
load_settings() {
    local config=${1:-${GONGHUI_CONFIG:-}} url="" data_dir=data evidence="" v
    if [[ -n "$config" ]]; then
        [[ -r "$config" ]] || fail "config file $config cannot be read"
        v=$(toml_value "$config" database_url); [[ -z "$v" ]] || url=$v
        v=$(toml_value "$config" data_dir); [[ -z "$v" ]] || data_dir=$v
        v=$(toml_value "$config" evidence_dir); [[ -z "$v" ]] || evidence=$v
    fi
    [[ -z "${GONGHUI_DATABASE_URL:-}" ]] || url=$GONGHUI_DATABASE_URL
    [[ -z "${GONGHUI_DATA_DIR:-}" ]] || data_dir=$GONGHUI_DATA_DIR
    [[ -z "${GONGHUI_EVIDENCE_DIR:-}" ]] || evidence=$GONGHUI_EVIDENCE_DIR
    [[ -z "${DATABASE_URL:-}" ]] || url=$DATABASE_URL
    [[ -n "$url" ]] || url="sqlite://$data_dir/gonghui.db"
    DB_URL=$url
    EVIDENCE_DIR=${evidence:-$data_dir/evidence}
    SQLITE_FILE=""
    case "$url" in
        postgres://* | postgresql://*) BACKEND=postgres ;;
        *)
            BACKEND=sqlite
            SQLITE_FILE=${url#sqlite://}
            SQLITE_FILE=${SQLITE_FILE#sqlite:}
            [[ "$SQLITE_FILE" != ":memory:" ]] || fail "the database is in memory: nothing to back up"
            ;;
    esac
}

# The URL without its password, for messages and the manifest.
redacted_url() { sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$DB_URL"; }

# sql_sqlite FILE SQL: rows, columns separated by |. The sqlite3 shell, else Python's sqlite3 module.
sql_sqlite() {
    if command -v sqlite3 >/dev/null; then
        sqlite3 -batch -noheader -separator '|' -cmd '.timeout 10000' "$1" "$2"
    else
        python3 - "$1" "$2" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=10)
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
    fi
}

# PSQL replaces the psql command (e.g. PSQL='docker compose exec -T postgres psql').
sql_postgres() {
    local psql
    read -r -a psql <<<"${PSQL:-psql}"
    "${psql[@]}" -X -q -At -v ON_ERROR_STOP=1 -F '|' --no-password -d "$DB_URL" -c "$1"
}

# row_counts SQLITE_FILE_OR_EMPTY: "table count" for every table of the schema, sorted by name.
row_counts() {
    local tables t
    if [[ "$BACKEND" == sqlite ]]; then
        tables=$(sql_sqlite "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        for t in $tables; do printf '%s %s\n' "$t" "$(sql_sqlite "$1" "SELECT count(*) FROM \"$t\"")"; done
    else
        # One query (one connection, which matters when psql runs through docker exec).
        sql_postgres "SELECT tablename || ' ' || (xpath('/row/n/text()', query_to_xml(
                          format('SELECT count(*) AS n FROM public.%I', tablename), false, true, '')))[1]::text
                      FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    fi
}

# The newest applied migration (diesel's bookkeeping table).
schema_version() {
    local q="SELECT max(version) FROM __diesel_schema_migrations"
    if [[ "$BACKEND" == sqlite ]]; then sql_sqlite "$1" "$q"; else sql_postgres "$q"; fi
}
