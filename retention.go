package storyline

import (
	"context"
	"time"
)

// Pruned reports what one Prune removed.
type Pruned struct {
	// Articles is how many articles were deleted, copies included.
	Articles int
	// Stories is how many stories were deleted with their last articles.
	Stories int
	// More is true when articles older than the cut remain that a later
	// call would delete: Prune deletes at most its limit at a time.
	More bool
}

// RetentionStore deletes old coverage, so that a store polled for years
// holds a bounded window of it.
type RetentionStore interface {
	// Prune deletes up to limit canonical articles stored before cut,
	// with their copies, analyses, feed entries and search entries, and
	// the stories they leave empty. An article is kept while it or one of
	// its copies has comments, while a story it belongs to has comments,
	// and while one of its copies was stored at or after cut. Stories that
	// lose articles but keep some are otherwise left as they are.
	Prune(ctx context.Context, cut time.Time, limit int) (Pruned, error)
	// Reclaim gives the space deleted rows left back to the file system
	// where the store can (SQLite's incremental vacuum) and is a no-op
	// where the database reuses it itself.
	Reclaim(ctx context.Context) error
}
