-- 0003: article analyses and the stories they form.

ALTER TABLE stories ADD COLUMN merged_into INTEGER REFERENCES stories (id);
ALTER TABLE stories ADD COLUMN keyphrases TEXT NOT NULL DEFAULT '[]'; -- JSON
ALTER TABLE stories ADD COLUMN entities TEXT NOT NULL DEFAULT '[]';   -- JSON
CREATE INDEX stories_updated ON stories (last_updated) WHERE merged_into IS NULL;

-- What the analysis stage found in an article. summary, keyphrases and
-- entities are JSON; signature is the near-duplicate signature.
CREATE TABLE article_analysis (
	article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	version     INTEGER NOT NULL,
	language    TEXT NOT NULL DEFAULT '',
	summary     TEXT NOT NULL DEFAULT '[]',
	keyphrases  TEXT NOT NULL DEFAULT '[]',
	entities    TEXT NOT NULL DEFAULT '[]',
	signature   BLOB,
	analyzed_at INTEGER NOT NULL
);

-- The weighted terms (and entity keys) of each story, to find related
-- stories by what they share.
CREATE TABLE story_terms (
	term     TEXT NOT NULL,
	story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	weight   REAL NOT NULL,
	PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_story ON story_terms (story_id);
