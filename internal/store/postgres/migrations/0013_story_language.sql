-- 0013: a story's language, as the SQLite store's 0014.

ALTER TABLE stories ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT '';
