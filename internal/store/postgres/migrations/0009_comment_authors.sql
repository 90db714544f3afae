-- 0009: a deleted account's comments stay, without an author, as the
-- SQLite store's 0011.

ALTER TABLE comments ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE comments DROP CONSTRAINT IF EXISTS comments_user_id_fkey;
ALTER TABLE comments ADD CONSTRAINT comments_user_id_fkey
	FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;
