package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// readerCache keeps, for each signed-in reader, what every page they see
// needs and what changes only when they change it: their follows and
// mutes, and the unread counts of the navigation. A change made through
// this server forgets the reader's entry at once (forget, forgetCounts);
// one made through another server (several front ends on PostgreSQL)
// shows within ttl, the page cache's. A nil cache (the page cache off)
// keeps nothing.
type readerCache struct {
	ttl time.Duration
	now func() time.Time

	mu    sync.Mutex
	users map[int64]*readerEntry
}

// maxReaderEntries bounds readerCache: past it, the entries older than
// the TTL are dropped.
const maxReaderEntries = 10_000

// readerEntry is one reader's kept state.
type readerEntry struct {
	follows  []*storyline.Follow
	mutes    []*storyline.Mute
	baseAt   time.Time
	baseOK   bool
	unread   int
	forYou   int
	countsAt time.Time
	countsOK bool
	saved    map[savedKey]bool
	savedAt  time.Time
	savedOK  bool
	// items are the reader's reads and saves of the items of the shared
	// pages they saw lately, valid while itemsGen is unchanged: any
	// change of what they read or saved moves it on.
	items    map[*sharedPage]*pageItems
	itemsGen uint64
}

// pageItems is a reader's state of one shared page's items, as the store
// had it (without the marks waiting to be stored). Shared: never changed.
type pageItems struct {
	storyReads    map[int64]storyline.StoryRead
	articlesRead  map[int64]bool
	savedStories  map[int64]bool
	savedArticles map[int64]bool
	at            time.Time
}

// maxPageItems is the most shared pages a reader's state is kept for.
const maxPageItems = 16

// savedKey is a saved item.
type savedKey struct {
	kind storyline.ItemKind
	id   int64
}

// maxKeptSaves is the most saved items kept of a reader; one with more
// is asked about each page's items instead.
const maxKeptSaves = 5000

// newReaderCache returns a cache keeping readers' state for ttl.
func newReaderCache(ttl time.Duration, now func() time.Time) *readerCache {
	return &readerCache{ttl: ttl, now: now, users: map[int64]*readerEntry{}}
}

// entry returns userID's entry, made when missing. c.mu must be held.
func (c *readerCache) entry(userID int64) *readerEntry {
	e, ok := c.users[userID]
	if !ok {
		if len(c.users) >= maxReaderEntries {
			c.sweepLocked()
		}
		e = &readerEntry{}
		c.users[userID] = e
	}
	return e
}

// sweepLocked drops the entries no longer fresh. c.mu must be held.
func (c *readerCache) sweepLocked() {
	now := c.now()
	for id, e := range c.users {
		if now.Sub(e.baseAt) >= c.ttl && now.Sub(e.countsAt) >= c.ttl {
			delete(c.users, id)
		}
	}
}

// fresh reports whether something kept at at is still fresh.
func (c *readerCache) fresh(at time.Time) bool {
	age := c.now().Sub(at)
	return age >= 0 && age < c.ttl
}

// base returns reader u's follows and mutes, read from store when not
// kept. The lists are shared: callers must not change them.
func (c *readerCache) base(ctx context.Context, store Store, u *storyline.User) ([]*storyline.Follow, []*storyline.Mute, error) {
	if c != nil {
		c.mu.Lock()
		e := c.entry(u.ID)
		if e.baseOK && c.fresh(e.baseAt) {
			defer c.mu.Unlock()
			return e.follows, e.mutes, nil
		}
		c.mu.Unlock()
	}
	at := time.Time{}
	if c != nil {
		at = c.now()
	}
	mutes, err := store.Mutes(ctx, u.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("read the mutes of user %d: %w", u.ID, err)
	}
	follows, err := store.Follows(ctx, u.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("read the follows of user %d: %w", u.ID, err)
	}
	if c != nil {
		c.mu.Lock()
		e := c.entry(u.ID)
		if !e.baseAt.After(at) { // not forgotten or refreshed meanwhile
			e.follows, e.mutes, e.baseAt, e.baseOK = follows, mutes, at, true
		}
		c.mu.Unlock()
	}
	return follows, mutes, nil
}

// counts returns reader userID's kept navigation counts, if fresh.
func (c *readerCache) counts(userID int64) (unread, forYou int, ok bool) {
	if c == nil {
		return 0, 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entry(userID)
	if !e.countsOK || !c.fresh(e.countsAt) {
		return 0, 0, false
	}
	return e.unread, e.forYou, true
}

// keepCounts keeps reader userID's navigation counts, counted from at.
func (c *readerCache) keepCounts(userID int64, unread, forYou int, at time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entry(userID)
	if !e.countsAt.After(at) {
		e.unread, e.forYou, e.countsAt, e.countsOK = unread, forYou, at, true
	}
}

// forget drops everything kept of reader userID, after they changed what
// they follow or mute.
func (c *readerCache) forget(userID int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.users[userID]; ok {
		c.resetLocked(e)
	}
}

// purge drops everything kept of every reader, after a change made
// through the site (an import, a feed added) that may change what they
// have unread.
func (c *readerCache) purge() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.users {
		c.resetLocked(e)
	}
}

// resetLocked empties e so that no read begun before is kept. c.mu must
// be held.
func (c *readerCache) resetLocked(e *readerEntry) {
	now := c.now()
	*e = readerEntry{baseAt: now, countsAt: now, savedAt: now, itemsGen: e.itemsGen + 1}
}

// itemsOf returns reader userID's kept state of page p's items, if
// fresh, and the generation a state read now is to be kept under.
func (c *readerCache) itemsOf(userID int64, p *sharedPage) (*pageItems, uint64) {
	if c == nil {
		return nil, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entry(userID)
	if it := e.items[p]; it != nil && c.fresh(it.at) {
		return it, e.itemsGen
	}
	return nil, e.itemsGen
}

// keepItems keeps reader userID's state it of page p's items, read
// under generation gen: not when their reads or saves changed since.
func (c *readerCache) keepItems(userID int64, p *sharedPage, gen uint64, it *pageItems) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entry(userID)
	if e.itemsGen != gen {
		return
	}
	if e.items == nil || len(e.items) >= maxPageItems {
		e.items = map[*sharedPage]*pageItems{}
	}
	e.items[p] = it
}

// itemsChanged forgets reader userID's kept state of pages' items, after
// what they read or saved changed in the store.
func (c *readerCache) itemsChanged(userID int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.users[userID]; ok {
		e.items = nil
		e.itemsGen++
	}
}

// forgetItems drops reader userID's unread counts and saved items,
// after they marked something read or unread, saved or unsaved it.
func (c *readerCache) forgetItems(userID int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.users[userID]; ok {
		e.countsOK, e.countsAt = false, c.now()
		e.savedOK, e.saved, e.savedAt = false, nil, c.now()
		e.items = nil
		e.itemsGen++
	}
}

// savedSet returns reader userID's saved items, read from store when
// not kept; ok is false when they have too many to keep (ask the store
// about each page's items instead). The set is shared: callers must not
// change it.
func (c *readerCache) savedSet(ctx context.Context, store Store, userID int64) (set map[savedKey]bool, ok bool, err error) {
	if c == nil {
		return nil, false, nil
	}
	c.mu.Lock()
	e := c.entry(userID)
	if e.savedOK && c.fresh(e.savedAt) {
		defer c.mu.Unlock()
		return e.saved, true, nil
	}
	c.mu.Unlock()
	at := c.now()
	items, err := store.SavedItems(ctx, userID, "", maxKeptSaves, 0)
	if err != nil {
		return nil, false, fmt.Errorf("read the saved items of user %d: %w", userID, err)
	}
	if len(items) >= maxKeptSaves {
		return nil, false, nil
	}
	set = make(map[savedKey]bool, len(items))
	for _, it := range items {
		set[savedKey{it.Kind, it.ItemID}] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entry(userID); !e.savedAt.After(at) {
		e.saved, e.savedAt, e.savedOK = set, at, true
	}
	return set, true, nil
}

// storyRead lowers reader userID's kept unread count by one, for a story
// of Top's window they just read (while the mark waits to be stored, a
// count from the store would still hold it).
func (c *readerCache) storyRead(userID int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.users[userID]; ok && e.countsOK && e.unread > 0 {
		e.unread--
	}
}
