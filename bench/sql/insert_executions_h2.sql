-- The H2 twin of insert_executions_postgres.sql; run with org.h2.tools.RunScript while the server is stopped
-- (the server holds the H2 file lock while it runs). ROWS is replaced by run.sh.
INSERT INTO executions (tenant_name, id, visibility, created_by, created_at, started_at, ended_at, deployment_id,
                        blueprint_id, workflow_id, status, error, parameters, is_system_workflow, is_dry_run, resume,
                        allow_custom_parameters, wait_after_fail)
SELECT 'default_tenant', 'bench-' || n, 'tenant', 'admin',
       DATEADD('MILLISECOND', n, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
       DATEADD('MILLISECOND', n, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
       DATEADD('MILLISECOND', n, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
       'bench-dep-1', 'bench-bp', 'one_task', 'terminated', '', '{}', FALSE, FALSE, FALSE, FALSE, 600
-- SYSTEM_RANGE names its column X; DATABASE_TO_LOWER would look for x, hence the quotes.
FROM (SELECT "X" AS n FROM SYSTEM_RANGE(1, ROWS)) AS r;
