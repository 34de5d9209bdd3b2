-- A blueprint whose parse failed is kept, as Cloudify keeps it, in state invalid with the parse error: it has no plan.
ALTER TABLE blueprints ADD COLUMN error TEXT;
ALTER TABLE blueprints ADD COLUMN error_traceback TEXT;
ALTER TABLE blueprints ALTER COLUMN plan DROP NOT NULL;
