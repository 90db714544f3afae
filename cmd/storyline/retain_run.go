package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
)

// retainEvery is how often serve and worker delete what retention no
// longer keeps; on PostgreSQL one process at a time does it.
const retainEvery = time.Hour

// retentionAge returns the function that tells the retention job the age
// in force: flag (already checked, "" when not given), else the age saved
// on the Settings page.
func retentionAge(store storyline.MetaStore, flag string) func(context.Context) (time.Duration, error) {
	return func(ctx context.Context) (time.Duration, error) {
		v := flag
		if v == "" {
			saved, _, err := store.Meta(ctx, storyline.RetentionKey)
			if err != nil {
				return 0, err
			}
			v = saved
		}
		return storyline.ParseRetention(v)
	}
}

// retain runs the retention job at start and every retainEvery until ctx
// ends.
func retain(ctx context.Context, r *ingest.Retention, log *slog.Logger) {
	t := time.NewTicker(retainEvery)
	defer t.Stop()
	for {
		p, err := r.Run(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			log.Warn("retention", "err", err, "articles_deleted", p.Articles)
		case p.Articles > 0:
			log.Info("retention deleted old coverage", "articles", p.Articles, "stories", p.Stories)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
