-- Events are stored with their execution's visibility and creator (EventLog), so TenantTables' read scope shows a
-- private deployment's events only to those who see its executions. Events written before were all 'tenant' and
-- carried whoever wrote them: give them their execution's. Events whose execution is gone keep what they have.
UPDATE events SET
    visibility = (SELECT x.visibility FROM executions x
                  WHERE x.tenant_name = events.tenant_name AND x.id = events.execution_id),
    created_by = (SELECT x.created_by FROM executions x
                  WHERE x.tenant_name = events.tenant_name AND x.id = events.execution_id)
WHERE EXISTS (SELECT 1 FROM executions x
              WHERE x.tenant_name = events.tenant_name AND x.id = events.execution_id
                AND (x.visibility <> events.visibility OR x.created_by <> events.created_by));
