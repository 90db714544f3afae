-- 0016: the brief a language model wrote for a story, and the tokens
-- the models spend each day.
--
-- model_brief is the model's brief (storeutil.EncodeBrief), NULL for
-- none: Story returns it in place of the built-in brief (which stays in
-- brief, and gives it its coverage), and its text is the story's
-- summary. model_brief_articles is how many articles the story had when
-- a model last tried to write its brief, 0 for never; a story is due
-- again once it has a quarter more (StoriesForModelBrief).
ALTER TABLE stories ADD COLUMN model_brief TEXT;
ALTER TABLE stories ADD COLUMN model_brief_articles INTEGER NOT NULL DEFAULT 0;

-- The tokens spent on model briefs each day (UTC, "2006-01-02").
CREATE TABLE model_tokens (
	day    TEXT PRIMARY KEY,
	tokens INTEGER NOT NULL
) WITHOUT ROWID;
