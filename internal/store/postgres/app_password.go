package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// appPasswordColumns selects an app password from "app_passwords p";
// scanAppPassword reads them.
const appPasswordColumns = `p.id, p.user_id, p.label, p.secret_hash, p.fever_hash, p.stories_as_items, p.created_at, p.last_used_at`

// scanAppPassword reads the columns of appPasswordColumns.
func scanAppPassword(row pgx.Row) (*storyline.AppPassword, error) {
	var p storyline.AppPassword
	var created, used *time.Time
	if err := row.Scan(&p.ID, &p.UserID, &p.Label, &p.SecretHash, &p.FeverHash, &p.StoriesAsItems, &created, &used); err != nil {
		return nil, err
	}
	p.CreatedAt, p.LastUsedAt = timeOf(created), timeOf(used)
	return &p, nil
}

// AddAppPassword stores p and sets p.ID and p.CreatedAt. An empty secret
// or Fever hash is EINVALID; an unknown user is ENOTFOUND; a hash already
// stored is ECONFLICT. As in AddToken, one statement inserts the app
// password only if the user exists.
func (db *DB) AddAppPassword(ctx context.Context, p *storyline.AppPassword) error {
	if err := storeutil.ValidateNewAppPassword(p); err != nil {
		return err
	}
	var (
		id      int64
		created time.Time
	)
	err := db.pool.QueryRow(ctx, `INSERT INTO app_passwords (user_id, label, secret_hash, fever_hash, stories_as_items, created_at)
		SELECT u.id, $2, $3, $4, $5, $6 FROM users u WHERE u.id = $1
		RETURNING id, created_at`,
		p.UserID, p.Label, p.SecretHash, p.FeverHash, p.StoriesAsItems, time.Now().UTC()).Scan(&id, &created)
	switch {
	case errors.Is(err, pgx.ErrNoRows) || isForeignKeyViolation(err):
		return storeutil.UserNotFound(p.UserID)
	case isUniqueViolation(err):
		return storyline.Errorf(storyline.ECONFLICT, "app password %q of user %d: hash already in use", p.Label, p.UserID)
	case err != nil:
		return wrap(err, "add app password %q of user %d", p.Label, p.UserID)
	}
	p.ID = id
	p.CreatedAt = created.UTC()
	return nil
}

// AppPasswords lists a user's app passwords, newest first.
func (db *DB) AppPasswords(ctx context.Context, userID int64) ([]*storyline.AppPassword, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+appPasswordColumns+` FROM app_passwords p
		WHERE p.user_id = $1 ORDER BY p.created_at DESC, p.id DESC`, userID)
	if err != nil {
		return nil, wrap(err, "app passwords of user %d", userID)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.AppPassword, error) { return scanAppPassword(row) })
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
	p, err := scanAppPassword(db.pool.QueryRow(ctx, `SELECT `+appPasswordColumns+` FROM app_passwords p WHERE p.`+column+` = $1`, hash))
	if errors.Is(err, pgx.ErrNoRows) {
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
	_, err = db.pool.Exec(ctx, `UPDATE app_passwords SET last_used_at = $1
		WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)`, at, id)
	return wrap(err, "touch app password %d", id)
}

// DeleteAppPassword revokes app password id of user userID; one that
// does not exist or belongs to someone else is ENOTFOUND.
func (db *DB) DeleteAppPassword(ctx context.Context, userID, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM app_passwords WHERE id = $1 AND user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.AppPasswordNotFound(userID, id)
	}
	return wrap(err, "delete app password %d of user %d", id, userID)
}

// DeleteAppPasswords revokes every app password of a user.
func (db *DB) DeleteAppPasswords(ctx context.Context, userID int64) (int, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM app_passwords WHERE user_id = $1`, userID)
	if err != nil {
		return 0, wrap(err, "delete the app passwords of user %d", userID)
	}
	return int(tag.RowsAffected()), nil
}
