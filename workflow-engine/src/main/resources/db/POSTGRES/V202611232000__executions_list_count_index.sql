-- The executions list counts the caller's rows for its pagination total, and the read scope tests visibility and
-- created_by on every row: with only (tenant_name, is_system_workflow, created_at) that count read the whole table
-- (a sequential scan of 100k rows, 25-30 ms idle). With these four columns in one index it is an index-only scan
-- (about 9 ms for 100k rows) as long as the visibility map is fresh, which the autovacuum settings below keep so on a
-- table that mostly grows by inserts.
CREATE INDEX executions_tenant_visible_count ON executions (tenant_name, is_system_workflow, visibility, created_by);
ALTER TABLE executions SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02);
