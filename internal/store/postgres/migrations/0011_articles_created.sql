-- 0011: articles by the time they were stored, as the SQLite store's 0013.

CREATE INDEX IF NOT EXISTS articles_created ON articles (created_at);
