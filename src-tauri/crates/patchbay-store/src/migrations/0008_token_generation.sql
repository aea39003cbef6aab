-- A connection's tokens carry a generation: every write of tokens (sign-in, refresh,
-- replace) and every disconnect moves it on, and a refresh stores its tokens only if the
-- generation is still the one it started from. A refresh that outlived its lease (a laptop that
-- slept mid-refresh) can then never bring back a connection that was disconnected meanwhile.

ALTER TABLE connections ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;
