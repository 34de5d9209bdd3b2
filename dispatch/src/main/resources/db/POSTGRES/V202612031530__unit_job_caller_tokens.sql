-- The bearer token a unit job's submitter presented, for platforms whose auth forwards or exchanges it, so that the
-- poller can still call them as the submitter after a restart or on another server. Never in clear: AES-256-GCM
-- sealed with the secrets key (caller_token_key names that key), bound to the row's tenant and id. Set to NULL when
-- the job ends.
ALTER TABLE unit_jobs ADD COLUMN caller_token TEXT;
ALTER TABLE unit_jobs ADD COLUMN caller_token_key VARCHAR(32);
