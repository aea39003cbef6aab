-- Developer apps: the client id (and, in app_secrets, the sealed client secret) an agency
-- registers once with a platform and uses for every account of it. A connection that names an
-- app signs in and refreshes with the app's credentials; one without keeps its own.
CREATE TABLE apps (
    id           TEXT PRIMARY KEY,
    connector_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE app_secrets (
    app_id     TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    nonce      BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (app_id, field)
) STRICT;

ALTER TABLE connections ADD COLUMN app_id TEXT REFERENCES apps (id);
