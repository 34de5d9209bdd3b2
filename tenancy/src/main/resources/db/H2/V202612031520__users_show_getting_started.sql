-- Cloudify's per-user flag the console reads (client users.set_show_getting_started); new users start with it on.
ALTER TABLE users ADD COLUMN show_getting_started BOOLEAN DEFAULT TRUE NOT NULL;
