-- The API budget each connection last saw, the YouTube quota units spent per Google project and
-- Pacific day, and the built-in sandbox's clock: each in its own table instead of keys in
-- `settings`. What the keys held moves over; the keys go.

CREATE TABLE api_budgets (
    connection_id TEXT PRIMARY KEY NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    used_percent  REAL NOT NULL,
    seen_at       TEXT NOT NULL
) STRICT;

INSERT INTO api_budgets (connection_id, used_percent, seen_at)
SELECT substr(key, 8), CAST(value AS REAL), updated_at
FROM settings
WHERE key LIKE 'budget.%'
  AND key NOT LIKE 'budget.youtube.%'
  AND substr(key, 8) IN (SELECT id FROM connections);

-- One row per Google project and Pacific day; rows older than yesterday are pruned on write.
CREATE TABLE youtube_quota (
    project TEXT NOT NULL,
    day     TEXT NOT NULL,
    units   REAL NOT NULL,
    PRIMARY KEY (project, day)
) STRICT;

-- `budget.youtube.<project>.<YYYY-MM-DD>`: the project id may itself contain dots.
INSERT INTO youtube_quota (project, day, units)
SELECT substr(key, 16, length(key) - 26), substr(key, -10), CAST(value AS REAL)
FROM settings
WHERE key LIKE 'budget.youtube.%' AND length(key) > 26;

CREATE TABLE sandbox_clock (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    epoch        TEXT,
    advance_secs INTEGER NOT NULL DEFAULT 0,
    seed         INTEGER NOT NULL DEFAULT 7
) STRICT;

INSERT INTO sandbox_clock (id, epoch, advance_secs, seed)
SELECT 1,
       (SELECT value FROM settings WHERE key = 'sandbox.epoch'),
       coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sandbox.advance_secs'), 0),
       coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sandbox.seed'), 7)
WHERE EXISTS (
    SELECT 1 FROM settings WHERE key IN ('sandbox.epoch', 'sandbox.advance_secs', 'sandbox.seed')
);

DELETE FROM settings
WHERE key LIKE 'budget.%' OR key IN ('sandbox.epoch', 'sandbox.advance_secs', 'sandbox.seed');
