-- Deployments keep their capabilities' definitions, as they keep their outputs' (null for deployments made before).
ALTER TABLE deployments ADD COLUMN capabilities TEXT;

-- Labels of deployments and blueprints: one row per (resource, key, value). A label row carries its resource's
-- visibility and creator, so TenantTables' read scope shows labels exactly to those who see the resource.
CREATE TABLE deployment_labels (
    tenant_name     VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id              VARCHAR(64) NOT NULL,
    deployment_id   VARCHAR(256) NOT NULL,
    label_key       VARCHAR(256) NOT NULL,
    label_value     VARCHAR(256) NOT NULL,
    visibility      VARCHAR(16) NOT NULL,
    created_by      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_name, id),
    UNIQUE (tenant_name, deployment_id, label_key, label_value)
);
CREATE INDEX deployment_labels_tenant_key ON deployment_labels (tenant_name, label_key, label_value);

CREATE TABLE blueprint_labels (
    tenant_name     VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id              VARCHAR(64) NOT NULL,
    blueprint_id    VARCHAR(256) NOT NULL,
    label_key       VARCHAR(256) NOT NULL,
    label_value     VARCHAR(256) NOT NULL,
    visibility      VARCHAR(16) NOT NULL,
    created_by      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_name, id),
    UNIQUE (tenant_name, blueprint_id, label_key, label_value)
);
CREATE INDEX blueprint_labels_tenant_key ON blueprint_labels (tenant_name, label_key, label_value);
