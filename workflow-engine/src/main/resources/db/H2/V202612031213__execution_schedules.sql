-- Execution schedules (Cloudify's /execution-schedules): a workflow run on a deployment at each occurrence of a rule.
-- next_occurrence is the occurrence still to fire (NULL: none left); firing claims it by compare-and-set.
CREATE TABLE execution_schedules (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id                  VARCHAR(256) NOT NULL,
    deployment_id       VARCHAR(256) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    workflow_id         VARCHAR(256) NOT NULL,
    since_time          TIMESTAMP WITH TIME ZONE NOT NULL,
    until_time          TIMESTAMP WITH TIME ZONE,
    rule                CLOB NOT NULL,
    slip                INTEGER NOT NULL,
    stop_on_fail        BOOLEAN NOT NULL,
    enabled             BOOLEAN NOT NULL,
    parameters          CLOB NOT NULL,
    execution_arguments CLOB NOT NULL,
    next_occurrence     TIMESTAMP WITH TIME ZONE,
    latest_execution    VARCHAR(64),
    PRIMARY KEY (tenant_name, deployment_id, id)
);
CREATE INDEX execution_schedules_tenant_created ON execution_schedules (tenant_name, created_at);
-- The firing loop looks across tenants for enabled schedules that are due.
CREATE INDEX execution_schedules_due ON execution_schedules (enabled, next_occurrence);
