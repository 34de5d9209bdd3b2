-- An execution group started with fail_fast cancels its queued members when one member fails.
ALTER TABLE execution_groups ADD COLUMN fail_fast BOOLEAN DEFAULT FALSE NOT NULL;
