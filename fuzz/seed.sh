#!/usr/bin/env bash
# Seeds the fuzz corpora from the examples and test fixtures, and from CSRs
# and certificates made on the spot (sancsr generate, openssl).
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/deployment corpus/names corpus/x509 corpus/x509_pem corpus/csr \
  corpus/exports corpus/pkcs7 corpus/xconfiguration corpus/import_certificates \
  corpus/links_folder corpus/probe_capture
cp "$root"/tests/fixtures/fuzz/probe_capture/* corpus/probe_capture/
cp "$root"/tests/fixtures/fuzz/links_folder/* corpus/links_folder/
cp "$root"/tests/fixtures/fuzz/pkcs7/* corpus/pkcs7/
cp "$root"/tests/fixtures/fuzz/xconfiguration/* corpus/xconfiguration/
cp "$root"/tests/fixtures/fuzz/import_certificates/* corpus/import_certificates/
cp "$root"/examples/*.toml "$root"/tests/fixtures/*.toml corpus/deployment/
cp "$root"/examples/*.toml "$root"/tests/fixtures/*.toml corpus/exports/
(cd "$root" && cargo run -q --release -- init --role both \
  --features mobile-remote-access,jabber-guest,xmpp-federation,business-to-business) \
  > corpus/deployment/init-all.toml
i=0
for name in expe.example.com collab-edge.example.com DX80Tlsprofile.example.com \
            RTP-TBTP-EXPRWY-E.tbtp.local xn--bcher-kva.example a '*.example.com' \
            bücher.example under_score.example.com 10.0.0.1; do
  printf '%s' "$name" > "corpus/names/seed-$i"; i=$((i + 1))
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && cargo run -q --release -- generate examples/full-cluster.toml --out-dir "$work/gen" >/dev/null)
printf 'features = ["mobile-remote-access", "xmpp-federation"]\n[unified_cm]\nregistration_domains = ["tbtp.local"]\n[im_presence]\nchat_node_aliases = ["c.tbtp.local"]\n[expressway_e]\npeers = ["e.tbtp.local"]\nregistration_domain_format = "srv"\nchat_node_alias_format = "xmpp-address"\n[key]\nalgorithm = "ecdsa"\n' \
  | (cd "$root" && cargo run -q --release -- generate - --out-dir "$work/other" >/dev/null)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -subj /CN=cucm1.example.com -addext subjectAltName=DNS:cucm1.example.com \
  -keyout "$work/ss.key" -out "$work/ss.pem" 2>/dev/null
for f in "$work"/gen/*.csr "$work"/other/*.csr "$work"/ss.pem; do
  base=$(basename "$f")
  cp "$f" "corpus/x509/$base"
  openssl "$( [ "${f##*.}" = csr ] && echo req || echo x509 )" -in "$f" -outform DER \
    -out "corpus/x509/$base.der"
  cp "corpus/x509/$base.der" "corpus/x509_pem/$base.der"
done
cp corpus/deployment/* corpus/csr/
echo "seeded: $(ls corpus/deployment | wc -l) deployments, $(ls corpus/names | wc -l) names, $(ls corpus/x509 | wc -l) x509"
