#!/bin/sh
# Makes a demo PKI and the configuration of one govhub and one govsyncd that
# talk to each other on 127.0.0.1, with the openssl command line only.
#
#   scripts/demo-pki.sh DIR [HUB_PORT]
#
# DIR receives:
#   sm2/     an SM2 root CA, the terminal's and the hub's SM2 certificates
#            (signed over SM3 with the distinguishing ID 1234567812345678)
#   tls/     a P-256 transport CA, the hub's server certificate for
#            127.0.0.1 and the terminal's client certificate (CN = terminal id)
#   cache/keys/terminal.key   the terminal's SM2 key in the cache's key file
#            format, so that "govctl --cache DIR/cache init" adopts it
#   govhub.json, govsyncd.json
#
# Demo material only: the keys are unencrypted and the CA keys sit next to
# the certificates. Never use them outside a demo.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 DIR [HUB_PORT]" >&2
    exit 2
fi
dir=$1
port=${2:-8443}
case $port in
    ''|*[!0-9]*) echo "HUB_PORT must be a number, not \"$port\"" >&2; exit 2 ;;
esac
command -v openssl >/dev/null || { echo "openssl is not installed" >&2; exit 1; }

terminal=TERM-DEMO-0001
office=110105
hub=HUB-DEMO-01
sm2id=distid:1234567812345678
days=825

umask 077
mkdir -p "$dir/sm2/roots" "$dir/tls" "$dir/cache/keys"
cd "$dir"

# Extension sections for "x509 -req -extfile".
cat > sm2/extensions.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[terminal]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[hub]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tlsserver]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
[tlsclient]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
CNF

# SM2: the root signs itself; every signature and every CSR check uses the
# distinguishing ID, because OpenSSL 3 defaults to an empty one.
sm2_key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out "$1"
}
sm2_csr() {
    openssl req -new -key "$1" -subj "$2" -sm3 -sigopt "$sm2id" -out "$3"
}

sm2_key sm2/root.key.pem
sm2_csr sm2/root.key.pem "/C=CN/O=GovAppliance Demo/CN=Demo SM2 Root CA" sm2/root.csr
openssl x509 -req -in sm2/root.csr -signkey sm2/root.key.pem -sm3 -sigopt "$sm2id" -vfyopt "$sm2id" \
    -days 3650 -extfile sm2/extensions.cnf -extensions ca -out sm2/roots/root.pem

sm2_issue() { # name section CN
    sm2_key "sm2/$1.key.pem"
    sm2_csr "sm2/$1.key.pem" "/C=CN/O=GovAppliance Demo/CN=$3" "sm2/$1.csr"
    openssl x509 -req -in "sm2/$1.csr" -CA sm2/roots/root.pem -CAkey sm2/root.key.pem -CAcreateserial \
        -sm3 -sigopt "$sm2id" -vfyopt "$sm2id" -days "$days" \
        -extfile sm2/extensions.cnf -extensions "$2" -out "sm2/$1.pem"
}
sm2_issue terminal terminal "$terminal"
sm2_issue hub hub "$hub"

# The cache's key file: "GOVKEY1" and the 32-byte private scalar in hex.
scalar=$(openssl pkey -in sm2/terminal.key.pem -noout -text \
    | sed -n '/^priv:/,/^pub:/p' | sed '1d;$d' | tr -d ' :\n')
scalar=$(printf '%064s' "$scalar" | tr ' ' 0 | tail -c 64)
printf 'GOVKEY1\n%s\n' "$scalar" > cache/keys/terminal.key
chmod 700 cache cache/keys
chmod 600 cache/keys/terminal.key

# TLS transport: P-256 with ECDSA-SHA256, because OpenSSL 3.0 has no TLS
# with SM2 keys.
tls_key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
}
tls_key tls/ca.key.pem
openssl req -new -x509 -key tls/ca.key.pem -sha256 -days 3650 \
    -subj "/C=CN/O=GovAppliance Demo/CN=Demo Transport CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out tls/ca.pem
tls_issue() { # name section CN
    tls_key "tls/$1.key.pem"
    openssl req -new -key "tls/$1.key.pem" -subj "/C=CN/O=GovAppliance Demo/CN=$3" -out "tls/$1.csr"
    openssl x509 -req -in "tls/$1.csr" -CA tls/ca.pem -CAkey tls/ca.key.pem -CAcreateserial -sha256 \
        -days "$days" -extfile sm2/extensions.cnf -extensions "$2" -out "tls/$1.pem"
}
tls_issue server tlsserver 127.0.0.1
tls_issue client tlsclient "$terminal"
rm -f sm2/*.csr tls/*.csr

cat > govhub.json <<JSON
{
  "hub": {"id": "$hub", "database": "hub.sqlite"},
  "listen": {"address": "127.0.0.1", "port": $port},
  "tls": {"certificate": "tls/server.pem", "key": "tls/server.key.pem", "clientCa": "tls/ca.pem"},
  "trust": {"roots": "sm2/roots"},
  "signing": {"certificate": "sm2/hub.pem", "key": "sm2/hub.key.pem"},
  "terminals": [{"id": "$terminal", "office": "$office", "certificate": "sm2/terminal.pem"}]
}
JSON

cat > govsyncd.json <<JSON
{
  "cache": "cache",
  "hub": {"url": "https://127.0.0.1:$port", "id": "$hub"},
  "terminal": {"id": "$terminal", "office": "$office", "certificates": "sm2/terminal.pem"},
  "tls": {"ca": "tls/ca.pem", "certificate": "tls/client.pem", "key": "tls/client.key.pem"},
  "trust": {"roots": "sm2/roots"},
  "sync": {"intervalSeconds": 60, "batchSize": 200}
}
JSON

echo "demo PKI and configuration written to $dir"
echo "  govctl --cache $dir/cache init"
echo "  govhub serve --config $dir/govhub.json &"
echo "  govsyncd --config $dir/govsyncd.json --once"
