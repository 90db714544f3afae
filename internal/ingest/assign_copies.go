package ingest

import (
	"time"

	"github.com/storyline/storyline/internal/analysis/dedup"
)

// copyIndex is the near-copy index with the time each signature came in:
// signatures older than the window are dropped as new ones come, and the
// oldest beyond a number of articles, so that it holds the articles of the
// last copyWindow (at most limit of them, the newest), as it does after a
// restart, and a long-running process's memory does not grow with every
// article it ever analysed or with the size of an import (each signature
// costs about 1.6 KB). It is used under the analyzer's lock.
type copyIndex struct {
	*dedup.Index
	window time.Duration
	limit  int                 // the most articles held
	added  map[int64]time.Time // when each indexed article came in
	queue  []copyEntry         // additions, oldest first (some since removed)
}

// copyEntry is one addition to the copy index.
type copyEntry struct {
	id int64
	at time.Time
}

// newCopyIndex returns an empty copy index keeping signatures for window,
// at most limit of them.
func newCopyIndex(window time.Duration, limit int) *copyIndex {
	return &copyIndex{Index: dedup.NewIndex(dedup.Options{}), window: window, limit: limit, added: make(map[int64]time.Time)}
}

// add indexes article id's signature at now, and drops the signatures
// that came in more than the window before.
func (c *copyIndex) add(id int64, sig dedup.Signature, now time.Time) {
	c.Index.Add(id, sig)
	c.added[id] = now
	c.queue = append(c.queue, copyEntry{id, now})
	c.expire(now)
}

// remove drops article id's signature.
func (c *copyIndex) remove(id int64) {
	c.Index.Remove(id)
	delete(c.added, id)
}

// expire drops the signatures that came in more than the window before
// now, and the oldest while more than the limit are held; an entry of an
// article removed or added again since is skipped.
func (c *copyIndex) expire(now time.Time) {
	cut := now.Add(-c.window)
	i := 0
	for ; i < len(c.queue); i++ {
		e := c.queue[i]
		at, ok := c.added[e.id]
		live := ok && at.Equal(e.at)
		if live && !e.at.Before(cut) && len(c.added) <= c.limit {
			break
		}
		if live {
			c.remove(e.id)
		}
	}
	c.queue = c.queue[i:]
}
