#!/usr/bin/env bash
# Runs every Steward benchmark on H2 and on PostgreSQL and prints one results table. See docs/benchmarks.md.
#
#   bench/run.sh                          build the jar, then benchmark it
#   STEWARD_JAR=/path/steward.jar bench/run.sh   benchmark a prebuilt jar
#
# Settings (environment): BENCH_DBS ("h2 postgres"), BENCH_PORT (18181), BENCH_SECONDS (15, per load run),
# BENCH_WARMUP_SECONDS (10, before each load run),
# BENCH_CONNECTIONS (16), BENCH_E2E_COUNT (2000), BENCH_E2E_WARMUP (4000 executions first), BENCH_E2E_TIMEOUT (90 s),
# BENCH_KILL_RUNS (7),
# BENCH_LIST_ROWS (100000), BENCH_OGC_COUNT (1000), BENCH_OGC_LATENCY_RUNS (20),
# BENCH_ONLY ("starts e2e kill list ogc apex"), BENCH_WORK (a new directory under /tmp),
# BENCH_APEX_JOBS (10000 active unit jobs), BENCH_APEX_CREATE (1000 of them created through the API), BENCH_APEX_TRACK_SECONDS (60), BENCH_APEX_SUBMIT_TIMEOUT (300),
# BENCH_APEX_FAKE_PORT (18190, the fake OGC platform).
# BENCH_START_TIMEOUT (180 s for a server to answer), BENCH_E2E_VARIANTS ("1 16 cap": one deployment, 16 deployments, the cap-5000 diagnostic),
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
# One-task executions run to their end before the measured ones, like the warm-up of the load runs: on a fresh server
# the JIT compiles the engine's path for thousands of executions, and the CPU per execution halved from the first
# 600 to the first 5,000 (bench/cpu_per_request.sh WARM=600 and WARM=5000, 10.0 and 5.1–5.9 ms, 8 Dec).
E2E_WARMUP=${BENCH_E2E_WARMUP:-4000}
E2E_TIMEOUT=${BENCH_E2E_TIMEOUT:-90}
KILL_RUNS=${BENCH_KILL_RUNS:-7}
LIST_ROWS=${BENCH_LIST_ROWS:-100000}
ONLY=${BENCH_ONLY:-starts e2e kill list ogc apex}
OGC_COUNT=${BENCH_OGC_COUNT:-1000}
OGC_LATENCY_RUNS=${BENCH_OGC_LATENCY_RUNS:-20}
APEX_FAKE_PORT=${BENCH_APEX_FAKE_PORT:-18190}
APEX_FAKE="http://127.0.0.1:${APEX_FAKE_PORT}"
APEX_JOBS=${BENCH_APEX_JOBS:-10000}
APEX_CREATE=${BENCH_APEX_CREATE:-1000}
APEX_SUBMIT_TIMEOUT=${BENCH_APEX_SUBMIT_TIMEOUT:-300}
APEX_TRACK_SECONDS=${BENCH_APEX_TRACK_SECONDS:-60}
# steward.apex.poll-interval of the server (its default, 5 s); the staleness target is this.
APEX_POLL_SECONDS=5
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
trap 'vacuum_stop; fake_platform_stop; cleanup' EXIT

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
  local db=$1 deps=$2 label=${3:-}
  shift $(($# < 3 ? $# : 3))
  server_start "$db" "e2e-$deps${label:+-diag}" "$@"
  one_task_setup "$deps"
  local conns=$(((CONNS + deps - 1) / deps))
  # hey -n rounds down to a multiple of -c: wait for what it will really send, not for what was asked.
  local per=$((E2E_COUNT / deps / conns * conns)) warm=$((E2E_WARMUP / deps / conns * conns)) before=0
  if ((warm > 0)); then
    log "e2e warm-up: $((warm * deps)) one-task executions over $deps deployment(s), not measured ($(load_note))"
    e2e_submit "$db" "$deps" "$conns" "$warm" warm
    before=$(e2e_await_terminated $((warm * deps)) 0)
  fi
  log "e2e: $((per * deps)) one-task executions over $deps deployment(s) ($(load_note))"
  local t0=$EPOCHREALTIME
  e2e_submit "$db" "$deps" "$conns" "$per" run
  local t_submitted=$EPOCHREALTIME
  local want=$((per * deps)) finished
  finished=$(e2e_await_terminated "$want" "$before")
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

# e2e_submit <db> <deployments> <connections> <per deployment> <tag>: one hey per deployment, all at once, until each
# has sent its starts.
e2e_submit() {
  local db=$1 deps=$2 conns=$3 per=$4 tag=$5 i submitters=()
  for ((i = 1; i <= deps; i++)); do
    hey -n "$per" -c "$conns" -m POST -T application/json -H 'Tenant: default_tenant' -H "$BASIC_HEADER" \
      -d "{\"deployment_id\":\"bench-dep-$i\",\"workflow_id\":\"one_task\",\"force\":\"true\"}" "$API/executions" \
      >"$WORK/e2e-$db-$deps-$tag-$i.txt" &
    submitters+=($!)
  done
  wait "${submitters[@]}"
}

# e2e_await_terminated <want> <before>: polls until want executions more than before have terminated, or E2E_TIMEOUT
# passes; prints how many more have.
e2e_await_terminated() {
  local want=$1 before=$2 finished=0 deadline=$((SECONDS + E2E_TIMEOUT))
  while ((SECONDS < deadline)); do
    finished=$(($(count_status terminated) - before))
    ((finished >= want)) && break
    sleep 0.25
  done
  echo "$finished"
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

# --- 6. APEx dispatch against a fake OGC API - Processes platform ---------------------------------------------------

# The fake platform (bench/apex/FakeOgcPlatform.java, run from source) answers execute, status, describe and dismiss at
# once and remembers when each job's status was last asked for: its max_age_ms is how stale the oldest status that
# Steward holds can be (a status is as old as the poll that fetched it).
FAKE_PID=""
fake_platform_start() {
  java "$BENCH_DIR/apex/FakeOgcPlatform.java" "$APEX_FAKE_PORT" >"$WORK/fake-platform.log" 2>&1 &
  FAKE_PID=$!
  local deadline=$((SECONDS + 60))
  until curl -fs -o /dev/null "$APEX_FAKE/_stats"; do
    kill -0 "$FAKE_PID" 2>/dev/null || die "fake platform exited, see $WORK/fake-platform.log"
    ((SECONDS < deadline)) || die "fake platform not ready after 60 s"
    sleep 0.2
  done
}

fake_platform_stop() {
  [[ -n $FAKE_PID ]] || return 0
  kill "$FAKE_PID" 2>/dev/null || true
  wait "$FAKE_PID" 2>/dev/null || true
  FAKE_PID=""
}

# server_cpu_ticks: CPU time (clock ticks) of the server JVM and, on PostgreSQL, of its database's backends.
server_cpu_ticks() {
  local t p
  t=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
  if [[ $SERVER_DB == postgres ]]; then
    for p in $(psql -h 127.0.0.1 -U postgres -tAc "SELECT pid FROM pg_stat_activity WHERE datname = '$SERVER_PGDB'"); do
      t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
  fi
  echo "$t"
}

# cpu_note <ticks before> <ticks after> <requests>: CPU per request, and the rate two cores would give at that cost.
# Unlike a rate it hardly depends on what else runs on the machine (docs/benchmarks.md, run 4).
cpu_note() {
  local hz ms
  ((${3:-0} > 0)) || { echo "server CPU n/a (no request completed)"; return; }
  hz=$(getconf CLK_TCK)
  ms=$(bc <<<"scale=3; ($2 - $1) * 1000 / $hz / $3")
  echo "server CPU $ms ms/request (2 cores at that cost: $(bc <<<"scale=0; 2000 / $ms")/s)"
}

fake_stat() { curl -fsS "$APEX_FAKE/_stats" | json_field "['$1']"; }

# apex_sample <seconds> <file>: once a second, the server's thread count, heap in use (MB, from jcmd GC.heap_info, every 5 s),
# resident memory (MB) and the fake platform's max_age_ms and poll count, one line each.
apex_sample() {
  local secs=$1 out=$2 end=$((SECONDS + $1)) threads heap=0 rss stats n=0
  while ((SECONDS < end)); do
    threads=$(ls "/proc/$SERVER_PID/task" | wc -l)
    # jcmd starts a JVM of its own (most of a core for a moment): the heap is read every fifth sample only.
    if ((n++ % 5 == 0)); then
      heap=$(jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
    fi
    rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$SERVER_PID/status")
    stats=$(curl -fsS "$APEX_FAKE/_stats")
    printf '%s %s %s %s %s %s\n' "$EPOCHREALTIME" "$threads" "$((${heap:-0} / 1024))" "$rss" \
      "$(json_field "['max_age_ms']" <<<"$stats")" "$(json_field "['polls']" <<<"$stats")" >>"$out"
    sleep 1
  done
}

# apex_summary <file>: "threads max T, heap used max H MB, RSS max R MB, status age max A ms (p50 P ms), polls/s S".
apex_summary() {
  sort -n -k5 "$1" | awk '{ t = $2 > t ? $2 : t; h = $3 > h ? $3 : h; r = $4 > r ? $4 : r; age[NR] = $5
      if (NR == 1 || $1 < t0) { t0 = $1; p0 = $6 } if ($1 > t1) { t1 = $1; p1 = $6 } }
    END { printf "threads max %d, heap used max %d MB, RSS max %d MB, status age max %d ms (median %d ms), %.0f polls/s",
          t, h, r, age[NR], age[int((NR + 1) / 2)], (t1 > t0 ? (p1 - p0) / (t1 - t0) : 0) }'
}

# rate_figure <wrk result>: "<rps>/s p50 … p99 …", or INVALID when any answer was not 2xx (a refused request is cheap:
# its rate says nothing about the work the benchmark means).
rate_figure() {
  local non2xx
  non2xx=$(field non2xx "$1")
  if [[ ${non2xx:-0} != 0 ]]; then
    printf 'INVALID: %s of %s answers were not 2xx' "$non2xx" "$(field requests "$1")"
  else
    printf '%s/s p50 %s ms p99 %s ms' "$(field rps "$1")" "$(field p50_ms "$1")" "$(field p99_ms "$1")"
  fi
}

# bench_apex <db>: first POST /apex/unit_jobs at peak on a server whose poller is off (STEWARD_APEX_POLLER_ENABLED=
# false), so the figure is the request alone and the platform must see no call at all. Then one server with -Xmx512m
# and its poller on: APEX_JOBS unit jobs created as fast as hey can (the poller submitting them meanwhile); once the
# platform has them all, the server tracks them while idle (APEX_TRACK_SECONDS), then GET /apex/unit_jobs/{id} and
# GET /apex/jobs_status at peak while it goes on tracking them.
bench_apex() {
  local db=$1 r cred created deadline t0 c0 c1 platforms calls
  platforms="[{\"endpoint\":\"$APEX_FAKE\",\"type\":\"ogc_api_process\",\"max_concurrent_jobs\":100000}]"
  fake_platform_start
  SERVER_JAVA_OPTS=-Xmx512m server_start "$db" apex-post STEWARD_APEX_PLATFORMS="$platforms" \
    STEWARD_APEX_POLLER_ENABLED=false
  cred="bearer:$(new_token)"
  wrk_run apex_create.lua "$CONNS" "$WARMUP" BENCH_AUTH="$cred" BENCH_PLATFORM="$APEX_FAKE" >/dev/null
  log "apex: POST /apex/unit_jobs peak, poller off ($(load_note))"
  c0=$(server_cpu_ticks)
  r=$(wrk_run apex_create.lua "$CONNS" "$SECS" BENCH_AUTH="$cred" BENCH_PLATFORM="$APEX_FAKE")
  c1=$(server_cpu_ticks)
  calls=$(curl -fsS "$APEX_FAKE/_stats")
  record "$db" "APEx POST /unit_jobs peak (bearer, wrk -c$CONNS, poller off)" \
    "$(rate_figure "$r")" ">= 500/s" \
    "non-2xx $(field non2xx "$r"); platform calls during warm-up and run: $(python3 -c "import json, sys; d = json.load(sys.stdin); print(d['submits'] + d['polls'] + d['describes'] + d['dismisses'] + d['lists'] + d['conformance'])" <<<"$calls"); $(cpu_note "$c0" "$c1" "$(field requests "$r")"); $(load_note)"
  server_stop

  SERVER_JAVA_OPTS=-Xmx512m server_start "$db" apex STEWARD_APEX_PLATFORMS="$platforms"
  [[ $db == postgres ]] && vacuum_while_autovacuum_is_off unit_jobs
  cred="bearer:$(new_token)"
  log "apex: $APEX_CREATE unit jobs, poller on ($(load_note))"
  t0=$EPOCHREALTIME
  hey -n "$APEX_CREATE" -c "$CONNS" -m POST -T application/json -H "Authorization: Bearer ${cred#bearer:}" \
    -d "{\"title\":\"t\",\"label\":\"ogc_api_process\",\"service\":{\"endpoint\":\"$APEX_FAKE\",\"application\":\"vegetation-index\"},\"parameters\":{\"bbox\":[12.0,41.0,13.0,42.0]},\"format\":\"geojson\"}" \
    "$BASE/apex/unit_jobs" >"$WORK/apex-$db-create.txt"
  local t_created=$EPOCHREALTIME
  created=$(api GET '/executions?_size=0' | json_field "['metadata']['pagination']['total']")
  local rate
  rate="$(bc <<<"scale=0; $created / ($t_created - $t0)")/s"
  # hey prints one line per status code: anything but 201 makes the figure meaningless.
  # (its latency histogram has bracketed counts too: only the "[code] N responses" lines are status codes)
  if grep -E '\[[0-9]{3}\][[:space:]]+[0-9]+ responses' "$WORK/apex-$db-create.txt" | grep -vq '\[201\]'; then
    rate="INVALID: not every answer was 201"
  fi
  record "$db" "APEx POST /unit_jobs, $created with the poller on (hey -c$CONNS)" \
    "$rate" "" \
    "$(grep -o '\[[0-9]*\][[:space:]]*[0-9]* responses' "$WORK/apex-$db-create.txt" | tr -s ' ' | paste -sd' '); $(load_note)"
  deadline=$((SECONDS + APEX_SUBMIT_TIMEOUT))
  local note
  note="$(load_note)"
  until (($(fake_stat submits) >= created)); do
    if ((SECONDS >= deadline)); then
      note="TIMED OUT: the platform has $(fake_stat submits) of $created; $note"
      break
    fi
    sleep 0.2
  done
  record "$db" "APEx poller: those $created submitted to the platform" \
    "$(bc <<<"scale=1; $EPOCHREALTIME - $t_created") s after the last POST returned" "" "$note"
  # The rest of the active jobs go straight into the database as tracked jobs the platform already runs: creating
  # 10,000 through the API would take minutes on a shared machine and measure the POST again, not the tracking.
  local more=$((APEX_JOBS - created))
  if ((more > 0)); then
    log "apex: inserting $more tracked unit jobs"
    curl -fsS -o /dev/null -X POST "$APEX_FAKE/_expect?count=$more"
    if [[ $db == postgres ]]; then
      psql -q -h 127.0.0.1 -U postgres -d "$SERVER_PGDB" -v rows="$more" -v endpoint="$APEX_FAKE" \
        -v interval_ms=$((APEX_POLL_SECONDS * 1000)) -f "$BENCH_DIR/sql/insert_unit_jobs_postgres.sql" >/dev/null
    else
      APEX_MORE=$more server_restart_after insert_h2_unit_jobs
    fi
    created=$(api GET '/executions?_size=0' | json_field "['metadata']['pagination']['total']")
  fi
  log "apex: tracking $created jobs while idle for ${APEX_TRACK_SECONDS}s"
  # The first poll of the last submitted jobs is due one interval after their submission: start measuring after it.
  sleep "$APEX_POLL_SECONDS"
  # Idle means no request threads left from the burst of POSTs: Micronaut's I/O pool ends an idle thread after 60 s.
  local quiet_at
  quiet_at=$(bc <<<"$t_created + 62")
  while (($(bc <<<"$EPOCHREALTIME < $quiet_at"))); do sleep 1; done
  local p0 p1 l0 l1 j0 j1
  p0=$(fake_stat polls)
  l0=$(fake_stat lists)
  j0=$(fake_stat listed)
  c0=$(server_cpu_ticks)
  apex_sample "$APEX_TRACK_SECONDS" "$WORK/apex-$db-idle.txt"
  c1=$(server_cpu_ticks)
  p1=$(fake_stat polls)
  l1=$(fake_stat lists)
  j1=$(fake_stat listed)
  record "$db" "APEx $created active remote jobs tracked, idle (${APEX_TRACK_SECONDS}s, poll interval ${APEX_POLL_SECONDS}s)" \
    "$(apex_summary "$WORK/apex-$db-idle.txt")" "<= 50 threads, -Xmx512m, age <= ${APEX_POLL_SECONDS}000 ms" \
    "$(cpu_note "$c0" "$c1" $((p1 - p0)) | sed 's|ms/request|ms/poll|; s|/s)|polls/s; needed: '$((created / APEX_POLL_SECONDS))'/s)|'); polls by job list: $((j1 - j0)) in $((l1 - l0)) list requests, by GET /jobs/{id}: $((p1 - p0 - j1 + j0)); $(load_note)"

  apex_sample $((2 * (WARMUP + SECS) + 4)) "$WORK/apex-$db-load.txt" &
  local sampler=$!
  wrk_run apex_get.lua "$CONNS" "$WARMUP" BENCH_AUTH="$cred" BENCH_JOBS="$created" >/dev/null
  log "apex: GET /apex/unit_jobs/{id} peak ($(load_note))"
  c0=$(server_cpu_ticks)
  r=$(wrk_run apex_get.lua "$CONNS" "$SECS" BENCH_AUTH="$cred" BENCH_JOBS="$created")
  c1=$(server_cpu_ticks)
  record "$db" "APEx GET /unit_jobs/{id} peak (random of $created, wrk -c$CONNS)" \
    "$(rate_figure "$r")" ">= 2000/s" \
    "non-2xx $(field non2xx "$r"); $(cpu_note "$c0" "$c1" "$(field requests "$r")"), the poller tracking meanwhile; $(load_note)"
  local path="/apex/jobs_status?filter=upscaling&filter=processing"
  wrk_run get.lua 4 "$WARMUP" BENCH_AUTH="$cred" BENCH_PATH="$path" >/dev/null
  log "apex: GET $path ($(load_note))"
  c0=$(server_cpu_ticks)
  r=$(wrk_run get.lua 4 "$SECS" BENCH_AUTH="$cred" BENCH_PATH="$path")
  c1=$(server_cpu_ticks)
  record "$db" "APEx GET /jobs_status, all $created active jobs in one answer (wrk -c4)" \
    "$(rate_figure "$r")" "p99 < 100 ms" \
    "non-2xx $(field non2xx "$r"); $(cpu_note "$c0" "$c1" "$(field requests "$r")"), the poller tracking meanwhile; answer $(curl -fsS -o /dev/null -w '%{size_download}' -H "Authorization: Bearer ${cred#bearer:}" "$BASE$path") bytes; $(load_note)"
  path="/apex/jobs_status?filter=processing&limit=100"
  r=$(wrk_run get.lua 4 "$SECS" BENCH_AUTH="$cred" BENCH_PATH="$path")
  record "$db" "APEx GET /jobs_status?limit=100, first page of $created (wrk -c4) [diagnostic]" \
    "$(rate_figure "$r")" "-" \
    "non-2xx $(field non2xx "$r"); $(load_note)"
  wait "$sampler"
  vacuum_stop
  record "$db" "APEx $created remote jobs tracked during the two GET runs" "$(apex_summary "$WORK/apex-$db-load.txt")" \
    "<= 50 threads, age <= ${APEX_POLL_SECONDS}000 ms" "$(load_note)"
  server_stop
  fake_platform_stop
}

# vacuum_while_autovacuum_is_off <table>: when this PostgreSQL runs with autovacuum off (this machine's does; no
# production server would), VACUUM (ANALYZE) the table every 10 s in the background, as autovacuum would with the
# table's own settings (a visit after 2 % changed rows): the poller rewrites every tracked unit job's row once per
# interval, and without a vacuum the table grows by some 4,000 dead rows a second and every scan of it slows down.
VACUUM_PID=""
vacuum_while_autovacuum_is_off() {
  local table=$1
  [[ $(psql -h 127.0.0.1 -U postgres -Atc "SHOW autovacuum") == off ]] || return 0
  log "PostgreSQL runs with autovacuum off: VACUUM (ANALYZE) $table every 10 s in its stead"
  (while sleep 10; do psql -q -h 127.0.0.1 -U postgres -d "$SERVER_PGDB" -c "VACUUM (ANALYZE) $table" >/dev/null 2>&1 || true; done) &
  VACUUM_PID=$!
}

vacuum_stop() {
  [[ -n $VACUUM_PID ]] || return 0
  kill "$VACUUM_PID" 2>/dev/null || true
  wait "$VACUUM_PID" 2>/dev/null || true
  VACUUM_PID=""
}

insert_h2_unit_jobs() {
  sed "s/ROWS/$APEX_MORE/; s|ENDPOINT|$APEX_FAKE|; s/INTERVAL_MS/$((APEX_POLL_SECONDS * 1000))/" \
    "$BENCH_DIR/sql/insert_unit_jobs_h2.sql" >"$WORK/insert_unit_jobs_h2.sql"
  local url="jdbc:h2:file:$SERVER_DIR/steward-data/steward;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  java -cp "$JAR" org.h2.tools.RunScript -user sa -password '' -script "$WORK/insert_unit_jobs_h2.sql" -url "$url"
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
    if selected apex; then bench_apex "$db"; fi
  done
  print_table
}

main "$@"
