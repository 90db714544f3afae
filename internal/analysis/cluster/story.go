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
	heapIdx     int

	// per-Add scratch: mark is the Add that last touched the story as a
	// candidate, acc the query weight it shares, sim its similarity (-1
	// when not compared).
	mark     uint64
	acc, sim float64
}

// newStory starts an empty story at time t.
func (c *Clusterer) newStory(t time.Time) *story {
	s := &story{id: c.nextID, first: t, last: t}
	c.nextID++
	c.stories[s.id] = s
	heap.Push(&c.byLast, s)
	return s
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
	c.weigh(s)
}

// fold merges story f into story s and forgets f.
func (c *Clusterer) fold(s, f *story) {
	c.absorb(s, f.vec)
	s.n += f.n
	c.unindex(f, nil)
	heap.Remove(&c.byLast, f.heapIdx)
	delete(c.stories, f.id)
	c.touch(s, f.first, f.last)
	c.weigh(s)
	c.stats.Merges++
}

// absorb adds the masses of entries to s's centroid.
func (c *Clusterer) absorb(s *story, entries []entry) {
	pos := c.scratch.pos
	n := len(s.vec)
	vec := make([]entry, n, n+len(entries))
	copy(vec, s.vec)
	for i, e := range vec {
		pos[e.term] = int32(i + 1)
	}
	for _, e := range entries {
		if p := pos[e.term]; p > 0 {
			vec[p-1].m += e.m
		} else {
			vec = append(vec, entry{term: e.term, m: e.m})
		}
	}
	for _, e := range vec[:n] {
		pos[e.term] = 0
	}
	s.vec = vec
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
// than an eighth since it was last weighed.
func (c *Clusterer) refresh(s *story) {
	if c.vocab.docs > s.weighedAt+s.weighedAt/8+8 {
		c.weigh(s)
	}
}

// weigh computes s's weights with the current IDF, truncates it to the
// top CentroidTerms, and indexes its top IndexTerms.
func (c *Clusterer) weigh(s *story) {
	for i := range s.vec {
		s.vec[i].w = float32(float64(s.vec[i].m) * c.vocab.idf(s.vec[i].term))
	}
	s.weighedAt = c.vocab.docs
	if len(s.vec) > c.opts.CentroidTerms {
		s.vec = slices.Clone(topK(s.vec, c.opts.CentroidTerms, heavier))
	}
	var norm float64
	for _, e := range s.vec {
		norm += float64(e.w) * float64(e.w)
	}
	s.norm = math.Sqrt(norm)

	sc := &c.scratch
	sc.entries = topK(append(sc.entries[:0], s.vec...), c.opts.IndexTerms, heavier)
	want := make([]int32, len(sc.entries))
	for i, e := range sc.entries {
		want[i] = e.term
	}
	slices.Sort(want)
	c.unindex(s, want)
	for _, t := range want {
		if !slices.Contains(s.indexed, t) {
			c.post(t, s)
		}
	}
	s.indexed = want
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
		for i, o := range p {
			if o.last.Before(p[oldest].last) {
				oldest = i
			}
		}
		o := p[oldest]
		o.indexed = slices.DeleteFunc(o.indexed, func(x int32) bool { return x == t })
		p[oldest] = p[len(p)-1]
		p = p[:len(p)-1]
	}
	c.postings[t] = append(p, s)
}

// unindex removes s from the postings of its indexed terms that are not
// in keep (sorted).
func (c *Clusterer) unindex(s *story, keep []int32) {
	for _, t := range s.indexed {
		if _, found := slices.BinarySearch(keep, t); found {
			continue
		}
		p := c.postings[t]
		for i, o := range p {
			if o == s {
				p[i] = p[len(p)-1]
				p[len(p)-1] = nil
				c.postings[t] = p[:len(p)-1]
				break
			}
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
