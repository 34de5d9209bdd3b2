-- Secrets: tenant-owned like blueprints. The value is stored only encrypted (AES-GCM: nonce and ciphertext, base64),
-- with the id of the key that encrypted it, so a key can be rotated without guessing which one a row needs.
CREATE TABLE secrets (
    tenant_name      VARCHAR(255) NOT NULL REFERENCES tenants (name),
    id               VARCHAR(256) NOT NULL,
    visibility       VARCHAR(16) NOT NULL,
    created_by       VARCHAR(255) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    is_hidden_value  BOOLEAN NOT NULL,
    key_id           VARCHAR(64) NOT NULL,
    encrypted_value  CLOB NOT NULL,
    PRIMARY KEY (tenant_name, id)
);
CREATE INDEX secrets_tenant_created ON secrets (tenant_name, created_at);
