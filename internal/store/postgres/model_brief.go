package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// A story's model brief is kept beside its built-in one, as in the
// SQLite store: stories.brief stays the built-in brief, stories.model_brief
// (NULL for none) is the model's, whose text SaveStories leaves as the
// summary, and stories.model_brief_articles is how many articles the
// story had at the model's last attempt, 0 for never.

// StoriesForModelBrief lists up to limit live stories last updated at or
// after since whose model brief is missing or out of date (see
// storyline.ModelBriefStore), those of two articles or more first, then
// the most recently updated. A limit below 1 is EINVALID.
func (db *DB) StoriesForModelBrief(ctx context.Context, since time.Time, limit int) ([]storyline.ModelBriefDue, error) {
	if err := storeutil.CheckPositiveLimit("stories for model brief", limit); err != nil {
		return nil, err
	}
	// tried / 4 divides integers.
	rows, err := db.pool.Query(ctx, `SELECT id, n FROM (
			SELECT st.id, st.last_updated, st.model_brief_articles AS tried,
				(SELECT count(*) FROM story_articles sa WHERE sa.story_id = st.id) AS n
			FROM stories st WHERE st.merged_into IS NULL AND st.last_updated >= $1) s
		WHERE n > 0 AND (tried = 0 OR n >= tried + greatest(1, tried / 4))
		ORDER BY n >= 2 DESC, last_updated DESC, id DESC LIMIT $2`, clampTime(since), limit)
	if err != nil {
		return nil, wrap(err, "stories for model brief")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storyline.ModelBriefDue, error) {
		var d storyline.ModelBriefDue
		return d, row.Scan(&d.StoryID, &d.ArticleCount)
	})
	return list, wrap(err, "stories for model brief")
}

// SaveModelBrief records a model's attempt at the brief of story id
// (following merges, with the live story's row locked as SaveStories
// locks it), made from articles articles: a non-nil b becomes the
// story's model brief and its text the summary; a nil b changes nothing
// else. An unknown story is ENOTFOUND, negative articles EINVALID.
func (db *DB) SaveModelBrief(ctx context.Context, id int64, b *storyline.Brief, articles int) error {
	enc, err := storeutil.EncodeModelBrief(id, b, articles)
	if err != nil {
		return wrap(err, "save model brief of story %d", id)
	}
	err = db.tx(ctx, func(tx pgx.Tx) error {
		live, err := lockStory(ctx, tx, id)
		if err != nil {
			return err
		}
		if b == nil {
			_, err = tx.Exec(ctx, `UPDATE stories SET model_brief_articles = $2 WHERE id = $1`, live, articles)
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE stories SET model_brief = $2, summary = $3, model_brief_articles = $4 WHERE id = $1`,
			live, enc, b.Text(), articles)
		return err
	})
	return wrap(err, "save model brief of story %d", id)
}

// AddModelTokens adds n tokens to the count of day ("2006-01-02", UTC)
// and returns the day's total, in one upsert that is safe between
// processes. A negative n or a malformed day is EINVALID.
func (db *DB) AddModelTokens(ctx context.Context, day string, n int64) (int64, error) {
	if err := storeutil.CheckModelTokens(day, n); err != nil {
		return 0, err
	}
	var total int64
	err := db.pool.QueryRow(ctx, `INSERT INTO model_tokens (day, tokens) VALUES ($1, $2)
		ON CONFLICT (day) DO UPDATE SET tokens = model_tokens.tokens + excluded.tokens RETURNING tokens`, day, n).Scan(&total)
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
	err := db.pool.QueryRow(ctx, `SELECT tokens FROM model_tokens WHERE day = $1`, day).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, wrap(err, "model tokens of %s", day)
	}
	return n, nil
}
