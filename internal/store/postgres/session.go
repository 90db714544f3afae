package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// AddSession stores a new session; a zero s.CreatedAt is set to now. An
// empty token hash, or no expiry time, is EINVALID; an unknown user is
// ENOTFOUND; a token hash already stored is ECONFLICT. One statement
// inserts the session only if the user exists, and the foreign key
// refuses a user deleted meanwhile.
func (db *DB) AddSession(ctx context.Context, s *storyline.Session) error {
	if err := storeutil.ValidateNewSession(s); err != nil {
		return err
	}
	created := s.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	var stored time.Time
	err := db.pool.QueryRow(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
		SELECT $1, u.id, $3, $4 FROM users u WHERE u.id = $2
		RETURNING created_at`,
		s.TokenHash, s.UserID, created.UTC(), s.ExpiresAt.UTC()).Scan(&stored)
	switch {
	case errors.Is(err, pgx.ErrNoRows) || isForeignKeyViolation(err):
		return storeutil.UserNotFound(s.UserID)
	case isUniqueViolation(err):
		return storyline.Errorf(storyline.ECONFLICT, "session of user %d: token hash already in use", s.UserID)
	case err != nil:
		return wrap(err, "add session of user %d", s.UserID)
	}
	s.CreatedAt = stored.UTC()
	return nil
}

// Session returns the session with the token hash, or ENOTFOUND when
// there is none or it expired at or before now.
func (db *DB) Session(ctx context.Context, tokenHash string, now time.Time) (*storyline.Session, error) {
	s := storyline.Session{TokenHash: tokenHash}
	var created, expires time.Time
	err := db.pool.QueryRow(ctx, `SELECT user_id, created_at, expires_at FROM sessions
		WHERE token_hash = $1 AND expires_at > $2`, tokenHash, now.UTC()).Scan(&s.UserID, &created, &expires)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "session not found or expired")
	}
	if err != nil {
		return nil, wrap(err, "session")
	}
	s.CreatedAt, s.ExpiresAt = created.UTC(), expires.UTC()
	return &s, nil
}

// DeleteSession ends a session; ending an unknown one is not an error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return wrap(err, "delete session")
}

// DeleteExpiredSessions removes the sessions expired at or before now and
// returns how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, now.UTC())
	if err != nil {
		return 0, wrap(err, "delete expired sessions")
	}
	return int(tag.RowsAffected()), nil
}
