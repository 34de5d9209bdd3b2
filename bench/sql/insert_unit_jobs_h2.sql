-- The H2 twin of insert_unit_jobs_postgres.sql; run with org.h2.tools.RunScript while the server is stopped.
-- ROWS, ENDPOINT and INTERVAL_MS are replaced by run.sh.
INSERT INTO executions (tenant_name, id, visibility, created_by, created_at, started_at, workflow_id, status, error,
                        parameters, is_system_workflow, is_dry_run, resume, allow_custom_parameters, wait_after_fail)
SELECT 'default_tenant', 'apexbench-' || n, 'private', 'admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'remote_job',
       'started', '', '{}', FALSE, FALSE, FALSE, FALSE, 0
-- SYSTEM_RANGE names its column X; DATABASE_TO_LOWER would look for x, hence the quotes.
FROM (SELECT "X" AS n FROM SYSTEM_RANGE(1, ROWS)) AS r;
INSERT INTO unit_jobs (tenant_name, id, visibility, created_by, created_at, updated_at, title, label, endpoint,
                       application, parameters, output_format, state, status, remote_job_id, platform_status,
                       next_poll_at)
SELECT 'default_tenant', 'apexbench-' || n, 'private', 'admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
       'Vegetation index', 'ogc_api_process', 'ENDPOINT', '/processes/vegetation-index',
       '{"bbox":[12.0,41.0,13.0,42.0]}', 'geojson', 'tracking', 'running', 'bench-' || n, 'running',
       DATEADD('MILLISECOND', MOD(n, 1000) * INTERVAL_MS / 1000, CURRENT_TIMESTAMP)
FROM (SELECT "X" AS n FROM SYSTEM_RANGE(1, ROWS)) AS r;
DELETE FROM execution_counts;
INSERT INTO execution_counts (tenant_name, is_system_workflow, visibility, created_by, slot, n)
SELECT tenant_name, is_system_workflow, visibility, created_by, 0, COUNT(*)
FROM executions GROUP BY tenant_name, is_system_workflow, visibility, created_by;
