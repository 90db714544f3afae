package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// A story's model brief is kept beside its built-in one: stories.brief
// stays the built-in brief (SaveStories keeps it up to date), and
// stories.model_brief, NULL for none, the model's, whose text SaveStories
// leaves as the summary. stories.model_brief_articles is how many
// articles the story had at the model's last attempt, 0 for never.

// StoriesForModelBrief lists up to limit live stories last updated at or
// after since whose model brief is missing or out of date (see
// storyline.ModelBriefStore), those of two articles or more first, then
// the most recently updated. A limit below 1 is EINVALID.
func (db *DB) StoriesForModelBrief(ctx context.Context, since time.Time, limit int) ([]storyline.ModelBriefDue, error) {
	if err := storeutil.CheckPositiveLimit("stories for model brief", limit); err != nil {
		return nil, err
	}
	// max(a, b) with two arguments is SQLite's scalar maximum; tried / 4
	// divides integers.
	list, err := queryAll(ctx, db, scanModelBriefDue, `SELECT id, n FROM (
			SELECT st.id, st.last_updated, st.model_brief_articles AS tried,
				(SELECT count(*) FROM story_articles sa WHERE sa.story_id = st.id) AS n
			FROM stories st WHERE st.merged_into IS NULL AND st.last_updated >= ?)
		WHERE n > 0 AND (tried = 0 OR n >= tried + max(1, tried / 4))
		ORDER BY n >= 2 DESC, last_updated DESC, id DESC LIMIT ?`, boundNanos(since), limit)
	return list, wrap(err, "stories for model brief")
}

// scanModelBriefDue reads a story's ID and number of articles.
func scanModelBriefDue(row scanner) (storyline.ModelBriefDue, error) {
	var d storyline.ModelBriefDue
	return d, row.Scan(&d.StoryID, &d.ArticleCount)
}

// SaveModelBrief records a model's attempt at the brief of story id
// (following merges), made from articles articles: a non-nil b becomes
// the story's model brief and its text the summary; a nil b changes
// nothing else. An unknown story is ENOTFOUND, negative articles
// EINVALID.
func (db *DB) SaveModelBrief(ctx context.Context, id int64, b *storyline.Brief, articles int) error {
	enc, err := storeutil.EncodeModelBrief(id, b, articles)
	if err != nil {
		return wrap(err, "save model brief of story %d", id)
	}
	err = db.writeTx(ctx, func(t *txn) error {
		live, err := liveStory(t, id)
		if err != nil {
			return err
		}
		if b == nil {
			_, err = t.exec(`UPDATE stories SET model_brief_articles = ? WHERE id = ?`, articles, live)
			return err
		}
		_, err = t.exec(`UPDATE stories SET model_brief = ?, summary = ?, model_brief_articles = ? WHERE id = ?`,
			enc, b.Text(), articles, live)
		return err
	})
	return wrap(err, "save model brief of story %d", id)
}

// AddModelTokens adds n tokens to the count of day ("2006-01-02", UTC)
// and returns the day's total, in one write of the store's writer. A
// negative n or a malformed day is EINVALID.
func (db *DB) AddModelTokens(ctx context.Context, day string, n int64) (int64, error) {
	if err := storeutil.CheckModelTokens(day, n); err != nil {
		return 0, err
	}
	var total int64
	err := db.writeTx(ctx, func(t *txn) error {
		return t.queryRow(`INSERT INTO model_tokens (day, tokens) VALUES (?, ?)
			ON CONFLICT (day) DO UPDATE SET tokens = tokens + excluded.tokens RETURNING tokens`, day, n).Scan(&total)
	})
	if err != nil {
		return 0, wrap(err, "add %d model tokens to %s", n, day)
	}
	return total, nil
}

// ModelTokens returns the tokens counted for day, 0 for a day without
// any. A malformed day is EINVALID.
func (db *DB) ModelTokens(ctx context.Context, day string) (int64, error) {
	if err := storeutil.CheckTokenDay(day); err != nil {
		return 0, err
	}
	var n int64
	err := db.queryRow(ctx, `SELECT tokens FROM model_tokens WHERE day = ?`, day).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, wrap(err, "model tokens of %s", day)
	}
	return n, nil
}
