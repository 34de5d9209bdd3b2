-- Named locks every node of a cluster takes turns on (SELECT ... FOR UPDATE on the row, held to the end of the
-- transaction). The same statement works on H2 and PostgreSQL, so a single node runs the same code as a cluster.
-- 'running-executions': taken by every claim, so the global cap on running executions is counted and used by one
-- node at a time.
CREATE TABLE cluster_locks (
    name VARCHAR(64) PRIMARY KEY
);
INSERT INTO cluster_locks (name) VALUES ('running-executions');
