-- Durable OGC callbacks. A job with a subscriber is "open" until its final status has been delivered (or given up
-- on); notified_status is the last status its subscriber was told. Any engine-running node delivers what is due,
-- claiming the job row for the delivery (claim + claimed_until, a lease), and retries failures at callback_due_at.
-- callback_root is the API root the job was accepted under, for the links in what is sent.
ALTER TABLE ogc_jobs ADD COLUMN callback_open BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ogc_jobs ADD COLUMN callback_root VARCHAR(2048);
ALTER TABLE ogc_jobs ADD COLUMN notified_status VARCHAR(16);
ALTER TABLE ogc_jobs ADD COLUMN callback_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ogc_jobs ADD COLUMN callback_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ogc_jobs ADD COLUMN callback_claim VARCHAR(64);
ALTER TABLE ogc_jobs ADD COLUMN callback_claimed_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX ogc_jobs_callbacks_open ON ogc_jobs (callback_open, callback_due_at);
