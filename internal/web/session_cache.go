package web

import (
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// sessionTTL is how long a session found valid is trusted without asking
// the store again. Ending a session or changing an account through this
// server forgets at once; through another front end of the same store,
// within sessionTTL.
const sessionTTL = 2 * time.Second

// maxSessionEntries bounds sessionCache: past it, it starts afresh.
const maxSessionEntries = 100_000

// sessionCache keeps the sessions recently found valid, by token hash,
// with their user: a signed-in reader's every request would otherwise
// read both. Nil keeps nothing.
type sessionCache struct {
	now func() time.Time

	mu      sync.Mutex
	entries map[string]sessionEntry
}

// sessionEntry is a session found valid at at, until expires.
type sessionEntry struct {
	user    *storyline.User
	expires time.Time
	at      time.Time
}

// newSessionCache returns an empty cache.
func newSessionCache(now func() time.Time) *sessionCache {
	return &sessionCache{now: now, entries: map[string]sessionEntry{}}
}

// get returns the user of session hash if it was found valid less than
// sessionTTL ago and has not expired since.
func (c *sessionCache) get(hash string) (*storyline.User, bool) {
	if c == nil {
		return nil, false
	}
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[hash]
	if !ok || now.Sub(e.at) >= sessionTTL || now.Sub(e.at) < 0 || !now.Before(e.expires) {
		return nil, false
	}
	return e.user, true
}

// put keeps session hash of user u, valid until expires.
func (c *sessionCache) put(hash string, u *storyline.User, expires time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxSessionEntries {
		c.entries = map[string]sessionEntry{}
	}
	c.entries[hash] = sessionEntry{user: u, expires: expires, at: c.now()}
}

// forget drops session hash, which ended.
func (c *sessionCache) forget(hash string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, hash)
}

// purge drops every session, after an account changed (a password, a
// role, an account disabled or deleted).
func (c *sessionCache) purge() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[string]sessionEntry{}
}
