-- Each connection's own sync schedule: an interval ("every 2h") or a cron expression in local
-- time ("0 7 * * *"). NULL follows the workspace's default interval.
ALTER TABLE connections ADD COLUMN sync_schedule TEXT;
