package cluster

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// Term is one term of a story's centroid.
type Term struct {
	// Key is the term: a stemmed word, or EntityPrefix and an entity key.
	Key string `json:"key"`
	// Mass is the story's summed weight of the term before IDF: each
	// article adds its term frequency divided by its TF-IDF vector's
	// length.
	Mass float64 `json:"mass"`
	// Weight is Mass times the term's IDF when the story was last
	// weighed: the term's weight in the centroid. Restore keeps it (when
	// the snapshot has WeighedAt), so that the restored story is compared
	// exactly as the original was.
	Weight float64 `json:"weight,omitempty"`
}

// StorySnapshot is an open story's state: what a store keeps to restore
// it.
type StorySnapshot struct {
	ID       int64     `json:"id"`
	Articles int       `json:"articles"` // articles in the story, merged ones included
	First    time.Time `json:"first"`    // time of the earliest article
	Last     time.Time `json:"last"`     // time of the latest article
	Terms    []Term    `json:"terms"`    // the centroid, heaviest first
	// WeighedAt is how many documents had been counted when the weights
	// were computed; 0 (older snapshots) has Restore weigh anew.
	WeighedAt int `json:"weighed_at,omitempty"`
}

// State is everything a Clusterer needs to resume: the id counter, the
// clock, the document frequencies and the open stories.
type State struct {
	NextID    int64          `json:"next_id"`   // the id the next new story gets
	Clock     time.Time      `json:"clock"`     // the latest article time seen
	Documents int            `json:"documents"` // articles counted in DocFreq
	DocFreq   map[string]int `json:"doc_freq"`  // in how many articles each term occurs
	// Vocabulary lists the terms in the order the clusterer met them:
	// Restore numbers them alike, so that ties between terms break as they
	// did before. Optional (older states): without it terms are numbered
	// in sorted order.
	Vocabulary []string        `json:"vocabulary,omitempty"`
	Stories    []StorySnapshot `json:"stories"` // open stories by id
}

// ErrInvalidState is wrapped by the error Restore returns for a state it
// cannot load.
var ErrInvalidState = errors.New("invalid clustering state")

// Story returns the snapshot of open story id, and false when no such
// story is open (never started, merged into another, or closed).
func (c *Clusterer) Story(id int64) (StorySnapshot, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.stories[id]
	if !ok {
		return StorySnapshot{}, false
	}
	return c.snapshot(s), true
}

// snapshot returns s's state.
func (c *Clusterer) snapshot(s *story) StorySnapshot {
	terms := make([]Term, len(s.vec))
	for i, e := range s.vec {
		terms[i] = Term{Key: c.vocab.keys[e.term], Mass: float64(e.m), Weight: float64(e.w)}
	}
	slices.SortFunc(terms, func(a, b Term) int {
		if a.Weight != b.Weight {
			return cmp.Compare(b.Weight, a.Weight)
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return StorySnapshot{ID: s.id, Articles: s.n, First: s.first, Last: s.last, Terms: terms, WeighedAt: s.weighedAt}
}

// State returns the clusterer's whole state, open stories ordered by id.
func (c *Clusterer) State() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := State{
		NextID:     c.nextID,
		Clock:      c.clock,
		Documents:  c.vocab.docs,
		DocFreq:    make(map[string]int, len(c.vocab.keys)),
		Vocabulary: slices.Clone(c.vocab.keys),
		Stories:    make([]StorySnapshot, 0, len(c.stories)),
	}
	for id, n := range c.vocab.df {
		if n > 0 {
			st.DocFreq[c.vocab.keys[id]] = int(n)
		}
	}
	for _, s := range c.stories {
		st.Stories = append(st.Stories, c.snapshot(s))
	}
	slices.SortFunc(st.Stories, func(a, b StorySnapshot) int { return cmp.Compare(a.ID, b.ID) })
	return st
}

// Restore replaces the clusterer's state with st, as State returned it.
// Centroids longer than Options.CentroidTerms are truncated. On error,
// which wraps ErrInvalidState, the clusterer is unchanged.
func (c *Clusterer) Restore(st State) error {
	if err := st.validate(); err != nil {
		return fmt.Errorf("restore clustering state: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.vocab = newVocabulary()
	c.scratch = scratch{}
	c.languages = make(map[string]*language) // their words' ids are gone
	c.vocab.docs = st.Documents
	keys := st.Vocabulary
	if len(keys) == 0 {
		for k := range st.DocFreq {
			keys = append(keys, k)
		}
		slices.Sort(keys) // deterministic term ids
	}
	for _, k := range keys {
		c.vocab.df[c.termID(k)] = int32(st.DocFreq[k])
	}
	c.stories = make(map[int64]*story, len(st.Stories))
	c.slots, c.free, c.postings, c.byLast = nil, nil, nil, nil
	c.nextID = st.NextID
	c.clock = st.Clock
	c.stats = Stats{}
	for _, ss := range st.Stories {
		s := &story{id: ss.ID, n: ss.Articles, first: ss.First, last: ss.Last}
		s.vec = make([]entry, len(ss.Terms))
		for i, t := range ss.Terms {
			s.vec[i] = entry{term: c.termID(t.Key), m: float32(t.Mass), w: float32(t.Weight)}
		}
		c.open(s)
		if ss.WeighedAt > 0 && len(s.vec) <= c.opts.CentroidTerms {
			s.weighedAt = ss.WeighedAt // weighed as it was
			c.settle(s)
		} else {
			c.weigh(s)
		}
	}
	return nil
}

// validate checks a state before it is loaded.
func (st State) validate() error {
	if st.NextID < 1 {
		return fmt.Errorf("%w: next id %d", ErrInvalidState, st.NextID)
	}
	if st.Documents < 0 || st.Documents > math.MaxInt32 {
		return fmt.Errorf("%w: %d documents", ErrInvalidState, st.Documents)
	}
	for k, n := range st.DocFreq {
		if k == "" || n < 0 || n > st.Documents {
			return fmt.Errorf("%w: document frequency %d of term %q (of %d documents)", ErrInvalidState, n, k, st.Documents)
		}
	}
	if len(st.Vocabulary) > 0 {
		seen := make(map[string]bool, len(st.Vocabulary))
		for _, k := range st.Vocabulary {
			if k == "" || seen[k] {
				return fmt.Errorf("%w: vocabulary term %q empty or listed twice", ErrInvalidState, k)
			}
			seen[k] = true
		}
		for k := range st.DocFreq {
			if !seen[k] {
				return fmt.Errorf("%w: term %q has a document frequency but is not in the vocabulary", ErrInvalidState, k)
			}
		}
	}
	seen := make(map[int64]bool, len(st.Stories))
	for _, s := range st.Stories {
		switch {
		case s.ID < 1 || s.ID >= st.NextID:
			return fmt.Errorf("%w: story id %d outside [1, %d)", ErrInvalidState, s.ID, st.NextID)
		case seen[s.ID]:
			return fmt.Errorf("%w: story %d twice", ErrInvalidState, s.ID)
		case s.Articles < 1:
			return fmt.Errorf("%w: story %d has %d articles", ErrInvalidState, s.ID, s.Articles)
		case s.Last.Before(s.First):
			return fmt.Errorf("%w: story %d ends before it starts", ErrInvalidState, s.ID)
		}
		seen[s.ID] = true
		keys := make(map[string]bool, len(s.Terms))
		for _, t := range s.Terms {
			if t.Key == "" || keys[t.Key] || math.IsNaN(t.Mass) || t.Mass <= 0 || t.Mass > math.MaxFloat32 {
				return fmt.Errorf("%w: story %d: term %q with mass %v", ErrInvalidState, s.ID, t.Key, t.Mass)
			}
			keys[t.Key] = true
		}
	}
	return nil
}
