-- What a succeeded operation produced (a script's STEWARD_OUTPUT, a built-in's result). The engine owns this column;
-- it was first added by the OGC module's V202611231600, which databases migrated before the split have applied, so
-- here it is added only where that did not run.
ALTER TABLE execution_tasks ADD COLUMN IF NOT EXISTS output TEXT;
