-- 0015: a story's model brief and the tokens models spend each day, as
-- the SQLite store's 0016.

ALTER TABLE stories ADD COLUMN IF NOT EXISTS model_brief text;
ALTER TABLE stories ADD COLUMN IF NOT EXISTS model_brief_articles integer NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS model_tokens (
	day    text PRIMARY KEY,
	tokens bigint NOT NULL
);
