-- 0004: users' sign-in sessions and API tokens, the indexes comments are
-- read by, and the labels (hashtags, entities) stories are filtered by.

-- users.name is UNIQUE COLLATE NOCASE, which folds ASCII letters only.
-- name_key is the name as the store compares names: trimmed and
-- lower-cased in every script (see foldName in labels.go), so that "Åsa" and
-- "åsa" are one name. No release wrote users before this migration, so
-- SQL's lower() is enough to fill it.
ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE users SET name_key = lower(trim(name));
CREATE UNIQUE INDEX users_name_key ON users (name_key);

-- A signed-in browser. Only a hash of the session's secret is kept.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- A program's access to the API as a user; again only the hash is kept.
CREATE TABLE api_tokens (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name       TEXT NOT NULL DEFAULT '',
	token_hash TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);

-- A user's comments by time, for rate limits (it also serves what
-- comments_user did).
CREATE INDEX comments_user_created ON comments (user_id, created_at);
DROP INDEX comments_user;

-- The stories merged into a story, whose comments count as its own.
CREATE INDEX stories_merged ON stories (merged_into) WHERE merged_into IS NOT NULL;

-- What each live story is filtered by, from its keyphrases and entities
-- (which are stored only as JSON): "#" and a hashtag; ":" and an entity's
-- name (any kind); the entity's kind, ":" and its name. All are folded
-- like users.name_key. SaveStories rewrites a story's labels, MergeStories
-- drops those of the stories it merges away, and the migration fills them
-- for the stories already stored (in Go: see migrationCode).
CREATE TABLE story_labels (
	label    TEXT NOT NULL,
	story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	PRIMARY KEY (label, story_id)
) WITHOUT ROWID;
CREATE INDEX story_labels_story ON story_labels (story_id);
