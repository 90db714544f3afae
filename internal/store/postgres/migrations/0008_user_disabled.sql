-- 0008: accounts an administrator disabled, as the SQLite store's 0010.

ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled boolean NOT NULL DEFAULT false;
