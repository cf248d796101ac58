#!/usr/bin/env bash
# The hostile-load harness (issue 10; docs/reliability.md, "Hostile load"): starts asfcast on a
# file FFmpeg makes (WMV2 + WMAv2, ~500 kbit/s, 60 s, looped) with the default limit of 100
# players, then runs org.asfcast.bench.hostile.HostileLoad against it: 3 real FFmpeg players for
# the whole run while connection churn, slowloris, non-readers and a request flood run in turn,
# new players probing their first data during each. Stops the server at the end.
#
#   nice -n 5 bench/hostile.sh [--quick] [--port 18500] [--out DIR] [--server-jar JAR] [harness options...]
#
# --quick: about 2.5 minutes; without it about 7.5. --server-jar: serve with that asfcast.jar (say, one
# built from a branch not yet merged) instead of this checkout's. Other options go to HostileLoad (its --help text
# is printed for a wrong one). Raw results: DIR (default bench/results/hostile), git-ignored.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
# shellcheck source=bench/server-control.sh
. "$here/bench/server-control.sh"
port=18500
out="$here/bench/results/hostile"
pass=()
server_jar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --server-jar) server_jar="$(readlink -f "$2")"; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done

jar="$here/bench/target/benchmarks.jar"
[ -f "$jar" ] || mvn -B -q -pl bench -am package -DskipTests
./asfcast --version >/dev/null # builds the command now if its sources changed, not in the middle of a run
raise_fd_limit

mkdir -p "$out"
src="$out/source-500k.asf"
if [ ! -s "$src" ]; then
  ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440:sample_rate=44100 \
    -t 60 -c:v wmv2 -b:v 430k -g 50 -c:a wmav2 -b:a 64k -f asf "$src"
fi
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
run="$out/$stamp"
mkdir -p "$run"
# From copies of the jars: a rebuild in the same checkout would replace them under the running JVMs.
cp "${server_jar:-$here/cli/target/asfcast.jar}" "$run/asfcast.jar"
cp "$jar" "$run/benchmarks.jar"
# The server measured: the last commit that changed what the command is built from (not bench or docs).
commit="$(git -C "$here" log -1 --format=%h -- pom.xml asf writer client netsink ops cli)"
commit="$commit$(git -C "$here" diff --quiet HEAD -- pom.xml asf writer client netsink ops cli || echo '+uncommitted')"
[ -z "$server_jar" ] || commit="the given $server_jar"
echo "hostile load: asfcast $commit (checkout $(git -C "$here" rev-parse --short HEAD)), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ulimit -n $(ulimit -n)," \
  "ports $(sysctl -n net.ipv4.ip_local_port_range | tr '\t' '-'), tcp_tw_reuse $(sysctl -n net.ipv4.tcp_tw_reuse)"

ASFCAST_JAR="$run/asfcast.jar" ./asfcast serve "$src" --loop --port "$port" --max-clients 100 > "$run/server.log" 2>&1 &
server_pid=$!
trap 'stop_server; rm -f "$run/asfcast.jar" "$run/benchmarks.jar"' EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 600); do # bounded: 60 s
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:"; cat "$run/server.log"; exit 1; }
  sleep 0.1
done
sleep 2 # the broadcast's first packets in the ring

set +e
java -Xms256m -Xmx1g -cp "$run/benchmarks.jar" org.asfcast.bench.hostile.HostileLoad --port "$port" --server-pid "$server_pid" \
  --json "$run/results.jsonl" --log-dir "$run" "${pass[@]}" 2> "$run/harness.err" | tee "$run/report.txt"
rc=${PIPESTATUS[0]}
set -e
alive=no; kill -0 "$server_pid" 2>/dev/null && alive=yes
stop_server
echo "server alive at the end: $alive; exceptions in its log: $(grep -c 'Exception' "$run/server.log" || true);" \
  "log lines: $(wc -l < "$run/server.log"); results in $run"
exit "$rc"
