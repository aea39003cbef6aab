-- Leases that every Patchbay process sharing this data directory honours: one process at a time
-- refreshes a connection's tokens, signs it in or out, or syncs it. A lease names its holder (a
-- process) and lapses at `expires_at`, so a killed process never blocks the others for long.

CREATE TABLE leases (
    name       TEXT PRIMARY KEY NOT NULL,   -- "refresh:<connection id>", "sync:<connection id>"
    holder     TEXT NOT NULL,               -- "<pid>-<random>" of the process holding it
    expires_at TEXT NOT NULL                -- RFC 3339, UTC
) STRICT;
