-- 0014: a story's language, the ISO 639-1 code of its articles' ("en"
-- for English), by which its coverage in other languages is found; ''
-- for the stories of before, until their aggregates are next saved.

ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT '';
