package ingest

import (
	"context"
	"slices"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// storyMirror is this process's copy of the recent part of the store's
// story index: every story whose latest date is at or after a horizon and
// every undated story, each under its index terms, and the centroids of
// the stories met lately. While no other process writes to the index (its
// version tells), a dated article's candidates come from the mirror, so
// that an assignment reads nothing from the store but the version; the
// decision is still stored by the store, and the mirror follows it.
//
// The mirror is dropped when the version shows a write by another process
// (another worker on the same PostgreSQL store, `storyline analyze` run
// beside `serve`), and loaded again only once the index has stayed as
// this process left it for patience assignments in a row; patience
// doubles each time a mirror is dropped soon after it was loaded, so that
// workers taking turns do not keep loading it. It holds at most capacity
// dated stories: beyond that the horizon moves up, and articles dated
// before it (an archive's oldest) are assigned from the store.
//
// It is used under the analyzer's lock only.
type storyMirror struct {
	indexTerms  int // how many of a stored story's centroid terms index it
	capacity    int // most dated stories held
	maxUndated  int // most undated stories held; beyond them there is no mirror
	minPatience int

	valid    bool
	version  int64     // the index version the mirror matches (valid) or last saw
	stable   int       // assignments in a row that found the index as this process left it
	patience int       // how many of them a load waits for
	served   int       // assignments since the mirror was loaded
	complete bool      // it holds every story of the index
	horizon  time.Time // it holds every story whose latest date is at or after it

	stories   map[int64]*mirrored
	postings  map[string][]*mirrored
	undated   int
	centroids centroidCache

	answered, referred int // candidate queries answered, and left to the store
}

// mirrored is one story of the mirror.
type mirrored struct {
	id          int64
	first, last time.Time // zero when it has no dated article
	terms       []string  // its index terms, sorted and distinct
}

// Bounds of the story mirror.
const (
	mirrorCapacity    = 20000
	mirrorUndated     = 2000
	mirrorPatience    = 64
	mirrorMaxPatience = 1 << 14
	centroidCacheSize = 8192
)

// newStoryMirror returns an empty mirror, loaded at its first sync, of a
// store whose stories are indexed under their first indexTerms centroid
// terms.
func newStoryMirror(indexTerms int) *storyMirror {
	return &storyMirror{indexTerms: indexTerms, capacity: mirrorCapacity, maxUndated: mirrorUndated, minPatience: mirrorPatience,
		version: -1, centroids: newCentroidCache(centroidCacheSize)}
}

// sync reads the index version and compares it with the mirror's: a
// mirror another process wrote past is dropped, and a missing one is
// loaded when the index has been still for long enough. It reports
// whether the index changed since this process last saw it (the caller's
// cached term counts are stale then).
func (m *storyMirror) sync(ctx context.Context, store storyline.AssignmentStore) (changed bool, err error) {
	v, err := store.StoryIndexVersion(ctx)
	if err != nil {
		return false, err
	}
	if v == m.version {
		m.stable++
	} else {
		changed = true
		if m.valid {
			m.backOff()
		}
		m.drop()
		m.version, m.stable = v, 0
	}
	if !m.valid && m.stable >= m.patience {
		if err := m.load(ctx, store); err != nil {
			if ctx.Err() != nil {
				return changed, err
			}
			// A story the mirror cannot read (a damaged centroid) fails
			// the queries that meet it, as the store reports them, not
			// every assignment: candidates come from the store meanwhile.
			m.patience = mirrorMaxPatience
		}
	}
	return changed, nil
}

// backOff makes the next load wait longer when the mirror is dropped soon
// after it was loaded, and no longer than the least when it served long.
func (m *storyMirror) backOff() {
	if m.served < 4*max(m.patience, m.minPatience) {
		m.patience = min(max(2*m.patience, m.minPatience), mirrorMaxPatience)
	} else {
		m.patience = m.minPatience
	}
}

// drop empties the mirror: candidates come from the store until it is
// loaded again.
func (m *storyMirror) drop() {
	m.valid, m.complete, m.served, m.undated = false, false, 0, 0
	m.horizon = time.Time{}
	m.stories, m.postings = nil, nil
	m.centroids.clear()
}

// forget drops the mirror after a write whose effect on the index is
// unknown (a failed one).
func (m *storyMirror) forget() {
	m.drop()
	m.version, m.stable = -1, 0
}

// load fills the mirror from the store: the undated stories, and the
// latest dated ones down to three quarters of its capacity.
func (m *storyMirror) load(ctx context.Context, store storyline.AssignmentStore) error {
	m.drop()
	m.stories, m.postings = make(map[int64]*mirrored), make(map[string][]*mirrored)
	var (
		dated, target = 0, m.capacity * 3 / 4
		lastAdded     time.Time
		cut, tooMany  bool
	)
	err := store.RecentStoryCentroids(ctx, time.Time{}, func(c storyline.StoryCentroid) bool {
		switch {
		case c.Last.IsZero():
			if m.undated >= m.maxUndated {
				tooMany = true
				return false
			}
		case dated >= target && c.Last.Before(lastAdded):
			cut = true
			return false
		default:
			dated++
			lastAdded = c.Last
		}
		m.put(c.StoryID, c.First, c.Last, indexTermsOf(c, m.indexTerms))
		return true
	})
	if err != nil || tooMany {
		m.drop()
		if tooMany {
			m.patience = mirrorMaxPatience
		}
		return err
	}
	m.valid, m.complete = true, !cut
	if cut {
		m.horizon = lastAdded
	}
	return nil
}

// indexTermsOf returns the terms a stored story is indexed under: the
// first n of its centroid, as the clusterer chooses them.
func indexTermsOf(c storyline.StoryCentroid, n int) []string {
	n = min(len(c.Terms), n)
	keys := make([]string, n)
	for i := range n {
		keys[i] = c.Terms[i].Key
	}
	return keys
}

// candidates answers q from the mirror: the IDs of the stories the store
// would return, in its order; ok is false when the mirror cannot answer
// (none, an undated article, or a date before the horizon).
func (m *storyMirror) candidates(q storyline.CandidateQuery) (ids []int64, ok bool) {
	lo := q.Time.Add(-q.Window)
	if !m.valid || q.Time.IsZero() || !m.complete && lo.Before(m.horizon) {
		m.referred++
		return nil, false
	}
	m.answered++
	hi := q.Time.Add(q.Window)
	far := hi.Add(storeutil.MaxStorySpan)
	r := storeutil.NewCandidateRanker(q)
	for _, k := range storeutil.QueryKeys(q) {
		for _, s := range m.postings[k] {
			if s.last.IsZero() || !s.last.Before(lo) && !s.last.After(far) && !s.first.After(hi) {
				r.Add(k, s.id)
			}
		}
	}
	return r.Top(q.Limit), true
}

// centroidsOf returns the centroids of stories ids, in order, from the
// cache or the store.
func (m *storyMirror) centroidsOf(ctx context.Context, store storyline.AssignmentStore, ids []int64) ([]storyline.StoryCentroid, error) {
	out := make([]storyline.StoryCentroid, 0, len(ids))
	for _, id := range ids {
		c, ok := m.centroids.get(id)
		if !ok {
			got, err := store.StoryCentroid(ctx, id)
			if err != nil {
				return nil, err
			}
			c = *got
			m.centroids.put(c)
		}
		out = append(out, c)
	}
	return out, nil
}

// apply follows a decision the store has just stored.
func (m *storyMirror) apply(sa *storyline.StoryAssignment) {
	if sa.Version != m.version+1 { // another write came between: unknown
		m.forget()
		m.version = sa.Version
		return
	}
	m.version = sa.Version
	if !m.valid {
		return
	}
	m.served++
	for _, id := range sa.Merged {
		m.remove(id)
		m.centroids.remove(id)
	}
	c := sa.Centroid
	if c.Last.IsZero() || m.complete || !c.Last.Before(m.horizon) {
		m.put(c.StoryID, c.First, c.Last, sa.Index)
	} else {
		m.remove(c.StoryID)
	}
	m.centroids.put(c)
	if m.undated > m.maxUndated {
		m.drop()
		m.patience = mirrorMaxPatience
		return
	}
	if len(m.stories)-m.undated > m.capacity {
		m.evict()
	}
}

// pruned follows a retention run of this process that deleted stories
// and raised the index's version to version: the stories leave the
// mirror, which stays loaded, instead of being dropped and loaded again
// as after another process's write.
func (m *storyMirror) pruned(ids []int64, version int64) {
	if version != m.version+1 { // another write came between: unknown
		m.forget()
		m.version = version
		return
	}
	m.version = version
	if !m.valid {
		return
	}
	for _, id := range ids {
		m.remove(id)
		m.centroids.remove(id)
	}
}

// put adds or updates story id.
func (m *storyMirror) put(id int64, first, last time.Time, index []string) {
	terms := storeutil.UniqueTerms(index)
	s, ok := m.stories[id]
	if !ok {
		s = &mirrored{id: id}
		m.stories[id] = s
		for _, t := range terms {
			m.postings[t] = append(m.postings[t], s)
		}
	} else {
		if s.last.IsZero() {
			m.undated--
		}
		added, removed := storeutil.TermChanges(s.terms, terms)
		for _, t := range removed {
			m.unpost(t, s)
		}
		for _, t := range added {
			m.postings[t] = append(m.postings[t], s)
		}
	}
	if last.IsZero() {
		m.undated++
		first = time.Time{}
	}
	s.first, s.last, s.terms = first, last, terms
}

// remove takes story id out, if it is in.
func (m *storyMirror) remove(id int64) {
	s, ok := m.stories[id]
	if !ok {
		return
	}
	for _, t := range s.terms {
		m.unpost(t, s)
	}
	if s.last.IsZero() {
		m.undated--
	}
	delete(m.stories, id)
}

// unpost takes story s off term's list.
func (m *storyMirror) unpost(term string, s *mirrored) {
	list := m.postings[term]
	i := slices.Index(list, s)
	if i < 0 {
		return
	}
	list[i] = list[len(list)-1]
	list[len(list)-1] = nil
	if list = list[:len(list)-1]; len(list) == 0 {
		delete(m.postings, term)
	} else {
		m.postings[term] = list
	}
}

// evict moves the horizon up until three quarters of the capacity of
// dated stories are left, and drops the stories below it.
func (m *storyMirror) evict() {
	lasts := make([]time.Time, 0, len(m.stories))
	for _, s := range m.stories {
		if !s.last.IsZero() {
			lasts = append(lasts, s.last)
		}
	}
	keep := m.capacity * 3 / 4
	if len(lasts) <= keep {
		return
	}
	slices.SortFunc(lasts, func(a, b time.Time) int { return b.Compare(a) })
	m.horizon, m.complete = lasts[keep-1], false
	for id, s := range m.stories {
		if !s.last.IsZero() && s.last.Before(m.horizon) {
			delete(m.stories, id)
		}
	}
	for t, list := range m.postings {
		list = slices.DeleteFunc(list, func(s *mirrored) bool { return !s.last.IsZero() && s.last.Before(m.horizon) })
		if len(list) == 0 {
			delete(m.postings, t)
		} else {
			m.postings[t] = slices.Clip(list)
		}
	}
}

// centroidCache keeps the centroids of the stories met lately, in two
// generations: a lookup finds the current one or the previous one (and
// moves the centroid into the current one); when the current one is full
// it becomes the previous one. It holds at most twice its size.
type centroidCache struct {
	size      int
	cur, prev map[int64]storyline.StoryCentroid
}

// newCentroidCache returns a cache of about size centroids.
func newCentroidCache(size int) centroidCache {
	return centroidCache{size: max(size/2, 1)}
}

// get returns story id's centroid, if cached.
func (c *centroidCache) get(id int64) (storyline.StoryCentroid, bool) {
	if x, ok := c.cur[id]; ok {
		return x, true
	}
	x, ok := c.prev[id]
	if ok {
		c.put(x)
	}
	return x, ok
}

// put caches a story's centroid.
func (c *centroidCache) put(x storyline.StoryCentroid) {
	if c.cur == nil {
		c.cur = make(map[int64]storyline.StoryCentroid)
	}
	if _, ok := c.cur[x.StoryID]; !ok && len(c.cur) >= c.size {
		c.prev, c.cur = c.cur, make(map[int64]storyline.StoryCentroid)
	}
	c.cur[x.StoryID] = x
	delete(c.prev, x.StoryID)
}

// remove forgets story id.
func (c *centroidCache) remove(id int64) {
	delete(c.cur, id)
	delete(c.prev, id)
}

// clear forgets everything.
func (c *centroidCache) clear() { c.cur, c.prev = nil, nil }
