package ingest

import (
	"context"
	"sync"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/cluster"
)

// termCache remembers how many stories each term indexes, and how many
// stories are indexed, so that an assignment reads from the store only
// the counts it has not seen yet. This process's own assignments apply
// the changes they make; the analyzer empties it when the index's
// version shows another process's write, and it empties itself when full.
type termCache struct {
	mu      sync.Mutex
	counts  map[string]int
	stories int // -1: unknown
}

// termCacheSize bounds the term cache.
const termCacheSize = 1 << 18

// get returns the cached counts of keys into into, the keys it lacks,
// and the number of stories (-1 when unknown).
func (c *termCache) get(keys []string, into map[string]int) (missing []string, stories int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil || len(c.counts) > termCacheSize {
		c.counts, c.stories = make(map[string]int), -1
	}
	for _, k := range keys {
		if n, ok := c.counts[k]; ok {
			into[k] = n
		} else if _, done := into[k]; !done {
			missing = append(missing, k)
		}
	}
	return missing, c.stories
}

// put caches counts of keys (absent from counts: 0) and the number of
// stories.
func (c *termCache) put(keys []string, counts map[string]int, stories int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil { // reset meanwhile
		return
	}
	for _, k := range keys {
		c.counts[k] = counts[k]
	}
	c.stories = stories
}

// reset empties the cache.
func (c *termCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = nil
}

// apply adds an assignment's changes to the cached counts: delta per
// term, and stories to the number of stories.
func (c *termCache) apply(delta map[string]int, stories int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		return
	}
	for k, d := range delta {
		if n, ok := c.counts[k]; ok {
			c.counts[k] = max(n+d, 0)
		}
	}
	if c.stories >= 0 {
		c.stories += stories
	}
}

// storyIndex is the store as one assignment sees it: the candidate
// stories (cluster.Index) and the number of stories each term indexes
// (cluster.DocFreq: the IDF of clustering counts stories, not articles, so
// that the words of a burst of coverage keep their weight). Counts are
// loaded before they are asked for: the article's terms when it is made,
// those of the stories the assignment changes through Load.
type storyIndex struct {
	store   storyline.AssignmentStore
	mirror  *storyMirror
	cache   *termCache
	stories int
	counts  map[string]int
	seen    map[int64]cluster.Story // the candidates returned, by ID
}

// newStoryIndex returns the index for one assignment, with the counts of
// keys loaded.
func newStoryIndex(ctx context.Context, store storyline.AssignmentStore, cache *termCache, mirror *storyMirror, keys []string) (*storyIndex, error) {
	ix := &storyIndex{store: store, mirror: mirror, cache: cache, counts: make(map[string]int, len(keys)), seen: make(map[int64]cluster.Story)}
	return ix, ix.load(ctx, keys)
}

// load reads the counts of keys it lacks, and the number of stories.
func (ix *storyIndex) load(ctx context.Context, keys []string) error {
	missing, stories := ix.cache.get(keys, ix.counts)
	if len(missing) == 0 && stories >= 0 {
		ix.stories = stories
		return nil
	}
	stories, counts, err := ix.store.StoryTermCounts(ctx, missing)
	if err != nil {
		return err
	}
	ix.stories = stories
	for _, k := range missing {
		ix.counts[k] = counts[k]
	}
	ix.cache.put(missing, counts, stories)
	return nil
}

// Docs implements cluster.DocFreq: the stories indexed.
func (ix *storyIndex) Docs() int { return ix.stories }

// Count implements cluster.DocFreq: the stories term is indexed under.
func (ix *storyIndex) Count(term string) int { return ix.counts[term] }

// Load implements cluster.Loader: it reads the counts of keys it lacks.
func (ix *storyIndex) Load(ctx context.Context, keys []string) error { return ix.load(ctx, keys) }

// Candidates implements cluster.Index through the mirror when it can
// answer, else the store.
func (ix *storyIndex) Candidates(ctx context.Context, q cluster.Query) ([]cluster.Story, error) {
	sq := storyline.CandidateQuery{Terms: make([]storyline.WeightedTerm, len(q.Terms)), Time: q.Time, Window: q.Window, Limit: q.Limit}
	for i, t := range q.Terms {
		sq.Terms[i] = storyline.WeightedTerm{Key: t.Key, Weight: t.Weight}
	}
	var list []storyline.StoryCentroid
	var err error
	if ids, ok := ix.mirror.candidates(sq); ok {
		list, err = ix.mirror.centroidsOf(ctx, ix.store, ids)
	} else {
		list, err = ix.store.StoryCandidates(ctx, sq)
	}
	if err != nil {
		return nil, err
	}
	out := make([]cluster.Story, len(list))
	for i, c := range list {
		out[i] = fromCentroid(c)
		ix.seen[c.StoryID] = out[i]
	}
	return out, nil
}

// fromCentroid converts a stored centroid to the clusterer's story.
func fromCentroid(c storyline.StoryCentroid) cluster.Story {
	s := cluster.Story{ID: c.StoryID, Articles: c.Articles, First: c.First, Last: c.Last, Terms: make([]cluster.Term, len(c.Terms))}
	for i, t := range c.Terms {
		s.Terms[i] = cluster.Term{Key: t.Key, Mass: t.Mass, Weight: t.Weight}
	}
	return s
}

// toCentroid converts the clusterer's story to a stored centroid.
func toCentroid(s cluster.Story) storyline.StoryCentroid {
	c := storyline.StoryCentroid{StoryID: s.ID, Articles: s.Articles, First: s.First, Last: s.Last, Terms: make([]storyline.CentroidTerm, len(s.Terms))}
	for i, t := range s.Terms {
		c.Terms[i] = storyline.CentroidTerm{Key: t.Key, Mass: t.Mass, Weight: t.Weight}
	}
	return c
}
