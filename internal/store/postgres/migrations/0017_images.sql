-- 0017: the articles' lead images, as the SQLite store's 0018 (see its
-- comments): one row per article, a kept image with both renditions and
-- err = '', a failed one with err and neither; deleted with the article.

CREATE TABLE IF NOT EXISTS article_images (
	article_id   bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	source_url   text NOT NULL,
	thumb_width  integer NOT NULL DEFAULT 0,
	thumb_height integer NOT NULL DEFAULT 0,
	page_width   integer NOT NULL DEFAULT 0,
	page_height  integer NOT NULL DEFAULT 0,
	hash         text NOT NULL DEFAULT '',
	fetched_at   timestamptz NOT NULL,
	err          text NOT NULL DEFAULT '',
	thumb        bytea,
	page         bytea,
	CHECK ((err = '') = (thumb IS NOT NULL AND page IS NOT NULL))
);
