#!/usr/bin/env bash
# The README's report screenshot: `sancsr report` of examples/uc-estate.toml
# (the whole estate: C and E, Unified CM multi-server, IM and Presence per
# node), rendered by headless Chromium with the network off.
#   scripts/report-screenshot.sh [OUT.png]   (default docs/report.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/report.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run -q --release -- report examples/uc-estate.toml --now 2026-12-01 > "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --disable-background-networking --host-resolver-rules='MAP * ~NOTFOUND' \
  --proxy-server=127.0.0.1:9 --user-data-dir="$work/profile" \
  --window-size=1280,1500 --screenshot="$out" "file://$work/report.html" 2>/dev/null
echo "wrote $out"
