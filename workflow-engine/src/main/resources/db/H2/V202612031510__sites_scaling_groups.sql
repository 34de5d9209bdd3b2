-- Sites (Cloudify's /sites): a named place with an optional location, which deployments may name.
CREATE TABLE sites (
    tenant_name     VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id              VARCHAR(256) NOT NULL,
    visibility      VARCHAR(16) NOT NULL,
    created_by      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX sites_tenant_created ON sites (tenant_name, created_at);

-- A deployment's site (by name; deleting or renaming the site follows it), and its blueprint's scaling groups
-- (null for deployments made before they were kept).
ALTER TABLE deployments ADD COLUMN site_name VARCHAR(256);
ALTER TABLE deployments ADD COLUMN scaling_groups CLOB;
CREATE INDEX deployments_tenant_site ON deployments (tenant_name, site_name);
