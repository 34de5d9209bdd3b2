-- Exact counts of executions per (tenant, system workflow, visibility, creator), kept by TenantTables in the same
-- transaction as every insert and delete of an execution (io.steward.tenancy.store.RowCounts): the executions list's
-- pagination total sums these rows instead of counting every execution. Same table as on PostgreSQL.
CREATE TABLE execution_counts (
    tenant_name        VARCHAR(255) NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    is_system_workflow BOOLEAN NOT NULL,
    visibility         VARCHAR(16) NOT NULL,
    created_by         VARCHAR(255) NOT NULL,
    slot               SMALLINT NOT NULL,
    n                  BIGINT NOT NULL,
    PRIMARY KEY (tenant_name, is_system_workflow, visibility, created_by, slot)
);
INSERT INTO execution_counts (tenant_name, is_system_workflow, visibility, created_by, slot, n)
SELECT tenant_name, is_system_workflow, visibility, created_by, 0, COUNT(*)
FROM executions GROUP BY tenant_name, is_system_workflow, visibility, created_by;
-- The index of V202611232000 served only that count; every start paid for it.
DROP INDEX executions_tenant_visible_count;
