-- The poller rewrites every tracked unit job's lease and next poll time once per poll interval (10,000 tracked jobs:
-- some 4,000 row updates a second). Room on each page lets the lease updates, which change no indexed column, stay
-- heap-only (HOT) and be pruned without a vacuum, and autovacuum comes after 2 % of the rows changed instead of 20 %,
-- so that dead rows do not pile up between its visits and the due-row scans stay small.
ALTER TABLE unit_jobs SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 1);
