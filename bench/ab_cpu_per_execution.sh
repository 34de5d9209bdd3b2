#!/usr/bin/env bash
# CPU per one-task execution end to end, two builds side by side: both servers run at once, each on its own fresh
# PostgreSQL database, and take turns: a burst of executions to A, its CPU counted, then the same to B, for ROUNDS
# rounds. On a shared machine whose speed drifts by ±15 % between runs a minute apart, the two see the same drift, so
# their ratio holds where two separate runs of bench/cpu_per_request.sh cannot tell 10 % apart. See
# docs/benchmarks.md (run 13).
#
#   bench/ab_cpu_per_execution.sh <a.jar> <b.jar>
#
# Settings: ROUNDS (8), BURST (800 executions per turn; hey rounds it down to a multiple of 16), WARM (4000 per server
# first), AUTH (token), A_URL_SUFFIX / B_URL_SUFFIX (appended to each server's JDBC URL, for example
# '?reWriteBatchedInserts=true', to compare a connection setting with one jar given twice), A_ENV / B_ENV (extra
# VAR=value settings of each server, split on spaces, for example 'STEWARD_DB_POOL_SIZE=8'), A_SQL / B_SQL (SQL run
# on that server's database once it is migrated and deployed, to try a schema change). CPU = the server JVM's
# user + system time and that of its database's PostgreSQL backends, from /proc.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR_A=$(realpath "$1") JAR_B=$(realpath "$2")
ROUNDS=${ROUNDS:-8} BURST=${BURST:-800} WARM=${WARM:-4000}
W=$(mktemp -d /tmp/abcpu.XXXX)
HZ=$(getconf CLK_TCK)
declare -A PID PORTS DB TOKEN
PORTS[a]=18691 PORTS[b]=18692

cleanup() {
  for s in a b; do [[ -n ${PID[$s]:-} ]] && kill "${PID[$s]}" 2>/dev/null || true; done
  sleep 2
  for s in a b; do
    [[ -n ${DB[$s]:-} ]] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS ${DB[$s]} WITH (FORCE)" || true
  done
  rm -rf "$W"
}
trap cleanup EXIT

start_server() { # <a|b> <jar> <url suffix> [VAR=value ...]
  local s=$1 jar=$2 suffix=$3
  shift 3
  DB[$s]=steward_bench_ab_${s}_$$
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE ${DB[$s]}"
  mkdir -p "$W/$s"
  (cd "$W/$s" && exec env STEWARD_PORT="${PORTS[$s]}" STEWARD_ADMIN_PASSWORD=pw \
    STEWARD_DB_URL="jdbc:postgresql://127.0.0.1:5432/${DB[$s]}$suffix" STEWARD_DB_USER=postgres STEWARD_DB_PASSWORD= \
    "$@" java -XX:+ExitOnOutOfMemoryError -jar "$jar" >server.log 2>&1) &
  PID[$s]=$!
}

# shellcheck source=probe_lib.sh
source "$BENCH_DIR/probe_lib.sh"

prepare() { # <a|b>: the one-task deployment (probe_lib.sh) and a token
  local s=$1
  PORT=${PORTS[$s]} SPID=${PID[$s]}
  probe_one_task_deployment
  TOKEN[$s]=$("${A[@]}" -X POST -H 'Content-Type: application/json' -d '{"description":"ab"}' "$B/tokens" |
    python3 -c 'import json,sys;print(json.load(sys.stdin)["value"])')
}

api() { echo "http://127.0.0.1:${PORTS[$1]}/api/v3.1"; }

burst() { # <a|b> <n>: n forced starts, 16 connections
  local auth="Authorization: Basic $(printf admin:pw | base64)"
  [[ ${AUTH:-token} == token ]] && auth="Authentication-Token: ${TOKEN[$1]}"
  hey -n "$2" -c 16 -m POST -T application/json -H 'Tenant: default_tenant' -H "$auth" \
    -d '{"deployment_id":"dep","workflow_id":"one_task","force":"true"}' "$(api "$1")/executions" >/dev/null
}

count() { execution_count "$(api "$1")" "${2:-}"; } # <a|b> [status]

await_all_ended() { # <a|b>
  local want i
  want=$(count "$1")
  for i in $(seq 1 1200); do [[ $(count "$1" terminated) -ge $want ]] && return; sleep 0.1; done
  echo "TIMEOUT on $1: $(count "$1" terminated)/$want terminated" >&2
  exit 1
}

ticks() { cpu_ticks "${PID[$1]}" "${DB[$1]}"; } # <a|b>: the JVM's and its database backends' CPU ticks

# shellcheck disable=SC2086
start_server a "$JAR_A" "${A_URL_SUFFIX:-}" ${A_ENV:-}
# shellcheck disable=SC2086
start_server b "$JAR_B" "${B_URL_SUFFIX:-}" ${B_ENV:-}
prepare a
prepare b
[[ -n ${A_SQL:-} ]] && psql -q -h 127.0.0.1 -U postgres -d "${DB[a]}" -c "$A_SQL"
[[ -n ${B_SQL:-} ]] && psql -q -h 127.0.0.1 -U postgres -d "${DB[b]}" -c "$B_SQL"
for s in a b; do burst $s "$WARM"; await_all_ended $s; done

declare -A TICKS=([a]=0 [b]=0) DONE=([a]=0 [b]=0)
for r in $(seq 1 "$ROUNDS"); do
  for s in a b; do
    before=$(count $s)
    t0=$(ticks $s)
    burst $s "$BURST"
    await_all_ended $s
    t1=$(ticks $s)
    n=$(( $(count $s) - before ))
    TICKS[$s]=$(( TICKS[$s] + t1 - t0 )) DONE[$s]=$(( DONE[$s] + n ))
    echo "round $r $s: $n executions, $(bc <<<"scale=2; ($t1-$t0)*1000/$HZ/$n") ms CPU each" >&2
  done
done
a_ms=$(bc <<<"scale=3; ${TICKS[a]}*1000/$HZ/${DONE[a]}")
b_ms=$(bc <<<"scale=3; ${TICKS[b]}*1000/$HZ/${DONE[b]}")
echo "A $(basename "$JAR_A")${A_URL_SUFFIX:-} ${A_ENV:-}: $a_ms ms CPU per execution (${DONE[a]} executions)"
echo "B $(basename "$JAR_B")${B_URL_SUFFIX:-} ${B_ENV:-}: $b_ms ms CPU per execution (${DONE[b]} executions)"
echo "B/A: $(bc <<<"scale=3; $b_ms/$a_ms"); load $(cut -d' ' -f1 /proc/loadavg)"
