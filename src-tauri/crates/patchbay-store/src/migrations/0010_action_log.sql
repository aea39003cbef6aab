-- Every action call: which connection, which action, when, how long, how it ended, and the
-- platform's id for what it made. Never a secret and never the message itself.
CREATE TABLE action_log (
    id            INTEGER PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    action        TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    duration_ms   INTEGER NOT NULL,
    outcome       TEXT NOT NULL,
    error_code    TEXT,
    message       TEXT,
    created_id    TEXT
) STRICT;
CREATE INDEX action_log_by_connection ON action_log (connection_id, started_at);
