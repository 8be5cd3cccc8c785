#!/usr/bin/env bash
# Long fuzz runs (not CI): each target for SECONDS (default 600), two at a
# time on a 2-core machine. The machine's one stable toolchain runs
# cargo-fuzz's nightly flags with RUSTC_BOOTSTRAP=1.
#   cargo install cargo-fuzz && fuzz/seed.sh && fuzz/run.sh 600
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
mkdir -p fuzz/logs
run() {
  cargo fuzz run -O "$1" "fuzz/corpus/$1" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
    -max_len="$2" -timeout=10 > "fuzz/logs/$1.log" 2>&1
}
run deployment 65536 & run names 512 & wait
run x509 16384 & run x509_pem 16384 & wait
for t in deployment names x509 x509_pem; do
  printf '%-12s %s\n' "$t" "$(grep -E '^Done [0-9]+ runs' "fuzz/logs/$t.log" || tail -1 "fuzz/logs/$t.log")"
done
