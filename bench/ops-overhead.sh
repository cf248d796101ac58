#!/usr/bin/env bash
# What the operator side costs a broadcast: the fan-out benchmark with the admin listener, the access
# log and the status page in use, against the same without them, same machine, alternated.
#
#   bench/ops-overhead.sh [--players 5000] [--rounds 3] [--duration 60] [--rate 500] [--warmup 10] [--scrape 5]
#                         [--page chromium|stream] [--out DIR]
#
# Each round runs bench/compare-vlc.sh (asfcast only, through `asfcast server CONFIG`, one level of
# --players) twice, in turn "plain" (the config has no admin: and no access-log:) and "ops": the same
# config plus `access-log:` (one line per session, in DIR) and `admin:`, with, from the warm-up to the
# end, /metrics and /api/v1/status (every player listed) read every --scrape seconds (5: three times
# Prometheus' common 15 s) and the status page open in headless Chromium (its events every second,
# its chart running). --page stream follows the page's event stream with curl instead (what an open
# page asks of the server, each second's events and the history, without a browser rendering them on
# the same two cores: on a real deployment the browser is on the operator's desk).
# The order alternates between rounds (plain first in odd rounds), so drift on a shared machine falls
# on both. Prints each run's CPU s/Gbit held and the ratio ops/plain of the medians; the goal is
# within 5% (docs/benchmarks.md). Raw results in DIR (default bench/results/ops-overhead).
# Quick check: bench/ops-overhead.sh --players 500 --rounds 1 --duration 10 --warmup 5
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
players=5000
rounds=3
duration=60
scrape_every=5
page_kind=chromium
rate=500
warmup=10
out="$here/bench/results/ops-overhead"
while [ $# -gt 0 ]; do
  case "$1" in
    --players) players="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --scrape) scrape_every="$2"; shift 2 ;;
    --page) page_kind="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$page_kind" in chromium|stream) ;; *) echo "--page is chromium or stream, not $page_kind" >&2; exit 2 ;; esac
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ "$page_kind" = chromium ] && [ -z "$chromium" ]; then
  echo "the status page is opened in Chromium, and chromium is not on the PATH (apt-get install chromium)" >&2
  exit 2
fi
mkdir -p "$out"
token="bench-admin-token-0123456789"
common=(--skip-vlc --levels "$players" --more "" --duration "$duration" --rate "$rate" --warmup "$warmup" --probes 1
  --through-config --out "$out")
scrape="while true; do curl -s -H 'Authorization: Bearer $token' http://127.0.0.1:{admin-port}/metrics > /dev/null;"
scrape+=" curl -s -H 'Authorization: Bearer $token' http://127.0.0.1:{admin-port}/api/v1/status > /dev/null; sleep $scrape_every; done"
page="exec '$chromium' --headless=new --no-sandbox --disable-gpu --user-data-dir=\$(mktemp -d)"
page+=" 'http://127.0.0.1:{admin-port}/?token=$token'"
if [ "$page_kind" = stream ]; then # the page's calls: the history once, then the events
  page="curl -s -H 'Authorization: Bearer $token' http://127.0.0.1:{admin-port}/api/v1/history > /dev/null;"
  page+=" exec curl -s -N -H 'Authorization: Bearer $token' http://127.0.0.1:{admin-port}/api/v1/events > /dev/null"
fi
run() { # plain|ops
  if [ "$1" = plain ]; then
    bench/compare-vlc.sh "${common[@]}" --label plain
  else
    bench/compare-vlc.sh "${common[@]}" --label ops \
      --server-setting "access-log: '{out}/access-{port}.log'" \
      --server-setting "admin: {port: {admin-port}, token: $token}" \
      --watch "$scrape" --watch "$page"
  fi
}
start=$(date +%s)
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then run plain; run ops; else run ops; run plain; fi
done
python3 - "$out" "$start" <<'PY'
import json, os, statistics, sys
out, start = sys.argv[1], int(sys.argv[2])
rows = []
for name in sorted(os.listdir(out)):
    if name.startswith("results-") and name.endswith(".jsonl") and os.path.getmtime(os.path.join(out, name)) >= start:
        rows += [json.loads(l) for l in open(os.path.join(out, name)) if l.strip()]
by = {}
for r in rows:
    by.setdefault(r["label"], []).append(r)
print()
print("| run | players | stall-free | Gbit/s held | CPU s/Gbit held |")
print("|---|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['label']} | {r['clients']:,} | {r['stall_free']:,} | {r['gbps_hold']:.2f} | {r['server_cpu_s_per_gbit_hold']:.4f} |")
med = {k: statistics.median(x["server_cpu_s_per_gbit_hold"] for x in v) for k, v in by.items()}
if "plain" in med and "ops" in med:
    print(f"median CPU s/Gbit held: plain {med['plain']:.4f}, ops {med['ops']:.4f}; ratio ops/plain {med['ops'] / med['plain']:.3f}"
          f" (goal: at most 1.05)")
PY
