#!/usr/bin/env bash
# Whole-process time to fetch one endpoint's chain, side by side:
#   sancsr probe --connect 127.0.0.1:PORT --format json
#   openssl s_client -connect 127.0.0.1:PORT -showcerts </dev/null
# against one `openssl s_server` on loopback presenting a P-256 leaf and
# its root. Plain TLS only: s_server has no XMPP STARTTLS side to time
# against. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
dir=$(mktemp -d)
cleanup() { kill "${server:-0}" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
cd "$dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key \
  -out root.pem -subj /CN=bench-root -days 30 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr \
  -subj /CN=expe1.example.com -addext subjectAltName=DNS:expe1.example.com 2>/dev/null
openssl x509 -req -in leaf.csr -CA root.pem -CAkey root.key -days 20 -copy_extensions copy \
  -out leaf.pem 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert leaf.pem -key leaf.key -cert_chain root.pem \
  -quiet -naccept 100000 >/dev/null 2>&1 &
server=$!
sleep 0.5
sancsr="$OLDPWD/target/release/sancsr"
hyperfine --warmup 5 --runs 50 --export-markdown bench.md \
  "$sancsr probe --connect 127.0.0.1:$port --servername expe1.example.com --format json" \
  "openssl s_client -connect 127.0.0.1:$port -servername expe1.example.com -showcerts </dev/null"
cat bench.md
