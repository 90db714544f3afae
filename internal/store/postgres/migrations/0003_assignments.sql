-- 0003: the assignment log, through which several analysing processes
-- share one clustering (see storyline.AssignmentStore).

CREATE TABLE assignments (
	seq        bigserial PRIMARY KEY,
	article_id bigint NOT NULL,
	near_copy  boolean NOT NULL DEFAULT false,
	kept       bigint NOT NULL DEFAULT 0,
	dropped    bigint NOT NULL DEFAULT 0,
	joined     bigint NOT NULL DEFAULT 0,
	story      bigint NOT NULL DEFAULT 0,
	folds      text NOT NULL DEFAULT '[]' -- [[into, from], …] in order
);
