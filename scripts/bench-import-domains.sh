#!/usr/bin/env bash
# Times the whole `sancsr import xconfiguration` process on Expressway-C
# dumps with 10,000 and 100,000 SIP domains (each "Unified CM
# registrations"), with the shipped Expressway-E dump beside them. Linear
# reading means 100,000 within about 10x the time of 10,000.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in 10000 100000; do
  python3 - "$n" "$dir/c$n.txt" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
base = open("tests/fixtures/xconfiguration/expc1.txt").read().splitlines()
lines = [l for l in base if "SIP Domain" not in l]
extra = []
for i in range(1, n + 1):
    extra.append(f'*c xConfiguration SIP Domain {i} Name: "d{i}.example.com"')
    extra.append(f'*c xConfiguration SIP Domain {i} Edgesip: "On"')
open(out, "w").write("\n".join(lines[:-1] + extra + lines[-1:]) + "\n")
PY
done
run() { ./target/release/sancsr import xconfiguration "$1" tests/fixtures/xconfiguration/expe1.txt > /dev/null; }
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 1 --runs 10 \
    "./target/release/sancsr import xconfiguration $dir/c10000.txt tests/fixtures/xconfiguration/expe1.txt" \
    "./target/release/sancsr import xconfiguration $dir/c100000.txt tests/fixtures/xconfiguration/expe1.txt"
else
  for n in 10000 100000; do
    /usr/bin/time -f "$n domains: %e s, %M KB peak" bash -c "$(declare -f run); run $dir/c$n.txt"
  done
fi
