# Helpers shared by the benchmark scripts: one Steward server at a time, its database, and the API calls they need.
# Sourced by run.sh; expects BENCH_DIR, WORK, JAR, PORT, ADMIN_PASSWORD and RESULTS to be set.

BASE="http://127.0.0.1:${PORT}"
API="${BASE}/api/v3.1"
SERVER_PID=""
SERVER_DB=""          # h2 or postgres
SERVER_DIR=""         # working dir of the running server (its H2 files live in ./steward-data/)
SERVER_PGDB=""        # the PostgreSQL database of the running server
SERVER_ENV=()         # the environment the running server was started with (server_restart_after reuses it)
SERVER_OPTS=""        # its JVM options
PG_DATABASES=()       # every PostgreSQL database created, dropped on exit

log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# --- server -------------------------------------------------------------------------------------------------------

# server_start <h2|postgres> <name> [extra VAR=value ...]: a fresh server on a fresh database.
server_start() {
  local db=$1 name=$2
  shift 2
  SERVER_DB=$db
  SERVER_DIR="$WORK/$db-$name"
  rm -rf "$SERVER_DIR" && mkdir -p "$SERVER_DIR"
  local -a env=(STEWARD_PORT="$PORT" STEWARD_ADMIN_PASSWORD="$ADMIN_PASSWORD")
  if [[ $db == postgres ]]; then
    local pgdb="steward_bench_${name//-/_}_$$"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pgdb" >/dev/null
    PG_DATABASES+=("$pgdb")
    SERVER_PGDB=$pgdb
    env+=(STEWARD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$pgdb" STEWARD_DB_USER=postgres STEWARD_DB_PASSWORD=)
  fi
  # SERVER_JAVA_OPTS: JVM options of this server only (e.g. -Xmx512m), split on spaces. Both are kept for a restart.
  SERVER_ENV=("${env[@]}" "$@")
  SERVER_OPTS=${SERVER_JAVA_OPTS:-}
  # shellcheck disable=SC2086
  (cd "$SERVER_DIR" && exec env "${SERVER_ENV[@]}" java $SERVER_OPTS -XX:+ExitOnOutOfMemoryError -jar "$JAR" \
    >server.log 2>&1) &
  SERVER_PID=$!
  # BENCH_START_TIMEOUT: seconds a server may take to start (a loaded machine makes Micronaut's start slow).
  local deadline=$((SECONDS + ${BENCH_START_TIMEOUT:-180}))
  until curl -fs -o /dev/null -u "admin:$ADMIN_PASSWORD" -H 'Tenant: default_tenant' "$API/executions?_size=0"; do
    kill -0 "$SERVER_PID" 2>/dev/null || die "server exited during startup, see $SERVER_DIR/server.log"
    ((SECONDS < deadline)) || die "server not ready after ${BENCH_START_TIMEOUT:-180} s, see $SERVER_DIR/server.log"
    sleep 0.2
  done
  log "server $SERVER_PID up on $db ($name)"
}

# server_restart_after <function>: stops the server, runs the function, starts the server again on the same database
# (used for H2, whose file only another process can write while the server is down).
server_restart_after() {
  local action=$1
  server_stop_process
  "$action"
  local db=$SERVER_DB
  # shellcheck disable=SC2086
  (cd "$SERVER_DIR" && exec env "${SERVER_ENV[@]}" java $SERVER_OPTS -XX:+ExitOnOutOfMemoryError -jar "$JAR" \
    >>server.log 2>&1) &
  SERVER_PID=$!
  local deadline=$((SECONDS + ${BENCH_START_TIMEOUT:-180}))
  until curl -fs -o /dev/null -u "admin:$ADMIN_PASSWORD" -H 'Tenant: default_tenant' "$API/executions?_size=0"; do
    ((SECONDS < deadline)) || die "server not ready after restart, see $SERVER_DIR/server.log"
    sleep 0.2
  done
  log "server $SERVER_PID restarted on $db"
}

server_stop_process() {
  [[ -n $SERVER_PID ]] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    if ((SECONDS >= deadline)); then kill -9 "$SERVER_PID" 2>/dev/null || true; fi
    sleep 0.1
  done
  SERVER_PID=""
}

server_stop() {
  server_stop_process
  if [[ $SERVER_DB == postgres && -n ${SERVER_PGDB:-} ]]; then
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $SERVER_PGDB" >/dev/null || true
    SERVER_PGDB=""
  fi
}

cleanup() {
  server_stop_process
  for pgdb in "${PG_DATABASES[@]}"; do
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true
  done
}

# --- API ----------------------------------------------------------------------------------------------------------

# api <METHOD> <path under /api/v3.1> [curl args]: prints the body; fails on an HTTP error.
api() {
  local method=$1 path=$2
  shift 2
  curl -fsS -X "$method" -u "admin:$ADMIN_PASSWORD" -H 'Tenant: default_tenant' "$@" "$API$path"
}

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

upload_yaml_blueprint() { api PUT "/blueprints/$1" -H 'Content-Type: application/yaml' --data-binary "@$2" >/dev/null; }

upload_archive_blueprint() {
  api PUT "/blueprints/$1" -H 'Content-Type: application/octet-stream' --data-binary "@$2" >/dev/null
}

create_deployment() {
  api PUT "/deployments/$1" -H 'Content-Type: application/json' \
    -d "{\"blueprint_id\":\"$2\",\"inputs\":${3:-{\}}}" >/dev/null
}

new_token() {
  api POST /tokens -H 'Content-Type: application/json' -d '{"description":"bench"}' | json_field "['value']"
}

count_status() { api GET "/executions?status=$1&_size=0" | json_field "['metadata']['pagination']['total']"; }

# one_task_setup <deployments>: blueprint bench-bp and deployments bench-dep-1 … bench-dep-<n>.
one_task_setup() {
  upload_yaml_blueprint bench-bp "$BENCH_DIR/blueprints/one_task.yaml"
  local i
  for ((i = 1; i <= $1; i++)); do create_deployment "bench-dep-$i" bench-bp; done
}

# --- load tools ---------------------------------------------------------------------------------------------------

# wrk_run <lua script> <connections> <seconds> [VAR=value ...]: prints wrk's RESULT line (see lua/common.lua).
wrk_run() {
  local script=$1 conns=$2 secs=$3
  shift 3
  env BENCH_LUA_DIR="$BENCH_DIR/lua" "$@" \
    wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$BENCH_DIR/lua/$script" "$BASE" | grep '^RESULT'
}

# field <name> <RESULT line>: one value out of a "RESULT a=1 b=2" line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# hey_rate <total rate/s> <workers> <seconds> <auth header> [deployment]: rate-limited POST /executions.
# Prints a RESULT line; percentiles come from hey's per-request CSV, not its summary (which drops empty buckets).
hey_rate() {
  local rate=$1 workers=$2 secs=$3 auth=$4 dep=${5:-bench-dep-1}
  local per_worker=$(((rate + workers - 1) / workers))
  hey -z "${secs}s" -q "$per_worker" -c "$workers" -o csv -m POST -T application/json -H 'Tenant: default_tenant' \
    -H "$auth" -d "{\"deployment_id\":\"$dep\",\"workflow_id\":\"one_task\",\"force\":\"true\"}" "$API/executions" |
    awk -F, 'NR > 1 { print $1 * 1000, $7 }' | sort -n |
    awk -v secs="$secs" '{ ms[NR] = $1; if ($2 != 201) bad++ }
      END { printf "RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d\n",
            NR / secs, ms[int(NR * 0.50) + 1], ms[int(NR * 0.99) + 1], ms[NR], bad }'
}

# record <db> <benchmark> <figure> <target> [note]: one row of the results table.
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" >>"$RESULTS"; log "$1 | $2 | $3 | target $4 ${5:+| $5}"; }

load_note() { uptime | sed 's/.*load average: /load /'; }
