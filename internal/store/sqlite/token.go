package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// tokenColumns selects an API token from "api_tokens k"; scanToken reads
// them.
const tokenColumns = `k.id, k.user_id, k.name, k.token_hash, k.created_at`

// scanToken reads the columns of tokenColumns.
func scanToken(row scanner) (*storyline.APIToken, error) {
	var k storyline.APIToken
	var created sql.NullInt64
	if err := row.Scan(&k.ID, &k.UserID, &k.Name, &k.TokenHash, &created); err != nil {
		return nil, err
	}
	k.CreatedAt = timeOf(created)
	return &k, nil
}

// AddToken stores a new API token and sets k.ID and k.CreatedAt. An empty
// token hash is EINVALID; an unknown user is ENOTFOUND; a token hash
// already stored is ECONFLICT.
func (db *DB) AddToken(ctx context.Context, k *storyline.APIToken) error {
	if err := storeutil.ValidateNewToken(k); err != nil {
		return err
	}
	now := time.Now().UnixNano()
	var id int64
	err := db.writeTx(ctx, func(t *txn) error {
		if _, err := userName(t, k.UserID); err != nil {
			return err
		}
		var err error
		id, err = t.insertID(storyline.Errorf(storyline.ECONFLICT, "API token %q of user %d: token hash already in use", k.Name, k.UserID),
			`INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`,
			k.UserID, k.Name, k.TokenHash, now)
		return err
	})
	if err != nil {
		return wrap(err, "add API token %q of user %d", k.Name, k.UserID)
	}
	k.ID = id
	k.CreatedAt = time.Unix(0, now).UTC()
	return nil
}

// TokenByHash returns the token with the hash, or ENOTFOUND.
func (db *DB) TokenByHash(ctx context.Context, hash string) (*storyline.APIToken, error) {
	k, err := scanToken(db.queryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens k WHERE k.token_hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "API token not found")
	}
	return k, wrap(err, "API token by hash")
}

// Tokens lists a user's tokens, newest first.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]*storyline.APIToken, error) {
	list, err := queryAll(ctx, db, scanToken, `SELECT `+tokenColumns+` FROM api_tokens k
		WHERE k.user_id = ? ORDER BY k.created_at DESC, k.id DESC`, userID)
	return list, wrap(err, "API tokens of user %d", userID)
}

// DeleteToken removes token id of user userID; a token that does not
// exist or belongs to someone else is ENOTFOUND.
func (db *DB) DeleteToken(ctx context.Context, userID, id int64) error {
	err := db.writeTx(ctx, func(t *txn) error {
		return t.execOne(storyline.Errorf(storyline.ENOTFOUND, "API token %d of user %d not found", id, userID),
			`DELETE FROM api_tokens WHERE id = ? AND user_id = ?`, id, userID)
	})
	return wrap(err, "delete API token %d of user %d", id, userID)
}

// DeleteTokens removes every API token of a user.
func (db *DB) DeleteTokens(ctx context.Context, userID int64) (int, error) {
	var n int64
	err := db.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`DELETE FROM api_tokens WHERE user_id = ?`, userID)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), wrap(err, "delete the API tokens of user %d", userID)
}
