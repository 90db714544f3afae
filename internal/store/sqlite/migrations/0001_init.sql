-- 0001: the initial schema.
--
-- Times are INTEGER Unix nanoseconds (UTC); NULL where a time is unknown.
-- Empty strings stand for absent text, except articles.url, which is NULL
-- when an article has no URL so that the UNIQUE constraint only applies to
-- real URLs.

CREATE TABLE sources (
	id     INTEGER PRIMARY KEY,
	name   TEXT NOT NULL UNIQUE COLLATE NOCASE,
	domain TEXT NOT NULL DEFAULT ''
);

CREATE TABLE feeds (
	id          INTEGER PRIMARY KEY,
	url         TEXT NOT NULL UNIQUE,
	title       TEXT NOT NULL DEFAULT '',
	site_url    TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	category    TEXT NOT NULL DEFAULT '',
	last_fetch  INTEGER,
	last_error  TEXT NOT NULL DEFAULT '',
	error_count INTEGER NOT NULL DEFAULT 0,
	next_poll   INTEGER,
	created_at  INTEGER NOT NULL
);

CREATE TABLE articles (
	id           INTEGER PRIMARY KEY,
	url          TEXT UNIQUE,
	source_id    INTEGER REFERENCES sources (id),
	title        TEXT NOT NULL DEFAULT '',
	byline       TEXT NOT NULL DEFAULT '',
	site_name    TEXT NOT NULL DEFAULT '',
	language     TEXT NOT NULL DEFAULT '',
	image_url    TEXT NOT NULL DEFAULT '',
	published    INTEGER,
	word_count   INTEGER NOT NULL DEFAULT 0,
	content_hash TEXT NOT NULL,
	copy_of      INTEGER REFERENCES articles (id),
	feed_id      INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	-- The bodies come last: reading the columns before them does not have
	-- to follow their overflow pages.
	text         TEXT NOT NULL DEFAULT '',
	html         TEXT NOT NULL DEFAULT ''
);

-- One canonical article per content hash; copies point at it.
CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash) WHERE copy_of IS NULL;
CREATE INDEX articles_copy_of ON articles (copy_of) WHERE copy_of IS NOT NULL;
-- Listing order: published, falling back to the time first stored.
CREATE INDEX articles_published ON articles (coalesce(published, created_at));
CREATE INDEX articles_source ON articles (source_id, coalesce(published, created_at));
CREATE INDEX articles_feed ON articles (feed_id) WHERE feed_id IS NOT NULL;

-- Full-text search lives in a separate database file (see index.go): an
-- FTS5 index that a second connection builds in parallel with the writes
-- here. search_queue tells it which articles to (re)index, in order; the
-- index records the last seq it has taken in, and rows up to that are
-- deleted. Only canonical articles are indexed.
CREATE TABLE store_meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO store_meta (key, value) VALUES ('id', lower(hex(randomblob(16))));

CREATE TABLE search_queue (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	article_id INTEGER NOT NULL,
	fresh      INTEGER NOT NULL -- 1: a new article, never indexed; 0: remove it, then add it again if canonical
);

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles
WHEN new.copy_of IS NULL
BEGIN
	INSERT INTO search_queue (article_id, fresh) VALUES (new.id, 1);
END;

CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text, copy_of ON articles
WHEN old.copy_of IS NULL OR new.copy_of IS NULL
BEGIN
	INSERT INTO search_queue (article_id, fresh) VALUES (new.id, 0);
END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles
WHEN old.copy_of IS NULL
BEGIN
	INSERT INTO search_queue (article_id, fresh) VALUES (old.id, 0);
END;

-- Stories, users and comments (used by later features).

CREATE TABLE stories (
	id           INTEGER PRIMARY KEY,
	title        TEXT NOT NULL DEFAULT '',
	summary      TEXT NOT NULL DEFAULT '',
	first_seen   INTEGER,
	last_updated INTEGER
);

CREATE TABLE story_articles (
	story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
	password_hash TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
	created_at    INTEGER NOT NULL
);

CREATE TABLE comments (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	story_id   INTEGER REFERENCES stories (id) ON DELETE CASCADE,
	article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	hidden     INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX comments_story ON comments (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX comments_article ON comments (article_id) WHERE article_id IS NOT NULL;
CREATE INDEX comments_user ON comments (user_id);
