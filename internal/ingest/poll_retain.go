package ingest

import (
	"context"

	"github.com/storyline/storyline/internal/feed"
)

// dropExpired returns the entries published within the retention age in
// force (all of them when none is, or when it cannot be read) and how
// many it dropped. Undated entries stay: their age is unknown.
func (p *Poller) dropExpired(ctx context.Context, entries []feed.Entry) ([]feed.Entry, int) {
	if p.Retain == nil || len(entries) == 0 {
		return entries, 0
	}
	age, err := p.Retain(ctx)
	if err != nil {
		p.log().Warn("poll: the retention age cannot be read; storing every new entry", "err", err)
		return entries, 0
	}
	if age <= 0 {
		return entries, 0
	}
	cut := p.now().Add(-age)
	kept := entries[:0:0]
	for _, e := range entries {
		if e.Published.IsZero() || !e.Published.Before(cut) {
			kept = append(kept, e)
		}
	}
	return kept, len(entries) - len(kept)
}
