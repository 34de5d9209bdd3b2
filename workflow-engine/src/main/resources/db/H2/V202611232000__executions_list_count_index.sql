-- The executions list counts the caller's rows for its pagination total, testing visibility and created_by on every
-- row; this index holds every column of that count (same index as on PostgreSQL, where it enables an index-only scan).
CREATE INDEX executions_tenant_visible_count ON executions (tenant_name, is_system_workflow, visibility, created_by);
