#!/usr/bin/env bash
# sancsr's chain verdicts against `openssl verify`, on more chains than CI
# runs (tests/it/differential.rs): scripts/differential.sh [SEED] [COUNT].
# CI runs seed 20261202 with 200 chains; this defaults to a seed from the
# clock and 2,000 chains, and prints the seed so a disagreement replays.
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-$(date +%s)}"
count="${2:-2000}"
echo "seed $seed, $count chains"
SANCSR_DIFF_SEED="$seed" SANCSR_DIFF_COUNT="$count" \
  cargo test --locked --test it differential::sancsr_and_openssl_agree -- --nocapture
