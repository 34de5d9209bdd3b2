#!/usr/bin/env bash
# Statements the database runs per forced start (engine off, basic auth, cached caller): counted, not timed, so the
# machine's load does not blur them. See docs/bench-notes/start.md.
#
#   bench/statements_per_start.sh <steward.jar> <h2|postgres>      (N counted starts after 30 warm-up ones, N=50)
#
# postgres: a throwaway database whose statements are logged (ALTER DATABASE … SET log_statement = 'all'); the
# server log's lines for that database are tallied (needs read access to the PostgreSQL log, PG_LOG).
# h2: the server runs with AUTO_SERVER=TRUE so that a second process can read INFORMATION_SCHEMA.QUERY_STATISTICS.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR=$(realpath $1) DB=$2 N=${N:-50} PORT=${BENCH_PORT:-18681}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
W=$(mktemp -d /tmp/stmtcount.XXXX); cd $W
env=(STEWARD_PORT=$PORT STEWARD_ADMIN_PASSWORD=pw STEWARD_ENGINE_ENABLED=false)
PGDB=""
if [[ $DB == postgres ]]; then
  PGDB=steward_bench_stmts_$$
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PGDB"
  psql -q -h 127.0.0.1 -U postgres -c "ALTER DATABASE $PGDB SET log_statement = 'all'"
  env+=(STEWARD_DB_URL=jdbc:postgresql://127.0.0.1:5432/$PGDB STEWARD_DB_USER=postgres STEWARD_DB_PASSWORD=)
else
  URL="jdbc:h2:file:$W/steward-data/steward;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
  env+=(STEWARD_DB_URL="$URL")
fi
env "${env[@]}" java -XX:+ExitOnOutOfMemoryError -jar $JAR > server.log 2>&1 & SPID=$!
trap 'kill $SPID 2>/dev/null; sleep 2; [[ -n $PGDB ]] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)"; rm -rf $W' EXIT
source "$BENCH_DIR/probe_lib.sh"
probe_one_task_deployment
start() { "${A[@]}" -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"deployment_id":"dep","workflow_id":"one_task","force":true}' $B/executions; }
for i in $(seq 1 30); do start; done
if [[ $DB == postgres ]]; then
  sleep 1.5
  offset=$(stat -c %s "$PG_LOG")
  for i in $(seq 1 $N); do start; done
  sleep 0.5
  tail -c +$((offset + 1)) "$PG_LOG" | grep "@$PGDB " | grep -E "LOG:  (statement|execute)" > statements.txt || true
  echo "$(basename $JAR) postgres: $(bc <<<"scale=2; $(wc -l < statements.txt)/$N") logged statements per start"
  sed -E 's/.*LOG:  //; s/\$[0-9]+/?/g' statements.txt | sed -E "s/'[^']*'/'x'/g" | cut -c1-140 | sort | uniq -c | sort -rn
else
  shell() { java -cp $JAR org.h2.tools.Shell -url "$URL" -user sa -password '' -sql "$1"; }
  shell "SET QUERY_STATISTICS TRUE" >/dev/null
  for i in $(seq 1 $N); do start; done
  echo "$(basename $JAR) h2: executions per statement over $N starts"
  shell "SELECT EXECUTION_COUNT, LEFT(SQL_STATEMENT, 120) FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY EXECUTION_COUNT DESC"
fi
