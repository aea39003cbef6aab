-- Configured instances of connectors. Secret fields never live here: see `secrets`.
CREATE TABLE connections (
    id                TEXT PRIMARY KEY NOT NULL,
    connector_id      TEXT NOT NULL,
    name              TEXT NOT NULL,
    mode              TEXT NOT NULL CHECK (mode IN ('live', 'sandbox')),
    config            TEXT NOT NULL DEFAULT '{}',   -- JSON object of non-secret fields
    overrides         TEXT NOT NULL DEFAULT '{}',   -- JSON: authorize_url, token_url, api_base_url
    status            TEXT NOT NULL DEFAULT 'pending_setup'
                      CHECK (status IN ('pending_setup', 'active', 'inactive', 'error', 'needs_reauth')),
    status_message    TEXT,
    account_id        TEXT,
    account_handle    TEXT,
    scopes            TEXT NOT NULL DEFAULT '[]',   -- JSON array of granted scopes
    token_expires_at  TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    last_verified_at  TEXT,
    last_synced_at    TEXT,
    removed_at        TEXT                          -- set when removed but its history is kept
) STRICT;

CREATE INDEX connections_by_connector ON connections (connector_id) WHERE removed_at IS NULL;

-- Encrypted secret fields (AES-256-GCM; associated data binds connection id and field name).
CREATE TABLE secrets (
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    field         TEXT NOT NULL,
    nonce         BLOB NOT NULL,
    ciphertext    BLOB NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, field)
) STRICT;
