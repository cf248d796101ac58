#!/usr/bin/env bash
# What an edge costs against its origin: the same players served by an edge that relays the origin,
# against served by the origin directly, CPU seconds per delivered Gbit of the serving process, same
# script, same run, same load.
#
#   bench/edge-overhead.sh [--players 5000] [--rounds 1] [--duration 60] [--rate 500] [--warmup 10]
#                          [--probes 3] [--jar JAR] [--out DIR]
#
# Makes the source once with FFmpeg as bench/compare-vlc.sh does (640x360, 25 fps, GOP 2 s, WMV2
# ~900 kbit/s + WMAv2 96 kbit/s, 60 s). Each round has two phases on fresh servers (bench/server-control.sh),
# all on loopback, through `asfcast server CONFIG` as ./asfcast runs it (its JVM options) from --jar
# (default: a copy of cli/target/asfcast.jar, so that a rebuild does not replace it under a running JVM):
#   origin: the origin alone, the file looped at /live; --players players on the origin;
#   edge:   the same origin, and an edge with {path: /live, relay: mmsh://127.0.0.1:ORIGIN/live};
#           the same --players players on the edge (the origin then serves one player: the edge).
# Each phase is warmed up with 200 players for --warmup seconds, unmeasured (the JIT), then measured
# by LoadGenerator (bench module): --probes FFmpeg first-frame runs, a ramp at --rate players/s,
# --duration seconds held, CPU of the serving process (the origin in the first phase, the edge in
# the second: its relay input included) per Gbit delivered while held. The order alternates between
# rounds (origin first in odd rounds), so drift on a shared machine falls on both. Prints each run and
# the ratio edge/origin of the medians; the goal is at most 1.10 (issue 14). Raw results in DIR
# (default bench/results/edge-overhead). Needs a build with relay points (asfcast check says so).
# Quick check: bench/edge-overhead.sh --players 200 --duration 15 --warmup 5 --probes 1
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
# shellcheck source=bench/server-control.sh
. "$here/bench/server-control.sh"
players=5000
rounds=1
duration=60
rate=500
warmup=10
probes=3
jar_given=""
out="$here/bench/results/edge-overhead"
while [ $# -gt 0 ]; do
  case "$1" in
    --players) players="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --probes) probes="$2"; shift 2 ;;
    --jar) jar_given="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

gen_jar="$here/bench/target/benchmarks.jar"
[ -f "$gen_jar" ] || mvn -B -q -pl bench -am package -DskipTests
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
jar="$out/asfcast-$stamp.jar"
if [ -n "$jar_given" ]; then
  cp "$jar_given" "$jar"
else
  ./asfcast --version >/dev/null # builds now if the sources changed, not in the middle of a run
  cp "$here/cli/target/asfcast.jar" "$jar"
fi
raise_fd_limit
echo "ulimit -n $(ulimit -n); $(sysctl -n net.ipv4.ip_local_port_range | tr '\t' ' ') ephemeral ports"

src="$out/source.wmv"
if [ ! -s "$src" ]; then
  ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=44100 \
    -t 60 -c:v wmv2 -b:v 900k -g 50 -c:a wmav2 -b:a 96k -f asf "$src"
fi
results="$out/results-$stamp.jsonl"
: > "$results"
gen() { java -Xms512m -Xmx2g -cp "$gen_jar" org.asfcast.bench.LoadGenerator "$@"; }

config() { # NAME PORT SOURCE-SETTING -> the path of a one-point config, no limit in the players' way
  local file="$out/$1-$stamp.yml"
  printf '%s\n' "port: $2" "bind: 127.0.0.1" "limits:" "  max-players: 10000000" "points:" "  - path: /live" "    $3" \
    "    max-players: 100000" > "$file"
  echo "$file"
}

origin_config=$(config origin 18500 "file: '${src//\'/\'\'}'")
printf '    loop: true\n' >> "$origin_config"
edge_config=$(config edge 18501 "relay: mmsh://127.0.0.1:18500/live")
if ! ASFCAST_JAR="$jar" ./asfcast check "$edge_config" > "$out/check-$stamp.txt" 2>&1; then
  echo "this asfcast cannot relay (asfcast check $edge_config):" >&2
  cat "$out/check-$stamp.txt" >&2
  exit 2
fi

origin_pid=""
edge_pid=""
stop_all() {
  server_pid="$edge_pid"; stop_server_pid; edge_pid=""
  server_pid="$origin_pid"; stop_server_pid; origin_pid=""
}
trap 'stop_all; rm -f "$jar"' EXIT
trap 'exit 130' INT TERM

wait_live() { # PORT: until its /live plays a first frame (a relay needs its origin's header); bounded: 60 s
  local i
  for i in $(seq 1 60); do
    if timeout 10 ffmpeg -nostdin -v quiet -i "mmsh://127.0.0.1:$1/live" -frames:v 1 -f null - 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "mmsh://127.0.0.1:$1/live plays nothing after 60 s" >&2
  return 1
}

phase() { # origin|edge -> one JSON line in $results
  local which="$1" port pid
  ASFCAST_JAR="$jar" ./asfcast server "$origin_config" > "$out/origin-$which-$stamp.log" 2>&1 &
  origin_pid=$!
  wait_port 18500
  port=18500
  pid=$origin_pid
  if [ "$which" = edge ]; then
    ASFCAST_JAR="$jar" ./asfcast server "$edge_config" > "$out/edge-$stamp.log" 2>&1 &
    edge_pid=$!
    wait_port 18501
    port=18501
    pid=$edge_pid
  fi
  wait_live "$port"
  if [ "$warmup" -gt 0 ]; then
    gen --url "mmsh://127.0.0.1:$port/live" --clients 200 --rate 100 --duration "$warmup" --label warmup >/dev/null 2>&1 || true
    sleep 2
  fi
  echo "== $which: $players players on port $port, server pid $pid (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  gen --url "mmsh://127.0.0.1:$port/live" --clients "$players" --rate "$rate" --duration "$duration" --server-pid "$pid" \
    --first-frame "$probes" --first-frame-idle "$probes" --label "$which" --json "$results" 2> "$out/gen-$which-$stamp.err" \
    | tee "$out/gen-$which-$stamp.txt" | grep -v "^RESULT" || true
  stop_all
  sleep 3
}

for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then phase origin; phase edge; else phase edge; phase origin; fi
done

python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print()
print("| serving | players | stall-free | Gbit/s held | CPU s/Gbit held | first frame median ms |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    ff = r.get("first_frame_ms_median")
    print(f"| {r['label']} | {r['clients']:,} | {r['stall_free']:,} | {r['gbps_hold']:.2f} | {r['server_cpu_s_per_gbit_hold']:.4f} | "
          f"{'-' if ff is None else f'{ff:,.0f}'} |")
by = {}
for r in rows:
    by.setdefault(r["label"], []).append(r["server_cpu_s_per_gbit_hold"])
if "origin" in by and "edge" in by:
    o, e = statistics.median(by["origin"]), statistics.median(by["edge"])
    print(f"median CPU s/Gbit held: origin {o:.4f}, edge {e:.4f}; ratio edge/origin {e / o:.3f} (goal: at most 1.10)")
PY
echo "results: $results"
