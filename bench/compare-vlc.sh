#!/usr/bin/env bash
# asfcast against VLC's MS-WMSP ("mmsh") server, same machine, same run, same load.
#
#   bench/compare-vlc.sh [--levels "1000 5000 10000"] [--more "15000 20000"] [--duration 30]
#                        [--rate 500] [--warmup 10] [--probes 5] [--out DIR] [--skip-vlc] [--through-config]
#                        [--point-setting "join-burst: 0s"]... [--server-setting "access-log: F"]...
#                        [--watch "curl ..."]... [--label NAME] [--jar FILE]
#
# Makes the source once with FFmpeg (640x360, 25 fps, GOP 2 s, WMV2 ~900 kbit/s + WMAv2 96 kbit/s,
# 60 s), then for each level in turn: asfcast (./asfcast serve FILE --loop), then VLC (cvlc ...
# access=mmsh,mux=asfh, as the unprivileged user asfcast-player when root, ulimit -n 20000). Each
# server is started fresh for each level, warmed up with a short unmeasured load (200 clients for
# --warmup seconds: the JIT for asfcast; the same for VLC, to be fair), then measured by
# LoadGenerator: --probes runs of `ffmpeg -i mmsh://... -frames:v 1 -f null -` on the idle server
# (the warm-up's clients gone), then a ramp at --rate clients/s, then --duration seconds held,
# with --probes more ffmpeg runs during the hold. The --more levels run asfcast
# only, while it holds (stops at the first level with more than 1% of clients stalled).
# Prints a table and the ratios asfcast/VLC; raw results in DIR (default bench/results/vlc).
# --through-config runs asfcast as `./asfcast server CONFIG` with a one-point config written next to
# the results (the same file looped at /, no point or server limit in the way) instead of `serve`:
# the same measurement of the server command.
# --point-setting (repeatable, implies --through-config) adds one setting to that point, to measure
# what it costs: e.g. --point-setting "join-burst: 0s" --point-setting "stall-timeout: 1m".
# --server-setting (repeatable, implies --through-config) adds one top-level line to that config, and
# --watch (repeatable) runs a command in the background from the warm-up to the measurement's end: the
# operator side's cost (bench/ops-overhead.sh). In both, {port} is the player port of the run,
# {admin-port} that plus 1000, {out} the results folder. --label names asfcast's rows (default asfcast).
# --jar measures another build of asfcast (e.g. an older commit's cli/target/asfcast.jar, side by side
# with this one; its `serve` must take the same flags) instead of this checkout's.
# Quick check: bench/compare-vlc.sh --levels "200 1000" --more "" --duration 15 --warmup 5 --probes 3
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
# shellcheck source=bench/server-control.sh
. "$here/bench/server-control.sh"
levels="1000 5000 10000"
more="15000 20000"
duration=30
rate=500
warmup=10
probes=5
out="$here/bench/results/vlc"
skip_vlc=0
through_config=0
point_settings=()
server_settings=()
watches=()
label=asfcast
measured_jar=""
declare -A how=() # what the == lines say about how a server runs, when it is not the default
while [ $# -gt 0 ]; do
  case "$1" in
    --levels) levels="$2"; shift 2 ;;
    --more) more="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --probes) probes="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --skip-vlc) skip_vlc=1; shift ;;
    --through-config) through_config=1; how[asfcast]=" (asfcast server CONFIG)"; shift ;;
    --point-setting) through_config=1; point_settings+=("$2"); shift 2 ;;
    --server-setting) through_config=1; server_settings+=("$2"); shift 2 ;;
    --watch) watches+=("$2"); shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --jar) measured_jar="$(readlink -f "$2")"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ ${#point_settings[@]} -gt 0 ] || [ ${#server_settings[@]} -gt 0 ]; then
  how[asfcast]=" (asfcast server CONFIG; $(IFS=';'; echo "${server_settings[*]}${server_settings[*]:+;}${point_settings[*]}"))"
elif [ "$through_config" = 1 ]; then
  how[asfcast]=" (asfcast server CONFIG)"
fi

jar="$here/bench/target/benchmarks.jar"
[ -f "$jar" ] || mvn -B -q -pl bench -am package -DskipTests
[ -f "$here/cli/target/asfcast.jar" ] || ./asfcast --version >/dev/null
./asfcast --version >/dev/null # builds now if the sources changed, not in the middle of a run
# The server runs as ./asfcast runs it (its JVM options, ASFCAST_JAVA_OPTS if set), but from a copy of
# the jar (ASFCAST_JAR): a rebuild in the same checkout replaces that jar under a running JVM.

# File descriptors: one per client on each side. The generator and asfcast inherit this limit.
raise_fd_limit
echo "ulimit -n $(ulimit -n); $(sysctl -n net.ipv4.ip_local_port_range | tr '\t' ' ') ephemeral ports;" \
  "somaxconn $(sysctl -n net.core.somaxconn); tcp_tw_reuse $(sysctl -n net.ipv4.tcp_tw_reuse)"

mkdir -p "$out"
chmod a+rx "$out"
src="$out/source.wmv"
if [ ! -s "$src" ]; then
  ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=44100 \
    -t 60 -c:v wmv2 -b:v 900k -g 50 -c:a wmav2 -b:a 96k -f asf "$src"
fi
chmod a+r "$src"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
asfcast_jar="$out/asfcast-$stamp.jar"
cp "${measured_jar:-$here/cli/target/asfcast.jar}" "$asfcast_jar"
results="$out/results-$stamp.jsonl"
: > "$results"
port=18300
server_pid=""
gen() { java -Xms512m -Xmx2g -cp "$jar" org.asfcast.bench.LoadGenerator "$@"; }

overflows() { # SYNs dropped because a listener's accept queue was full (a client then retries after 1, 3, 7 s...)
  nstat -az TcpExtListenOverflows 2>/dev/null | awk '/ListenOverflows/ {print $2; found=1} END {if (!found) print 0}'
}

stop_server() { # the server (TERM, up to 10 s, then KILL); and any VLC left under the player user
  [ -n "$server_pid" ] || return 0
  stop_server_pid
  if [ "$(id -u)" = 0 ]; then
    for p in $(pgrep -u asfcast-player -x vlc || true); do kill -9 "$p" 2>/dev/null || true; done
  fi
  server_pid=""
}
trap 'stop_watches; stop_server; rm -f "$asfcast_jar"' EXIT
trap 'exit 130' INT TERM

start_asfcast() {
  # As ./asfcast runs it (its JVM options), from the copy of the jar.
  if [ "$through_config" = 1 ]; then
    # What `serve FILE --loop --max-clients 100000` sets, as a config; the server-wide player limit
    # (default 10,000) raised out of the way. Every other setting has the same default in both.
    local config="$out/asfcast-$1-$stamp.yml"
    printf '%s\n' "port: $port" "limits:" "  max-players: 10000000" "points:" "  - path: /" "    file: '${src//\'/\'\'}'" \
      "    loop: true" "    max-players: 100000" > "$config"
    local setting
    for setting in "${point_settings[@]}"; do printf '    %s\n' "$setting" >> "$config"; done
    for setting in "${server_settings[@]}"; do placeholders "$setting" >> "$config"; done
    ASFCAST_JAR="$asfcast_jar" ./asfcast server "$config" > "$out/asfcast-$1-$stamp.log" 2>&1 &
  else
    ASFCAST_JAR="$asfcast_jar" ./asfcast serve "$src" --loop --port "$port" --max-clients 100000 > "$out/asfcast-$1-$stamp.log" 2>&1 &
  fi
  server_pid=$!
}

start_vlc() {
  local sout="#std{access=mmsh,mux=asfh,dst=127.0.0.1:$port}"
  if [ "$(id -u)" = 0 ]; then
    runuser -u asfcast-player -- bash -c "ulimit -n 20000 && exec cvlc -I dummy --loop '$src' --sout '$sout' --sout-keep" \
      > "$out/vlc-$1-$stamp.log" 2>&1 &
  else
    bash -c "ulimit -n 20000 && exec cvlc -I dummy --loop '$src' --sout '$sout' --sout-keep" > "$out/vlc-$1-$stamp.log" 2>&1 &
  fi
  server_pid=$!
}

placeholders() { # TEXT: with {port}, {admin-port} and {out} of this run
  local t="${1//\{port\}/$port}"
  t="${t//\{admin-port\}/$((port + 1000))}"
  printf '%s\n' "${t//\{out\}/$out}"
}

watch_pids=()
start_watches() { # the --watch commands, in the background, each in its own process group
  local w
  for w in "${watches[@]}"; do
    setsid bash -c "$(placeholders "$w")" > /dev/null 2>&1 &
    watch_pids+=($!)
  done
}

stop_watches() {
  local p
  for p in "${watch_pids[@]}"; do kill -- "-$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  watch_pids=()
}

measure() { # server clients -> appends a JSON line; returns the stalled fraction check via $last_ok
  local server="$1" n="$2"
  port=$((port + 1))
  "start_$server" "$n"
  wait_port "$port"
  sleep 2 # let the broadcast fill its buffer
  # The watchers run through the warm-up too: what they make the server run is compiled before the
  # measurement, as on a server that has been watched for hours.
  [ "$server" = asfcast ] && start_watches
  if [ "$warmup" -gt 0 ]; then
    gen --url "mmsh://127.0.0.1:$port/" --clients 200 --rate 100 --duration "$warmup" --label warmup >/dev/null 2>&1 || true
    sleep 2
  fi
  echo "== $server${how[$server]:-}, $n clients (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  local overflows0
  overflows0=$(overflows)
  local row="$server"
  [ "$server" = asfcast ] && row="$label"
  gen --url "mmsh://127.0.0.1:$port/" --clients "$n" --rate "$rate" --duration "$duration" --server-pid "$server_pid" \
    --first-frame "$probes" --first-frame-idle "$probes" --label "$row" --json "$results" 2> "$out/gen-$server-$n-$stamp.err" \
    | tee "$out/gen-$server-$n-$stamp.txt" | grep -v "^RESULT" || true
  stop_watches
  echo "  accept queue overflows (TcpExtListenOverflows, whole machine) during the run: $(( $(overflows) - overflows0 ))"
  stop_server
  sleep 3
}

for n in $levels; do
  measure asfcast "$n"
  [ "$skip_vlc" = 1 ] || measure vlc "$n"
done
for n in $more; do
  measure asfcast "$n"
  stalled=$(tail -n 1 "$results" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(r["stalled"] > 0.01 * r["clients"])')
  if [ "$stalled" = True ]; then echo "asfcast stalls more than 1% at $n clients: stopping here"; break; fi
done

python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def f(v, d=0):
    return "-" if v is None else f"{v:,.{d}f}"
print()
print("| server | clients | stall-free | cut off | Gbit/s held | CPU s/Gbit held | CPU s/Gbit whole run | peak RSS MB | RSS held MB | join $D p50/p99 ms | join key frame p50/p99 ms | first frame median ms | first frame idle ms | generator CPU s | load avg |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['label']} | {r['clients']:,} | {r['stall_free']:,} | {r['cut_off']:,} | {f(r['gbps_hold'],2)} | {f(r['server_cpu_s_per_gbit_hold'],3)} | "
          f"{f(r['server_cpu_s_per_gbit'],3)} | {f(r['server_rss_peak_mb'])} | {f(r.get('server_rss_held_mb'))} | {f(r['join_data_ms_p50'],1)} / {f(r['join_data_ms_p99'],1)} | "
          f"{f(r['join_key_ms_p50'],1)} / {f(r['join_key_ms_p99'],1)} | {f(r['first_frame_ms_median'])} | {f(r.get('first_frame_idle_ms_median'))} | {f(r['generator_cpu_s'],1)} | "
          f"{f(r['load_start'],2)} → {f(r['load_end'],2)} |")
by = {}
for r in rows:
    by.setdefault(r["clients"], {})[r["label"]] = r
print()
print("| clients | stall-free | CPU s/Gbit held | peak RSS | RSS held | join key frame p50 | first frame |")
print("|---:|---:|---:|---:|---:|---:|---:|")
def ratio(a, v, key):
    x, y = a.get(key), v.get(key)
    return "-" if x is None or y in (None, 0) else f"{x / y:.2f}"
for n, d in sorted(by.items()):
    if "asfcast" in d and "vlc" in d:
        a, v = d["asfcast"], d["vlc"]
        print(f"| {n:,} | {ratio(a, v, 'stall_free')} | {ratio(a, v, 'server_cpu_s_per_gbit_hold')} | {ratio(a, v, 'server_rss_peak_mb')} | {ratio(a, v, 'server_rss_held_mb')} | "
              f"{ratio(a, v, 'join_key_ms_p50')} | {ratio(a, v, 'first_frame_ms_median')} |")
print("(ratios asfcast/VLC)")
best = lambda label: max([r["clients"] for r in rows if r["label"] == label and r["stalled"] <= 0.01 * r["clients"]] or [0])
print(f"most clients with <= 1% stalled: asfcast {best('asfcast'):,}, VLC {best('vlc'):,}")
EOF
echo "results: $results"
