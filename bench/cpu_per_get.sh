#!/usr/bin/env bash
# CPU cost of one cheap GET: the server JVM's CPU time per request on H2 with the engine off, and how it splits over
# the JVM's thread groups (event loop, io-executor, JIT compiler, GC, ...). The request floor of the HTTP stack; see
# docs/benchmarks.md. Use a real route: an unknown path (a 404) takes Micronaut's error path, which costs about
# twice as much (it looks up an exception handler bean on every status error).
#
#   bench/cpu_per_get.sh <steward.jar> <basic|token|none> [path=/api/v3.1/config]
#
# Settings: N (20000 measured requests), WARM (20000 warm-up requests; the JIT is still compiling after a few
# thousand on two busy cores, and its compiler threads' time counts), BENCH_PORT. hey sends them (16 connections).
set -euo pipefail
JAR=$(realpath $1) AUTH=$2 P=${3:-/api/v3.1/config}
PORT=${BENCH_PORT:-18681} N=${N:-20000} WARM=${WARM:-20000}
W=$(mktemp -d /tmp/cpuget.XXXX); cd $W
STEWARD_PORT=$PORT STEWARD_ADMIN_PASSWORD=pw STEWARD_ENGINE_ENABLED=false java -XX:+ExitOnOutOfMemoryError -jar $JAR > server.log 2>&1 & SPID=$!
trap 'kill $SPID 2>/dev/null; sleep 2; rm -rf $W' EXIT
B=http://127.0.0.1:$PORT
for i in $(seq 1 300); do curl -fs -o /dev/null -u admin:pw -H 'Tenant: default_tenant' "$B/api/v3.1/executions?_size=0" && break; kill -0 $SPID || exit 1; sleep 0.2; done
case $AUTH in
  token) H="Authentication-Token: $(curl -fsS -u admin:pw -H Tenant:default_tenant -X POST -H 'Content-Type: application/json' \
           -d '{"description":"b"}' $B/api/v3.1/tokens | python3 -c 'import json,sys;print(json.load(sys.stdin)["value"])')" ;;
  basic) H="Authorization: Basic $(printf admin:pw | base64)" ;;
  *) H="X-No-Credentials: 1" ;;
esac
get() { hey -n $1 -c 16 -H 'Tenant: default_tenant' -H "$H" "$B$P" | grep -E "Requests/sec|\[[0-9]+\]" | tr -s ' \t' ' ' | tr '\n' ' '; }
# One line per thread: its name with digits folded (io-executor-thread-N), user and system ticks.
threads() { for t in /proc/$SPID/task/*; do
  printf '%s %s\n' "$(tr -d ' ' <$t/comm | sed 's/[0-9]\+/N/g')" "$(sed 's/.*) //' $t/stat | awk '{print $12 + $13}')"; done 2>/dev/null; }
get $WARM >/dev/null
sleep 1
threads >before; t0=$(awk '{print $14+$15}' /proc/$SPID/stat); s0=$EPOCHREALTIME
r=$(get $N)
t1=$(awk '{print $14+$15}' /proc/$SPID/stat); s1=$EPOCHREALTIME; threads >after
hz=$(getconf CLK_TCK)
# Threads that ended in between are missing from "after"; their ticks count in the total, not in the split.
split=$(awk -v hz=$hz -v n=$N 'FNR==NR { b[$1] += $2; next } { a[$1] += $2 }
  END { for (k in a) if (a[k] - b[k] > 0) printf "%s %.3f\n", k, (a[k] - b[k]) * 1000 / hz / n }' before after |
  sort -k2 -rn | awk '{printf "%s %s ms, ", $1, $2}')
echo "$(basename $JAR) GET $P $AUTH: cpu/req $(bc <<<"scale=3; ($t1-$t0)*1000/$hz/$N") ms; rate $(bc <<<"scale=0; $N/($s1-$s0)")/s; by thread: ${split%, }; hey: $r; load $(cut -d' ' -f1 /proc/loadavg)"
