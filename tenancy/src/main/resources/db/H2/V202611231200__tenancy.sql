-- Tenants, users, memberships and API tokens. These tables are not tenant-owned: tenancy itself lives here.
CREATE TABLE tenants (
    name        VARCHAR(255) PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE users (
    username        VARCHAR(255) PRIMARY KEY,
    password_hash   VARCHAR(255) NOT NULL,
    system_role     VARCHAR(32) NOT NULL,
    active          BOOLEAN NOT NULL,
    failed_logins   INTEGER NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    last_login_at   TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE memberships (
    tenant_name VARCHAR(255) NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    username    VARCHAR(255) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    role        VARCHAR(32) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_name, username)
);
CREATE INDEX memberships_username ON memberships (username);

CREATE TABLE api_tokens (
    id              VARCHAR(32) PRIMARY KEY,
    username        VARCHAR(255) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    secret_hash     VARCHAR(64) NOT NULL,
    description     VARCHAR(1024),
    expiration_date TIMESTAMP WITH TIME ZONE,
    last_used       TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_tokens_username ON api_tokens (username);
