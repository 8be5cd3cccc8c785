#!/usr/bin/env bash
# A short smoke run of each fuzz target (used by .ci/run when cargo-fuzz is
# installed): a few seconds each from the seed corpora.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
[ -d fuzz/corpus/deployment ] || fuzz/seed.sh
for t in deployment names x509 x509_pem csr exports pkcs7 xconfiguration import_certificates \
  links_folder probe_capture; do
  cargo fuzz run -O "$t" "fuzz/corpus/$t" -- -max_total_time="${1:-10}" -rss_limit_mb=2048 \
    -max_len=16384 -timeout=10 2>&1 | grep -E '^Done [0-9]+ runs|ERROR|panicked' | sed "s/^/$t: /"
done
