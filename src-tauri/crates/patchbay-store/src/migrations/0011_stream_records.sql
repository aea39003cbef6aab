-- Items of the list streams a manifest declares (`[streams.records]`): one row per item and
-- stream, with the fields the manifest names, kept as JSON. The stream's "changed since"
-- mark lives in `cursors` like every other stream's.
CREATE TABLE stream_records (
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    stream        TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    fields        TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, stream, record_id)
) STRICT;
CREATE INDEX stream_records_by_time ON stream_records (connection_id, stream, updated_at);
