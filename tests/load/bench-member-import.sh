#!/usr/bin/env bash
# Member collection at scale: uploads a generated sheet of ${ROWS:-50000} valid members (csv, GBK, as
# Chinese Excel saves it) into one union and commits it, against a release build on a fresh PostgreSQL
# database (BACKEND=sqlite for the embedded one). Prints and records the preview and commit times.
# Loopback only; bounded; cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${ROWS:-50000}
backend=${BACKEND:-postgres}
target=${BENCH_TARGET_DIR:-target/bench}
for tool in curl python3 psql; do command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }; done

echo "[bench] building the release binary into $target"
CARGO_TARGET_DIR=$target cargo build --release --locked -q -p gonghui-api
bin=$(pwd)/$target/release/gonghui
work=$(mktemp -d)
db=gonghui_bench_import_$RANDOM$RANDOM
pid=
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [[ "$backend" == postgres ]] && psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ "$backend" == postgres ]]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db" || { echo "bench: PostgreSQL on 127.0.0.1:5432 is required" >&2; exit 1; }
  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$db
  export GONGHUI_JWT_SECRET=bench-secret-bench-secret-bench-secret-0
else
  export DATABASE_URL=sqlite://$work/bench.db
fi
export GONGHUI_DATA_DIR=$work RUST_LOG=warn
password=Bench-pass-2026
"$bin" migrate >/dev/null
echo "$password" | "$bin" demo --password-stdin >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --bind 127.0.0.1:$port >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
base=http://127.0.0.1:$port/api/v1
token=$(curl -fsS -X POST "$base/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"nanjiang-staff\",\"password\":\"$password\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
union=$(curl -fsS -G "$base/organisations" -H "authorization: Bearer $token" --data-urlencode 'q=光雾山米业' \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')

python3 - "$rows" "$work/sheet.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
lines = ["姓名*,身份证号*,手机号,民族,文化程度,是否农民工,入会日期"]
for i in range(n):
    birth = f"{1960 + i % 45}{1 + i % 12:02d}{1 + i % 28:02d}"
    first17 = f"5{(i // 1000) % 10}{1 + (i // 100) % 9}9{i % 10}2{birth}{i % 1000:03d}"
    check = "10X98765432"[sum(int(d) * k for d, k in zip(first17, w)) % 11]
    lines.append(f"职工{i},{first17}{check},139{i:08d},汉族,高中,{'是' if i % 3 == 0 else '否'},2020-01-01")
open(path, "wb").write(("\n".join(lines) + "\n").encode("gb18030"))
PY
size=$(du -h "$work/sheet.csv" | cut -f1)
echo "[bench] $rows rows, $size, into 四川光雾山米业有限公司工会 on $backend"
t0=$(date +%s.%N)
curl -fsS -X POST "$base/member-imports?organisation_id=$union&file_name=bench.csv" -H "authorization: Bearer $token" \
  -H 'content-type: text/csv' --data-binary @"$work/sheet.csv" -o "$work/preview.json"
t1=$(date +%s.%N)
read -r iid valid invalid < <(python3 -c 'import sys,json; d=json.load(open(sys.argv[1])); print(d["id"], d["valid_rows"], d["invalid_rows"])' "$work/preview.json")
[[ "$invalid" == 0 && "$valid" == "$rows" ]] || { echo "bench: the generated sheet had $invalid invalid rows" >&2; head -c 600 "$work/preview.json" >&2; exit 1; }
curl -fsS -X POST "$base/member-imports/$iid/commit" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"mode":"all_or_nothing"}' -o "$work/commit.json"
t2=$(date +%s.%N)
inserted=$(python3 -c 'import sys,json; print(json.load(open(sys.argv[1]))["inserted"])' "$work/commit.json")
[[ "$inserted" == "$rows" ]] || { echo "bench: committed $inserted of $rows" >&2; exit 1; }
rss=$(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)
preview=$(python3 -c "print(f'{$t1-$t0:.1f}')")
commit=$(python3 -c "print(f'{$t2-$t1:.1f}')")
total=$(python3 -c "print(f'{$t2-$t0:.1f}')")
rate=$(python3 -c "print(f'{$rows/($t2-$t0):.0f}')")
mkdir -p tests/load/results
out=tests/load/results/member-import-$backend-$(date +%F).md
{
  echo "# Member import: $rows rows on $backend, $(date +%F)"
  echo
  echo "| backend | rows | file | upload + preview | commit | total | rows/s | server peak RSS |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| $backend | $rows | $size | ${preview} s | ${commit} s | ${total} s | $rate | $rss |"
  echo
  echo "- command: \`ROWS=$rows BACKEND=$backend tests/load/bench-member-import.sh\`"
  echo "- a GBK csv of generated valid members into one union; preview checks every row (checksum, codes, duplicates, existing members); commit is one transaction"
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; load average at start $(cut -d' ' -f1 /proc/loadavg); commit $(git rev-parse --short HEAD)"
} | tee "$out"
