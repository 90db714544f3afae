package web

import (
	"container/list"
	"context"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// sharedPages keeps the pages signed-in readers see rendered once for
// all readers of a role, with holes for what is each reader's own (see
// holes.go), the way pageCache keeps visitors' pages: for its TTL, then
// served once more while rendered again in the background, up to
// staleFactor TTLs; a change made through the site empties it. Each
// request fills the holes from the reader's state, read in a few
// queries, and sends the page gzip-compressed by stitching the fixed
// parts, compressed once, with the reader's bits (see stitch.go). A page
// whose content is the reader's own (For you) is kept for that reader
// alone, and forgotten when they change what they follow or mute.
type sharedPages struct {
	ttl      time.Duration
	maxBytes int
	now      func() time.Time
	deflate  deflater

	mu      sync.Mutex
	entries map[string]*sharedEntry
	order   *list.List // keys, oldest first
	bytes   int
	gen     uint64 // incremented by purge: renderings begun before are not kept
}

// sharedEntry is one kept page, or one being rendered (ready open).
type sharedEntry struct {
	ready      chan struct{}
	page       *sharedPage // nil: the page could not be shared; render it
	at         time.Time   // rendered, or last found unchanged
	rendered   time.Time
	gen        uint64
	owner      int64 // the reader a page of theirs is kept for; 0 for all
	refreshing bool
	elem       *list.Element
}

// sharedPage is a rendered page with holes.
type sharedPage struct {
	status   int
	header   http.Header
	parts    []pagePart
	stories  map[int64]*storyline.Story // of its cards and the story page
	comments *commentBlock
	// cardLimit is how many cards a reader sees at most, once their
	// mutes are dropped; 0 for all.
	cardLimit int
	// version identifies what the page shows (see holeSet.version);
	// validate, when set, tells the version now, for a page grown stale:
	// unchanged, it is kept without being rendered again.
	version  string
	validate func(context.Context) (string, error)
	size     int // bytes counted against the cap
	zsize    int // of the compressed fixed parts
}

// validatedMaxAge is how long a page found unchanged by its validator is
// kept, at most, after it was rendered.
const validatedMaxAge = 5 * time.Minute

// spread returns a duration in [0, d) that key picks.
func spread(key string, d time.Duration) time.Duration {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	return time.Duration(h.Sum64() % uint64(d))
}

// newSharedPages returns a cache keeping pages for ttl, up to maxBytes.
func newSharedPages(ttl time.Duration, maxBytes int, now func() time.Time) *sharedPages {
	return &sharedPages{ttl: ttl, maxBytes: maxBytes, now: now, entries: map[string]*sharedEntry{}, order: list.New()}
}

// get returns the page kept under key, rendering it with render when
// missing or too old (one rendering at a time per key; the others wait)
// and in the background when stale. It returns nil when the page cannot
// be shared (render returned nil) or ctx ended while waiting.
func (c *sharedPages) get(ctx context.Context, key string, owner int64, render func(context.Context) *sharedPage) *sharedPage {
	e, fill, refresh := c.lookup(key, owner)
	switch {
	case fill:
		c.keep(key, e, render(ctx))
	case refresh:
		if c.unchanged(ctx, key, e) {
			return e.page
		}
		go func() {
			fresh := &sharedEntry{ready: make(chan struct{}), owner: owner}
			c.mu.Lock()
			fresh.gen = c.gen
			c.mu.Unlock()
			p := render(context.WithoutCancel(ctx))
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.entries[key] != e {
				return // dropped meanwhile
			}
			c.removeLocked(key, e)
			c.entries[key] = fresh
			fresh.elem = c.order.PushBack(key)
			c.keepLocked(key, fresh, p)
		}()
	}
	select {
	case <-e.ready:
		return e.page
	case <-ctx.Done():
		return nil
	}
}

// unchanged reports whether stale entry e, kept under key, still shows
// what its page's validator says is current, and if so keeps it as if
// just rendered — at most validatedMaxAge after it was rendered (and a
// little more or less for each page, so that pages rendered together
// are not rendered again all at once), since its side panels (related
// stories, other languages) are not validated.
func (c *sharedPages) unchanged(ctx context.Context, key string, e *sharedEntry) bool {
	p := e.page
	if p.validate == nil || c.now().Sub(e.rendered) >= validatedMaxAge+spread(key, validatedMaxAge/5) {
		return false
	}
	v, err := p.validate(ctx)
	if err != nil || v != p.version {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[key] != e {
		return false
	}
	e.at, e.refreshing = c.now(), false
	return true
}

// lookup returns key's entry: fresh, being rendered, or stale (refresh
// true: the caller renders it again in the background); else a new one
// the caller must fill.
func (c *sharedPages) lookup(key string, owner int64) (e *sharedEntry, fill, refresh bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		select {
		case <-e.ready:
			switch judge(c.now().Sub(e.at), c.ttl, e.page != nil, e.refreshing) {
			case dropEntry:
				c.removeLocked(key, e)
			case serveEntry:
				return e, false, false
			case refreshEntry:
				e.refreshing = true
				return e, false, true
			}
		default:
			return e, false, false
		}
	}
	e = &sharedEntry{ready: make(chan struct{}), at: c.now(), gen: c.gen, owner: owner}
	c.entries[key] = e
	e.elem = c.order.PushBack(key)
	return e, true, false
}

// keep records page p, just rendered, in entry e.
func (c *sharedPages) keep(key string, e *sharedEntry, p *sharedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keepLocked(key, e, p)
}

// keepLocked records p in e and marks it ready; a page begun before a
// purge, or too large, is handed to its waiters but not kept. c.mu must
// be held.
func (c *sharedPages) keepLocked(key string, e *sharedEntry, p *sharedPage) {
	e.page, e.at = p, c.now()
	e.rendered = e.at
	close(e.ready)
	if p == nil || e.gen != c.gen || p.size > c.maxBytes/4 {
		if c.entries[key] == e {
			c.removeLocked(key, e)
		}
		return
	}
	c.bytes += p.size
	for el := c.order.Front(); el != nil && c.bytes > c.maxBytes; {
		next := el.Next()
		k := el.Value.(string)
		if old := c.entries[k]; old != e && old.page != nil {
			c.removeLocked(k, old)
		}
		el = next
	}
}

// removeLocked drops entry e kept under key. c.mu must be held.
func (c *sharedPages) removeLocked(key string, e *sharedEntry) {
	delete(c.entries, key)
	c.order.Remove(e.elem)
	select {
	case <-e.ready:
		if e.page != nil && e.gen == c.gen {
			c.bytes -= e.page.size
		}
	default:
	}
}

// purge forgets every page, after a change made through the site.
func (c *sharedPages) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forgetLocked(func(*sharedEntry) bool { return true })
	c.gen++
	c.bytes = 0
}

// forgetReader forgets the pages kept for reader userID alone.
func (c *sharedPages) forgetReader(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forgetLocked(func(e *sharedEntry) bool { return e.owner == userID })
}

// forgetLocked drops the rendered entries for which drop is true. c.mu
// must be held.
func (c *sharedPages) forgetLocked(drop func(*sharedEntry) bool) {
	for key, e := range c.entries {
		select {
		case <-e.ready:
			if drop(e) {
				c.removeLocked(key, e)
			}
		default:
		}
	}
}

// sharedKey is the key of the page r asks for as reader u sees it: the
// same for every reader of u's role, or u's own (owner not 0).
func sharedKey(r *http.Request, u *storyline.User, owner int64) string {
	var b strings.Builder
	b.WriteString(string(u.Role))
	b.WriteByte(' ')
	if owner != 0 {
		b.WriteString(strconv.FormatInt(owner, 10))
	}
	b.WriteByte(' ')
	b.WriteString(themeOf(r))
	b.WriteByte(' ')
	b.WriteString(strings.ToLower(r.Host))
	b.WriteString(r.URL.RequestURI())
	return b.String()
}
