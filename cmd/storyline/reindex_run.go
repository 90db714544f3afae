package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/storyline/storyline"
)

// reindexBatch is how many articles one search reindex transaction
// takes.
const reindexBatch = 500

// reindexRetry is how long the background reindex waits after an error.
const reindexRetry = time.Minute

// reindexSearch brings the search index of the stored articles up to this
// build's terms in the background (after an upgrade; at once done on a
// store that is current), a batch at a time, until it is done or ctx
// ends. Several processes may run it on one PostgreSQL store: each takes
// rows the others are not working on.
func reindexSearch(ctx context.Context, r storyline.SearchReindexer, log *slog.Logger) {
	total := 0
	for {
		done, remaining, err := r.ReindexSearch(ctx, reindexBatch)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			log.Warn("search reindex", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(reindexRetry):
			}
			continue
		}
		total += done
		if remaining == 0 || done == 0 {
			if total > 0 {
				log.Info("search index brought up to date", "articles", total)
			}
			return
		}
	}
}

// reindexAll runs the search reindex to the end in the foreground, with
// the progress counter newCounter makes, and returns how many articles it
// did.
func reindexAll(ctx context.Context, r storyline.SearchReindexer, newCounter func(what string, total int) *counter) (int, error) {
	done, remaining, err := r.ReindexSearch(ctx, reindexBatch)
	if err != nil || remaining == 0 {
		return done, err
	}
	c := newCounter("articles reindexed for search", done+remaining)
	defer c.finish()
	c.add(done)
	total := done
	for remaining > 0 {
		if done, remaining, err = r.ReindexSearch(ctx, reindexBatch); err != nil {
			return total, err
		}
		if done == 0 {
			break // the rest is another process's
		}
		total += done
		c.add(done)
	}
	return total, nil
}
