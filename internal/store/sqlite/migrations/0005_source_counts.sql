-- 0005: each outlet's article count, kept by triggers, so listing outlets
-- does not count every article each time.

ALTER TABLE sources ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET article_count = (SELECT count(*) FROM articles a WHERE a.source_id = sources.id);

CREATE TRIGGER articles_source_count_insert AFTER INSERT ON articles
WHEN new.source_id IS NOT NULL
BEGIN
	UPDATE sources SET article_count = article_count + 1 WHERE id = new.source_id;
END;

CREATE TRIGGER articles_source_count_delete AFTER DELETE ON articles
WHEN old.source_id IS NOT NULL
BEGIN
	UPDATE sources SET article_count = article_count - 1 WHERE id = old.source_id;
END;

CREATE TRIGGER articles_source_count_update AFTER UPDATE OF source_id ON articles
WHEN old.source_id IS NOT new.source_id
BEGIN
	UPDATE sources SET article_count = article_count - 1 WHERE id = old.source_id;
	UPDATE sources SET article_count = article_count + 1 WHERE id = new.source_id;
END;
