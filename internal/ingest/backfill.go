package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/storyline/storyline"
)

// backfillBatch is how many articles a backfill reads at a time.
const backfillBatch = 200

// allSinceKey remembers when an `analyze --all` began, so that a run cut
// short resumes instead of starting over.
const allSinceKey = "analysis:all-before"

// BackfillStore is what a backfill needs from storage.
type BackfillStore interface {
	AnalysisStore
	PendingAnalysis(ctx context.Context, version int, before time.Time, afterID int64, limit int) ([]*storyline.Article, error)
}

// Backfill analyses the stored articles whose analysis is missing or
// older than AnalysisVersion — with all, every article analysed before the
// run began — calling progress after each. It is resumable: every
// analysis is saved as it is made, and an interrupted run with all picks up
// where it stopped. It returns how many articles it analysed.
func (an *Analyzer) Backfill(ctx context.Context, store BackfillStore, all bool, progress func(done int)) (int, error) {
	var before time.Time
	if all {
		v, ok, err := store.Meta(ctx, allSinceKey)
		if err != nil {
			return 0, fmt.Errorf("backfill: %w", err)
		}
		if ok {
			if before, err = time.Parse(time.RFC3339Nano, v); err != nil {
				return 0, fmt.Errorf("backfill: stored start %q: %w", v, err)
			}
		} else {
			before = time.Now()
			if err := store.SetMeta(ctx, allSinceKey, before.Format(time.RFC3339Nano)); err != nil {
				return 0, fmt.Errorf("backfill: %w", err)
			}
		}
	}
	done := 0
	var after int64
	for {
		list, err := store.PendingAnalysis(ctx, AnalysisVersion, before, after, backfillBatch)
		if err != nil {
			return done, fmt.Errorf("backfill: %w", err)
		}
		if len(list) == 0 {
			break
		}
		for _, a := range list {
			if err := ctx.Err(); err != nil {
				return done, err
			}
			if _, err := an.Article(ctx, a); err != nil {
				return done, fmt.Errorf("backfill: %w", err)
			}
			after = a.ID
			done++
			if progress != nil {
				progress(done)
			}
		}
	}
	if err := an.Flush(ctx); err != nil {
		return done, fmt.Errorf("backfill: %w", err)
	}
	if all {
		if err := store.SetMeta(ctx, allSinceKey, ""); err != nil {
			return done, fmt.Errorf("backfill: %w", err)
		}
	}
	return done, nil
}
