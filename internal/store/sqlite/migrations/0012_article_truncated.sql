-- 0012: articles whose text or HTML was longer than Storyline keeps and
-- was cut on the way in. ADD COLUMN puts it after the bodies (text, html)
-- rather than before them, where the other columns are: rebuilding the
-- table only for the order is not worth it, so reads that leave the
-- bodies out leave this out too (articleColumns).

ALTER TABLE articles ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
