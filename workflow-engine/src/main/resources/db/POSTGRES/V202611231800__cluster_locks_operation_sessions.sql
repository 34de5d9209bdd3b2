-- Named locks every node of a cluster takes turns on (SELECT ... FOR UPDATE on the row, held to the end of the
-- transaction). The same statement works on H2 and PostgreSQL, so a single node runs the same code as a cluster.
-- 'running-executions': taken by every claim, so the global cap on running executions is counted and used by one
-- node at a time.
CREATE TABLE cluster_locks (
    name VARCHAR(64) PRIMARY KEY
);
INSERT INTO cluster_locks (name) VALUES ('running-executions');

-- The process sessions of script operations running now, written with the heartbeat: a server that takes an
-- execution over on the same host (same boot_id) kills what a dead server's operations left running before the
-- tasks run again.
CREATE TABLE operation_sessions (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    execution_id        VARCHAR(64) NOT NULL,
    id                  VARCHAR(64) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    node_id             VARCHAR(128) NOT NULL,
    boot_id             VARCHAR(64) NOT NULL,
    host                VARCHAR(255) NOT NULL,
    session_id          BIGINT NOT NULL,
    start_ticks         BIGINT NOT NULL,
    PRIMARY KEY (tenant_name, execution_id, id)
);
