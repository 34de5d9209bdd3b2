-- Steward keeps execution_counts (schema 202611232400 on) with every execution it inserts or deletes; the rows that
-- insert_executions_h2.sql inserted behind its back are counted here. run.sh runs this with -continueOnError, so on
-- an older schema (no such table) it does nothing; the list benchmark prints the total it then reads.
DELETE FROM execution_counts;
INSERT INTO execution_counts (tenant_name, is_system_workflow, visibility, created_by, slot, n)
SELECT tenant_name, is_system_workflow, visibility, created_by, 0, COUNT(*)
FROM executions GROUP BY tenant_name, is_system_workflow, visibility, created_by;
