#!/usr/bin/env bash
# Long fuzz runs (not CI): each target for SECONDS (default 600), two at a
# time on a 2-core machine; all eleven targets, or the ones named after
# SECONDS (fuzz/run.sh 300 pkcs7 probe_capture). The machine's one stable toolchain runs
# cargo-fuzz's nightly flags with RUSTC_BOOTSTRAP=1.
#   cargo install cargo-fuzz && fuzz/seed.sh && fuzz/run.sh 600
# Writes fuzz/results/<start time>.md (committed): date, commit, machine, command, and each
# target's libFuzzer "Done N runs in S second(s)" line, which the README
# quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
commit=$(git rev-parse --short HEAD)   # what is built, recorded before the run
started=$(date -u +%Y-%m-%dT%H%MZ)
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
mkdir -p fuzz/logs
run() {
  mkdir -p "fuzz/corpus/$1"
  cargo fuzz run -O "$1" "fuzz/corpus/$1" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
    -max_len="$2" -timeout=10 > "fuzz/logs/$1.log" 2>&1
}
# target and -max_len, in pairs
all="deployment:65536 names:512 x509:16384 x509_pem:16384 csr:65536 exports:65536 pkcs7:65536
  xconfiguration:65536 import_certificates:65536 links_folder:65536 probe_capture:16384"
chosen=()
for entry in $all; do
  name=${entry%%:*}
  if [ $# -le 1 ] || printf '%s\n' "${@:2}" | grep -qx "$name"; then chosen+=("$entry"); fi
done
for ((i = 0; i < ${#chosen[@]}; i += 2)); do
  first=${chosen[i]}
  run "${first%%:*}" "${first##*:}" &
  if [ $((i + 1)) -lt ${#chosen[@]} ]; then
    second=${chosen[i + 1]}
    run "${second%%:*}" "${second##*:}" &
  fi
  wait
done
mkdir -p fuzz/results
summary="fuzz/results/$started.md"
{
  echo "- started: $started, ended: $(date -u +%Y-%m-%dT%H%MZ)"
  echo "- commit built: $commit"
  echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
  echo "- command: fuzz/run.sh $*"
  echo
  echo "| target | libFuzzer's last line |"
  echo "|---|---|"
  total=0
  for entry in "${chosen[@]}"; do
    t=${entry%%:*}
    done_line=$(grep -E '^Done [0-9]+ runs' "fuzz/logs/$t.log" || echo "no Done line: $(tail -1 "fuzz/logs/$t.log")")
    echo "| $t | $done_line |"
    runs=$(echo "$done_line" | sed -n 's/^Done \([0-9]*\) runs.*/\1/p')
    total=$((total + ${runs:-0}))
  done
  echo
  echo "Total: $total executions."
} > "$summary"
cat "$summary"
