# Shared by the single-server probes (cpu_per_request.sh, statements_per_start.sh, ab_cpu_per_execution.sh).
#
# probe_one_task_deployment: wait for the server started as $SPID on $PORT, then create blueprint `bp`
# (bench/blueprints/one_task.yaml) and deployment `dep` as admin:pw. Sets B (the API base URL) and A (curl with
# admin's credentials and tenant).
probe_one_task_deployment() {
  B=http://127.0.0.1:$PORT/api/v3.1
  local i
  for i in $(seq 1 300); do
    curl -fs -o /dev/null -u admin:pw -H 'Tenant: default_tenant' "$B/executions?_size=0" && break
    kill -0 "$SPID" || exit 1
    sleep 0.2
  done
  A=(curl -fsS -u admin:pw -H Tenant:default_tenant)
  "${A[@]}" -X PUT -H 'Content-Type: application/yaml' --data-binary @"$BENCH_DIR/blueprints/one_task.yaml" "$B/blueprints/bp" >/dev/null
  "${A[@]}" -X PUT -H 'Content-Type: application/json' -d '{"blueprint_id":"bp","inputs":{}}' "$B/deployments/dep" >/dev/null
}

# cpu_ticks <pid> [database]: the CPU ticks (user + system) the process has used, and those of the PostgreSQL
# backends connected to the database if one is named.
cpu_ticks() {
  local t p
  t=$(awk '{print $14+$15}' "/proc/$1/stat")
  if [[ -n ${2:-} ]]; then
    for p in $(psql -h 127.0.0.1 -U postgres -tAc "SELECT pid FROM pg_stat_activity WHERE datname = '$2'"); do
      t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
  fi
  echo "$t"
}

# execution_count <API base URL> [status]: how many executions the admin sees there, of that status if one is named.
execution_count() {
  curl -fsS -u admin:pw -H Tenant:default_tenant "$1/executions?_size=0${2:+&status=$2}" |
    python3 -c 'import json,sys;print(json.load(sys.stdin)["metadata"]["pagination"]["total"])'
}
