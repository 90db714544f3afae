package sqlite

import "context"

// CountStories returns how many stories there are, those merged into
// others left out.
func (db *DB) CountStories(ctx context.Context) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM stories WHERE merged_into IS NULL`).Scan(&n)
	return n, wrap(err, "count stories")
}
