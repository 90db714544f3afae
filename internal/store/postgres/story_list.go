package postgres

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// storyOrder lists stories most recently updated first. It matches the
// stories_updated index.
const storyOrder = ` ORDER BY st.last_updated DESC, st.id DESC `

// Stories lists the live stories f selects (see storyConditions), most
// recently updated first, with the outlets of the whole page read in one
// query. A negative Limit or Offset is EINVALID; Limit is capped at 500.
func (db *DB) Stories(ctx context.Context, f storyline.StoryFilter) ([]*storyline.Story, error) {
	limit, err := storeutil.PageLimit(f.Limit, f.Offset, storeutil.DefaultStoryLimit, storeutil.MaxStoryLimit)
	if err != nil {
		return nil, err
	}
	where, args, err := db.storyConditions(ctx, f)
	if err != nil {
		return nil, wrap(err, "list stories")
	}
	n := len(args)
	args = append(args, limit, f.Offset)
	// The page's IDs first, then their columns: the counts are worked out
	// for the stories listed only.
	list, err := db.queryStories(ctx, `SELECT `+storyColumns+` FROM (SELECT st.id FROM stories st WHERE `+
		strings.Join(where, " AND ")+storyOrder+`LIMIT $`+strconv.Itoa(n+1)+` OFFSET $`+strconv.Itoa(n+2)+
		`) page JOIN stories st ON st.id = page.id`+storyOrder, args...)
	return list, wrap(err, "list stories")
}

// storyConditions returns the WHERE conditions on "stories st" that
// select the live stories f asks for, and their arguments ($1, $2, …).
// The filters on articles and labels are semi-joins (IN subqueries),
// which the planner weighs with its statistics.
func (db *DB) storyConditions(ctx context.Context, f storyline.StoryFilter) ([]string, []any, error) {
	where := []string{"st.merged_into IS NULL"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if !f.Since.IsZero() {
		where = append(where, "st.last_updated >= "+arg(clampTime(f.Since)))
	}
	if f.BeforeID != 0 {
		where = append(where, "(st.last_updated, st.id) < ("+arg(clampTime(f.BeforeTime))+"::timestamptz, "+arg(f.BeforeID)+"::bigint)")
	}
	const storyArticles = `st.id IN (SELECT sa.story_id FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id WHERE `
	if f.Source != "" {
		where = append(where, storyArticles+`a.source_id = (SELECT id FROM sources WHERE name_key = `+arg(storeutil.FoldName(f.Source))+`))`)
	}
	if f.Category != "" {
		feeds, err := db.feedsOfCategory(ctx, f.Category)
		if err != nil {
			return nil, nil, err
		}
		where = append(where, storyArticles+`a.feed_id = ANY(`+arg(feeds)+`))`)
	}
	const labelled = `st.id IN (SELECT l.story_id FROM story_labels l WHERE l.label = `
	if f.Hashtag != "" {
		where = append(where, labelled+arg(storeutil.HashtagLabel(f.Hashtag))+`)`)
	}
	if f.Entity != nil {
		label, err := storeutil.EntityFilterLabel(*f.Entity)
		if err != nil {
			return nil, nil, err
		}
		where = append(where, labelled+arg(label)+`)`)
	}
	return where, args, nil
}

// feedsOfCategory returns the IDs of the feeds of a category, ignoring
// case in every script (storeutil.FoldName), as the SQLite store compares them.
// There are few feeds, and comparing them here spares an index on a
// folded category.
func (db *DB) feedsOfCategory(ctx context.Context, category string) ([]int64, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, category FROM feeds WHERE category <> ''`)
	if err != nil {
		return nil, err
	}
	want := storeutil.FoldName(category)
	ids := []int64{}
	var id int64
	var c string
	_, err = pgx.ForEachRow(rows, []any{&id, &c}, func() error {
		if storeutil.FoldName(c) == want {
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}
