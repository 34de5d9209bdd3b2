-- Blueprints, deployments, nodes and node instances. All tenant-owned: every table has tenant_name, visibility,
-- created_by and created_at, and every index starts with tenant_name.
CREATE TABLE blueprints (
    tenant_name     VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id              VARCHAR(256) NOT NULL,
    visibility      VARCHAR(16) NOT NULL,
    created_by      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    state           VARCHAR(32) NOT NULL,
    main_file_name  VARCHAR(1024) NOT NULL,
    description     TEXT,
    plan            TEXT NOT NULL,
    archive         BYTEA NOT NULL,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX blueprints_tenant_created ON blueprints (tenant_name, created_at);

CREATE TABLE deployments (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id                  VARCHAR(256) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    blueprint_id        VARCHAR(256) NOT NULL,
    display_name        VARCHAR(1024) NOT NULL,
    description         TEXT,
    inputs              TEXT NOT NULL,
    workflows           TEXT NOT NULL,
    outputs             TEXT NOT NULL,
    installation_status VARCHAR(32) NOT NULL,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX deployments_tenant_blueprint ON deployments (tenant_name, blueprint_id);
CREATE INDEX deployments_tenant_created ON deployments (tenant_name, created_at);

CREATE TABLE nodes (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    deployment_id       VARCHAR(256) NOT NULL,
    id                  VARCHAR(256) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    blueprint_id        VARCHAR(256) NOT NULL,
    type                VARCHAR(1024) NOT NULL,
    host_id             VARCHAR(256),
    number_of_instances INTEGER NOT NULL,
    deploy_number_of_instances INTEGER NOT NULL,
    body                TEXT NOT NULL,
    PRIMARY KEY (tenant_name, deployment_id, id)
);

CREATE TABLE node_instances (
    tenant_name         VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id                  VARCHAR(300) NOT NULL,
    visibility          VARCHAR(16) NOT NULL,
    created_by          VARCHAR(255) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    deployment_id       VARCHAR(256) NOT NULL,
    node_id             VARCHAR(256) NOT NULL,
    state               VARCHAR(32) NOT NULL,
    host_id             VARCHAR(300),
    instance_index      INTEGER NOT NULL,
    version             INTEGER NOT NULL,
    runtime_properties  TEXT NOT NULL,
    relationships       TEXT NOT NULL,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX node_instances_tenant_deployment ON node_instances (tenant_name, deployment_id);
