-- PostgreSQL's version sets the storage and autovacuum parameters of unit_jobs for the poller's churn; H2 has neither
-- (its MVStore compacts on its own), so there is nothing to change here. Kept so both dialects share one history.
SELECT 1;
