package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// AddSession stores a new session; a zero s.CreatedAt is set to now. An
// empty token hash, or no expiry time, is EINVALID; an unknown user is
// ENOTFOUND; a token hash already stored is ECONFLICT.
func (db *DB) AddSession(ctx context.Context, s *storyline.Session) error {
	if err := storeutil.ValidateNewSession(s); err != nil {
		return err
	}
	if !storeutil.InTimeRange(s.ExpiresAt) || !storeutil.InTimeRange(s.CreatedAt) {
		return storyline.Errorf(storyline.EINVALID, "session of user %d: time out of range", s.UserID)
	}
	created := s.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	err := db.writeTx(ctx, func(t *txn) error {
		if _, err := userName(t, s.UserID); err != nil {
			return err
		}
		_, err := t.insertID(storyline.Errorf(storyline.ECONFLICT, "session of user %d: token hash already in use", s.UserID),
			`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			s.TokenHash, s.UserID, created.UnixNano(), s.ExpiresAt.UnixNano())
		return err
	})
	if err != nil {
		return wrap(err, "add session of user %d", s.UserID)
	}
	s.CreatedAt = time.Unix(0, created.UnixNano()).UTC()
	return nil
}

// Session returns the session with the token hash, or ENOTFOUND when
// there is none or it expired at or before now.
func (db *DB) Session(ctx context.Context, tokenHash string, now time.Time) (*storyline.Session, error) {
	s := storyline.Session{TokenHash: tokenHash}
	var created, expires sql.NullInt64
	err := db.queryRow(ctx, `SELECT user_id, created_at, expires_at FROM sessions
		WHERE token_hash = ? AND expires_at > ?`, tokenHash, boundNanos(now)).Scan(&s.UserID, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "session not found or expired")
	}
	if err != nil {
		return nil, wrap(err, "session")
	}
	s.CreatedAt, s.ExpiresAt = timeOf(created), timeOf(expires)
	return &s, nil
}

// DeleteSession ends a session; ending an unknown one is not an error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	err := db.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
	return wrap(err, "delete session")
}

// DeleteExpiredSessions removes the sessions expired at or before now and
// returns how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := db.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`DELETE FROM sessions WHERE expires_at <= ?`, boundNanos(now))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, wrap(err, "delete expired sessions")
	}
	return int(n), nil
}
