#!/usr/bin/env bash
# Start to first answered request (JVM start included) and idle RSS of one Steward server on H2, with and without an
# application class-data-sharing (AppCDS) archive. See docs/benchmarks.md ("Start time and idle memory").
#
#   bench/start_time.sh <steward.jar> [runs]          (runs per variant, default 5)
#
# The archive is made the documented way (README, "Faster start"): one training run with
# -XX:ArchiveClassesAtExit=<file> that serves a request and is stopped with SIGTERM; later runs pass
# -XX:SharedArchiveFile=<file>. Timings: from just before `java` is forked to the first HTTP answer of
# GET /api/v3.1/version (any status), then to the first 200 of an authenticated executions list; the JVM's CPU time
# (user + system) until the first answer, which on a shared machine is the figure to compare (the wall time there
# is mostly waiting for a core); RSS (VmRSS) read 10 s after the first 200, with no requests in between. Each run
# gets a fresh H2 database. ALL_VARIANTS=true adds SerialGC/-Xmx and C1-only variants.
set -euo pipefail
JAR=$(realpath "$1") RUNS=${2:-5} PORT=${BENCH_PORT:-18781}
W=$(mktemp -d /tmp/starttime.XXXX)
SPID=""
trap '[[ -n $SPID ]] && kill $SPID 2>/dev/null; sleep 1; rm -rf $W' EXIT
B=http://127.0.0.1:$PORT

ms_since() { bc <<<"($EPOCHREALTIME - $1) * 1000 / 1"; }

# one_run [java options…]: prints "first-answer-ms first-200-ms cpu-ms-at-first-answer rss-MB".
one_run() {
  local dir=$W/run-$RANDOM t0 first ok rss cpu
  mkdir -p "$dir"
  t0=$EPOCHREALTIME
  (cd "$dir" && exec env STEWARD_PORT=$PORT STEWARD_ADMIN_PASSWORD=pw java "$@" -jar "$JAR" >server.log 2>&1) &
  SPID=$!
  until curl -s -o /dev/null "$B/api/v3.1/version"; do
    kill -0 $SPID 2>/dev/null || { echo "server exited, see $dir/server.log" >&2; exit 1; }
    sleep 0.01
  done
  first=$(ms_since "$t0")
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$SPID/stat)
  until curl -fs -o /dev/null -u admin:pw -H 'Tenant: default_tenant' "$B/api/v3.1/executions?_size=0"; do sleep 0.01; done
  ok=$(ms_since "$t0")
  sleep 10
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$SPID/status)
  kill $SPID; wait $SPID 2>/dev/null || true
  SPID=""
  echo "$first $ok $cpu $rss"
}

variant() {
  local label=$1
  shift
  local i firsts=() oks=() cpus=() rsss=()
  for ((i = 1; i <= RUNS; i++)); do
    read -r f o c r < <(one_run "$@")
    firsts+=("$f") oks+=("$o") cpus+=("$c") rsss+=("$r")
  done
  median() { printf '%s\n' "$@" | sort -n | sed -n "$(((${#@} + 1) / 2))p"; }
  printf '%-40s first answer median %5s ms (%s); first 200 median %5s ms; CPU to first answer median %5s ms (%s); idle RSS median %4s MB (%s); load %s\n' \
    "$label" "$(median "${firsts[@]}")" "${firsts[*]}" "$(median "${oks[@]}")" "$(median "${cpus[@]}")" "${cpus[*]}" \
    "$(median "${rsss[@]}")" "${rsss[*]}" "$(cut -d' ' -f1 /proc/loadavg)"
}

ARCHIVE=$W/steward.jsa
make_archive() {
  local dir=$W/train
  mkdir -p "$dir"
  (cd "$dir" && exec env STEWARD_PORT=$PORT STEWARD_ADMIN_PASSWORD=pw java -XX:ArchiveClassesAtExit="$ARCHIVE" \
    -jar "$JAR" >server.log 2>&1) &
  SPID=$!
  until curl -fs -o /dev/null -u admin:pw -H 'Tenant: default_tenant' "$B/api/v3.1/executions?_size=0"; do sleep 0.05; done
  kill $SPID; wait $SPID 2>/dev/null || true
  SPID=""
  [[ -s $ARCHIVE ]] || { echo "no archive written, see $dir/server.log" >&2; exit 1; }
}

echo "$(basename "$JAR"): $RUNS runs per variant, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
variant "default JVM options"
make_archive
variant "AppCDS archive" -XX:SharedArchiveFile="$ARCHIVE"
if [[ ${ALL_VARIANTS:-false} == true ]]; then
  variant "AppCDS + SerialGC, -Xmx256m" -XX:SharedArchiveFile="$ARCHIVE" -XX:+UseSerialGC -Xmx256m
  variant "AppCDS + SerialGC, -Xmx256m, C1 only" -XX:SharedArchiveFile="$ARCHIVE" -XX:+UseSerialGC -Xmx256m \
    -XX:TieredStopAtLevel=1
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
