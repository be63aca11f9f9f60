#!/usr/bin/env bash
# deploy/nginx.conf with a real nginx in front of a real API: the file as the compose stack's nginx gets it,
# with only what differs on this machine replaced (listen ports, the `api` upstream, the certificate,
# web-root and ACME folders, ${GONGHUI_HTTPS_PORT}), must pass `nginx -t` and then, on loopback ports:
#   - redirect plain HTTP to the same URL over HTTPS (301), but serve ACME challenges over HTTP;
#   - speak TLS 1.2 and 1.3 with the certificate, send HSTS, and refuse TLS 1.1;
#   - serve the web app and proxy /readyz, /docs and /api/v1 (a login) to the API;
#   - let a 20 MiB member import reach the API, and refuse bodies over each location's limit itself.
# Installs nginx from Debian's packages when it is missing (as root); fails loudly otherwise.
#   tests/ops/nginx-config.sh     # the API binary: GONGHUI_BIN, else the debug build in CARGO_TARGET_DIR
set -euo pipefail
OPS_NAME=nginx-config
source "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(api_bin)
[[ -x "$bin" ]] || die "no API binary at $bin (cargo build -p gonghui-api, or set GONGHUI_BIN)"
need curl "requests"
need jq "reading JSON answers"
need openssl "the test certificate and the TLS checks"
need python3 "free ports"

nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [[ ! -x "$nginx" ]]; then
    [[ "$(id -u)" == 0 ]] || die "nginx is not installed: apt-get install nginx (or run this as root)"
    log "installing nginx (apt-get install nginx)"
    apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || die "apt-get install nginx failed"
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    [[ -x "$nginx" ]] || die "nginx is still missing after apt-get install nginx"
fi

tmp=$(mktemp -d)
# nginx's workers run as an unprivileged user when the master is root: they read the web root.
chmod 0755 "$tmp"
NGINX_PID=""
stop_nginx() {
    [[ -n "$NGINX_PID" ]] || return 0
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
}
cleanup() {
    stop_nginx
    stop_server
    rm -rf "$tmp"
}
trap cleanup EXIT

# The API on SQLite with the demo accounts ------------------------------------------------------------------
api_port=$(free_port)
password="Nginx-test-$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')"
export DATABASE_URL="sqlite://$tmp/api/gonghui.db" GONGHUI_DATA_DIR="$tmp/api" GONGHUI_LOG_LEVEL=warn
unset GONGHUI_DATABASE_URL GONGHUI_JWT_SECRET GONGHUI_CONFIG
"$bin" migrate >"$tmp/migrate.log" 2>&1 || die "gonghui migrate failed" "$tmp/migrate.log"
printf '%s\n' "$password" | "$bin" demo --password-stdin >"$tmp/demo.log" 2>&1 || die "gonghui demo failed" "$tmp/demo.log"
start_server "$tmp/api.log" "$bin" serve --bind "127.0.0.1:$api_port"
wait_http "http://127.0.0.1:$api_port/readyz" 60

# The config, as the nginx image's entrypoint and compose would give it -------------------------------------
http_port=$(free_port)
https_port=$(free_port)
mkdir -p "$tmp/html/assets" "$tmp/acme/.well-known/acme-challenge" "$tmp/logs"
echo '<!doctype html><title>gonghui test shell</title><div id="root"></div>' >"$tmp/html/index.html"
echo 'console.log("bundle")' >"$tmp/html/assets/app-1234.js"
echo 'acme-token-content' >"$tmp/acme/.well-known/acme-challenge/token-1"
chmod -R a+rX "$tmp/html" "$tmp/acme"
CERT_DIR="$tmp/certs" "$repo/deploy/self-signed-cert.sh" >/dev/null || die "deploy/self-signed-cert.sh failed"

# Each replacement must apply, or the test would silently check something else than the shipped file.
site=$(cat "$repo/deploy/nginx.conf")
replace() {
    [[ "$site" == *"$1"* ]] || die "deploy/nginx.conf no longer contains '$1'; update this test with it"
    site=${site//"$1"/"$2"}
}
replace 'listen 80 default_server;' "listen 127.0.0.1:$http_port default_server;"
replace 'listen 443 ssl default_server;' "listen 127.0.0.1:$https_port ssl default_server;"
replace '${GONGHUI_HTTPS_PORT}' "$https_port"
replace 'http://api:8080' "http://127.0.0.1:$api_port"
replace '/etc/nginx/certs/' "$tmp/certs/"
replace '/usr/share/nginx/html' "$tmp/html"
replace '/var/www/acme' "$tmp/acme"
printf '%s\n' "$site" >"$tmp/site.conf"
# The rest of what the nginx image's /etc/nginx/nginx.conf provides around conf.d/*.conf.
cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log info;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $tmp/logs/access.log;
    sendfile on;
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $tmp/site.conf;
}
CONF

"$nginx" -t -p "$tmp" -c "$tmp/nginx.conf" >"$tmp/nginx-t.log" 2>&1 || die "nginx -t refuses deploy/nginx.conf" "$tmp/nginx-t.log"
log "nginx -t: $(grep -c . "$tmp/nginx-t.log") line(s), syntax ok ($("$nginx" -v 2>&1))"
"$nginx" -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' >"$tmp/logs/nginx.out" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$http_port/" && break
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited" "$tmp/logs/nginx.out" "$tmp/logs/error.log"
    sleep 0.1
done

https=https://127.0.0.1:$https_port
tls=(curl -sS --cacert "$tmp/certs/fullchain.pem")
fail() { die "$1" "$tmp/logs/error.log" "$tmp/logs/access.log"; }
# check WHAT EXPECTED ACTUAL
check() { [[ "$3" == "$2" ]] || fail "$1: expected '$2', got '$3'"; }

# Plain HTTP ----------------------------------------------------------------------------------------------
got=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: gonghui.test' "http://127.0.0.1:$http_port/members?status=active")
check "HTTP redirect" "301 https://gonghui.test:$https_port/members?status=active" "$got"
got=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -X POST -d '{}' "http://127.0.0.1:$http_port/api/v1/auth/login")
check "HTTP redirect of an API call" "301 $https/api/v1/auth/login" "$got"
got=$(curl -sS "http://127.0.0.1:$http_port/.well-known/acme-challenge/token-1")
check "ACME challenge over HTTP" "acme-token-content" "$got"
curl -sS -D - -o /dev/null "http://127.0.0.1:$http_port/" | grep -qi '^strict-transport-security' && fail "HSTS sent over plain HTTP"

# TLS -----------------------------------------------------------------------------------------------------
for version in 1.2 1.3; do
    got=$("${tls[@]}" -o /dev/null -w '%{http_code}' --tlsv"$version" --tls-max "$version" "$https/readyz") \
        || fail "TLS $version handshake failed"
    check "GET /readyz over TLS $version" 200 "$got"
done
# TLS 1.1 offered by a client that allows it (security level 0) must be refused by nginx.
if echo | openssl s_client -connect "127.0.0.1:$https_port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' >"$tmp/tls11.log" 2>&1 \
    && grep -q 'Protocol *: TLSv1.1' "$tmp/tls11.log"; then
    fail "nginx accepted a TLS 1.1 handshake"
fi
headers=$("${tls[@]}" -D - -o /dev/null "$https/")
grep -qi '^strict-transport-security: max-age=63072000' <<<"$headers" || fail "no HSTS header over HTTPS: $headers"
grep -qi '^x-content-type-options: nosniff' <<<"$headers" || fail "no nosniff header over HTTPS"
grep -qi '^server: nginx\s*$' <<<"$headers" || fail "nginx announces its version (server_tokens): $headers"

# The web app and the API on one origin --------------------------------------------------------------------
check "GET / is the web app" "$(cat "$tmp/html/index.html")" "$("${tls[@]}" "$https/")"
check "a client-side route is the web app" "$(cat "$tmp/html/index.html")" "$("${tls[@]}" "$https/organisations/abc")"
check "a bundle" "200" "$("${tls[@]}" -o /dev/null -w '%{http_code}' "$https/assets/app-1234.js")"
check "GET /readyz through nginx" 200 "$("${tls[@]}" -o /dev/null -w '%{http_code}' "$https/readyz")"
check "GET /docs" "301 /docs/" "$("${tls[@]}" -o /dev/null -D - "$https/docs" | tr -d '\r' | awk 'NR == 1 { s = $2 } tolower($1) == "location:" { l = $2 } END { print s, l }')"
check "GET /docs/ (Swagger UI from the API)" 200 "$("${tls[@]}" -o /dev/null -w '%{http_code}' "$https/docs/")"
body=$(jq -cn --arg p "$password" '{username: "demo-admin", password: $p}')
answer=$("${tls[@]}" -H 'Content-Type: application/json' -d "$body" "$https/api/v1/auth/login")
token=$(jq -r '.access_token // empty' <<<"$answer" 2>/dev/null || true)
[[ -n "$token" ]] || fail "login through nginx gave no access token: $answer"
check "GET /api/v1/me through nginx" demo-admin "$("${tls[@]}" -H "Authorization: Bearer $token" "$https/api/v1/me" | jq -r .username)"

# Body limits: who answers a body of a given size ---------------------------------------------------------
# post PATH BYTES CONTENT-TYPE: prints "status content-type" of the answer. The body is zeros, after
# a PDF signature when the type says PDF (so that evidence gets past the API's check of its bytes).
post() {
    { [[ "$3" != application/pdf ]] || printf '%%PDF-1.7\n'; head -c "$2" /dev/zero; } | head -c "$2" >"$tmp/upload.bin"
    "${tls[@]}" -o "$tmp/answer" -w '%{http_code} %{content_type}' -H "Authorization: Bearer $token" \
        -H "Content-Type: $3" --data-binary @"$tmp/upload.bin" "$https$1"
}
mib=$((1024 * 1024))
# by_api WHAT STATUS ANSWER: the API answered (problem+json) with that status.
by_api() {
    [[ "$3" == "$2 application/problem+json"* ]] || fail "$1: expected the API's $2 (problem+json), got '$3': $(head -c 300 "$tmp/answer")"
}
# reached_api WHAT ANSWER: the API answered (problem+json) and had the whole body, so what it says is
# about the content, not the size (its size refusal reads "the body exceeds ...").
reached_api() {
    [[ "$2" == *" application/problem+json"* ]] && ! grep -q 'the body exceeds' "$tmp/answer" \
        || fail "$1: expected the API to take the whole body, got '$2': $(head -c 300 "$tmp/answer")"
}
by_nginx() {
    [[ "$2" == "413 text/html"* ]] && grep -q '413 Request Entity Too Large' "$tmp/answer" \
        || fail "$1: expected nginx's own 413, got '$2': $(head -c 300 "$tmp/answer")"
}
# A 20 MiB sheet reaches the API, which reads all of it and finds no usable sheet in it.
reached_api "20 MiB member import" "$(post '/api/v1/member-imports?organisation_id=none' $((20 * mib)) text/csv)"
# A little over the API's 32 MiB: the API's own 413, which the web app can translate.
by_api "32 MiB + 1 byte member import" 413 "$(post '/api/v1/member-imports?organisation_id=none' $((32 * mib + 1)) text/csv)"
by_nginx "33 MiB + 1 byte member import" "$(post '/api/v1/member-imports?organisation_id=none' $((33 * mib + 1)) text/csv)"
# Evidence goes to a real hardship file (outside the caller's reach, or unknown, the API answers 404 before
# it reads a byte). Up to 11 MiB reaches the API, which refuses zeros behind a PDF signature for content.
file_id=""
for member in $("${tls[@]}" -H "Authorization: Bearer $token" "$https/api/v1/members?limit=20" | jq -r '.items[].id'); do
    file_id=$("${tls[@]}" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"category":"illness","household_size":3,"monthly_income_per_head_fen":50000,"reason":"住院"}' \
        "$https/api/v1/members/$member/hardship-files" | jq -r '.id // empty')
    [[ -z "$file_id" ]] || break
done
[[ -n "$file_id" ]] || fail "no demo member took a hardship file through nginx"
evidence=/api/v1/hardship-files/$file_id/evidence
reached_api "10 MiB evidence" "$(post "$evidence" $((10 * mib)) application/pdf)"
by_api "10 MiB + 1 byte evidence" 413 "$(post "$evidence" $((10 * mib + 1)) application/pdf)"
by_nginx "11 MiB + 1 byte evidence" "$(post "$evidence" $((11 * mib + 1)) application/pdf)"
# JSON: the API's limit is 1 MiB, nginx's 2 MiB for /api/.
by_api "1.5 MiB JSON body" 413 "$(post /api/v1/organisations $((3 * mib / 2)) application/json)"
by_nginx "2 MiB + 1 byte JSON body" "$(post /api/v1/organisations $((2 * mib + 1)) application/json)"
# Outside the API nothing takes a body larger than 1 MiB.
by_nginx "a 2 MiB body to the web app" "$(post / $((2 * mib)) application/octet-stream)"

stop_nginx
stop_server
log "passed in $SECONDS s"
