package ingest

import (
	"context"
	"fmt"
	"time"
)

// SweepAge is how long an article must have been stored before a
// periodic Sweep takes it: a younger one may still be in the hands of the
// poll or import that stored it, which analyses it itself.
const SweepAge = 10 * time.Minute

// Sweep analyses the articles stored at least minAge ago whose analysis
// is missing or out of date — those a crash, a full disk or a cancelled
// import left behind — and brings their stories up to date. A process
// starting passes 0 (nothing of its own is under way), the periodic
// sweeps after it SweepAge. An article analysed meanwhile by another path
// is left as it is. It returns how many articles it analysed.
func (an *Analyzer) Sweep(ctx context.Context, store BackfillStore, minAge time.Duration) (int, error) {
	cutoff := an.now().Add(-minAge)
	done := 0
	var after int64
	for {
		list, err := store.PendingAnalysis(ctx, AnalysisVersion, time.Time{}, after, backfillBatch)
		if err != nil {
			return done, fmt.Errorf("sweep: %w", err)
		}
		if len(list) == 0 {
			break
		}
		for _, a := range list {
			after = a.ID
			if a.CreatedAt.After(cutoff) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return done, err
			}
			if _, err := an.ArticleOnce(ctx, a); err != nil {
				return done, fmt.Errorf("sweep: article %d: %w", a.ID, err)
			}
			done++
		}
	}
	if done == 0 {
		return 0, nil
	}
	if err := an.Flush(ctx); err != nil {
		return done, fmt.Errorf("sweep: %w", err)
	}
	return done, nil
}
