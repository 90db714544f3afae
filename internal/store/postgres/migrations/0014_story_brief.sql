-- 0014: a story's brief, as the SQLite store's 0015.

ALTER TABLE stories ADD COLUMN IF NOT EXISTS brief text NOT NULL DEFAULT '';
