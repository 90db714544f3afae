package cluster

import (
	"cmp"
	"context"
	"slices"
)

// MemIndex is an Index in memory, for evaluations and tests: it holds
// every story it is given, so its memory grows with them. Not safe for
// concurrent use.
type MemIndex struct {
	stories  map[int64]*Story
	indexed  map[int64][]string
	postings map[string]map[int64]struct{}
	nextID   int64
}

// Docs implements DocFreq over stories: how many there are.
func (m *MemIndex) Docs() int { return len(m.stories) }

// Count implements DocFreq over stories: under how many stories term is
// indexed.
func (m *MemIndex) Count(term string) int { return len(m.postings[term]) }

// NewMemIndex returns an empty index.
func NewMemIndex() *MemIndex {
	return &MemIndex{
		stories:  make(map[int64]*Story),
		indexed:  make(map[int64][]string),
		postings: make(map[string]map[int64]struct{}),
		nextID:   1,
	}
}

// Candidates implements Index: every story indexed under a query term
// whose span qualifies, those sharing the most query weight first (then
// the lower ID).
func (m *MemIndex) Candidates(_ context.Context, q Query) ([]Story, error) {
	acc := make(map[int64]float64)
	for _, t := range q.Terms {
		for id := range m.postings[t.Key] {
			if gap(q.Time, m.stories[id]) <= q.Window {
				acc[id] += t.Weight
			}
		}
	}
	ids := make([]int64, 0, len(acc))
	for id := range acc {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if c := cmp.Compare(acc[b], acc[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	ids = ids[:min(len(ids), q.Limit)]
	out := make([]Story, len(ids))
	for i, id := range ids {
		s := *m.stories[id]
		s.Terms = slices.Clone(s.Terms)
		out[i] = s
	}
	return out, nil
}

// Apply stores a Decision and returns the ID of the article's story (a
// new one for a new story).
func (m *MemIndex) Apply(d Decision) int64 {
	for _, id := range d.Merged {
		m.unindex(id)
		delete(m.stories, id)
	}
	s := d.Story
	if s.ID == 0 {
		s.ID = m.nextID
		m.nextID++
	}
	m.unindex(s.ID)
	m.stories[s.ID] = &s
	m.indexed[s.ID] = d.Index
	for _, k := range d.Index {
		p := m.postings[k]
		if p == nil {
			p = make(map[int64]struct{})
			m.postings[k] = p
		}
		p[s.ID] = struct{}{}
	}
	return s.ID
}

// Story returns story id, and false when there is none (never made, or
// merged into another).
func (m *MemIndex) Story(id int64) (Story, bool) {
	s, ok := m.stories[id]
	if !ok {
		return Story{}, false
	}
	return *s, true
}

// unindex removes story id from the postings.
func (m *MemIndex) unindex(id int64) {
	for _, k := range m.indexed[id] {
		delete(m.postings[k], id)
		if len(m.postings[k]) == 0 {
			delete(m.postings, k)
		}
	}
	delete(m.indexed, id)
}
