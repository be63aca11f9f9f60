#!/usr/bin/env bash
# A self-signed certificate for trying the compose stack over HTTPS on your own machine: writes
# fullchain.pem and privkey.pem (ECDSA P-256, valid 30 days) for localhost, 127.0.0.1 and any names
# given. Browsers will warn about it; for a real deployment use a certificate from an ACME client (see
# the README's deployment section).
#   deploy/self-signed-cert.sh                          # into deploy/certs
#   deploy/self-signed-cert.sh gonghui.test 10.0.0.5    # more names or addresses in the certificate
#   CERT_DIR=/some/dir deploy/self-signed-cert.sh       # elsewhere; FORCE=1 replaces existing files
set -euo pipefail
dir=${CERT_DIR:-$(cd "$(dirname "$0")" && pwd)/certs}
command -v openssl >/dev/null || { echo "self-signed-cert: openssl is required" >&2; exit 1; }
if [[ -e "$dir/fullchain.pem" || -e "$dir/privkey.pem" ]] && [[ "${FORCE:-0}" != 1 ]]; then
    echo "self-signed-cert: $dir already holds a certificate; FORCE=1 replaces it" >&2
    exit 1
fi

san="DNS:localhost,IP:127.0.0.1"
for name in "$@"; do
    if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then san+=",IP:$name"; else san+=",DNS:$name"; fi
done

mkdir -p "$dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 30 \
    -subj "/CN=${1:-localhost}" -addext "subjectAltName=$san" \
    -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
    -keyout "$dir/privkey.pem.new" -out "$dir/fullchain.pem.new" 2>/dev/null
chmod 0644 "$dir/fullchain.pem.new"
# nginx reads the key as root before dropping privileges, so 0600 is enough.
mv "$dir/privkey.pem.new" "$dir/privkey.pem"
mv "$dir/fullchain.pem.new" "$dir/fullchain.pem"
echo "self-signed-cert: $dir/fullchain.pem and privkey.pem for $san (30 days)"
