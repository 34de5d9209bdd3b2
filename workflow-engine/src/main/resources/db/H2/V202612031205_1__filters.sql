-- Saved filters (Cloudify's /filters/deployments and /filters/blueprints): a named list of filter rules per kind.
CREATE TABLE filters (
    tenant_name     VARCHAR(255) NOT NULL REFERENCES tenants (name),
    kind            VARCHAR(16) NOT NULL,
    id              VARCHAR(256) NOT NULL,
    visibility      VARCHAR(16) NOT NULL,
    created_by      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    rules           CLOB NOT NULL,
    PRIMARY KEY (tenant_name, kind, id)
);
CREATE INDEX filters_tenant_created ON filters (tenant_name, created_at);
