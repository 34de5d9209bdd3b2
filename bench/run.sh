#!/usr/bin/env bash
# Runs every Steward benchmark on H2 and on PostgreSQL and prints one results table. See docs/benchmarks.md.
#
#   bench/run.sh                          build the jar, then benchmark it
#   STEWARD_JAR=/path/steward.jar bench/run.sh   benchmark a prebuilt jar
#
# Settings (environment): BENCH_DBS ("h2 postgres"), BENCH_PORT (18181), BENCH_SECONDS (15, per load run),
# BENCH_WARMUP_SECONDS (10, before each load run),
# BENCH_CONNECTIONS (16), BENCH_E2E_COUNT (2000), BENCH_E2E_TIMEOUT (90 s), BENCH_KILL_RUNS (7),
# BENCH_LIST_ROWS (100000), BENCH_OGC_COUNT (1000), BENCH_OGC_LATENCY_RUNS (20),
# BENCH_ONLY ("starts e2e kill list ogc"), BENCH_WORK (a new directory under /tmp),
# BENCH_START_TIMEOUT (60 s for a server to answer), BENCH_E2E_VARIANTS ("1 16 cap": one deployment, 16 deployments, the cap-5000 diagnostic),
# BENCH_PEER_COUNT (20000 tasks for the db-scheduler peer), BENCH_PEER_THREADS (10), PEER_JAR (a prebuilt peer jar).
# The e2e benchmark on PostgreSQL is followed by the peer (bench/peer-db-scheduler, db-scheduler draining bare one-time
# tasks from the same PostgreSQL) and the ratio Steward/db-scheduler.
# PostgreSQL must listen on 127.0.0.1:5432 with trust auth for user postgres; a fresh database is made per server
# and dropped at the end. Every server started here is stopped by pid on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH_DIR")
DBS=${BENCH_DBS:-h2 postgres}
PORT=${BENCH_PORT:-18181}
SECS=${BENCH_SECONDS:-15}
# Warm-up before each measured load run: the JIT keeps compiling the request path for several seconds on two cores
# (docs/bench-notes/floor.md), and a long-running server does not pay that.
WARMUP=${BENCH_WARMUP_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-16}
E2E_COUNT=${BENCH_E2E_COUNT:-2000}
E2E_TIMEOUT=${BENCH_E2E_TIMEOUT:-90}
KILL_RUNS=${BENCH_KILL_RUNS:-7}
LIST_ROWS=${BENCH_LIST_ROWS:-100000}
ONLY=${BENCH_ONLY:-starts e2e kill list ogc}
OGC_COUNT=${BENCH_OGC_COUNT:-1000}
OGC_LATENCY_RUNS=${BENCH_OGC_LATENCY_RUNS:-20}
E2E_VARIANTS=${BENCH_E2E_VARIANTS:-1 16 cap}
PEER_COUNT=${BENCH_PEER_COUNT:-20000}
PEER_THREADS=${BENCH_PEER_THREADS:-10}
STEWARD_PG_E2E_RATE=""   # one-task e2e rate on PostgreSQL (1 deployment), for the ratio to the peer
WORK=${BENCH_WORK:-$(mktemp -d /tmp/steward-bench.XXXXXX)}
mkdir -p "$WORK"
ADMIN_PASSWORD=bench-$RANDOM$RANDOM
RESULTS=$WORK/results.tsv
BASIC_HEADER="Authorization: Basic $(printf 'admin:%s' "$ADMIN_PASSWORD" | base64)"
source "$BENCH_DIR/lib.sh"
trap cleanup EXIT

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v hey >/dev/null || missing+=(hey)
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]} from Debian"
  apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
}

build_jar() {
  if [[ -n ${STEWARD_JAR:-} ]]; then
    JAR=$(realpath "$STEWARD_JAR")
  else
    log "building manager-api"
    (cd "$REPO" && ./mvnw -q -pl manager-api -am package -DskipTests)
    JAR=$REPO/manager-api/target/steward.jar
  fi
  [[ -f $JAR ]] || die "no jar at $JAR"
}

# --- 1. start-execution throughput and latency ----------------------------------------------------------------------

# bench_starts <db> <basic|token>: peak with wrk, then a hey run rate-limited to half the peak. Each on a fresh server,
# because every start leaves an execution that the engine then works through, and that backlog would load the next
# run. Each measured run follows a short warm-up of the same requests (JIT).
# bench_starts <db> <basic|token> [api-only]: api-only runs the server with its engine off (STEWARD_ENGINE_ENABLED=false,
# a supported role in a cluster: API servers accept starts, other servers run them), so the figure is the API's own
# rate without the engine working through the backlog of started executions on the same two cores.
bench_starts() {
  local db=$1 auth=$2 mode=${3:-} peak half label=""
  local -a extra=()
  if [[ $mode == api-only ]]; then
    extra=(STEWARD_ENGINE_ENABLED=false)
    label=", API-only server"
  fi
  server_start "$db" "starts-$auth${mode:+-$mode}" "${extra[@]}"
  one_task_setup 1
  local cred
  cred=$(auth_credential "$auth")
  wrk_run start.lua "$CONNS" "$WARMUP" BENCH_AUTH="$cred" BENCH_DEPLOYMENT=bench-dep-1 >/dev/null
  log "start peak, $auth auth, $CONNS connections, ${SECS}s ($(load_note))"
  peak=$(wrk_run start.lua "$CONNS" "$SECS" BENCH_AUTH="$cred" BENCH_DEPLOYMENT=bench-dep-1)
  record "$db" "starts/s peak ($auth$label, 1 deployment, wrk -c$CONNS)" \
    "$(field rps "$peak")/s p50 $(field p50_ms "$peak") ms p99 $(field p99_ms "$peak") ms" \
    "$([[ $db == h2 ]] && echo '>= 2000/s' || echo '>= 1000/s')" "non-2xx $(field non2xx "$peak"); $(load_note)"
  server_stop

  server_start "$db" "starts-$auth-half${mode:+-$mode}" "${extra[@]}"
  one_task_setup 1
  local header rate=$(($(field rps "$peak") / 2))
  header=$(auth_header "$auth")
  ((rate > 0)) || rate=1
  hey_rate "$rate" 8 "$WARMUP" "$header" >/dev/null
  log "start at half peak ($rate/s), $auth auth ($(load_note))"
  half=$(hey_rate "$rate" 8 "$SECS" "$header")
  record "$db" "start p99 at ~half peak ($auth$label, hey 8 workers)" \
    "asked $rate/s got $(field rps "$half")/s: p50 $(field p50_ms "$half") ms p99 $(field p99_ms "$half") ms" \
    "p99 < 25 ms" "non-201 $(field non2xx "$half"); $(load_note)"
  server_stop
}

# bench_starts_spread <db>: the same peak measurement with starts spread over 16 deployments. Not a target of its own:
# it shows how much of the single-deployment figure is the per-deployment row lock every start takes.
bench_starts_spread() {
  local db=$1 peak
  server_start "$db" starts-spread
  one_task_setup 16
  local cred
  cred=$(auth_credential basic)
  wrk_run start_many.lua "$CONNS" "$WARMUP" BENCH_AUTH="$cred" BENCH_COUNT=100000000 BENCH_DEPLOYMENTS=16 >/dev/null
  log "start peak over 16 deployments ($(load_note))"
  peak=$(wrk_run start_many.lua "$CONNS" "$SECS" BENCH_AUTH="$cred" BENCH_COUNT=100000000 BENCH_DEPLOYMENTS=16)
  record "$db" "starts/s peak (basic, 16 deployments, wrk -c$CONNS) [diagnostic]" \
    "$(field rps "$peak")/s p50 $(field p50_ms "$peak") ms p99 $(field p99_ms "$peak") ms" "-" \
    "non-2xx $(field non2xx "$peak"); $(load_note)"
  server_stop
}

auth_credential() {
  if [[ $1 == token ]]; then echo "token:$(new_token)"; else echo "basic:admin:$ADMIN_PASSWORD"; fi
}

auth_header() {
  if [[ $1 == token ]]; then echo "Authentication-Token: $(new_token)"; else echo "$BASIC_HEADER"; fi
}

# --- 2. end-to-end executions/s of the one-task workflow ------------------------------------------------------------

# bench_e2e <db> <deployments> [label VAR=value…]: submit E2E_COUNT starts as fast as hey can (one hey per deployment,
# 16 connections in all), then poll until the server holds that many terminated executions, or E2E_TIMEOUT passes.
# Server settings after the label (e.g. a raised engine cap) make a diagnostic variant.
bench_e2e() {
  local db=$1 deps=$2 label=${3:-} i
  shift $(($# < 3 ? $# : 3))
  server_start "$db" "e2e-$deps${label:+-diag}" "$@"
  one_task_setup "$deps"
  local conns=$(((CONNS + deps - 1) / deps))
  # hey -n rounds down to a multiple of -c: wait for what it will really send, not for what was asked.
  local per=$((E2E_COUNT / deps / conns * conns))
  log "e2e: $((per * deps)) one-task executions over $deps deployment(s) ($(load_note))"
  local t0=$EPOCHREALTIME submitters=()
  for ((i = 1; i <= deps; i++)); do
    hey -n "$per" -c "$conns" -m POST -T application/json -H 'Tenant: default_tenant' -H "$BASIC_HEADER" \
      -d "{\"deployment_id\":\"bench-dep-$i\",\"workflow_id\":\"one_task\",\"force\":\"true\"}" "$API/executions" \
      >"$WORK/e2e-$db-$deps-$i.txt" &
    submitters+=($!)
  done
  wait "${submitters[@]}"
  local t_submitted=$EPOCHREALTIME
  local want=$((per * deps)) finished=0 deadline=$((SECONDS + E2E_TIMEOUT))
  while ((SECONDS < deadline)); do
    finished=$(count_status terminated)
    ((finished >= want)) && break
    sleep 0.25
  done
  local t1=$EPOCHREALTIME
  local submit_s elapsed rate
  submit_s=$(bc <<<"scale=2; ($t_submitted - $t0) / 1")
  elapsed=$(bc <<<"scale=2; ($t1 - $t0) / 1")
  rate=$(bc <<<"scale=0; $finished / ($t1 - $t0)")
  local note="submitted in ${submit_s}s; $(load_note)"
  ((finished >= want)) || note="TIMED OUT: $finished of $want terminated after ${E2E_TIMEOUT}s (queued $(count_status queued)); $note"
  record "$db" "one-task e2e ($want over $deps deployment(s))${label:+ [$label]}" "$rate/s ($finished in ${elapsed}s)" ">= 1000/s" "$note"
  [[ $db == postgres && $deps == 1 && -z $label ]] && STEWARD_PG_E2E_RATE=$rate
  server_stop
}

# --- 2b. the peer: db-scheduler draining bare one-time tasks from the same PostgreSQL ------------------------------

build_peer() {
  if [[ -n ${PEER_JAR:-} ]]; then
    PEER_JAR=$(realpath "$PEER_JAR")
  else
    log "building the db-scheduler peer (bench/peer-db-scheduler, not part of the main build)"
    (cd "$REPO" && ./mvnw -q -f bench/peer-db-scheduler/pom.xml package)
    PEER_JAR=$REPO/bench/peer-db-scheduler/target/peer-db-scheduler.jar
  fi
  [[ -f $PEER_JAR ]] || die "no peer jar at $PEER_JAR"
}

# bench_peer: PEER_COUNT due one-time tasks with an empty body, drained by PEER_THREADS threads (lock-and-fetch);
# then the ratio of Steward's one-task e2e rate (same run, same PostgreSQL) to the peer's rate.
bench_peer() {
  build_peer
  local pgdb="steward_bench_peer_$$" r
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pgdb" >/dev/null
  PG_DATABASES+=("$pgdb")
  log "peer: db-scheduler drains $PEER_COUNT bare one-time tasks, $PEER_THREADS threads ($(load_note))"
  r=$(java -jar "$PEER_JAR" "jdbc:postgresql://127.0.0.1:5432/$pgdb" postgres "$PEER_COUNT" "$PEER_THREADS" | grep '^RESULT')
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null || true
  local peer_rate
  peer_rate=$(field rate "$r")
  record postgres "peer: db-scheduler 16.7.1 drain ($(field tasks "$r") bare one-time tasks, $PEER_THREADS threads)" \
    "$peer_rate/s ($(field seconds "$r") s, CPU $(field cpu_ms_per_task "$r") ms/task)" "-" "$(load_note)"
  if [[ -n $STEWARD_PG_E2E_RATE && ${peer_rate:-0} -gt 0 ]]; then
    record postgres "ratio Steward one-task e2e / db-scheduler drain" \
      "$(printf '%.2f' "$(bc -l <<<"$STEWARD_PG_E2E_RATE / $peer_rate")")" ">= 0.4" "$STEWARD_PG_E2E_RATE/s vs $peer_rate/s"
  fi
}

# --- 3. kill → process tree gone -------------------------------------------------------------------------------------

# alive <pid…>: true while any of them exists and is not a zombie (a zombie has exited; only its parent must reap it).
alive() {
  local pid state
  for pid in "$@"; do
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || continue
    [[ $state != Z ]] && return 0
  done
  return 1
}

bench_kill() {
  local db=$1 run id pids t0 t1 deadline
  server_start "$db" kill
  tar -czf "$WORK/long.tar.gz" -C "$BENCH_DIR/blueprints" long
  upload_archive_blueprint long-bp "$WORK/long.tar.gz"
  local pid_file=$SERVER_DIR/long.pids
  create_deployment long-dep long-bp "{\"pid_file\":\"$pid_file\"}"
  local times=()
  for ((run = 1; run <= KILL_RUNS; run++)); do
    rm -f "$pid_file"
    id=$(api POST /executions -H 'Content-Type: application/json' \
      -d '{"deployment_id":"long-dep","workflow_id":"long_task","force":"true"}' | json_field "['id']")
    deadline=$((SECONDS + 30))
    until [[ -s $pid_file ]]; do
      ((SECONDS < deadline)) || die "execution $id wrote no pid file in 30 s"
      sleep 0.05
    done
    read -ra pids <"$pid_file"
    t0=$EPOCHREALTIME
    api POST "/executions/$id" -H 'Content-Type: application/json' -d '{"action":"kill"}' >/dev/null
    deadline=$((SECONDS + 30))
    while alive "${pids[@]}"; do
      ((SECONDS < deadline)) || die "process tree ${pids[*]} still alive 30 s after kill"
      sleep 0.01
    done
    t1=$EPOCHREALTIME
    times+=("$(bc <<<"($t1 - $t0) * 1000 / 1")")
    deadline=$((SECONDS + 30))
    until [[ $(api GET "/executions/$id?_include=status" | json_field "['status']") == cancelled ]]; do
      ((SECONDS < deadline)) || die "execution $id not cancelled 30 s after kill"
      sleep 0.05
    done
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median max
  median=$(sed -n "$(((KILL_RUNS + 1) / 2))p" <<<"$sorted")
  max=$(tail -1 <<<"$sorted")
  record "$db" "kill -> tree gone ($KILL_RUNS runs, 4 processes)" "median $median ms, max $max ms" "< 1000 ms" \
    "all runs (ms): ${times[*]}; $(load_note)"
  server_stop
}

# --- 4. list latency with many executions ---------------------------------------------------------------------------

insert_h2_rows() {
  sed "s/ROWS/$LIST_ROWS/" "$BENCH_DIR/sql/insert_executions_h2.sql" >"$WORK/insert_h2.sql"
  local url="jdbc:h2:file:$SERVER_DIR/steward-data/steward;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  java -cp "$JAR" org.h2.tools.RunScript -user sa -password '' -script "$WORK/insert_h2.sql" -url "$url"
  java -cp "$JAR" org.h2.tools.RunScript -user sa -password '' -script "$BENCH_DIR/sql/recount_executions_h2.sql" \
    -url "$url" -continueOnError 2>/dev/null || true
}

bench_list() {
  local db=$1 r path
  server_start "$db" list
  one_task_setup 1
  log "inserting $LIST_ROWS executions"
  if [[ $db == postgres ]]; then
    psql -q -h 127.0.0.1 -U postgres -d "$SERVER_PGDB" -v rows="$LIST_ROWS" \
      -f "$BENCH_DIR/sql/insert_executions_postgres.sql" >/dev/null
  else
    server_restart_after insert_h2_rows
  fi
  local total
  total=$(api GET '/executions?_size=0' | json_field "['metadata']['pagination']['total']")
  for path in '/api/v3.1/executions?_size=50' '/api/v3.1/executions?_size=1000&_include=id,status,created_at'; do
    wrk_run get.lua 4 "$WARMUP" BENCH_AUTH="basic:admin:$ADMIN_PASSWORD" BENCH_PATH="$path" >/dev/null
    r=$(wrk_run get.lua 4 "$SECS" BENCH_AUTH="basic:admin:$ADMIN_PASSWORD" BENCH_PATH="$path")
    local target='p99 < 20 ms'
    [[ $path == *_size=1000* ]] && target='p99 < 100 ms'
    record "$db" "list ${path#/api/v3.1} ($total rows, wrk -c4)" \
      "$(field rps "$r")/s p50 $(field p50_ms "$r") ms p99 $(field p99_ms "$r") ms" "$target" \
      "non-2xx $(field non2xx "$r"); $(load_note)"
  done
  server_stop
}

# --- 5. OGC API - Processes: async echo submissions/s and submit → successful -----------------------------------------

# bench_ogc <db>: the first echo job creates the tenant's ogcapi-process blueprint and the echo deployment (warm-up);
# then OGC_COUNT async submissions as fast as hey can with 16 connections, timed until the server holds that many
# terminated executions; then OGC_LATENCY_RUNS single jobs, each timed from submit until GET /jobs/{id} says
# successful (polled every 10 ms, so the figure includes up to 10 ms of polling).
bench_ogc() {
  local db=$1 i
  server_start "$db" ogc
  local exec_url="$BASE/ogcapi/processes/echo/execution"
  curl -fsS -o /dev/null -u "admin:$ADMIN_PASSWORD" -H 'Tenant: default_tenant' -H 'Content-Type: application/json' \
    -d '{"inputs":{"a":"warm-up"}}' "$exec_url"
  log "ogc: $OGC_COUNT async echo submissions ($(load_note))"
  local t0=$EPOCHREALTIME
  hey -n "$OGC_COUNT" -c "$CONNS" -m POST -T application/json -H 'Tenant: default_tenant' -H "$BASIC_HEADER" \
    -H 'Prefer: respond-async' -d '{"inputs":{"a":"bench"}}' "$exec_url" >"$WORK/ogc-$db.txt"
  # hey -n rounds down to a multiple of -c; the warm-up job is one more.
  local sent=$((OGC_COUNT / CONNS * CONNS))
  local t_submitted=$EPOCHREALTIME want=$((sent + 1)) finished=0 deadline=$((SECONDS + E2E_TIMEOUT))
  while ((SECONDS < deadline)); do
    finished=$(count_status terminated)
    ((finished >= want)) && break
    sleep 0.25
  done
  local t1=$EPOCHREALTIME
  local submit_rate e2e_rate
  submit_rate=$(bc <<<"scale=0; $sent / ($t_submitted - $t0)")
  e2e_rate=$(bc <<<"scale=0; ($finished - 1) / ($t1 - $t0)")
  local codes
  codes=$(grep -o '\[[0-9]*\][[:space:]]*[0-9]* responses' "$WORK/ogc-$db.txt" | tr -s ' ' | paste -sd' ')
  record "$db" "OGC async echo submissions ($OGC_COUNT)" "$submit_rate/s" "" "$codes; $(load_note)"
  record "$db" "OGC async echo submit → all successful" "$e2e_rate/s ($((finished - 1)) in $(bc <<<"scale=2; ($t1 - $t0) / 1")s)" "" ""
  local times=()
  for ((i = 1; i <= OGC_LATENCY_RUNS; i++)); do
    local start=$EPOCHREALTIME job
    job=$(curl -fsS -u "admin:$ADMIN_PASSWORD" -H 'Tenant: default_tenant' -H 'Content-Type: application/json' \
      -H 'Prefer: respond-async' -d '{"inputs":{"a":"one"}}' "$exec_url" | json_field "['jobID']")
    until curl -fsS -u "admin:$ADMIN_PASSWORD" -H 'Tenant: default_tenant' "$BASE/ogcapi/jobs/$job" |
      grep -q '"status":"successful"'; do
      sleep 0.01
    done
    times+=("$(bc <<<"scale=0; ($EPOCHREALTIME - $start) * 1000 / 1")")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  record "$db" "OGC echo submit → successful, one job at a time ($OGC_LATENCY_RUNS runs)" \
    "p50 $(sed -n "$(((OGC_LATENCY_RUNS + 1) / 2))p" <<<"$sorted") ms, max $(tail -1 <<<"$sorted") ms" "" "$(load_note)"
  server_stop
}

# --- main -----------------------------------------------------------------------------------------------------------

selected() { [[ " $ONLY " == *" $1 "* ]]; }

print_table() {
  {
    printf 'DB\tBENCHMARK\tRESULT\tTARGET\tNOTES\n'
    cat "$RESULTS"
  } | column -t -s $'\t'
}

main() {
  install_tools
  build_jar
  : >"$RESULTS"
  log "jar $JAR, work dir $WORK, $(nproc) cores, $(load_note)"
  for db in $DBS; do
    if selected starts; then
      bench_starts "$db" basic
      bench_starts "$db" token
      bench_starts "$db" basic api-only
      bench_starts "$db" token api-only
      bench_starts_spread "$db"
    fi
    if selected e2e; then
      [[ " $E2E_VARIANTS " == *" 1 "* ]] && bench_e2e "$db" 1
      [[ " $E2E_VARIANTS " == *" 16 "* ]] && bench_e2e "$db" 16
      [[ " $E2E_VARIANTS " == *" cap "* ]] &&
        bench_e2e "$db" 1 "diagnostic: engine cap 5000, nothing queued" STEWARD_ENGINE_MAX_RUNNING_EXECUTIONS=5000
      if [[ $db == postgres ]]; then bench_peer; fi
    fi
    if selected kill; then bench_kill "$db"; fi
    if selected list; then bench_list "$db"; fi
    if selected ogc; then bench_ogc "$db"; fi
  done
  print_table
}

main "$@"
