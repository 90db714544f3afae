package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// appPasswordColumns selects an app password from "app_passwords p";
// scanAppPassword reads them.
const appPasswordColumns = `p.id, p.user_id, p.label, p.secret_hash, p.fever_hash, p.stories_as_items, p.created_at, p.last_used_at`

// scanAppPassword reads the columns of appPasswordColumns.
func scanAppPassword(row scanner) (*storyline.AppPassword, error) {
	var p storyline.AppPassword
	var created, used sql.NullInt64
	if err := row.Scan(&p.ID, &p.UserID, &p.Label, &p.SecretHash, &p.FeverHash, &p.StoriesAsItems, &created, &used); err != nil {
		return nil, err
	}
	p.CreatedAt, p.LastUsedAt = timeOf(created), timeOf(used)
	return &p, nil
}

// AddAppPassword stores p and sets p.ID and p.CreatedAt (by the store's
// clock). An empty secret or Fever hash is EINVALID; an unknown user is
// ENOTFOUND; a hash already stored is ECONFLICT.
func (db *DB) AddAppPassword(ctx context.Context, p *storyline.AppPassword) error {
	if err := storeutil.ValidateNewAppPassword(p); err != nil {
		return err
	}
	now := db.opts.Now().UnixNano()
	var id int64
	err := db.writeTx(ctx, func(t *txn) error {
		if _, err := userName(t, p.UserID); err != nil {
			return err
		}
		var err error
		id, err = t.insertID(storyline.Errorf(storyline.ECONFLICT, "app password %q of user %d: hash already in use", p.Label, p.UserID),
			`INSERT INTO app_passwords (user_id, label, secret_hash, fever_hash, stories_as_items, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			p.UserID, p.Label, p.SecretHash, p.FeverHash, p.StoriesAsItems, now)
		return err
	})
	if err != nil {
		return wrap(err, "add app password %q of user %d", p.Label, p.UserID)
	}
	p.ID = id
	p.CreatedAt = time.Unix(0, now).UTC()
	return nil
}

// AppPasswords lists a user's app passwords, newest first.
func (db *DB) AppPasswords(ctx context.Context, userID int64) ([]*storyline.AppPassword, error) {
	list, err := queryAll(ctx, db, scanAppPassword, `SELECT `+appPasswordColumns+` FROM app_passwords p
		WHERE p.user_id = ? ORDER BY p.created_at DESC, p.id DESC`, userID)
	return list, wrap(err, "app passwords of user %d", userID)
}

// AppPasswordBySecret returns the app password with the secret hash, or
// ENOTFOUND.
func (db *DB) AppPasswordBySecret(ctx context.Context, secretHash string) (*storyline.AppPassword, error) {
	return db.appPasswordBy(ctx, "secret_hash", secretHash)
}

// AppPasswordByFeverKey returns the app password with the Fever hash, or
// ENOTFOUND.
func (db *DB) AppPasswordByFeverKey(ctx context.Context, feverHash string) (*storyline.AppPassword, error) {
	return db.appPasswordBy(ctx, "fever_hash", feverHash)
}

// appPasswordBy returns the app password whose column (secret_hash or
// fever_hash, never user input) is hash, or ENOTFOUND.
func (db *DB) appPasswordBy(ctx context.Context, column, hash string) (*storyline.AppPassword, error) {
	p, err := scanAppPassword(db.queryRow(ctx, `SELECT `+appPasswordColumns+` FROM app_passwords p WHERE p.`+column+` = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storeutil.NoAppPassword()
	}
	return p, wrap(err, "app password by %s", column)
}

// TouchAppPassword records that app password id was used at at, unless
// a later use is recorded; an unknown id changes nothing.
func (db *DB) TouchAppPassword(ctx context.Context, id int64, at time.Time) error {
	at, err := storeutil.AppPasswordTouchTime(id, at)
	if err != nil {
		return err
	}
	err = db.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`UPDATE app_passwords SET last_used_at = ?1
			WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?1)`, at.UnixNano(), id)
		return err
	})
	return wrap(err, "touch app password %d", id)
}

// DeleteAppPassword revokes app password id of user userID; one that
// does not exist or belongs to someone else is ENOTFOUND.
func (db *DB) DeleteAppPassword(ctx context.Context, userID, id int64) error {
	err := db.writeTx(ctx, func(t *txn) error {
		return t.execOne(storeutil.AppPasswordNotFound(userID, id), `DELETE FROM app_passwords WHERE id = ? AND user_id = ?`, id, userID)
	})
	return wrap(err, "delete app password %d of user %d", id, userID)
}

// DeleteAppPasswords revokes every app password of a user.
func (db *DB) DeleteAppPasswords(ctx context.Context, userID int64) (int, error) {
	var n int64
	err := db.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`DELETE FROM app_passwords WHERE user_id = ?`, userID)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), wrap(err, "delete the app passwords of user %d", userID)
}
