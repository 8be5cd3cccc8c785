#!/usr/bin/env bash
# Whole-process `sancsr plan --format json` for 10,000 and 100,000
# additional names on a two-peer Expressway-E: the second must stay within
# 10× the first (linear growth). Wall time with hyperfine when installed
# (apt-get install hyperfine), and instruction counts with valgrind's
# callgrind, which repeat exactly on any machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in 10000 100000; do
  python3 - "$n" "$dir/d$n.toml" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
names = ", ".join(f'"host{i}.example.com"' for i in range(n))
open(path, "w").write(f'''features = ["mobile-remote-access", "xmpp-federation"]
[unified_cm]
registration_domains = ["example.com"]
[im_presence]
chat_node_aliases = ["chatnode1.example.com"]
[xmpp_federation]
domains = ["example.com"]
[expressway_e]
cluster_name = "expe.example.com"
peers = ["expe1.example.com", "expe2.example.com"]
additional_names = [{names}]
''')
PY
done
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 5 -r 30 \
    "target/release/sancsr plan $dir/d10000.toml --format json" \
    "target/release/sancsr plan $dir/d100000.toml --format json"
fi
for n in 10000 100000; do
  /usr/bin/time -f "$n names: %e s, %M KB peak" target/release/sancsr plan "$dir/d$n.toml" --format json >/dev/null
  if command -v valgrind >/dev/null; then
    printf '%s names: ' "$n"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      target/release/sancsr -q plan "$dir/d$n.toml" --format json 2>&1 | grep -o 'refs: .*'
  fi
done
