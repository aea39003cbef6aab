-- Workflows live in files; the database keeps what they did. A workflow's switch and its
-- schedule's next time, every run, every step of a run (committed before the next starts), and
-- the events a trigger already fired for, so nothing fires twice.
CREATE TABLE workflow_state (
    workflow     TEXT PRIMARY KEY NOT NULL,
    enabled      INTEGER NOT NULL DEFAULT 1,
    next_due_at  TEXT
) STRICT;

CREATE TABLE workflow_runs (
    id           INTEGER PRIMARY KEY,
    workflow     TEXT NOT NULL,
    trigger      TEXT NOT NULL,
    trigger_data TEXT NOT NULL,
    input        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'stopped', 'failed', 'unknown')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    error        TEXT
) STRICT;
CREATE INDEX workflow_runs_by_workflow ON workflow_runs (workflow, started_at);

CREATE TABLE workflow_steps (
    run_id       INTEGER NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'stopped', 'failed', 'unknown')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    duration_ms  INTEGER,
    output       TEXT,
    error        TEXT,
    PRIMARY KEY (run_id, idx)
) STRICT;

CREATE TABLE workflow_fired (
    workflow     TEXT NOT NULL,
    event        TEXT NOT NULL,
    fired_at     TEXT NOT NULL,
    PRIMARY KEY (workflow, event)
) STRICT;
