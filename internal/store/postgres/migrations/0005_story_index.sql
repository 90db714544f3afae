-- 0005: story assignment kept in the store, as the SQLite store's 0007.
-- Each story's centroid and the span of its dated articles, an index of
-- stories by term and last date, and how many stories each term indexes
-- (the IDF of clustering), so that any process can assign any article
-- without a log or a snapshot. The assignment log of 0003 and the
-- clustering snapshot (the application's meta key "analysis:state") are
-- dropped; stories made before have no centroid until
-- `storyline analyze --reassign`.
--
-- Terms are opaque keys of any bytes (entity keys start with a NUL, which
-- text cannot hold), hence bytea, as in story_terms. A story without a
-- dated article has the span '-infinity' to '-infinity' (SQLite: 0), which
-- sorts before every date and is never within a date range.
--
-- A story's times are its dated articles' (stories.dated says it has one);
-- undated articles no longer move them.

DROP TABLE assignments;
DELETE FROM store_meta WHERE key = 'app:analysis:state';

-- Stories were created with IDs chosen by the analysis until now, which
-- left the identity sequence behind; the store chooses them from now on.
SELECT setval(pg_get_serial_sequence('stories', 'id'), max(id)) FROM stories HAVING max(id) IS NOT NULL;

CREATE TABLE story_centroids (
	story_id bigint PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
	articles integer NOT NULL,
	first_at timestamptz NOT NULL, -- the earliest dated article; '-infinity' when none
	last_at  timestamptz NOT NULL, -- the latest dated article; '-infinity' when none
	terms    bytea NOT NULL        -- storeutil.EncodeCentroid
);

CREATE TABLE story_postings (
	term     bytea NOT NULL,
	last_at  timestamptz NOT NULL, -- the story's, so that a date range is one index range
	story_id bigint NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	first_at timestamptz NOT NULL,
	PRIMARY KEY (term, last_at, story_id)
);
CREATE INDEX story_postings_story ON story_postings (story_id);

-- How many stories are indexed (rows of story_centroids), kept by the
-- writes so that it is read without counting them.
CREATE TABLE story_index_count (
	id      integer PRIMARY KEY CHECK (id = 1),
	stories integer NOT NULL
);
INSERT INTO story_index_count (id, stories) VALUES (1, 0);

ALTER TABLE stories ADD COLUMN dated boolean NOT NULL DEFAULT false;
UPDATE stories st SET dated = true, first_seen = d.first, last_updated = d.last
FROM (SELECT sa.story_id, min(a.published) AS first, max(a.published) AS last
	FROM story_articles sa JOIN articles a ON a.id = sa.article_id
	WHERE a.published IS NOT NULL GROUP BY sa.story_id) d
WHERE st.id = d.story_id;
UPDATE stories st SET first_seen = d.stored, last_updated = d.stored
FROM (SELECT sa.story_id, min(a.created_at) AS stored
	FROM story_articles sa JOIN articles a ON a.id = sa.article_id GROUP BY sa.story_id) d
WHERE st.id = d.story_id AND NOT st.dated;
