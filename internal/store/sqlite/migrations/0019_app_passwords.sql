-- 0019: app passwords (see storyline.AppPasswordStore), with which
-- feed-reading apps sign in to the Google Reader and Fever APIs as a
-- user. Only hashes are kept: secret_hash finds one by the password,
-- fever_hash by the key a Fever client sends (both unique). They go with
-- their user (ON DELETE CASCADE: the writer's connection enforces
-- foreign keys); SetPassword deletes them. last_used_at is NULL until an
-- app signs in. IF NOT EXISTS lets a store rolled back to an older schema
-- version migrate again.

CREATE TABLE IF NOT EXISTS app_passwords (
	id               INTEGER PRIMARY KEY,
	user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	label            TEXT NOT NULL DEFAULT '',
	secret_hash      TEXT NOT NULL,
	fever_hash       TEXT NOT NULL,
	stories_as_items INTEGER NOT NULL DEFAULT 0,
	created_at       INTEGER NOT NULL,
	last_used_at     INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS app_passwords_secret ON app_passwords (secret_hash);
CREATE UNIQUE INDEX IF NOT EXISTS app_passwords_fever ON app_passwords (fever_hash);
CREATE INDEX IF NOT EXISTS app_passwords_user ON app_passwords (user_id, created_at);
