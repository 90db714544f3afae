-- 0015: a story's brief, its sentences with the articles each cites
-- (storeutil.EncodeBrief); '' until its aggregates are next saved.

ALTER TABLE stories ADD COLUMN brief TEXT NOT NULL DEFAULT '';
