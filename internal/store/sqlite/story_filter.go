package sqlite

import (
	"context"
	"slices"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// storyConditions returns the WHERE conditions on "stories st" that
// select the live stories f asks for, and their arguments.
func (db *DB) storyConditions(ctx context.Context, f storyline.StoryFilter) ([]string, []any, error) {
	where := []string{"st.merged_into IS NULL"}
	var args []any
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if !f.Since.IsZero() {
		add("st.last_updated >= ?", boundNanos(f.Since))
	}
	if f.BeforeID != 0 {
		cond, a := beforeCursor("st.last_updated", "st.id", f.BeforeTime, f.BeforeID)
		add(cond, a...)
	}
	// Each of the other filters is a set of rows that name stories.
	type set struct {
		from  string // FROM … WHERE …
		story string // the column of the story's ID
		args  []any
	}
	var sets []set
	const storyArticles = `articles a JOIN story_articles sa ON sa.article_id = a.id WHERE `
	if f.Source != "" {
		sets = append(sets, set{storyArticles + `a.source_id = (SELECT id FROM sources WHERE name = ?)`, "sa.story_id", []any{f.Source}})
	}
	if f.Category != "" {
		feeds, err := db.feedsOfCategory(ctx, f.Category)
		if err != nil {
			return nil, nil, err
		}
		sets = append(sets, set{storyArticles + `a.feed_id IN (` + placeholders(len(feeds)) + `)`, "sa.story_id", feeds})
	}
	if f.Hashtag != "" {
		sets = append(sets, set{`story_labels l WHERE l.label = ?`, "l.story_id", []any{storeutil.HashtagLabel(f.Hashtag)}})
	}
	if f.Entity != nil {
		label, err := storeutil.EntityFilterLabel(*f.Entity)
		if err != nil {
			return nil, nil, err
		}
		sets = append(sets, set{`story_labels l WHERE l.label = ?`, "l.story_id", []any{label}})
	}
	for _, x := range sets {
		cond, err := db.storiesIn(ctx, x.from, x.story, x.args)
		if err != nil {
			return nil, nil, err
		}
		add(cond, x.args...)
	}
	return where, args, nil
}

// fewRows is how many rows make a set of stories small enough to list
// the stories from (see storiesIn).
const fewRows = 1000

// storiesIn returns the condition that story st is named by a row of
// from (FROM … WHERE …, with args) in its column story. When fewer than
// fewRows rows match, the condition is an IN list, from which the query
// reads the few stories and sorts them; otherwise it is an EXISTS test on
// each story as the query reads them newest first, which soon finds a
// page of them. (The planner cannot tell a rare label or category from a
// common one; counting up to fewRows costs little.)
func (db *DB) storiesIn(ctx context.Context, from, story string, args []any) (string, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+from+` LIMIT ?)`,
		append(slices.Clip(args), fewRows)...).Scan(&n)
	if err != nil {
		return "", err
	}
	if n < fewRows {
		return `st.id IN (SELECT ` + story + ` FROM ` + from + `)`, nil
	}
	return `EXISTS (SELECT 1 FROM ` + from + ` AND ` + story + ` = st.id)`, nil
}

// feedsOfCategory returns the IDs of the feeds of a category, ignoring
// case in every script. There are few feeds, and comparing them here
// spares an index on a folded category.
func (db *DB) feedsOfCategory(ctx context.Context, category string) ([]any, error) {
	rows, err := db.query(ctx, `SELECT id, category FROM feeds WHERE category != ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	want := storeutil.FoldName(category)
	var ids []any
	for rows.Next() {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		if storeutil.FoldName(c) == want {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// placeholders returns n comma-separated parameters; none for n = 0, which
// makes "x IN ()" false.
func placeholders(n int) string {
	return strings.TrimPrefix(strings.Repeat(", ?", n), ", ")
}
