package sqlite

import (
	"context"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// LockAssignments takes the assignment lock. SQLite is written by one
// process, so the lock is this DB's own.
func (db *DB) LockAssignments(ctx context.Context) (func(), error) {
	select {
	case db.assignLock <- struct{}{}:
		return func() { <-db.assignLock }, nil
	case <-ctx.Done():
		return nil, wrap(context.Cause(ctx), "lock assignments")
	}
}

// SaveAssignment stores analysis a, merges the stories rec.Folds names into
// rec.Story and appends rec to the log, in one transaction.
func (db *DB) SaveAssignment(ctx context.Context, a *storyline.Analysis, rec *storyline.Assignment) error {
	if err := storeutil.CheckAssignment(a, rec); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		if err := saveAnalysis(t, a); err != nil {
			return err
		}
		if len(rec.Folds) > 0 {
			if err := mergeStories(t, rec.Story, storeutil.FoldSources(rec.Folds)); err != nil {
				return err
			}
		}
		res, err := t.exec(`INSERT INTO assignments (article_id, near_copy, kept, dropped, joined, story, folds)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, rec.ArticleID, rec.NearCopy, rec.Kept, rec.Dropped,
			rec.Joined, rec.Story, storeutil.EncodeFolds(rec.Folds))
		if err != nil {
			return err
		}
		rec.Seq, err = res.LastInsertId()
		return err
	})
	return wrap(err, "save assignment of article %d", a.ArticleID)
}

// Assignments lists up to limit log entries after seq, in order.
func (db *DB) Assignments(ctx context.Context, afterSeq int64, limit int) ([]storyline.Assignment, error) {
	list, err := queryAll(ctx, db, scanAssignment, `SELECT seq, article_id, near_copy, kept, dropped,
		joined, story, folds FROM assignments WHERE seq > ? ORDER BY seq LIMIT ?`, afterSeq, max(limit, 1))
	return list, wrap(err, "list assignments after %d", afterSeq)
}

// scanAssignment reads one log entry.
func scanAssignment(s scanner) (storyline.Assignment, error) {
	var a storyline.Assignment
	var folds string
	if err := s.Scan(&a.Seq, &a.ArticleID, &a.NearCopy, &a.Kept, &a.Dropped, &a.Joined, &a.Story, &folds); err != nil {
		return a, err
	}
	var err error
	a.Folds, err = storeutil.DecodeFolds(folds)
	return a, err
}
