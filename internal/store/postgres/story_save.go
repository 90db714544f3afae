package postgres

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Writes to stories run in read-committed transactions that lock the row
// of each live story they change (SELECT … FOR NO KEY UPDATE, see
// lockStory) until they commit. Joining an article, saving aggregates and
// merging therefore take turns on one story, and a merge cannot slip in
// between resolving a story and writing to it: whoever locks a story after
// it was merged finds merged_into set and follows it. (FOR NO KEY UPDATE
// leaves the foreign-key checks of story_articles and comments, which take
// KEY SHARE, free to go on.)

// lockStory returns the live story that story id is, or was merged into,
// and locks its row until the transaction ends; an unknown story is
// ENOTFOUND.
func lockStory(ctx context.Context, tx pgx.Tx, id int64) (int64, error) {
	for {
		// After waiting for the lock, PostgreSQL returns the row as the
		// other transaction left it: merged_into tells whether a merge
		// got there first, and the loop follows it.
		var live int64
		var merged *int64
		err := tx.QueryRow(ctx, `SELECT s.id, s.merged_into FROM stories s
			WHERE s.id = (SELECT coalesce(merged_into, id) FROM stories WHERE id = $1)
			FOR NO KEY UPDATE`, id).Scan(&live, &merged)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, storyline.Errorf(storyline.ENOTFOUND, "story %d not found", id)
		}
		if err != nil {
			return 0, err
		}
		if merged == nil {
			return live, nil
		}
		id = *merged
	}
}

// joinStory makes story id (created if new, titled title) the one story
// of an article published at published (nil: undated) and stored at
// created; id 0 takes the article out of any story. A dated article
// stretches the story's first_seen and last_updated to its date; an
// undated one only gives a story without dated articles the time it was
// stored, if it has none.
func joinStory(ctx context.Context, tx pgx.Tx, article, id int64, title string, published *time.Time, created time.Time) error {
	at := created
	if published != nil {
		at = *published
	}
	var left int64 // the story the article was in, if any
	if err := tx.QueryRow(ctx, `DELETE FROM story_articles WHERE article_id = $1 RETURNING story_id`, article).Scan(&left); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if id == 0 {
		return leaveStory(ctx, tx, left, 0)
	}
	// Issue 6: several workers analyse articles of one event at once and
	// may create the same story ID in two transactions. ON CONFLICT DO
	// NOTHING makes the second INSERT wait for the first transaction on
	// the primary key, then do nothing once it commits (or insert, if it
	// rolled back): never a duplicate key error, never two stories.
	// lockStory then serializes the joins on the story's row.
	if _, err := tx.Exec(ctx, `INSERT INTO stories (id, title, first_seen, last_updated)
		VALUES ($1, $2, $3, $3) ON CONFLICT (id) DO NOTHING`, id, title, at); err != nil {
		return err
	}
	live, err := lockStory(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)`, live, article); err != nil {
		return err
	}
	if published != nil {
		_, err = tx.Exec(ctx, `UPDATE stories SET
			first_seen = CASE WHEN dated THEN least(first_seen, $2) ELSE $2 END,
			last_updated = CASE WHEN dated THEN greatest(last_updated, $2) ELSE $2 END,
			dated = true WHERE id = $1`, live, at)
	} else {
		_, err = tx.Exec(ctx, `UPDATE stories SET first_seen = coalesce(first_seen, $2),
			last_updated = coalesce(last_updated, $2) WHERE id = $1`, live, at)
	}
	if err != nil || left == live {
		return err
	}
	return leaveStory(ctx, tx, left, live)
}

// leaveStory deals with story left (0: none), which an article just left
// for story live (0: none): a story made before stories were indexed (no
// centroid) that is now empty is merged into live, so that its comments
// and links follow; otherwise its times are worked out again from the
// articles it keeps.
func leaveStory(ctx context.Context, tx pgx.Tx, left, live int64) error {
	if left == 0 {
		return nil
	}
	left, err := lockStory(ctx, tx, left)
	if err != nil || left == live {
		return err
	}
	var orphan bool
	if err := tx.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM story_articles WHERE story_id = $1)
		AND NOT EXISTS (SELECT 1 FROM story_centroids WHERE story_id = $1)`, left).Scan(&orphan); err != nil {
		return err
	}
	if orphan && live != 0 {
		if err := mergeStory(ctx, tx, live, left); err != nil {
			return err
		}
		return storyTimes(ctx, tx, live)
	}
	return storyTimes(ctx, tx, left)
}

// storyTimes works out story id's times again from its articles: its dated
// articles' dates, else when its first article was stored. A story left
// without articles keeps its times.
func storyTimes(ctx context.Context, tx pgx.Tx, id int64) error {
	_, err := tx.Exec(ctx, `UPDATE stories st SET
		dated = d.dated,
		first_seen = CASE WHEN d.dated THEN d.first ELSE d.stored END,
		last_updated = CASE WHEN d.dated THEN d.last ELSE d.stored END
		FROM (SELECT count(a.published) > 0 AS dated, min(a.published) AS first, max(a.published) AS last,
			min(a.created_at) AS stored, count(*) AS n
			FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = $1) d
		WHERE st.id = $1 AND d.n > 0`, id)
	return err
}

// SaveStories stores stories' aggregates, weighted terms and labels (see
// labels.go) in one transaction: an unknown story is ENOTFOUND and
// nothing is saved. Each story's row is locked as it is saved (see
// lockStory); two batches naming the same stories in opposite orders may
// deadlock, and PostgreSQL then fails one of them.
func (db *DB) SaveStories(ctx context.Context, updates ...storyline.StoryUpdate) error {
	for i, u := range updates {
		if u.Story == nil || u.Story.ID <= 0 {
			return storyline.Errorf(storyline.EINVALID, "save stories: update %d has no story", i)
		}
	}
	if len(updates) == 0 {
		return nil
	}
	// Stories are locked in ID order, so that two batches naming the same
	// stories cannot wait for each other.
	sorted := slices.Clone(updates)
	slices.SortFunc(sorted, func(a, b storyline.StoryUpdate) int { return cmp.Compare(a.Story.ID, b.Story.ID) })
	err := db.retryDeadlocks(ctx, func(tx pgx.Tx) error {
		for _, u := range sorted {
			if err := saveStory(ctx, tx, u); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "save %d stories", len(updates))
}

// saveStory writes one story's aggregates and replaces its terms and
// labels.
func saveStory(ctx context.Context, tx pgx.Tx, u storyline.StoryUpdate) error {
	s := u.Story
	brief, err := storeutil.EncodeBrief(s.Brief)
	if err != nil {
		return err
	}
	live, err := lockStory(ctx, tx, s.ID)
	if err != nil {
		return err
	}
	// A model's brief, when there is one, keeps its text as the summary
	// (see SaveModelBrief).
	if _, err := tx.Exec(ctx, `UPDATE stories SET title = $2,
		summary = CASE WHEN model_brief IS NULL THEN $3 ELSE summary END, keyphrases = $4,
		entities = $5, language = $6, brief = $7 WHERE id = $1`, live, s.Title, s.Summary, nonNil(s.Keyphrases), nonNil(s.Entities),
		s.Language, brief); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM story_terms WHERE story_id = $1`, live); err != nil {
		return err
	}
	if err := insertTerms(ctx, tx, live, u.Terms); err != nil {
		return err
	}
	return relabelStory(ctx, tx, live, s.Keyphrases, s.Entities)
}

// insertTerms writes the weighted terms of story id in one statement.
func insertTerms(ctx context.Context, tx pgx.Tx, id int64, terms map[string]float64) error {
	if len(terms) == 0 {
		return nil
	}
	// Terms are opaque keys that may hold any bytes (entity keys start
	// with a NUL), so they are stored as bytea, which text cannot carry.
	names := make([][]byte, 0, len(terms))
	weights := make([]float64, 0, len(terms))
	for term, w := range terms {
		names = append(names, []byte(term))
		weights = append(weights, w)
	}
	_, err := tx.Exec(ctx, `INSERT INTO story_terms (term, story_id, weight)
		SELECT t.term, $2, t.weight FROM unnest($1::bytea[], $3::float8[]) AS t (term, weight)`,
		names, id, weights)
	return err
}

// MergeStories moves the articles of the stories from into story into.
// The stories merged away (and those merged into them before) point to
// into, keep their comments, which count as the surviving story's, and
// lose their terms and labels. The surviving story's row is locked first,
// then each merged one's (see lockStory).
func (db *DB) MergeStories(ctx context.Context, into int64, from []int64) error {
	err := db.retryDeadlocks(ctx, func(tx pgx.Tx) error { return mergeStories(ctx, tx, into, from) })
	return wrap(err, "merge stories %v into %d", from, into)
}

// mergeStories merges the stories from into story into, locking the
// surviving story's row first.
func mergeStories(ctx context.Context, tx pgx.Tx, into int64, from []int64) error {
	target, err := lockStory(ctx, tx, into)
	if err != nil {
		return err
	}
	for _, f := range from {
		src, err := lockStory(ctx, tx, f)
		if err != nil {
			return err
		}
		if src == target {
			continue
		}
		if err := mergeStory(ctx, tx, target, src); err != nil {
			return err
		}
	}
	return nil
}

// mergeStory merges live story src into live story target, both locked.
func mergeStory(ctx context.Context, tx pgx.Tx, target, src int64) error {
	steps := []struct {
		sql  string
		args []any
	}{
		{`UPDATE story_articles SET story_id = $2 WHERE story_id = $1`, []any{src, target}},
		{`UPDATE stories SET merged_into = $2 WHERE id = $1 OR merged_into = $1`, []any{src, target}},
		{`DELETE FROM story_terms WHERE story_id = $1`, []any{src}},
		{`DELETE FROM story_labels WHERE story_id = $1`, []any{src}},
		// Dated times win over undated stories' storage times.
		{`UPDATE stories t SET
			first_seen = CASE WHEN s.dated = t.dated THEN least(t.first_seen, s.first_seen)
				WHEN s.dated THEN s.first_seen ELSE t.first_seen END,
			last_updated = CASE WHEN s.dated = t.dated THEN greatest(t.last_updated, s.last_updated)
				WHEN s.dated THEN s.last_updated ELSE t.last_updated END,
			dated = t.dated OR s.dated
			FROM stories s WHERE s.id = $1 AND t.id = $2`, []any{src, target}},
		// Users' reads and saves (see reading.go): a user who read both
		// stories has read the sum of what each had (one who read src
		// only has target unread, its new reports showing); src's saves
		// become target's, at the earlier time when both were saved.
		{`UPDATE story_reads t SET seen = t.seen + m.seen, read_at = greatest(t.read_at, m.read_at)
			FROM story_reads m WHERE m.story_id = $1 AND m.user_id = t.user_id AND t.story_id = $2`, []any{src, target}},
		{`DELETE FROM story_reads WHERE story_id = $1`, []any{src}},
		{`INSERT INTO saved_items (user_id, kind, item_id, saved_at)
			SELECT user_id, kind, $2, saved_at FROM saved_items WHERE kind = 'story' AND item_id = $1
			ON CONFLICT (user_id, kind, item_id) DO UPDATE SET saved_at = least(saved_items.saved_at, excluded.saved_at)`,
			[]any{src, target}},
		{`DELETE FROM saved_items WHERE kind = 'story' AND item_id = $1`, []any{src}},
	}
	for _, step := range steps {
		if _, err := tx.Exec(ctx, step.sql, step.args...); err != nil {
			return err
		}
	}
	return nil
}
