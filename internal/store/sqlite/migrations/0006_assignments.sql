-- 0006: the assignment log, which lets an analysis resume its clustering
-- exactly (the snapshot, then the assignments made after it).

CREATE TABLE assignments (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	article_id INTEGER NOT NULL,
	near_copy  INTEGER NOT NULL DEFAULT 0,
	kept       INTEGER NOT NULL DEFAULT 0,
	dropped    INTEGER NOT NULL DEFAULT 0,
	joined     INTEGER NOT NULL DEFAULT 0,
	story      INTEGER NOT NULL DEFAULT 0,
	folds      TEXT NOT NULL DEFAULT '[]' -- [[into, from], …] in order
);
