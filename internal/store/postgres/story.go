package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// storyColumns selects a story from "stories st"; scanStory reads them.
// The comments counted are the visible ones on the story and on the
// stories merged into it.
const storyColumns = `st.id, st.title, st.summary, st.first_seen, st.last_updated, st.keyphrases,
	st.entities, st.language, (SELECT count(*) FROM story_articles sa WHERE sa.story_id = st.id),
	(SELECT count(*) FROM comments c WHERE NOT c.hidden AND c.story_id IN (
		SELECT m.id FROM stories m WHERE m.id = st.id OR m.merged_into = st.id))`

// scanStory reads the columns of storyColumns.
func scanStory(row pgx.Row) (*storyline.Story, error) {
	var s storyline.Story
	var first, last *time.Time
	if err := row.Scan(&s.ID, &s.Title, &s.Summary, &first, &last, &s.Keyphrases,
		&s.Entities, &s.Language, &s.ArticleCount, &s.CommentCount); err != nil {
		return nil, err
	}
	s.FirstSeen, s.LastUpdated = timeOf(first), timeOf(last)
	return &s, nil
}

// liveStoryID is the SQL expression of the live story that story $1 is,
// or was merged into.
const liveStoryID = `(SELECT coalesce(merged_into, id) FROM stories WHERE id = $1)`

// Story returns a story, following merges, or ENOTFOUND.
func (db *DB) Story(ctx context.Context, id int64) (*storyline.Story, error) {
	s, err := scanStory(db.pool.QueryRow(ctx, `SELECT `+storyColumns+` FROM stories st
		WHERE st.id = `+liveStoryID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "story %d not found", id)
	}
	if err != nil {
		return nil, wrap(err, "story %d", id)
	}
	// The model's brief, when there is one, with the coverage of the
	// built-in one, and its text as the summary.
	var brief string
	var model *string
	if err := db.pool.QueryRow(ctx, `SELECT brief, model_brief FROM stories WHERE id = $1`, s.ID).Scan(&brief, &model); err != nil {
		return nil, wrap(err, "story %d", id)
	}
	b, fromModel, err := storeutil.StoryBrief(brief, model)
	if err != nil {
		return nil, wrap(err, "story %d", id)
	}
	s.Brief = b
	if fromModel {
		s.Summary = b.Text()
	}
	if err := db.fillOutlets(ctx, s); err != nil {
		return nil, wrap(err, "story %d", id)
	}
	return s, nil
}

// queryStories runs a query selecting storyColumns and collects the
// stories, with their outlets.
func (db *DB) queryStories(ctx context.Context, query string, args ...any) ([]*storyline.Story, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.Story, error) {
		return scanStory(row)
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	return list, db.fillOutlets(ctx, list...)
}

// fillOutlets sets the outlets of stories, each by articles, then name,
// in one query.
func (db *DB) fillOutlets(ctx context.Context, stories ...*storyline.Story) error {
	byID := make(map[int64]*storyline.Story, len(stories))
	ids := make([]int64, len(stories))
	for i, s := range stories {
		s.Outlets = nil
		byID[s.ID] = s
		ids[i] = s.ID
	}
	rows, err := db.pool.Query(ctx, `SELECT sa.story_id, so.name FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id JOIN sources so ON so.id = a.source_id
		WHERE sa.story_id = ANY($1)
		GROUP BY sa.story_id, so.name ORDER BY sa.story_id, count(*) DESC, so.name`, ids)
	if err != nil {
		return err
	}
	var id int64
	var name string
	_, err = pgx.ForEachRow(rows, []any{&id, &name}, func() error {
		if s := byID[id]; s != nil {
			s.Outlets = append(s.Outlets, name)
		}
		return nil
	})
	return err
}

// Timeline lists a story's articles (canonical ones and copies) in the
// order they were published, the undated ones last.
func (db *DB) Timeline(ctx context.Context, storyID int64) ([]storyline.TimelineEntry, error) {
	rows, err := db.pool.Query(ctx, `SELECT a.id, coalesce(so.name, ''), a.title, coalesce(a.url, ''),
		coalesce(a.published, '-infinity'), coalesce(a.copy_of, 0)
		FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		LEFT JOIN sources so ON so.id = a.source_id
		WHERE sa.story_id = `+liveStoryID+`
		ORDER BY a.published NULLS LAST, a.id`, storyID)
	if err != nil {
		return nil, wrap(err, "timeline of story %d", storyID)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storyline.TimelineEntry, error) {
		var e storyline.TimelineEntry
		var at pgtype.Timestamptz
		err := row.Scan(&e.ArticleID, &e.Source, &e.Title, &e.URL, &at, &e.CopyOf)
		if at.Valid && at.InfinityModifier == pgtype.Finite {
			e.Published = at.Time.UTC()
		}
		return e, err
	})
	if err != nil {
		return nil, wrap(err, "timeline of story %d", storyID)
	}
	return list, nil
}
