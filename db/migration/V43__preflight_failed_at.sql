-- Preflight reads are no longer claimed per row (one reader at a time holds an advisory lock instead: a reader
-- killed mid-read left claims that held its devices for 30 s). The column now only records a failed read, retried
-- 30 s later.
ALTER TABLE device_update RENAME COLUMN preflight_claimed_at TO preflight_failed_at;
