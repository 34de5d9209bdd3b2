# Shared by the single-server probes (cpu_per_request.sh, statements_per_start.sh): wait for the server started as
# $SPID on $PORT, then create blueprint `bp` (bench/blueprints/one_task.yaml) and deployment `dep` as admin:pw.
# Sets B (the API base URL) and A (curl with admin's credentials and tenant).
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
