-- 0017: what each user has read and saved, follows and mutes, and the
-- feed token (see storyline.ReadingStore). Everything of a user goes
-- with the user (ON DELETE CASCADE).

-- The articles a user has read.
CREATE TABLE article_reads (
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	read_at    INTEGER NOT NULL,
	PRIMARY KEY (user_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_reads_article ON article_reads (article_id);

-- The live stories a user has read, with how many articles they had
-- then (seen): a story has new reports while it has more. A merge adds
-- the merged story's seen to the survivor's when the user read both,
-- and drops the merged story's rows (see mergeStories).
CREATE TABLE story_reads (
	user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	seen     INTEGER NOT NULL,
	read_at  INTEGER NOT NULL,
	PRIMARY KEY (user_id, story_id)
) WITHOUT ROWID;
CREATE INDEX story_reads_story ON story_reads (story_id);

-- A user's saved articles and (live) stories; item_id is the article's
-- or the story's ID, so no foreign key: retention keeps what is saved,
-- and a merge moves the saves of the stories it merges away.
CREATE TABLE saved_items (
	user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind     TEXT NOT NULL CHECK (kind IN ('article', 'story')),
	item_id  INTEGER NOT NULL,
	saved_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, kind, item_id)
) WITHOUT ROWID;
CREATE INDEX saved_items_item ON saved_items (kind, item_id);
CREATE INDEX saved_items_user_saved ON saved_items (user_id, saved_at);

-- What a user follows and mutes. value_key is the value folded as
-- names are (storeutil.FoldName): one user follows or mutes a thing
-- once, whatever its case.
CREATE TABLE follows (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL,
	value       TEXT NOT NULL,
	value_key   TEXT NOT NULL,
	entity_kind TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX follows_user_value ON follows (user_id, kind, value_key, entity_kind);

CREATE TABLE mutes (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	value      TEXT NOT NULL,
	value_key  TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX mutes_user_value ON mutes (user_id, kind, value_key);

-- The hash of a user's feed token, NULL for none.
ALTER TABLE users ADD COLUMN feed_token_hash TEXT;
CREATE UNIQUE INDEX users_feed_token ON users (feed_token_hash) WHERE feed_token_hash IS NOT NULL;
