-- 0011: a deleted account's comments stay, without an author: the
-- comments' user_id becomes nullable and is set to NULL when its user
-- is deleted. SQLite changes a column's constraints only by rebuilding
-- the table.

CREATE TABLE comments_new (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
	story_id   INTEGER REFERENCES stories (id) ON DELETE CASCADE,
	article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	hidden     INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
INSERT INTO comments_new (id, user_id, story_id, article_id, body, hidden, created_at, updated_at)
	SELECT id, user_id, story_id, article_id, body, hidden, created_at, updated_at FROM comments;
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
CREATE INDEX comments_story ON comments (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX comments_article ON comments (article_id) WHERE article_id IS NOT NULL;
CREATE INDEX comments_user_created ON comments (user_id, created_at);
