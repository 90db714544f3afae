package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/store/storeutil"
)

// The application's keys are stored in store_meta under "app:" and the
// key, beside the store's own keys (such as "id"), as in the SQLite store.

// Meta returns the value stored under key, or "" and false.
func (db *DB) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM store_meta WHERE key = $1`, "app:"+key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, wrap(err, "meta %q", key)
	}
	return v, true, nil
}

// SetMeta stores value under key (an upsert, safe between processes); an
// empty value removes the key. An empty or reserved key is EINVALID.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	if err := storeutil.CheckMetaKey(key); err != nil {
		return err
	}
	var err error
	if value == "" {
		_, err = db.pool.Exec(ctx, `DELETE FROM store_meta WHERE key = $1`, "app:"+key)
	} else {
		_, err = db.pool.Exec(ctx, `INSERT INTO store_meta (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, "app:"+key, value)
	}
	return wrap(err, "set meta %q", key)
}
