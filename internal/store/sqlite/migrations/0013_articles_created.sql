-- 0013: articles by the time they were stored, so that retention finds the
-- oldest without reading the whole table.

CREATE INDEX IF NOT EXISTS articles_created ON articles (created_at);
