package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

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

// spanNanos returns a story's span as stored in the index: Unix
// nanoseconds, 0 for an undated story.
func spanNanos(c storyline.StoryCentroid) (first, last int64) {
	if c.Last.IsZero() {
		return 0, 0
	}
	return boundNanos(c.First), boundNanos(c.Last)
}

// spanOf converts a stored span back.
func spanOf(first, last int64) (time.Time, time.Time) {
	if last == 0 {
		return time.Time{}, time.Time{}
	}
	return time.Unix(0, first).UTC(), time.Unix(0, last).UTC()
}

// jsonStrings encodes keys for json_each.
func jsonStrings(keys []string) string {
	b, _ := json.Marshal(keys) // strings always encode
	return string(b)
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
	r := storeutil.NewCandidateRanker(q)
	add := func(query string, args ...any) error {
		rows, err := db.query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var term string
			var id int64
			if err := rows.Scan(&term, &id); err != nil {
				return err
			}
			r.Add(term, id)
		}
		return rows.Err()
	}
	var err error
	if q.Time.IsZero() {
		for _, k := range keys {
			if err = add(`SELECT term, story_id FROM story_postings WHERE term = ?
				ORDER BY last_at DESC LIMIT ?`, k, storeutil.UndatedPerTerm); err != nil {
				break
			}
		}
	} else {
		lo := boundNanos(q.Time.Add(-q.Window))
		hi := boundNanos(q.Time.Add(q.Window))
		far := boundNanos(q.Time.Add(q.Window + storeutil.MaxStorySpan))
		err = add(`SELECT term, story_id FROM story_postings
			WHERE term IN (SELECT value FROM json_each(?1)) AND last_at BETWEEN ?2 AND ?3 AND first_at <= ?4
			UNION ALL
			SELECT term, story_id FROM story_postings
			WHERE term IN (SELECT value FROM json_each(?1)) AND last_at = 0`,
			jsonStrings(keys), max(lo, 1), far, hi)
	}
	if err != nil {
		return nil, wrap(err, "find candidate stories")
	}
	ids := r.Top(q.Limit)
	if len(ids) == 0 {
		return nil, nil
	}
	idJSON, _ := json.Marshal(ids)
	list, err := queryAll(ctx, db, scanCentroid, `SELECT story_id, articles, first_at, last_at, terms
		FROM story_centroids WHERE story_id IN (SELECT value FROM json_each(?))`, string(idJSON))
	if err != nil {
		return nil, wrap(err, "find candidate stories")
	}
	return storeutil.OrderByIDs(list, ids), nil
}

// scanCentroid reads one story_centroids row.
func scanCentroid(s scanner) (storyline.StoryCentroid, error) {
	var c storyline.StoryCentroid
	var first, last int64
	var terms []byte
	if err := s.Scan(&c.StoryID, &c.Articles, &first, &last, &terms); err != nil {
		return c, err
	}
	c.First, c.Last = spanOf(first, last)
	var err error
	if c.Terms, err = storeutil.DecodeCentroid(terms); err != nil {
		return c, fmt.Errorf("story %d: %w", c.StoryID, err)
	}
	return c, nil
}

// StoryTermCounts returns how many stories are indexed and under how
// many stories each of terms is, counted in the index itself (callers
// cache them: a frequent term's count reads as many index entries).
func (db *DB) StoryTermCounts(ctx context.Context, terms []string) (int, map[string]int, error) {
	counts := make(map[string]int)
	var stories int
	if err := db.queryRow(ctx, `SELECT stories FROM story_index_count`).Scan(&stories); err != nil {
		return 0, nil, wrap(err, "count stories")
	}
	if len(terms) == 0 {
		return stories, counts, nil
	}
	rows, err := db.query(ctx, `SELECT term, count(*) FROM story_postings
		WHERE term IN (SELECT value FROM json_each(?)) GROUP BY term`, jsonStrings(terms))
	if err != nil {
		return 0, nil, wrap(err, "count stories by term")
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return 0, nil, wrap(err, "count stories by term")
		}
		counts[t] = n
	}
	return stories, counts, wrap(rows.Err(), "count stories by term")
}

// AssignStory stores a story assignment in one transaction.
func (db *DB) AssignStory(ctx context.Context, a *storyline.StoryAssignment) error {
	if err := storeutil.CheckStoryAssignment(a); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		id, fresh := a.Centroid.StoryID, a.Centroid.StoryID == 0
		if fresh {
			var err error
			if id, err = newStory(t, a.Analysis.ArticleID); err != nil {
				return err
			}
		}
		a.Analysis.StoryID = id
		if err := saveAnalysis(t, a.Analysis); err != nil {
			return err
		}
		if !fresh {
			live, err := liveStory(t, id)
			if err != nil {
				return err
			}
			if live != id {
				return storyline.Errorf(storyline.ECONFLICT, "story %d was merged into %d", id, live)
			}
		}
		if len(a.Merged) > 0 {
			if err := mergeStories(t, id, a.Merged); err != nil {
				return err
			}
			for _, m := range a.Merged {
				if err := dropCentroid(t, m); err != nil {
					return err
				}
			}
		}
		return putCentroid(t, id, fresh, a)
	})
	if err == nil {
		a.Centroid.StoryID = a.Analysis.StoryID
	}
	return wrap(err, "assign article %d to a story", a.Analysis.ArticleID)
}

// ClearStoryIndex empties the story index.
func (db *DB) ClearStoryIndex(ctx context.Context) error {
	err := db.writeTx(ctx, func(t *txn) error {
		for _, q := range []string{`DELETE FROM story_postings`, `DELETE FROM story_centroids`, `UPDATE story_index_count SET stories = 0`} {
			if _, err := t.exec(q); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "clear the story index")
}

// newStory makes a story for an article and returns its ID.
func newStory(t *txn, article int64) (int64, error) {
	var title string
	err := t.queryRow(`SELECT title FROM articles WHERE id = ?`, article).Scan(&title)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", article)
	}
	if err != nil {
		return 0, err
	}
	return t.insertID(nil, `INSERT INTO stories (title) VALUES (?)`, title)
}

// putCentroid stores story id's centroid and span (fresh: a story just
// made) and indexes it under a.Index, keeping the term counts. When the
// span is unchanged only the index terms that changed are rewritten.
func putCentroid(t *txn, id int64, fresh bool, a *storyline.StoryAssignment) error {
	first, last := spanNanos(a.Centroid)
	terms := storeutil.EncodeCentroid(a.Centroid.Terms)
	var n int64 // rows updated
	if !fresh {
		res, err := t.exec(`UPDATE story_centroids SET articles = ?, first_at = ?, last_at = ?, terms = ?
			WHERE story_id = ?`, a.Centroid.Articles, first, last, terms, id)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
	}
	if n == 0 {
		if _, err := t.exec(`INSERT INTO story_centroids (story_id, articles, first_at, last_at, terms)
			VALUES (?, ?, ?, ?, ?)`, id, a.Centroid.Articles, first, last, terms); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE story_index_count SET stories = stories + 1`); err != nil {
			return err
		}
	}
	var before []string
	sameSpan := true
	if !fresh {
		var err error
		before, err = t.queryStrings(`SELECT term FROM story_postings WHERE story_id = ? ORDER BY term`, id)
		if err != nil {
			return err
		}
		var stale int
		if err := t.queryRow(`SELECT count(*) FROM story_postings WHERE story_id = ? AND (last_at <> ? OR first_at <> ?)`,
			id, last, first).Scan(&stale); err != nil {
			return err
		}
		sameSpan = stale == 0
	}
	after := storeutil.UniqueTerms(a.Index)
	added, removed := storeutil.TermChanges(before, after)
	write, drop := added, removed
	if !sameSpan {
		write, drop = after, before
	}
	if len(drop) > 0 {
		if _, err := t.exec(`DELETE FROM story_postings WHERE story_id = ? AND term IN (SELECT value FROM json_each(?))`,
			id, jsonStrings(drop)); err != nil {
			return err
		}
	}
	if len(write) > 0 {
		if _, err := t.exec(`INSERT INTO story_postings (term, last_at, story_id, first_at)
			SELECT value, ?, ?, ? FROM json_each(?)`, last, id, first, jsonStrings(write)); err != nil {
			return err
		}
	}
	return nil
}

// dropCentroid removes a story merged away from the index.
func dropCentroid(t *txn, id int64) error {
	if _, err := t.exec(`DELETE FROM story_postings WHERE story_id = ?`, id); err != nil {
		return err
	}
	res, err := t.exec(`DELETE FROM story_centroids WHERE story_id = ?`, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	_, err = t.exec(`UPDATE story_index_count SET stories = stories - 1`)
	return err
}

// StoryCentroid returns story id's centroid, following merges.
func (db *DB) StoryCentroid(ctx context.Context, id int64) (*storyline.StoryCentroid, error) {
	list, err := queryAll(ctx, db, scanCentroid, `SELECT c.story_id, c.articles, c.first_at, c.last_at, c.terms
		FROM story_centroids c WHERE c.story_id = (SELECT coalesce(merged_into, id) FROM stories WHERE id = ?)`, id)
	if err != nil {
		return nil, wrap(err, "read the centroid of story %d", id)
	}
	if len(list) == 0 {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "story %d has no centroid", id)
	}
	return &list[0], nil
}
