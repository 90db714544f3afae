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

// maxTopKeys is the most rankings kept (one per filter); past it, the
// kept ones are dropped and kept afresh.
const maxTopKeys = 1000

// topKey is what a ranking depends on: its filters and length, and for
// a reader's For you ranking, the reader.
type topKey struct {
	outlet, category, hashtag string
	entity                    storyline.Entity // its Name and Kind; zero for none
	n                         int
	forYou                    int64 // the reader's user ID; 0 for Top
}

// topKeyOf returns the key of the top n stories filter f selects.
func topKeyOf(f storyline.StoryFilter, n int) topKey {
	k := topKey{outlet: f.Source, category: f.Category, hashtag: f.Hashtag, n: n}
	if f.Entity != nil {
		k.entity = storyline.Entity{Name: f.Entity.Name, Kind: f.Entity.Kind}
	}
	return k
}

// topCache keeps recent rankings of the top stories. One ranking per key
// is computed at a time; requests that need it meanwhile wait for it,
// while other keys go on.
type topCache struct {
	mu      sync.Mutex
	entries map[topKey]*topEntry
}

// topEntry is one kept ranking; its mutex is held while it is computed.
type topEntry struct {
	mu   sync.Mutex
	list []*storyline.Story
	at   time.Time
	ok   bool
}

// get returns the ranking for key computed less than topTTL before now,
// or computes it with rank. Stories in the list are shared: callers must
// not change them.
func (c *topCache) get(ctx context.Context, key topKey, now time.Time, rank func() ([]*storyline.Story, error)) ([]*storyline.Story, error) {
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxTopKeys {
		c.entries = map[topKey]*topEntry{}
	}
	e, ok := c.entries[key]
	if !ok {
		e = &topEntry{}
		c.entries[key] = e
	}
	c.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ok && now.Sub(e.at) < topTTL && !e.at.After(now) {
		return e.list, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	list, err := rank()
	if err != nil {
		return nil, err
	}
	e.list, e.at, e.ok = list, now, true
	return list, nil
}

// purge forgets every ranking, after a change made through the site.
func (c *topCache) purge() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}

// forgetReader forgets reader userID's For you rankings, after they
// changed what they follow or mute.
func (c *topCache) forgetReader(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if k.forYou == userID {
			delete(c.entries, k)
		}
	}
}

// siteChanged forgets every page, ranking and reader's state kept, after
// a change to the site (a comment, a feed, a setting).
func (s *Server) siteChanged() {
	s.top.purge()
	if s.cache != nil {
		s.cache.purge()
		s.sharedPages.purge()
	}
	s.readers.purge() // what the change brought in may be unread
}

// forgetReader forgets what is kept of reader userID — their follows
// and mutes, unread counts, For you ranking and page — after they
// changed what they follow or mute.
func (s *Server) forgetReader(userID int64) {
	s.top.forgetReader(userID)
	s.readers.forget(userID)
	if s.sharedPages != nil {
		s.sharedPages.forgetReader(userID)
	}
}
