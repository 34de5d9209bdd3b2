-- Exact counts of executions per (tenant, system workflow, visibility, creator), kept by TenantTables in the same
-- transaction as every insert and delete of an execution (io.steward.tenancy.store.RowCounts). The executions list's
-- pagination total sums these rows with the list's own WHERE clause instead of counting every execution (an
-- index-only scan of 100k entries, 10-60 ms a request). Each key has up to 32 slots, a writer adds to a random one,
-- so concurrent starts rarely wait for the same row lock; a slot may be negative, the sum is exact.
CREATE TABLE execution_counts (
    tenant_name        VARCHAR(255) NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    is_system_workflow BOOLEAN NOT NULL,
    visibility         VARCHAR(16) NOT NULL,
    created_by         VARCHAR(255) NOT NULL,
    slot               SMALLINT NOT NULL,
    n                  BIGINT NOT NULL,
    PRIMARY KEY (tenant_name, is_system_workflow, visibility, created_by, slot)
);
-- Small and updated on every start: frequent vacuum keeps its few pages from bloating.
ALTER TABLE execution_counts SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
INSERT INTO execution_counts (tenant_name, is_system_workflow, visibility, created_by, slot, n)
SELECT tenant_name, is_system_workflow, visibility, created_by, 0, COUNT(*)
FROM executions GROUP BY tenant_name, is_system_workflow, visibility, created_by;
-- The index of V202611232000 served only that count; every start paid for it.
DROP INDEX executions_tenant_visible_count;
