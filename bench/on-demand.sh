#!/usr/bin/env bash
# On-demand players beside broadcast players on one asfcast server: what an on-demand player costs.
#
#   bench/on-demand.sh [--broadcast-players 2000] [--on-demand-players 2000] [--files 20] [--seconds 120]
#                      [--start-spread 110] [--duration 30] [--rate 500] [--warmup 10] [--phases "a b c"]
#                      [--via auto|config|in-process] [--out DIR]
#
# Makes --files ASF files once with FFmpeg (640x360, 25 fps, GOP 2 s, WMV2 ~900 kbit/s + WMAv2 96 kbit/s,
# --seconds long; each its own picture (testsrc2, the hue turned by file) and tone; all about 1 Mbit/s as
# the broadcast's, so that CPU per Gbit compares like with like), cached in DIR/media-SECONDSs-testsrc2.
# Then three phases, each on a fresh server with a broadcast point /live (the first
# file, looped) and an on-demand point /archive over the folder, warmed up as compare-vlc.sh warms up
# (200 players of the phase's kinds for --warmup seconds, unmeasured: the JIT), then measured by
# LoadGenerator (a ramp at --rate players/s, then --duration seconds held):
#   a: --broadcast-players broadcast players alone (VLC's Play of /live);
#   b: --on-demand-players on-demand players alone: player k plays file k mod F from
#      frac(k x golden ratio) x --start-spread seconds (FFmpeg's -ss Play, stream-time); a player
#      whose file ends before the run does has finished it (not a stall) and plays the next file
#      from its start, so the load stays constant;
#   c: both together, interleaved, one generator counting each kind apart.
# Per phase: server CPU seconds per delivered Gbit while held (/proc, the server's process tree, as
# compare-vlc.sh), stall-free players (no gap over 2 s while the file has not ended), longest gap
# p50/p99 per kind, RSS held (median of 250 ms samples while held), RSS before the first player, and
# RSS per player = (held - before) / players; the same for the anonymous RSS (RssAnon: heap, stacks,
# direct buffers), as the on-demand point's mapped files are resident page cache, not the players'. Prints a table and the ratio on-demand/broadcast of
# CPU s/Gbit held (b over a). Raw results in DIR (default bench/results/on-demand).
# --via: the server is `./asfcast server CONFIG` (a config with both points) when `asfcast check`
# accepts its on-demand point ("config"), else ArchiveBenchServer in-process with the same points and
# the same JVM options as ./asfcast ("in-process"); "auto" (the default) prefers the config.
# Smoke run (numbers that only show the instrument works): bench/on-demand.sh --broadcast-players 100
#   --on-demand-players 100 --files 4 --seconds 30 --start-spread 25 --duration 20 --warmup 5
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
# shellcheck source=bench/server-control.sh
. "$here/bench/server-control.sh"
broadcast_players=2000
on_demand_players=2000
files=20
seconds=120
spread=""
duration=30
rate=500
warmup=10
phases="a b c"
via=auto
out="$here/bench/results/on-demand"
while [ $# -gt 0 ]; do
  case "$1" in
    --broadcast-players) broadcast_players="$2"; shift 2 ;;
    --on-demand-players) on_demand_players="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --start-spread) spread="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --phases) phases="$2"; shift 2 ;;
    --via) via="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$via" in auto|config|in-process) ;; *) echo "--via is auto, config or in-process, not $via" >&2; exit 2 ;; esac
[ -n "$spread" ] || spread=$((seconds - 10)) # starts up to 10 s before a file's end
if [ "$files" -lt 1 ] || [ "$seconds" -lt 10 ]; then echo "--files must be 1 or more, --seconds 10 or more" >&2; exit 2; fi

jar="$here/bench/target/benchmarks.jar"
[ -f "$jar" ] || mvn -B -q -pl bench -am package -DskipTests
./asfcast --version >/dev/null # builds now if the sources changed, not in the middle of a run

raise_fd_limit
echo "ulimit -n $(ulimit -n); $(sysctl -n net.ipv4.ip_local_port_range | tr '\t' ' ') ephemeral ports;" \
  "somaxconn $(sysctl -n net.core.somaxconn); tcp_tw_reuse $(sysctl -n net.ipv4.tcp_tw_reuse)"

mkdir -p "$out"
media="$out/media-${seconds}s-testsrc2"
mkdir -p "$media"
for i in $(seq 1 "$files"); do
  f="$media/$(printf 'od%02d.wmv' "$i")"
  [ -s "$f" ] && continue
  # testsrc2 for every file: FFmpeg's WMV2 makes half the bit rate of testsrc at the same -b:v, and
  # a point's per-player costs (timers, writes) weigh twice per Gbit on a half-rate stream.
  pattern=testsrc2
  echo "making $f ($seconds s, $pattern, hue $((i * 360 / files))°)"
  nice -n 19 ffmpeg -nostdin -v error -y -f lavfi -i "$pattern=size=640x360:rate=25" \
    -f lavfi -i "sine=frequency=$((200 + 37 * i)):sample_rate=44100" -t "$seconds" -vf "hue=h=$((i * 360 / files))" \
    -c:v wmv2 -b:v 900k -g 50 -c:a wmav2 -b:a 96k -f asf "$f.part"
  mv "$f.part" "$f"
done
broadcast_file="$media/od01.wmv"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
list="$out/urls-$stamp.txt"
results="$out/results-$stamp.jsonl"
: > "$results"
copy_jar="$out/asfcast-$stamp.jar"
copy_bench="$out/benchmarks-$stamp.jar"
cp "$here/cli/target/asfcast.jar" "$copy_jar"   # a rebuild in this checkout cannot replace them under a running JVM
cp "$jar" "$copy_bench"
port=18400
server_pid=""
gen() { java -Xms512m -Xmx2g -cp "$copy_bench" org.asfcast.bench.LoadGenerator "$@"; }

write_config() { # FILE PORT: both points, no limit in the way
  printf '%s\n' "port: $2" "limits:" "  max-players: 10000000" "points:" \
    "  - path: /live" "    file: '${broadcast_file//\'/\'\'}'" "    loop: true" "    max-players: 100000" \
    "  - path: /archive" "    on-demand: '${media//\'/\'\'}'" "    max-players: 100000" > "$1"
}
if [ "$via" != in-process ]; then
  write_config "$out/check-$stamp.yml" "$port"
  if check=$(./asfcast check "$out/check-$stamp.yml" 2>&1); then
    via=config
  elif [ "$via" = config ]; then
    echo "asfcast check refuses the config:" >&2; echo "$check" >&2; exit 1
  else
    via=in-process
    echo "asfcast check refuses an on-demand point in its config here ($(echo "$check" | head -n 1)):" \
      "the server runs in-process (ArchiveBenchServer, the same points and JVM options)"
  fi
  rm -f "$out/check-$stamp.yml"
fi
# The JVM options ./asfcast runs the server with (or ASFCAST_JAVA_OPTS), for the in-process server too.
jvm_opts="${ASFCAST_JAVA_OPTS:-$(bash -c 'eval "$(grep -E "^defaults=" ./asfcast)"; printf "%s" "$defaults"')}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
echo "server: $via; $files files of $seconds s in $media; starts spread over $spread s"

trap 'stop_server; rm -f "$copy_jar" "$copy_bench"' EXIT
trap 'exit 130' INT TERM

start_server() { # PHASE
  local log="$out/server-$1-$stamp.log"
  if [ "$via" = config ]; then
    local config="$out/asfcast-$1-$stamp.yml"
    write_config "$config" "$port"
    ASFCAST_JAR="$copy_jar" ./asfcast server "$config" > "$log" 2>&1 &
  else
    set -f # the options are split on spaces but never globbed (io.netty.*::*), as ./asfcast does
    # shellcheck disable=SC2086
    java $jvm_opts -cp "$copy_bench" org.asfcast.bench.ArchiveBenchServer --port "$port" --broadcast "$broadcast_file" \
      --archive "$media" > "$log" 2>&1 &
    set +f
  fi
  server_pid=$!
}

players() { # PHASE SCALE: the generator's player options for the phase (SCALE: the warm-up's 200 or the real counts)
  local b=0 o=0
  case "$1" in
    a) b="$broadcast_players" ;;
    b) o="$on_demand_players" ;;
    c) b="$broadcast_players"; o="$on_demand_players" ;;
  esac
  if [ "$2" = warmup ]; then
    if [ "$b" -gt 0 ] && [ "$o" -gt 0 ]; then b=100; o=100; elif [ "$b" -gt 0 ]; then b=200; else o=200; fi
  fi
  [ "$b" -gt 0 ] && printf -- '--url\nmmsh://127.0.0.1:%s/live\n--clients\n%s\n' "$port" "$b"
  [ "$o" -gt 0 ] && printf -- '--on-demand-clients\n%s\n--url-list\n%s\n--start-spread\n%s\n' "$o" "$list" "$spread"
  return 0
}

measure() { # PHASE LABEL
  port=$((port + 1))
  : > "$list"
  for f in "$media"/od*.wmv; do echo "mmsh://127.0.0.1:$port/archive/$(basename "$f")" >> "$list"; done
  start_server "$1"
  wait_port "$port"
  sleep 2 # the broadcast's first packets
  local args
  if [ "$warmup" -gt 0 ]; then
    mapfile -t args < <(players "$1" warmup)
    gen "${args[@]}" --rate 100 --duration "$warmup" --label warmup >/dev/null 2>&1 || true
    sleep 2
  fi
  echo "== phase $1: $2 (server: $via; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  mapfile -t args < <(players "$1" measured)
  gen "${args[@]}" --rate "$rate" --duration "$duration" --server-pid "$server_pid" --label "$2" --json "$results" \
    2> "$out/gen-$1-$stamp.err" | tee "$out/gen-$1-$stamp.txt" | grep -v "^RESULT" || true
  stop_server
  sleep 3
}

for phase in $phases; do
  case "$phase" in
    a) measure a broadcast ;;
    b) measure b on-demand ;;
    c) measure c both ;;
    *) echo "unknown phase $phase (a, b or c)" >&2; exit 2 ;;
  esac
done

python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def f(v, d=0):
    return "-" if v is None else f"{v:,.{d}f}"
print()
print("| phase | players (broadcast + on demand) | stall-free | Gbit/s held | CPU s/Gbit held | longest gap p50 / p99 ms: broadcast | on demand | files finished (next-file connections) | RSS before MB | RSS held MB | RSS per player KB | anonymous RSS before / held MB | anonymous RSS per player KB | load avg |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    b, o = r["broadcast"], r["on_demand"]
    idle, held = r.get("server_rss_idle_mb"), r.get("server_rss_held_mb")
    per = None if idle is None or held is None or r["clients"] == 0 else (held - idle) * 1000 / r["clients"]
    aidle, aheld = r.get("server_rss_anon_idle_mb"), r.get("server_rss_anon_held_mb")
    aper = None if aidle is None or aheld is None or r["clients"] == 0 else (aheld - aidle) * 1000 / r["clients"]
    gap = lambda k: "-" if k["clients"] == 0 else f"{f(k['max_gap_ms_p50'])} / {f(k['max_gap_ms_p99'])}"
    print(f"| {r['label']} | {b['clients']:,} + {o['clients']:,} | {r['stall_free']:,} | {f(r['gbps_hold'],3)} | "
          f"{f(r['server_cpu_s_per_gbit_hold'],3)} | {gap(b)} | {gap(o)} | {o['files_finished']:,} ({o['reconnections']:,}) | "
          f"{f(idle)} | {f(held)} | {f(per,1)} | {f(aidle)} / {f(aheld)} | {f(aper,1)} | {f(r['load_start'],2)} → {f(r['load_end'],2)} |")
by = {r["label"]: r for r in rows}
a, b = by.get("broadcast"), by.get("on-demand")
if a and b and a.get("server_cpu_s_per_gbit_hold") and b.get("server_cpu_s_per_gbit_hold") is not None:
    print()
    print(f"on-demand / broadcast CPU s per Gbit held: {b['server_cpu_s_per_gbit_hold'] / a['server_cpu_s_per_gbit_hold']:.2f}"
          " (phase b over phase a; the acceptance asks for at most 1.5)")
for r in rows:
    if r["stalled"] > 0:
        print(f"{r['label']}: {r['stalled']:,} players stalled (broadcast {r['broadcast']['stalled']:,}, on demand {r['on_demand']['stalled']:,})")
EOF
echo "results: $results"
