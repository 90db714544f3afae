package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Story labels (the story_labels table) are what stories are filtered by
// besides their articles: hashtags and entities, which are stored only
// inside the stories' JSON columns. storeutil builds them.

// appendLabelRows appends the rows (label, story) of story id's labels
// (storeutil.StoryLabels) to args.
func appendLabelRows(args []any, id int64, keyphrases []storyline.Keyphrase, entities []storyline.Entity) []any {
	for _, label := range storeutil.StoryLabels(keyphrases, entities) {
		args = append(args, label, id)
	}
	return args
}

// sqlInsertLabels inserts rows made by appendLabelRows (see insertRows).
const sqlInsertLabels = `INSERT INTO story_labels (label, story_id) VALUES `

// relabelStory replaces the labels of story id.
func relabelStory(t *txn, id int64, keyphrases []storyline.Keyphrase, entities []storyline.Entity) error {
	if _, err := t.exec(`DELETE FROM story_labels WHERE story_id = ?`, id); err != nil {
		return err
	}
	return insertRows(t.exec, sqlInsertLabels, 2, appendLabelRows(nil, id, keyphrases, entities))
}

// backfillStoryLabels labels the live stories stored before story_labels
// existed (migration 4). Once released, it must go on doing just that.
func backfillStoryLabels(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, keyphrases, entities FROM stories WHERE merged_into IS NULL`)
	if err != nil {
		return err
	}
	var args []any
	for rows.Next() {
		var (
			id                   int64
			keyphrases, entities string
			k                    []storyline.Keyphrase
			e                    []storyline.Entity
		)
		if err := rows.Scan(&id, &keyphrases, &entities); err != nil {
			return errors.Join(err, rows.Close())
		}
		if err := errors.Join(json.Unmarshal([]byte(keyphrases), &k), json.Unmarshal([]byte(entities), &e)); err != nil {
			return errors.Join(err, rows.Close())
		}
		args = appendLabelRows(args, id, k, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	return insertRows(func(query string, args ...any) (sql.Result, error) {
		return tx.ExecContext(ctx, query, args...)
	}, sqlInsertLabels, 2, args)
}

// execFunc runs a statement that returns no rows.
type execFunc func(query string, args ...any) (sql.Result, error)

// rowBatch is how many rows one INSERT of insertRows writes.
const rowBatch = 100

// insertRows runs insert, an INSERT statement up to and including its
// VALUES keyword, for the rows in args (width values each, one row after
// another), rowBatch rows a statement.
func insertRows(exec execFunc, insert string, width int, args []any) error {
	row := "(" + strings.Repeat(", ?", width)[2:] + ")"
	for len(args) >= width {
		n := min(len(args)/width, rowBatch)
		if _, err := exec(insert+strings.Repeat(", "+row, n)[2:], args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}
