-- 100,000 finished executions on deployment bench-dep-1 of default_tenant, for the list benchmark.
-- Columns as in db/POSTGRES/V202611231400__executions_events.sql (check with \d executions after a schema change).
-- created_at is older than anything the API creates, so the first page (created_at ascending) comes from these rows.
INSERT INTO executions (tenant_name, id, visibility, created_by, created_at, started_at, ended_at, deployment_id,
                        blueprint_id, workflow_id, status, error, parameters, is_system_workflow, is_dry_run, resume,
                        allow_custom_parameters, wait_after_fail)
SELECT 'default_tenant', 'bench-' || n, 'tenant', 'admin',
       timestamptz '2026-01-01 00:00:00+00' + n * interval '1 millisecond',
       timestamptz '2026-01-01 00:00:00+00' + n * interval '1 millisecond',
       timestamptz '2026-01-01 00:00:00+00' + n * interval '1 millisecond',
       'bench-dep-1', 'bench-bp', 'one_task', 'terminated', '', '{}', false, false, false, false, 600
FROM generate_series(1, :rows) AS n;
-- VACUUM as autovacuum would have done on a table that grew over time: it sets the visibility map, which the
-- pagination count (an index-only scan) relies on.
VACUUM ANALYZE executions;
-- Steward keeps execution_counts (schema 202611232400 on) with every execution it inserts or deletes; rows inserted
-- here behind its back are counted here (nothing else writes executions while the benchmark sets up).
DO $$
BEGIN
    IF to_regclass('execution_counts') IS NOT NULL THEN
        DELETE FROM execution_counts;
        INSERT INTO execution_counts (tenant_name, is_system_workflow, visibility, created_by, slot, n)
        SELECT tenant_name, is_system_workflow, visibility, created_by, 0, COUNT(*)
        FROM executions GROUP BY tenant_name, is_system_workflow, visibility, created_by;
    END IF;
END $$;
