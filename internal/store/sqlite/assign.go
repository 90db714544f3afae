package sqlite

import (
	"context"
	"encoding/json"
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
	var version int64
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
		var stories int64 // the change in the number of stories indexed
		if len(a.Merged) > 0 {
			if err := mergeStories(t, id, a.Merged); err != nil {
				return err
			}
			for _, m := range a.Merged {
				dropped, err := dropCentroid(t, m)
				if err != nil {
					return err
				}
				stories -= dropped
			}
		}
		added, err := putCentroid(t, id, fresh, a)
		if err != nil {
			return err
		}
		version, err = bumpIndex(t, stories+added)
		return err
	})
	if err == nil {
		a.Centroid.StoryID = a.Analysis.StoryID
		a.Version = version
	}
	return wrap(err, "assign article %d to a story", a.Analysis.ArticleID)
}

// bumpIndex adds stories to the number of stories indexed, raises the
// index's version and returns it.
func bumpIndex(t *txn, stories int64) (int64, error) {
	var version int64
	err := t.queryRow(`UPDATE story_index_count SET stories = stories + ?, version = version + 1 RETURNING version`,
		stories).Scan(&version)
	return version, err
}

// ClearStoryIndex empties the story index.
func (db *DB) ClearStoryIndex(ctx context.Context) error {
	err := db.writeTx(ctx, func(t *txn) error {
		for _, q := range []string{`DELETE FROM story_postings`, `DELETE FROM story_centroids`,
			`UPDATE story_index_count SET stories = 0, version = version + 1`} {
			if _, err := t.exec(q); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "clear the story index")
}

// StoryIndexVersion returns the story index's version.
func (db *DB) StoryIndexVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.queryRow(ctx, `SELECT version FROM story_index_count`).Scan(&v)
	return v, wrap(err, "read the story index version")
}

// RecentStoryCentroids calls fn with the undated stories' centroids, then
// with the dated ones' from the latest back to since.
func (db *DB) RecentStoryCentroids(ctx context.Context, since time.Time, fn func(storyline.StoryCentroid) bool) error {
	for _, q := range []struct {
		query string
		args  []any
	}{
		{`SELECT story_id, articles, first_at, last_at, terms FROM story_centroids WHERE last_at = 0`, nil},
		{`SELECT story_id, articles, first_at, last_at, terms FROM story_centroids
			WHERE last_at >= ? AND last_at <> 0 ORDER BY last_at DESC, story_id`, []any{boundNanos(since)}},
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
	rows, err := db.query(ctx, query, args...)
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

// newStory makes a story, titled after an article, and returns its ID.
func newStory(t *txn, article int64) (int64, error) {
	res, err := t.exec(`INSERT INTO stories (title) SELECT title FROM articles WHERE id = ?`, article)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 0 {
		return 0, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", article)
	}
	return res.LastInsertId()
}

// putCentroid stores story id's centroid and span (fresh: a story just
// made) and indexes it under a.Index, and reports how many stories it
// added to the index (1 for a story it had no centroid of, else 0). When
// the span is unchanged only the index terms that changed are rewritten.
func putCentroid(t *txn, id int64, fresh bool, a *storyline.StoryAssignment) (int64, error) {
	first, last := spanNanos(a.Centroid)
	terms := storeutil.EncodeCentroid(a.Centroid.Terms)
	var n int64 // rows updated
	if !fresh {
		res, err := t.exec(`UPDATE story_centroids SET articles = ?, first_at = ?, last_at = ?, terms = ?
			WHERE story_id = ?`, a.Centroid.Articles, first, last, terms, id)
		if err != nil {
			return 0, err
		}
		if n, err = res.RowsAffected(); err != nil {
			return 0, err
		}
	}
	added := int64(0)
	if n == 0 {
		if _, err := t.exec(`INSERT INTO story_centroids (story_id, articles, first_at, last_at, terms)
			VALUES (?, ?, ?, ?, ?)`, id, a.Centroid.Articles, first, last, terms); err != nil {
			return 0, err
		}
		added = 1
	}
	var before []string
	sameSpan := true
	if !fresh {
		var err error
		if before, sameSpan, err = postings(t, id, first, last); err != nil {
			return 0, err
		}
	}
	after := storeutil.UniqueTerms(a.Index)
	write, drop := storeutil.TermChanges(before, after)
	if !sameSpan {
		write, drop = after, before
	}
	if len(drop) > 0 {
		if _, err := t.exec(`DELETE FROM story_postings WHERE story_id = ? AND term IN (SELECT value FROM json_each(?))`,
			id, jsonStrings(drop)); err != nil {
			return 0, err
		}
	}
	if len(write) > 0 {
		if _, err := t.exec(`INSERT INTO story_postings (term, last_at, story_id, first_at)
			SELECT value, ?, ?, ? FROM json_each(?)`, last, id, first, jsonStrings(write)); err != nil {
			return 0, err
		}
	}
	return added, nil
}

// postings returns the terms story id is indexed under, sorted, and
// whether every posting has the span first to last.
func postings(t *txn, id, first, last int64) (terms []string, sameSpan bool, err error) {
	rows, err := t.query(`SELECT term, first_at, last_at FROM story_postings
		WHERE story_id = ? ORDER BY term`, id)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	sameSpan = true
	for rows.Next() {
		var term string
		var f, l int64
		if err := rows.Scan(&term, &f, &l); err != nil {
			return nil, false, err
		}
		terms = append(terms, term)
		sameSpan = sameSpan && f == first && l == last
	}
	return terms, sameSpan, rows.Err()
}

// dropCentroid removes a story merged away from the index, and reports
// how many stories it removed (0 when it had no centroid).
func dropCentroid(t *txn, id int64) (int64, error) {
	if _, err := t.exec(`DELETE FROM story_postings WHERE story_id = ?`, id); err != nil {
		return 0, err
	}
	res, err := t.exec(`DELETE FROM story_centroids WHERE story_id = ?`, id)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
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
