-- 0006: a version of the story index, as the SQLite store's 0008: raised
-- by every write to the index, so that a process keeping a copy of the
-- recent part of it in memory knows whether another process wrote since;
-- and the stories by latest date, so that such a copy loads the latest
-- stories without reading the others.

ALTER TABLE story_index_count ADD COLUMN version bigint NOT NULL DEFAULT 0;
CREATE INDEX story_centroids_last ON story_centroids (last_at);
