package sqlite

import (
	"context"

	"github.com/storyline/storyline"
)

var _ storyline.SearchReindexer = (*DB)(nil)

// ReindexSearch indexes up to batch articles (at least one) of a rebuild
// of the search index under way, and returns how many it indexed and how
// many article IDs the rebuild has left (an upper bound of the articles).
// An index of an older format is rebuilt from the articles when the store
// opens, in the background; ReindexSearch lets an upgrade command take
// part and show its progress. When no rebuild is under way it returns 0,
// 0. A store opened read-only cannot rebuild its index: ErrReadOnly.
func (db *DB) ReindexSearch(ctx context.Context, batch int) (done, remaining int, err error) {
	if db.ReadOnly() {
		return 0, 0, ErrReadOnly
	}
	d, left, err := db.index.rebuildStep(ctx, max(batch, 1))
	if err != nil {
		return 0, 0, wrap(err, "reindex search")
	}
	return d, int(left), nil
}
