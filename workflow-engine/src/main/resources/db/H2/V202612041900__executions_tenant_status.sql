-- A tenant's active executions are counted by status (its cap at a start, why a queued one waits): with only
-- (tenant_name, created_at) and (tenant_name, deployment_id, status) to choose from, that count walked every row of
-- the tenant, ended ones included, so a start cost more the more executions the tenant had ever run.
CREATE INDEX executions_tenant_status ON executions (tenant_name, status);
