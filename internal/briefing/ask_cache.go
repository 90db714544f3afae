package briefing

import (
	"container/list"
	"sync"
	"time"

	"github.com/storyline/storyline/internal/analysis/ask"
	"github.com/storyline/storyline/internal/analysis/modelbrief"
)

// askCacheSize is how many stories' indexes an Asker keeps.
const askCacheSize = 64

// askEntry is a story's retrieval index, made when the story had
// articles articles, was last updated at updated and had summary as its
// summary (which a story update that leaves the rest alone, such as an
// article's text corrected, changes).
type askEntry struct {
	story    int64
	articles int
	updated  time.Time
	summary  string
	index    *ask.Index
	reports  []modelbrief.Report
}

// askCache keeps the indexes of the stories asked about most recently:
// a story asked again answers without reading and segmenting its
// articles again, until it changes. It is safe for concurrent use.
type askCache struct {
	mu      sync.Mutex
	order   *list.List // of *askEntry, most recently used first
	entries map[int64]*list.Element
}

// newAskCache returns an empty cache.
func newAskCache() *askCache {
	return &askCache{order: list.New(), entries: map[int64]*list.Element{}}
}

// get returns the entry of story id if it was made at the story's
// present state.
func (c *askCache) get(id int64, articles int, updated time.Time, summary string) (*askEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[id]
	if !ok {
		return nil, false
	}
	e := el.Value.(*askEntry)
	if e.articles != articles || !e.updated.Equal(updated) || e.summary != summary {
		return nil, false
	}
	c.order.MoveToFront(el)
	return e, true
}

// put keeps e, forgetting the least recently used entry when full.
func (c *askCache) put(e *askEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[e.story]; ok {
		el.Value = e
		c.order.MoveToFront(el)
		return
	}
	c.entries[e.story] = c.order.PushFront(e)
	if c.order.Len() > askCacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*askEntry).story)
	}
}
