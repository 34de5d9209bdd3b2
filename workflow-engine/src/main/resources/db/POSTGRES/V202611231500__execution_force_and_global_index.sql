-- A forced execution that had to queue behind the global cap keeps its force: when dequeued it runs beside other
-- executions of its deployment instead of waiting for them.
ALTER TABLE executions ADD COLUMN forced BOOLEAN DEFAULT FALSE NOT NULL;
-- Lets a read tell quickly whether any other tenant shared a record globally (usually none).
CREATE INDEX blueprints_visibility ON blueprints (visibility, tenant_name);
CREATE INDEX deployments_visibility ON deployments (visibility, tenant_name);
CREATE INDEX executions_visibility ON executions (visibility, tenant_name);
CREATE INDEX node_instances_visibility ON node_instances (visibility, tenant_name);
CREATE INDEX events_visibility ON events (visibility, tenant_name);
-- The executions list hides system workflows by default: this index serves that filter, the default order and the
-- pagination count without reading the table.
CREATE INDEX executions_tenant_system_created ON executions (tenant_name, is_system_workflow, created_at);
