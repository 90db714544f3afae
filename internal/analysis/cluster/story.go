package cluster

import (
	"container/heap"
	"math"
	"slices"
	"time"
)

// entry is one term of a story's centroid.
type entry struct {
	term int32
	m    float32 // summed IDF-free weight of the story's articles
	w    float32 // m times the term's IDF when the story was last weighed
}

// story is an open story: a centroid truncated to its top terms, counts
// and times, and its place in the index and the expiry heap.
type story struct {
	id          int64
	n           int // articles, merged stories' included
	first, last time.Time
	vec         []entry // at most CentroidTerms, in no order
	norm        float64 // of the w
	weighedAt   int     // documents counted when the w were computed
	indexed     []int32 // terms whose postings list the story
	heapIdx     int     // place in the expiry heap
	slot        int32   // place in the slots, for the index
	sim         float64 // similarity to the article being added, when a candidate
}

// newStory starts an empty story with id at time t; ids from nextID on
// are not given again.
func (c *Clusterer) newStory(t time.Time, id int64) *story {
	s := &story{id: id, first: t, last: t}
	c.nextID = max(c.nextID, id+1)
	c.open(s)
	return s
}

// open puts s among the open stories, in a slot, in the expiry heap.
func (c *Clusterer) open(s *story) {
	c.stories[s.id] = s
	if n := len(c.free); n > 0 {
		s.slot = c.free[n-1]
		c.free = c.free[:n-1]
		c.slots[s.slot] = s
	} else {
		s.slot = int32(len(c.slots))
		c.slots = append(c.slots, s)
		c.scratch.acc = append(c.scratch.acc, 0)
		c.scratch.seen = append(c.scratch.seen, 0)
		c.scratch.ids = append(c.scratch.ids, 0)
	}
	c.scratch.seen[s.slot], c.scratch.ids[s.slot] = 0, s.id
	heap.Push(&c.byLast, s)
}

// forget removes s from the open stories, the index and its slot; the
// caller has taken it off the expiry heap.
func (c *Clusterer) forget(s *story) {
	c.unindex(s, nil)
	delete(c.stories, s.id)
	c.slots[s.slot] = nil
	c.free = append(c.free, s.slot)
}

// addTo adds an article's vector to story s at time t.
func (c *Clusterer) addTo(s *story, v docVector, t time.Time) {
	sc := &c.scratch
	sc.entries = sc.entries[:0]
	for _, e := range v.entries {
		sc.entries = append(sc.entries, entry{term: e.term, m: float32(e.m)})
	}
	c.absorb(s, sc.entries)
	s.n++
	c.touch(s, t, t)
	c.settle(s)
}

// fold merges story f into story s and forgets f.
func (c *Clusterer) fold(s, f *story) {
	c.absorb(s, f.vec)
	s.n += f.n
	heap.Remove(&c.byLast, f.heapIdx)
	c.forget(f)
	c.touch(s, f.first, f.last)
	c.settle(s)
	c.stats.Merges++
}

// absorb adds the masses of entries to s's centroid and weighs it.
func (c *Clusterer) absorb(s *story, entries []entry) {
	sc := &c.scratch
	pos := sc.pos
	merged := append(sc.merged[:0], s.vec...)
	n := len(merged)
	for i, e := range merged {
		pos[e.term] = int32(i + 1)
	}
	for _, e := range entries {
		if p := pos[e.term]; p > 0 {
			merged[p-1].m += e.m
		} else {
			merged = append(merged, entry{term: e.term, m: e.m})
		}
	}
	for _, e := range merged[:n] {
		pos[e.term] = 0
	}
	sc.merged = merged
	c.weighInto(s, merged)
}

// touch widens s's time span to include [first, last].
func (c *Clusterer) touch(s *story, first, last time.Time) {
	if first.Before(s.first) {
		s.first = first
	}
	if last.After(s.last) {
		s.last = last
		heap.Fix(&c.byLast, s.heapIdx)
	}
}

// refresh reweighs s when document frequencies have moved on by more
// than a quarter since it was last weighed: IDFs change slowly (a term
// whose frequency stays put gains ln 1.25 ≈ 0.22 on an IDF of several), so
// staler weights are not worth their logarithms.
func (c *Clusterer) refresh(s *story) {
	if c.vocab.docs > s.weighedAt+s.weighedAt/4+8 {
		c.weigh(s)
	}
}

// weigh recomputes s's weights with the current IDF and indexes it anew.
func (c *Clusterer) weigh(s *story) {
	c.weighInto(s, s.vec)
	c.settle(s)
}

// weighInto weighs entries with the current IDF and makes the heaviest
// CentroidTerms of them s's centroid, in s's memory when it has room.
func (c *Clusterer) weighInto(s *story, entries []entry) {
	for i := range entries {
		entries[i].w = float32(float64(entries[i].m) * c.vocab.idf(entries[i].term))
	}
	s.weighedAt = c.vocab.docs
	top := topK(entries, c.opts.CentroidTerms, heavier)
	if len(top) > cap(s.vec) || cap(s.vec) > c.opts.CentroidTerms {
		// Grow by half at a time, never past the bound (a restored
		// centroid may have been longer).
		s.vec = make([]entry, 0, min(c.opts.CentroidTerms, len(top)+len(top)/2))
	}
	s.vec = append(s.vec[:0], top...)
}

// settle computes the norm of s's centroid and indexes s under its top
// IndexTerms.
func (c *Clusterer) settle(s *story) {
	var norm float64
	for _, e := range s.vec {
		norm += float64(e.w) * float64(e.w)
	}
	s.norm = math.Sqrt(norm)

	sc := &c.scratch
	ranked := topK(append(sc.entries[:0], s.vec...), c.opts.IndexTerms, heavier)
	sc.entries = ranked
	want := sc.want[:0]
	for _, e := range ranked {
		want = append(want, e.term)
	}
	slices.Sort(want)
	sc.want = want
	c.unindex(s, want)
	for _, t := range want {
		if !slices.Contains(s.indexed, t) {
			c.post(t, s)
		}
	}
	s.indexed = append(s.indexed[:0], want...)
}

// heavier orders centroid entries by weight, heaviest first.
func heavier(a, b entry) bool { return a.w > b.w || a.w == b.w && a.term < b.term }

// post lists s under term t, dropping the story with the oldest last
// article when the list is full.
func (c *Clusterer) post(t int32, s *story) {
	for int(t) >= len(c.postings) {
		c.postings = append(c.postings, nil)
	}
	p := c.postings[t]
	if len(p) >= c.opts.MaxPostings {
		oldest := 0
		for i, sl := range p {
			if c.slots[sl].last.Before(c.slots[p[oldest]].last) {
				oldest = i
			}
		}
		o := c.slots[p[oldest]]
		o.indexed = slices.DeleteFunc(o.indexed, func(x int32) bool { return x == t })
		p[oldest] = p[len(p)-1]
		p = p[:len(p)-1]
	}
	c.postings[t] = append(p, s.slot)
}

// unindex removes s from the postings of its indexed terms that are not
// in keep (sorted).
func (c *Clusterer) unindex(s *story, keep []int32) {
	for _, t := range s.indexed {
		if _, found := slices.BinarySearch(keep, t); found {
			continue
		}
		p := c.postings[t]
		if i := slices.Index(p, s.slot); i >= 0 {
			p[i] = p[len(p)-1]
			c.postings[t] = p[:len(p)-1]
		}
	}
	if keep == nil {
		s.indexed = nil
	}
}

// storyHeap orders open stories by their last article, oldest first.
type storyHeap []*story

// Len, Less, Swap, Push and Pop implement heap.Interface.
func (h storyHeap) Len() int { return len(h) }
func (h storyHeap) Less(i, j int) bool {
	if !h[i].last.Equal(h[j].last) {
		return h[i].last.Before(h[j].last)
	}
	return h[i].id < h[j].id
}
func (h storyHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIdx, h[j].heapIdx = i, j
}
func (h *storyHeap) Push(x any) {
	s := x.(*story)
	s.heapIdx = len(*h)
	*h = append(*h, s)
}
func (h *storyHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	s.heapIdx = -1
	return s
}
