package web

import (
	"context"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// topTTL is how long a ranking of the top stories is kept. Ranking reads
// a few hundred recent stories; readers of the front page and of
// /api/v1/stories/top share one ranking for this long.
const topTTL = 15 * time.Second

// topKey is what a ranking depends on: its filters and length.
type topKey struct {
	outlet, category string
	n                int
}

// topCache keeps recent rankings of the top stories. One ranking is
// computed at a time; requests that need the same one meanwhile wait for
// it.
type topCache struct {
	mu      sync.Mutex
	entries map[topKey]topEntry
}

// topEntry is one kept ranking.
type topEntry struct {
	list []*storyline.Story
	at   time.Time
}

// get returns the ranking for key computed less than topTTL before now,
// or computes it with rank. Stories in the list are shared: callers must
// not change them.
func (c *topCache) get(ctx context.Context, key topKey, now time.Time, rank func() ([]*storyline.Story, error)) ([]*storyline.Story, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && now.Sub(e.at) < topTTL && !e.at.After(now) {
		return e.list, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	list, err := rank()
	if err != nil {
		return nil, err
	}
	if c.entries == nil || len(c.entries) > 1000 {
		c.entries = map[topKey]topEntry{} // many filters: start over rather than grow
	}
	c.entries[key] = topEntry{list: list, at: now}
	return list, nil
}

// purge forgets every ranking, after a change made through the site.
func (c *topCache) purge() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}
