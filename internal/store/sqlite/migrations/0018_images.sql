-- 0018: the articles' lead images (see storyline.ImageStore): one row per
-- article, for the image fetched from source_url (the article's image_url
-- then). A kept image has both renditions and err = ''; one that could not
-- be kept has err saying why and no renditions, so that it is not fetched
-- again while the article's image_url stays the same. Images go with
-- their article (ON DELETE CASCADE: the writer's connection enforces
-- foreign keys, and retention deletes articles with DELETE).
--
-- The renditions (JPEG) come last: reading the columns before them does
-- not have to follow their overflow pages. IF NOT EXISTS lets a store
-- rolled back to an older schema version migrate again.

CREATE TABLE IF NOT EXISTS article_images (
	article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	source_url   TEXT NOT NULL,
	thumb_width  INTEGER NOT NULL DEFAULT 0,
	thumb_height INTEGER NOT NULL DEFAULT 0,
	page_width   INTEGER NOT NULL DEFAULT 0,
	page_height  INTEGER NOT NULL DEFAULT 0,
	hash         TEXT NOT NULL DEFAULT '',
	fetched_at   INTEGER NOT NULL,
	err          TEXT NOT NULL DEFAULT '',
	thumb        BLOB,
	page         BLOB,
	CHECK ((err = '') = (thumb IS NOT NULL AND page IS NOT NULL))
);
