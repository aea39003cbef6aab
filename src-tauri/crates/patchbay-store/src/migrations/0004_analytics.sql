-- The local analytics store: the platforms keep little history, so this is the history.

-- One profile per connection, holding the latest counts.
CREATE TABLE profiles (
    connection_id   TEXT PRIMARY KEY NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    external_id     TEXT NOT NULL,
    handle          TEXT,
    display_name    TEXT,
    followers       INTEGER,
    following       INTEGER,
    posts_count     INTEGER,
    avg_views       REAL,
    engagement_rate REAL,
    verified        INTEGER NOT NULL DEFAULT 0,
    synced_at       TEXT NOT NULL
) STRICT;

-- Posts, unique per connection and platform id, with their latest metrics.
CREATE TABLE posts (
    id              INTEGER PRIMARY KEY,
    connection_id   TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    platform_id     TEXT NOT NULL,
    caption         TEXT,
    media_type      TEXT,
    media_url       TEXT,
    thumbnail_url   TEXT,
    permalink       TEXT,
    posted_at       TEXT NOT NULL,
    views           INTEGER,
    reach           INTEGER,
    likes           INTEGER,
    comments        INTEGER,
    shares          INTEGER,
    saves           INTEGER,
    engagement_rate REAL,
    updated_at      TEXT NOT NULL,
    UNIQUE (connection_id, platform_id)
) STRICT;
CREATE INDEX posts_by_time ON posts (connection_id, posted_at);

-- Append-only time series, per account (post_id NULL) and per post.
CREATE TABLE snapshots (
    id            INTEGER PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    post_id       INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    metric        TEXT NOT NULL,
    value         REAL NOT NULL,
    captured_at   TEXT NOT NULL,
    source        TEXT NOT NULL
) STRICT;
CREATE INDEX snapshots_by_account ON snapshots (connection_id, metric, captured_at) WHERE post_id IS NULL;
CREATE INDEX snapshots_by_post ON snapshots (post_id, metric, captured_at);

-- One row per stream run.
CREATE TABLE sync_runs (
    id            INTEGER PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    stream        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
    items         INTEGER NOT NULL DEFAULT 0,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    duration_ms   INTEGER,
    error_code    TEXT,
    error_message TEXT,
    rate_limited  INTEGER NOT NULL DEFAULT 0,
    reset_at      TEXT
) STRICT;
CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, started_at);

-- Where each stream stopped, per connection.
CREATE TABLE cursors (
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    stream        TEXT NOT NULL,
    value         TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, stream)
) STRICT;

-- The last raw answer of each stream, for debugging; tokens are stripped before storing.
CREATE TABLE raw_payloads (
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    stream        TEXT NOT NULL,
    payload       TEXT NOT NULL,
    captured_at   TEXT NOT NULL,
    PRIMARY KEY (connection_id, stream)
) STRICT;
