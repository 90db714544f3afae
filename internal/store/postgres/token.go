package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// tokenColumns selects an API token from "api_tokens k"; scanToken reads
// them.
const tokenColumns = `k.id, k.user_id, k.name, k.token_hash, k.created_at`

// scanToken reads the columns of tokenColumns.
func scanToken(row pgx.Row) (*storyline.APIToken, error) {
	var k storyline.APIToken
	var created *time.Time
	if err := row.Scan(&k.ID, &k.UserID, &k.Name, &k.TokenHash, &created); err != nil {
		return nil, err
	}
	k.CreatedAt = timeOf(created)
	return &k, nil
}

// AddToken stores a new API token and sets k.ID and k.CreatedAt. An empty
// token hash is EINVALID; an unknown user is ENOTFOUND; a token hash
// already stored is ECONFLICT. As in AddSession, one statement inserts
// the token only if the user exists.
func (db *DB) AddToken(ctx context.Context, k *storyline.APIToken) error {
	if err := storeutil.ValidateNewToken(k); err != nil {
		return err
	}
	var (
		id      int64
		created time.Time
	)
	err := db.pool.QueryRow(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at)
		SELECT u.id, $2, $3, $4 FROM users u WHERE u.id = $1
		RETURNING id, created_at`,
		k.UserID, k.Name, k.TokenHash, time.Now().UTC()).Scan(&id, &created)
	switch {
	case errors.Is(err, pgx.ErrNoRows) || isForeignKeyViolation(err):
		return storeutil.UserNotFound(k.UserID)
	case isUniqueViolation(err):
		return storyline.Errorf(storyline.ECONFLICT, "API token %q of user %d: token hash already in use", k.Name, k.UserID)
	case err != nil:
		return wrap(err, "add API token %q of user %d", k.Name, k.UserID)
	}
	k.ID = id
	k.CreatedAt = created.UTC()
	return nil
}

// TokenByHash returns the token with the hash, or ENOTFOUND.
func (db *DB) TokenByHash(ctx context.Context, hash string) (*storyline.APIToken, error) {
	k, err := scanToken(db.pool.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens k WHERE k.token_hash = $1`, hash))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "API token not found")
	}
	return k, wrap(err, "API token by hash")
}

// Tokens lists a user's tokens, newest first.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]*storyline.APIToken, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens k
		WHERE k.user_id = $1 ORDER BY k.created_at DESC, k.id DESC`, userID)
	if err != nil {
		return nil, wrap(err, "API tokens of user %d", userID)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.APIToken, error) { return scanToken(row) })
	return list, wrap(err, "API tokens of user %d", userID)
}

// DeleteToken removes token id of user userID; a token that does not
// exist or belongs to someone else is ENOTFOUND.
func (db *DB) DeleteToken(ctx context.Context, userID, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM api_tokens WHERE id = $1 AND user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = storyline.Errorf(storyline.ENOTFOUND, "API token %d of user %d not found", id, userID)
	}
	return wrap(err, "delete API token %d of user %d", id, userID)
}

// DeleteTokens removes every API token of a user.
func (db *DB) DeleteTokens(ctx context.Context, userID int64) (int, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM api_tokens WHERE user_id = $1`, userID)
	if err != nil {
		return 0, wrap(err, "delete the API tokens of user %d", userID)
	}
	return int(tag.RowsAffected()), nil
}
