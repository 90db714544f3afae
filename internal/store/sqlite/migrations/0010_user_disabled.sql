-- 0010: accounts an administrator disabled: they cannot sign in, and
-- their sessions and API tokens are refused.

ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
