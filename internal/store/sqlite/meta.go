package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/storyline/storyline/internal/store/storeutil"
)

// Meta returns the value stored under key, or "" and false.
func (db *DB) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM store_meta WHERE key = ?`, "app:"+key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, wrap(err, "meta %q", key)
	}
	return v, true, nil
}

// SetMeta stores value under key; an empty value removes the key.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	if err := storeutil.CheckMetaKey(key); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		if value == "" {
			_, err := t.exec(`DELETE FROM store_meta WHERE key = ?`, "app:"+key)
			return err
		}
		_, err := t.exec(`INSERT INTO store_meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, "app:"+key, value)
		return err
	})
	return wrap(err, "set meta %q", key)
}
