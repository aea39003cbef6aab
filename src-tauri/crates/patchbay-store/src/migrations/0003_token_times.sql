-- When the current access token was issued or last refreshed (Instagram refreshes only tokens
-- at least 24 h old; every refreshable token is refreshed at least daily).
ALTER TABLE connections ADD COLUMN token_refreshed_at TEXT;
