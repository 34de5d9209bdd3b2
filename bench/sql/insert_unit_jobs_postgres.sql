-- :rows APEx unit jobs that the fake platform already runs (remote ids bench-1 … bench-:rows), for the tracking
-- benchmark: each an execution of workflow remote_job (started, no deployment) and its unit_jobs row in state
-- tracking, first polls spread over one poll interval (:interval_ms), as jobs submitted over time would be.
-- Columns as in db/POSTGRES/V202611231400__executions_events.sql and V202612031201__unit_jobs.sql.
INSERT INTO executions (tenant_name, id, visibility, created_by, created_at, started_at, workflow_id, status, error,
                        parameters, is_system_workflow, is_dry_run, resume, allow_custom_parameters, wait_after_fail)
SELECT 'default_tenant', 'apexbench-' || n, 'private', 'admin', now(), now(), 'remote_job', 'started', '', '{}',
       false, false, false, false, 0
FROM generate_series(1, :rows) AS n;
INSERT INTO unit_jobs (tenant_name, id, visibility, created_by, created_at, updated_at, title, label, endpoint,
                       application, parameters, output_format, state, status, remote_job_id, platform_status,
                       next_poll_at)
SELECT 'default_tenant', 'apexbench-' || n, 'private', 'admin', now(), now(), 'Vegetation index', 'ogc_api_process',
       :'endpoint', '/processes/vegetation-index', '{"bbox":[12.0,41.0,13.0,42.0]}', 'geojson', 'tracking', 'running',
       'bench-' || n, 'running', now() + (n % 1000) * (:interval_ms / 1000.0) * interval '1 millisecond'
FROM generate_series(1, :rows) AS n;
VACUUM ANALYZE executions;
VACUUM ANALYZE unit_jobs;
DELETE FROM execution_counts;
INSERT INTO execution_counts (tenant_name, is_system_workflow, visibility, created_by, slot, n)
SELECT tenant_name, is_system_workflow, visibility, created_by, 0, COUNT(*)
FROM executions GROUP BY tenant_name, is_system_workflow, visibility, created_by;
