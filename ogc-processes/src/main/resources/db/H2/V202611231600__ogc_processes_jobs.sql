-- OGC API - Processes: a job is an execution of the engine; this table keeps what only the OGC side knows about it
-- (the process it ran and the execute request, whose outputs/response/subscriber shape the results and callbacks).
CREATE TABLE ogc_jobs (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id                  VARCHAR(64) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    process_id          VARCHAR(256) NOT NULL,
    request             CLOB NOT NULL,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX ogc_jobs_tenant_created ON ogc_jobs (tenant_name, created_at);
CREATE INDEX ogc_jobs_visibility ON ogc_jobs (visibility, tenant_name);

-- Processes deployed through Part 2 (built-in ones live in code). The package is kept as it was sent.
CREATE TABLE ogc_processes (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id                  VARCHAR(256) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    description         CLOB NOT NULL,
    execution_unit      CLOB NOT NULL,
    package_body        CLOB NOT NULL,
    package_media_type  VARCHAR(128) NOT NULL,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX ogc_processes_visibility ON ogc_processes (visibility, tenant_name);

-- What a succeeded operation produced (a script's STEWARD_OUTPUT, a built-in's result): an OGC job's results.
ALTER TABLE execution_tasks ADD COLUMN output CLOB;
