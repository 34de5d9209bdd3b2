#!/usr/bin/env bash
# CPU cost per request: the CPU time the server JVM (and, on PostgreSQL, its database backends) spends per start, or
# per one-task execution end to end. Unlike a rate, it barely depends on what else runs on the machine, so it is the
# figure to compare builds with on a shared machine. See docs/benchmarks.md (run 4).
#
#   bench/cpu_per_request.sh <steward.jar> <h2|postgres> <starts|e2e> [basic|token]
#
# starts: the engine is off (steward.engine.enabled=false), so only the start path runs. e2e: the engine runs and the
# clock stops when every execution has terminated. Settings: N (2000 measured requests), WARM (600 warm-up
# requests), CAP (engine cap), PRELOAD (PostgreSQL only: that many ended executions
# inserted into the tenant first, bench/sql/insert_executions_postgres.sql, to see whether the cost per request grows
# with the tables), JAVA_OPTS (extra JVM options, for example a JFR recording). hey sends the requests (16 connections); hey -n rounds down to a multiple of 16.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR=$(realpath $1) DB=$2 MODE=$3 AUTH=${4:-basic}
PORT=${BENCH_PORT:-18681} N=${N:-2000} WARM=${WARM:-600}
W=$(mktemp -d /tmp/cpuprobe.XXXX); cd $W
env=(STEWARD_PORT=$PORT STEWARD_ADMIN_PASSWORD=pw)
[[ $MODE == starts ]] && env+=(STEWARD_ENGINE_ENABLED=false)
[[ -n ${CAP:-} ]] && env+=(STEWARD_ENGINE_MAX_RUNNING_EXECUTIONS=$CAP)
PGDB=""
if [[ $DB == postgres ]]; then PGDB=steward_bench_cpu_$$; psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PGDB"; env+=(STEWARD_DB_URL=jdbc:postgresql://127.0.0.1:5432/$PGDB STEWARD_DB_USER=postgres STEWARD_DB_PASSWORD=); fi
env "${env[@]}" java -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar $JAR > server.log 2>&1 & SPID=$!
trap 'kill $SPID 2>/dev/null; sleep 2; [[ -n $PGDB ]] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)"; rm -rf $W' EXIT
source "$BENCH_DIR/probe_lib.sh"
probe_one_task_deployment
if [[ -n ${PRELOAD:-} ]]; then
  [[ $DB == postgres ]] || { echo "PRELOAD needs postgres (H2's file is locked by the running server)" >&2; exit 2; }
  psql -q -h 127.0.0.1 -U postgres -d $PGDB -v rows=$PRELOAD -f "$BENCH_DIR/sql/insert_executions_postgres.sql" >/dev/null
fi
if [[ $AUTH == token ]]; then TOK=$("${A[@]}" -X POST -H 'Content-Type: application/json' -d '{"description":"b"}' $B/tokens | python3 -c 'import json,sys;print(json.load(sys.stdin)["value"])'); H="Authentication-Token: $TOK"; else H="Authorization: Basic $(printf admin:pw|base64)"; fi
start() { hey -n $1 -c 16 -m POST -T application/json -H 'Tenant: default_tenant' -H "$H" -d '{"deployment_id":"dep","workflow_id":"one_task","force":"true"}' $B/executions | grep -E "Requests/sec|\[201\]" | tr -s ' \t' ' ' | tr '\n' ' '; }
terminated() { execution_count "$B" terminated; }
total() { execution_count "$B"; }
wait_all() { local want; want=$(total); for i in $(seq 1 400); do [[ $(terminated) -ge $want ]] && return; sleep 0.25; done; echo "TIMEOUT $(terminated)/$want"; }
ticks() { cpu_ticks "$SPID" "$PGDB"; }
start $WARM >/dev/null; [[ $MODE == e2e ]] && wait_all $WARM
sleep 1
t0=$(ticks); s0=$EPOCHREALTIME
r=$(start $N; echo "created $(total)")
[[ $MODE == e2e ]] && wait_all $((WARM + N))
t1=$(ticks); s1=$EPOCHREALTIME
hz=$(getconf CLK_TCK)
echo "$(basename $JAR) $DB $MODE $AUTH${PRELOAD:+ preloaded $PRELOAD}: cpu/req $(bc <<<"scale=2; ($t1-$t0)*1000/$hz/$N") ms; wall $(bc <<<"scale=1; $s1-$s0") s; rate $(bc <<<"scale=0; $N/($s1-$s0)")/s; hey: $r; load $(cut -d' ' -f1 /proc/loadavg)"
