package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

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

// undated is the span, in the index, of a story without a dated article:
// it sorts before every date and is never within a date range.
var undated = pgtype.Timestamptz{InfinityModifier: pgtype.NegativeInfinity, Valid: true}

// spanTimes returns a story's span as stored in the index: its dates
// (within the accepted range), or undated for a story without dates.
func spanTimes(c storyline.StoryCentroid) (first, last pgtype.Timestamptz) {
	if c.Last.IsZero() {
		return undated, undated
	}
	return pgtype.Timestamptz{Time: clampTime(c.First), Valid: true}, pgtype.Timestamptz{Time: clampTime(c.Last), Valid: true}
}

// spanOf converts a stored span back: zero times for an undated story.
func spanOf(first, last pgtype.Timestamptz) (time.Time, time.Time) {
	if !last.Valid || last.InfinityModifier != pgtype.Finite || first.InfinityModifier != pgtype.Finite {
		return time.Time{}, time.Time{}
	}
	return first.Time.UTC(), last.Time.UTC()
}

// byteTerms converts terms for a bytea[] parameter.
func byteTerms(terms []string) [][]byte {
	out := make([][]byte, len(terms))
	for i, t := range terms {
		out[i] = []byte(t)
	}
	return out
}

// StoryCandidates returns the stories indexed under q's terms whose span
// qualifies for q.Time, ranked by the query weight they share.
func (db *DB) StoryCandidates(ctx context.Context, q storyline.CandidateQuery) ([]storyline.StoryCentroid, error) {
	if err := storeutil.CheckCandidateQuery(q); err != nil {
		return nil, err
	}
	keys := storeutil.QueryKeys(q)
	if len(keys) == 0 || q.Limit == 0 {
		return nil, nil
	}
	var rows pgx.Rows
	var err error
	if q.Time.IsZero() {
		// Each term's latest stories, undated ones last.
		rows, err = db.pool.Query(ctx, `SELECT t.term, p.story_id FROM unnest($1::bytea[]) AS t (term)
			CROSS JOIN LATERAL (SELECT story_id FROM story_postings WHERE term = t.term
				ORDER BY last_at DESC, story_id DESC LIMIT $2) AS p`,
			byteTerms(keys), storeutil.UndatedPerTerm)
	} else {
		// Stories whose last date is within the window, or as far after it
		// as a story may span, and whose first date is not after it; and
		// the undated ones.
		lo := clampTime(q.Time.Add(-q.Window))
		hi := clampTime(q.Time.Add(q.Window))
		far := clampTime(q.Time.Add(q.Window).Add(storeutil.MaxStorySpan))
		rows, err = db.pool.Query(ctx, `SELECT term, story_id FROM story_postings
			WHERE term = ANY($1::bytea[]) AND last_at BETWEEN $2 AND $3 AND first_at <= $4
			UNION ALL
			SELECT term, story_id FROM story_postings
			WHERE term = ANY($1::bytea[]) AND last_at = '-infinity'`,
			byteTerms(keys), lo, far, hi)
	}
	if err != nil {
		return nil, wrap(err, "find candidate stories")
	}
	r := storeutil.NewCandidateRanker(q)
	var term []byte
	var id int64
	_, err = pgx.ForEachRow(rows, []any{&term, &id}, func() error {
		r.Add(string(term), id)
		return nil
	})
	if err != nil {
		return nil, wrap(err, "find candidate stories")
	}
	ids := r.Top(q.Limit)
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err = db.pool.Query(ctx, `SELECT story_id, articles, first_at, last_at, terms
		FROM story_centroids WHERE story_id = ANY($1)`, ids)
	if err != nil {
		return nil, wrap(err, "find candidate stories")
	}
	list, err := pgx.CollectRows(rows, scanCentroid)
	if err != nil {
		return nil, wrap(err, "find candidate stories")
	}
	return storeutil.OrderByIDs(list, ids), nil
}

// scanCentroid reads one story_centroids row.
func scanCentroid(row pgx.CollectableRow) (storyline.StoryCentroid, error) {
	var c storyline.StoryCentroid
	var first, last pgtype.Timestamptz
	var terms []byte
	if err := row.Scan(&c.StoryID, &c.Articles, &first, &last, &terms); err != nil {
		return c, err
	}
	c.First, c.Last = spanOf(first, last)
	var err error
	if c.Terms, err = storeutil.DecodeCentroid(terms); err != nil {
		return c, fmt.Errorf("story %d: %w", c.StoryID, err)
	}
	return c, nil
}

// StoryCentroid returns story id's centroid, following merges, or
// ENOTFOUND when it has none.
func (db *DB) StoryCentroid(ctx context.Context, id int64) (*storyline.StoryCentroid, error) {
	rows, err := db.pool.Query(ctx, `SELECT story_id, articles, first_at, last_at, terms
		FROM story_centroids WHERE story_id = `+liveStoryID, id)
	if err != nil {
		return nil, wrap(err, "read the centroid of story %d", id)
	}
	list, err := pgx.CollectRows(rows, scanCentroid)
	if err != nil {
		return nil, wrap(err, "read the centroid of story %d", id)
	}
	if len(list) == 0 {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "story %d has no centroid", id)
	}
	return &list[0], nil
}

// StoryTermCounts returns how many stories are indexed and under how
// many stories each of terms is, counted in the index itself (callers
// cache them: a frequent term's count reads as many index entries).
func (db *DB) StoryTermCounts(ctx context.Context, terms []string) (int, map[string]int, error) {
	var stories int
	if err := db.pool.QueryRow(ctx, `SELECT stories FROM story_index_count`).Scan(&stories); err != nil {
		return 0, nil, wrap(err, "count stories")
	}
	counts := make(map[string]int)
	if len(terms) == 0 {
		return stories, counts, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT term, count(*) FROM story_postings
		WHERE term = ANY($1::bytea[]) GROUP BY term`, byteTerms(terms))
	if err != nil {
		return 0, nil, wrap(err, "count stories by term")
	}
	var term []byte
	var n int
	_, err = pgx.ForEachRow(rows, []any{&term, &n}, func() error {
		counts[string(term)] = n
		return nil
	})
	if err != nil {
		return 0, nil, wrap(err, "count stories by term")
	}
	return stories, counts, nil
}

// AssignStory stores a story assignment in one transaction. It fails
// with ECONFLICT, and stores nothing, when the session holding the
// assignment lock has ended (see checkLockHeld) or when the story was
// merged away.
func (db *DB) AssignStory(ctx context.Context, a *storyline.StoryAssignment) error {
	if err := storeutil.CheckStoryAssignment(a); err != nil {
		return err
	}
	var version int64
	err := db.retryDeadlocks(ctx, func(tx pgx.Tx) error {
		if err := db.checkLockHeld(ctx, tx); err != nil {
			return err
		}
		id := a.Centroid.StoryID
		if id == 0 {
			var err error
			if id, err = newStory(ctx, tx, a.Analysis.ArticleID); err != nil {
				return err
			}
		}
		a.Analysis.StoryID = id
		if err := saveAnalysis(ctx, tx, a.Analysis); err != nil {
			return err
		}
		live, err := lockStory(ctx, tx, id)
		if err != nil {
			return err
		}
		if live != id {
			return storyline.Errorf(storyline.ECONFLICT, "story %d was merged into %d", id, live)
		}
		var stories int64 // the change in the number of stories indexed
		if len(a.Merged) > 0 {
			if err := mergeStories(ctx, tx, id, a.Merged); err != nil {
				return err
			}
			for _, m := range a.Merged {
				dropped, err := dropCentroid(ctx, tx, m)
				if err != nil {
					return err
				}
				stories -= dropped
			}
		}
		added, err := putCentroid(ctx, tx, id, a)
		if err != nil {
			return err
		}
		return tx.QueryRow(ctx, `UPDATE story_index_count SET stories = stories + $1, version = version + 1
			RETURNING version`, stories+added).Scan(&version)
	})
	if err == nil {
		a.Centroid.StoryID = a.Analysis.StoryID
		a.Version = version
	}
	return wrap(err, "assign article %d to a story", a.Analysis.ArticleID)
}

// newStory makes a story, titled after an article, and returns its ID.
// The ID is the identity sequence's next, or past the largest story ID
// when stories were made with IDs of their own (SaveAnalysis, stores
// before migration 0005), whichever is larger; the sequence moves to it.
func newStory(ctx context.Context, tx pgx.Tx, article int64) (int64, error) {
	var title string
	err := tx.QueryRow(ctx, `SELECT title FROM articles WHERE id = $1`, article).Scan(&title)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", article)
	}
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO stories (id, title) VALUES (setval(pg_get_serial_sequence('stories', 'id'),
		greatest(nextval(pg_get_serial_sequence('stories', 'id')), (SELECT coalesce(max(id), 0) + 1 FROM stories))), $1)
		RETURNING id`, title).Scan(&id)
	return id, err
}

// putCentroid stores story id's centroid and span and indexes it under
// a.Index, and reports how many stories it added to the index (1 for a
// story it had no centroid of, else 0).
func putCentroid(ctx context.Context, tx pgx.Tx, id int64, a *storyline.StoryAssignment) (int64, error) {
	first, last := spanTimes(a.Centroid)
	terms := storeutil.EncodeCentroid(a.Centroid.Terms)
	tag, err := tx.Exec(ctx, `UPDATE story_centroids SET articles = $2, first_at = $3, last_at = $4, terms = $5
		WHERE story_id = $1`, id, a.Centroid.Articles, first, last, terms)
	if err != nil {
		return 0, err
	}
	added := int64(0)
	if tag.RowsAffected() == 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO story_centroids (story_id, articles, first_at, last_at, terms)
			VALUES ($1, $2, $3, $4, $5)`, id, a.Centroid.Articles, first, last, terms); err != nil {
			return 0, err
		}
		added = 1
	}
	if _, err := tx.Exec(ctx, `DELETE FROM story_postings WHERE story_id = $1`, id); err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO story_postings (term, last_at, story_id, first_at)
		SELECT t.term, $2, $3, $4 FROM unnest($1::bytea[]) AS t (term)`, byteTerms(storeutil.UniqueTerms(a.Index)), last, id, first)
	return added, err
}

// dropCentroid removes a story merged away from the index, and reports
// how many stories it removed (0 when it had no centroid).
func dropCentroid(ctx context.Context, tx pgx.Tx, id int64) (int64, error) {
	if _, err := tx.Exec(ctx, `DELETE FROM story_postings WHERE story_id = $1`, id); err != nil {
		return 0, err
	}
	tag, err := tx.Exec(ctx, `DELETE FROM story_centroids WHERE story_id = $1`, id)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

// ClearStoryIndex empties the story index.
func (db *DB) ClearStoryIndex(ctx context.Context) error {
	_, err := db.pool.Exec(ctx, `TRUNCATE story_postings, story_centroids;
		UPDATE story_index_count SET stories = 0, version = version + 1`)
	return wrap(err, "clear the story index")
}

// StoryIndexVersion returns the story index's version.
func (db *DB) StoryIndexVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.pool.QueryRow(ctx, `SELECT version FROM story_index_count`).Scan(&v)
	return v, wrap(err, "read the story index version")
}

// RecentStoryCentroids calls fn with the undated stories' centroids, then
// with the dated ones' from the latest back to since.
func (db *DB) RecentStoryCentroids(ctx context.Context, since time.Time, fn func(storyline.StoryCentroid) bool) error {
	for _, q := range []struct {
		query string
		args  []any
	}{
		{`SELECT story_id, articles, first_at, last_at, terms FROM story_centroids WHERE last_at = '-infinity'`, nil},
		{`SELECT story_id, articles, first_at, last_at, terms FROM story_centroids
			WHERE last_at >= $1 AND last_at > '-infinity' ORDER BY last_at DESC, story_id`,
			[]any{pgtype.Timestamptz{Time: clampTime(since), Valid: true}}},
	} {
		more, err := db.eachCentroid(ctx, fn, q.query, q.args...)
		if err != nil {
			return wrap(err, "read recent stories")
		}
		if !more {
			return nil
		}
	}
	return nil
}

// eachCentroid calls fn with each centroid a query returns, and reports
// whether fn asked for more.
func (db *DB) eachCentroid(ctx context.Context, fn func(storyline.StoryCentroid) bool, query string, args ...any) (bool, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCentroid(rows)
		if err != nil {
			return false, err
		}
		if !fn(c) {
			return false, nil
		}
	}
	return true, rows.Err()
}
