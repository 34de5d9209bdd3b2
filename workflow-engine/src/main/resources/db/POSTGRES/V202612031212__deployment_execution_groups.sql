-- Deployment groups (static members, kept as a JSON list of deployment ids) and execution groups: one workflow over
-- every member, at most concurrency members active at once. Members are ordinary executions naming their group.
CREATE TABLE deployment_groups (
    tenant_name          VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id                   VARCHAR(256) NOT NULL,
    visibility           VARCHAR(16) NOT NULL,
    created_by           VARCHAR(255) NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    description          TEXT,
    default_blueprint_id VARCHAR(256),
    default_inputs       TEXT NOT NULL,
    deployment_ids       TEXT NOT NULL,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX deployment_groups_tenant_created ON deployment_groups (tenant_name, created_at);

CREATE TABLE execution_groups (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id                  VARCHAR(64) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    workflow_id         VARCHAR(256) NOT NULL,
    deployment_group_id VARCHAR(256) NOT NULL,
    concurrency         INTEGER NOT NULL,
    success_group_id    VARCHAR(256),
    failure_group_id    VARCHAR(256),
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX execution_groups_tenant_created ON execution_groups (tenant_name, created_at);

ALTER TABLE executions ADD COLUMN execution_group_id VARCHAR(64);
CREATE INDEX executions_tenant_group ON executions (tenant_name, execution_group_id);
