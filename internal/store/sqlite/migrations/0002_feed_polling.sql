-- 0002: what polling a feed needs to remember, and the entries each feed
-- delivered.

ALTER TABLE feeds ADD COLUMN feed_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN retry_until INTEGER;
ALTER TABLE feeds ADD COLUMN interval_ns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN etag TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN last_modified TEXT NOT NULL DEFAULT '';

CREATE INDEX feeds_due ON feeds (coalesce(next_poll, 0)) WHERE paused = 0;

-- One row per entry of a feed that is stored, keyed by the entry's GUID
-- (its link when it has none): an entry seen again is never fetched again.
-- content_from: 'page' when the text was extracted from the entry's page,
-- 'feed' when it is the feed's own content, '' when the article arrived
-- another way (an import, another feed) before the entry was seen.
CREATE TABLE feed_entries (
	feed_id      INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	guid         TEXT NOT NULL,
	article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	content_from TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	PRIMARY KEY (feed_id, guid)
) WITHOUT ROWID;
CREATE INDEX feed_entries_article ON feed_entries (article_id);
