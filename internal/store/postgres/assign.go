package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// assignmentLock is the advisory lock key of the assignment lock.
const assignmentLock = 0x73746f72795f6173 // "story_as"

// unlockTimeout bounds the release of the assignment lock.
const unlockTimeout = 5 * time.Second

// LockAssignments takes the assignment lock: a session advisory lock held
// on a connection of its own until unlock, so that a process that dies
// holding it releases it with its connection. The wait is bounded by ctx,
// not by the statement timeout.
func (db *DB) LockAssignments(ctx context.Context) (func(), error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, wrap(err, "lock assignments")
	}
	_, err = conn.Exec(ctx, `SET statement_timeout = 0`)
	if err == nil {
		_, err = conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(assignmentLock))
	}
	if err != nil {
		// The session may or may not hold the lock: end it to be sure.
		conn.Conn().Close(context.WithoutCancel(ctx))
		conn.Release()
		return nil, wrap(err, "lock assignments")
	}
	db.lockPID.Store(conn.Conn().PgConn().PID())
	return func() {
		db.lockPID.Store(0)
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), unlockTimeout)
		defer cancel()
		_, err := conn.Exec(uctx, `SELECT pg_advisory_unlock($1)`, int64(assignmentLock))
		if err == nil {
			_, err = conn.Exec(uctx, `RESET statement_timeout`)
		}
		if err != nil {
			conn.Conn().Close(uctx) // ending the session releases the lock
		}
		conn.Release()
	}, nil
}

// checkLockHeld fails with ECONFLICT unless the session this process took
// the assignment lock on still holds it: a connection lost meanwhile (the
// server restarted, the session was terminated) let the lock go, and
// another process may be assigning.
func (db *DB) checkLockHeld(ctx context.Context, tx pgx.Tx) error {
	var held bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
		AND pid = $1 AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $2)`,
		db.lockPID.Load(), int64(assignmentLock)).Scan(&held)
	if err != nil {
		return err
	}
	if !held {
		return storyline.Errorf(storyline.ECONFLICT, "the assignment lock was lost (its connection ended): assign again")
	}
	return nil
}

// SaveAssignment stores analysis a, merges the stories rec.Folds names into
// rec.Story and appends rec to the log, in one transaction.
func (db *DB) SaveAssignment(ctx context.Context, a *storyline.Analysis, rec *storyline.Assignment) error {
	if err := storeutil.CheckAssignment(a, rec); err != nil {
		return err
	}
	err := db.retryDeadlocks(ctx, func(tx pgx.Tx) error {
		if err := db.checkLockHeld(ctx, tx); err != nil {
			return err
		}
		if err := saveAnalysis(ctx, tx, a); err != nil {
			return err
		}
		if len(rec.Folds) > 0 {
			if err := mergeStories(ctx, tx, rec.Story, storeutil.FoldSources(rec.Folds)); err != nil {
				return err
			}
		}
		return tx.QueryRow(ctx, `INSERT INTO assignments (article_id, near_copy, kept, dropped, joined, story, folds)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`, rec.ArticleID, rec.NearCopy, rec.Kept,
			rec.Dropped, rec.Joined, rec.Story, storeutil.EncodeFolds(rec.Folds)).Scan(&rec.Seq)
	})
	return wrap(err, "save assignment of article %d", a.ArticleID)
}

// Assignments lists up to limit log entries after seq, in order.
func (db *DB) Assignments(ctx context.Context, afterSeq int64, limit int) ([]storyline.Assignment, error) {
	rows, err := db.pool.Query(ctx, `SELECT seq, article_id, near_copy, kept, dropped, joined, story, folds
		FROM assignments WHERE seq > $1 ORDER BY seq LIMIT $2`, afterSeq, max(limit, 1))
	if err != nil {
		return nil, wrap(err, "list assignments after %d", afterSeq)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storyline.Assignment, error) {
		var a storyline.Assignment
		var folds string
		if err := row.Scan(&a.Seq, &a.ArticleID, &a.NearCopy, &a.Kept, &a.Dropped, &a.Joined, &a.Story, &folds); err != nil {
			return a, err
		}
		a.Folds, err = storeutil.DecodeFolds(folds)
		return a, err
	})
	return list, wrap(err, "list assignments after %d", afterSeq)
}
