-- 0010: articles whose text or HTML was cut on the way in, as the SQLite
-- store's 0012.

ALTER TABLE articles ADD COLUMN IF NOT EXISTS truncated boolean NOT NULL DEFAULT false;
