#!/usr/bin/env bash
# Whole-process time of `sancsr import xconfiguration` on an Expressway-C
# dump far larger than any real one: 3,000 zones of 33 settings each and
# 1,000 domains (about 105,000 `*c xConfiguration` lines, 7 MB), side by
# side with `grep -c` reading the same file (the floor: reading the bytes).
# A real xConfiguration dump is a few thousand lines. Needs hyperfine
# (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/expc1.txt" <<'PY'
import sys
out = ["xConfiguration",
       '*c xConfiguration Alternates Cluster Name: "expc.example.com"',
       '*c xConfiguration Alternates Peer 1 Address: "expc1.example.com"',
       '*c xConfiguration IP DNS Hostname: "expc1"',
       '*c xConfiguration IP DNS Domain Name: "example.com"']
for d in range(1, 1001):
    p = f"*c xConfiguration SIP Domain {d}"
    out += [f'{p} Name: "d{d}.example.com"', f'{p} Edgesip: "On"', f'{p} Edgexmpp: "Off"',
            f'{p} Xmppfederation: "Off"', f'{p} Edgejabberc: "Off"', f'{p} Sip: "On"']
for z in range(1, 3001):
    p = f"*c xConfiguration Zones Zone {z}"
    out += [f'{p} Name: "Zone {z}"', f'{p} Type: "TraversalClient"',
            f'{p} TraversalClient Collaboration Edge: "{"On" if z == 1 else "Off"}"']
    out += [f'{p} TraversalClient Peer {n} Address: "expe{n}.example.com"' for n in range(1, 3)]
    out += [f'{p} TraversalClient Peer {n} Address: ' for n in range(3, 7)]
    out += [f'{p} TraversalClient Setting{n}: "value {n}"' for n in range(24)]
out.append("OK")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
wc -l "$dir/expc1.txt"
sancsr="$PWD/target/release/sancsr"
hyperfine --warmup 3 --runs 30 --export-markdown "$dir/bench.md" \
  "$sancsr import xconfiguration $dir/expc1.txt" \
  "grep -c '^\*c xConfiguration' $dir/expc1.txt"
cat "$dir/bench.md"
/usr/bin/time -f "peak memory %M KB" "$sancsr" import xconfiguration "$dir/expc1.txt" >/dev/null
