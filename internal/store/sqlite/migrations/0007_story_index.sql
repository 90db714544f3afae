-- 0007: story assignment kept in the store. Each story's centroid and the
-- span of its dated articles, and an index of stories by term and last
-- date (whose entries per term are the IDF of clustering), so that any
-- process can assign any article without a log or a snapshot. The
-- assignment log and the clustering snapshot of 0006 are dropped; stories
-- made before have no centroid until `storyline analyze --reassign`.
--
-- A story's times are its dated articles' (stories.dated says it has one);
-- undated articles no longer move them.

DROP TABLE assignments;
DELETE FROM store_meta WHERE key = 'app:analysis:state';

CREATE TABLE story_centroids (
	story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
	articles INTEGER NOT NULL,
	first_at INTEGER NOT NULL, -- Unix ns of the earliest dated article; 0 when none
	last_at  INTEGER NOT NULL, -- Unix ns of the latest dated article; 0 when none
	terms    BLOB NOT NULL     -- storeutil.EncodeCentroid
);

CREATE TABLE story_postings (
	term     TEXT NOT NULL,
	last_at  INTEGER NOT NULL, -- the story's, so that a date range is one index range
	story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	first_at INTEGER NOT NULL,
	PRIMARY KEY (term, last_at, story_id)
) WITHOUT ROWID;
CREATE INDEX story_postings_story ON story_postings (story_id);

-- How many stories are indexed (rows of story_centroids), kept by the
-- writes so that it is read without counting them.
CREATE TABLE story_index_count (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	stories INTEGER NOT NULL
);
INSERT INTO story_index_count (id, stories) VALUES (1, 0);

ALTER TABLE stories ADD COLUMN dated INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET dated = 1 WHERE EXISTS (SELECT 1 FROM story_articles sa
	JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id AND a.published IS NOT NULL);
UPDATE stories SET
	first_seen = (SELECT min(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		WHERE sa.story_id = stories.id),
	last_updated = (SELECT max(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		WHERE sa.story_id = stories.id)
WHERE dated = 1;
UPDATE stories SET
	first_seen = (SELECT min(a.created_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		WHERE sa.story_id = stories.id),
	last_updated = (SELECT min(a.created_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		WHERE sa.story_id = stories.id)
WHERE dated = 0 AND EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = stories.id);
