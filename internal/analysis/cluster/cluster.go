package cluster

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"
)

// Document is one article as the clusterer sees it.
type Document struct {
	ID    int64  // the caller's id, echoed in the Assignment
	Title string // weighted Options.TitleWeight
	Lead  string // the first paragraph or description; Options.LeadWeight
	Body  string // the rest of the text; Options.BodyWeight
	// Entities are keys of the entities the article names (people,
	// places, organisations), however the caller's extractor spells them;
	// two articles share an entity when they share a key. Each counts
	// Options.EntityWeight. Optional.
	Entities []string
	// Time is when the article was published. A zero Time means the
	// latest time seen so far.
	Time time.Time
	Lang string // ISO 639-1 code or BCP 47 tag; "" means English
}

// Options tune a Clusterer. Zero values take the documented defaults.
type Options struct {
	// Threshold is the least cosine similarity between an article and a
	// story's centroid for the article to join it; below it, the article
	// starts a new story. Default 0.15.
	Threshold float64
	// MergeThreshold is the least cosine similarity between two stories'
	// centroids for them to be merged. Default 0.3.
	MergeThreshold float64
	// QuietWindow is how long a story stays open after its last article.
	// Default 72 h.
	QuietWindow time.Duration

	// Field weights: how much one occurrence of a term in each field
	// counts. Defaults 2 (title), 1.5 (lead), 1 (body), 2 (an entity key).
	TitleWeight, LeadWeight, BodyWeight, EntityWeight float64

	// CentroidTerms is how many weighted terms a story keeps (its memory
	// bound). Default 100.
	CentroidTerms int
	// IndexTerms is how many of a story's top terms are in the inverted
	// index. Default 24.
	IndexTerms int
	// QueryTerms is how many of an article's top terms look up candidate
	// stories. Default 24.
	QueryTerms int
	// Candidates is how many stories, those sharing the most query
	// terms, are compared with an article in full. Default 16.
	Candidates int
	// MaxPostings caps how many stories one term of the index lists; the
	// one with the oldest last article is dropped first. Default 512.
	MaxPostings int
}

// Defaults for Options.
const (
	DefaultThreshold      = 0.15
	DefaultMergeThreshold = 0.3
	DefaultQuietWindow    = 72 * time.Hour
	DefaultTitleWeight    = 2
	DefaultLeadWeight     = 1.5
	DefaultBodyWeight     = 1
	DefaultEntityWeight   = 2
	DefaultCentroidTerms  = 100
	DefaultIndexTerms     = 24
	DefaultQueryTerms     = 24
	DefaultCandidates     = 16
	DefaultMaxPostings    = 512
)

// maxWeight bounds the field weights, so that no weight overflows.
const maxWeight = 1e6

// ErrInvalidOptions is wrapped by the error New returns for options out of
// range.
var ErrInvalidOptions = errors.New("invalid clustering options")

// withDefaults returns o with zero values replaced by the defaults, or an
// error naming the first value out of range.
func (o Options) withDefaults() (Options, error) {
	floats := []struct {
		name string
		v    *float64
		def  float64
		max  float64
	}{
		{"Threshold", &o.Threshold, DefaultThreshold, 1},
		{"MergeThreshold", &o.MergeThreshold, DefaultMergeThreshold, 1},
		{"TitleWeight", &o.TitleWeight, DefaultTitleWeight, maxWeight},
		{"LeadWeight", &o.LeadWeight, DefaultLeadWeight, maxWeight},
		{"BodyWeight", &o.BodyWeight, DefaultBodyWeight, maxWeight},
		{"EntityWeight", &o.EntityWeight, DefaultEntityWeight, maxWeight},
	}
	for _, f := range floats {
		if math.IsNaN(*f.v) || *f.v < 0 || *f.v > f.max {
			return o, fmt.Errorf("%w: %s %v", ErrInvalidOptions, f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	ints := []struct {
		name string
		v    *int
		def  int
	}{
		{"CentroidTerms", &o.CentroidTerms, DefaultCentroidTerms},
		{"IndexTerms", &o.IndexTerms, DefaultIndexTerms},
		{"QueryTerms", &o.QueryTerms, DefaultQueryTerms},
		{"Candidates", &o.Candidates, DefaultCandidates},
		{"MaxPostings", &o.MaxPostings, DefaultMaxPostings},
	}
	for _, f := range ints {
		if *f.v < 0 || *f.v > 1<<20 {
			return o, fmt.Errorf("%w: %s %d", ErrInvalidOptions, f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if o.QuietWindow < 0 {
		return o, fmt.Errorf("%w: QuietWindow %v", ErrInvalidOptions, o.QuietWindow)
	}
	if o.QuietWindow == 0 {
		o.QuietWindow = DefaultQuietWindow
	}
	o.IndexTerms = min(o.IndexTerms, o.CentroidTerms)
	return o, nil
}

// Assignment is where Add put an article.
type Assignment struct {
	Document int64 // the Document's ID
	Story    int64 // the story the article is in now
	// Joined is the story the article was added to, before merges folded
	// it (or others into it); Story when nothing was merged.
	Joined int64
	New    bool // the article started the story
	// Similarity is the cosine similarity between the article and the
	// centroid of the story it joined; 0 for a new story.
	Similarity float64
	// Merged lists stories folded into Story by this Add: their articles
	// are Story's now and their ids will not be assigned again, so callers
	// should resolve them to Story.
	Merged []int64
	// Folds are the merges in the order they were made: Replay redoes
	// them. Every From is in Merged.
	Folds []Fold
	// Closed lists stories that closed before this article (their quiet
	// window passed): they were dropped from memory and receive nothing
	// more.
	Closed []int64
}

// Fold is one merge: story From folded into story Into.
type Fold struct {
	Into, From int64
}

// Stats are counters of a Clusterer's work.
type Stats struct {
	Documents   int64 // articles added
	Stories     int   // open stories in memory
	Comparisons int64 // article–story similarity computations
	Merges      int64 // stories folded into others
	Terms       int   // distinct terms with document frequencies
}

// Clusterer assigns articles to stories. It is safe for concurrent use;
// Add calls are serialized.
type Clusterer struct {
	mu   sync.Mutex
	opts Options

	languages map[string]*language
	vocab     vocabulary
	stories   map[int64]*story
	slots     []*story  // the open stories by slot; nil for a free slot
	free      []int32   // free slots
	postings  [][]int32 // by term id: the slots of the stories indexed under it
	byLast    storyHeap // open stories, oldest last article first
	nextID    int64
	clock     time.Time // latest article time seen
	epoch     uint64    // Adds so far, marks candidates
	stats     Stats

	scratch scratch // reused across Adds
}

// scratch is working memory reused across Adds. The dense slices are
// indexed by term id and all zero between uses.
type scratch struct {
	docW       []float64  // the article's unit weights while it is added
	storyW     []float64  // one story's weights while others are compared with it
	pos        []int32    // 1 + a term's position in a story's centroid while merging into it
	count      []int32    // a term's occurrences in one field while counting
	fresh      []int32    // terms counted in the current field
	terms      []int32    // the article's terms
	docEntries []docEntry // the article's vector
	merged     []entry    // a centroid being merged
	want       []int32    // terms a story is to be indexed under
	acc        []float64  // by slot: query weight the story shares with the article
	seen       []uint64   // by slot: the Add that last set acc
	ids        []int64    // by slot: the story's id, to break ties without a pointer chase
	slotsIn    []int32    // slots of the candidate stories
	cands      []*story   // candidates compared with the article
	entries    []entry    // centroid entries being ranked
	query      []docEntry
}

// New returns an empty Clusterer, or an error wrapping ErrInvalidOptions.
func New(opts Options) (*Clusterer, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Clusterer{
		opts:      o,
		languages: make(map[string]*language),
		vocab:     newVocabulary(),
		stories:   make(map[int64]*story),
		nextID:    1,
	}, nil
}

// Options returns the options in effect, defaults filled in.
func (c *Clusterer) Options() Options { return c.opts }

// Stats returns the counters so far.
func (c *Clusterer) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Stories = len(c.stories)
	s.Terms = c.vocab.terms()
	return s
}

// Add assigns d to a story: the open story whose centroid is most similar
// to it, when that similarity reaches the threshold, or a new one.
func (c *Clusterer) Add(d Document) Assignment {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, closed := c.begin(d)
	a := Assignment{Document: d.ID, Closed: closed}

	v := c.vectorize(d)
	defer c.clearDoc(v)
	best, bestSim := c.bestStory(v)
	if best == nil || bestSim < c.opts.Threshold {
		s := c.newStory(t, c.nextID)
		c.addTo(s, v, t)
		a.Story, a.Joined, a.New = s.id, s.id, true
		return a
	}
	c.addTo(best, v, t)
	a.Similarity, a.Joined = bestSim, best.id
	a.Story, a.Folds = c.mergeInto(best)
	for _, f := range a.Folds {
		a.Merged = append(a.Merged, f.From)
	}
	return a
}

// Replay redoes an Add made elsewhere — by another process sharing the
// stories — from its Assignment: d is added to story a.Joined (started
// with that id when it is not open) and a.Folds are redone, whatever this
// clusterer would have decided. Replaying every Add of a clusterer, in
// order and with the same documents, on one that started from the same
// state leaves the two in the same state.
func (c *Clusterer) Replay(d Document, a Assignment) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, _ := c.begin(d)
	v := c.vectorize(d)
	defer c.clearDoc(v)
	c.bestStory(v) // reweighs the candidates as Add did
	s := c.stories[a.Joined]
	if s == nil {
		s = c.newStory(t, a.Joined)
	}
	c.addTo(s, v, t)
	for _, f := range a.Folds {
		into, from := c.stories[f.Into], c.stories[f.From]
		if into == nil || from == nil || into == from {
			continue
		}
		c.fold(into, from)
	}
}

// begin starts adding d: it counts it, moves the clock to its time
// (returned; the clock's when d has none) and closes the stories whose
// quiet window has passed.
func (c *Clusterer) begin(d Document) (time.Time, []int64) {
	c.stats.Documents++
	c.epoch++
	t := d.Time
	if t.IsZero() {
		t = c.clock
	}
	if t.After(c.clock) {
		c.clock = t
	}
	return t, c.expire()
}

// expire closes the stories whose quiet window has passed and returns
// their ids.
func (c *Clusterer) expire() []int64 {
	var closed []int64
	for len(c.byLast) > 0 && c.clock.Sub(c.byLast[0].last) > c.opts.QuietWindow {
		s := heap.Pop(&c.byLast).(*story)
		c.forget(s)
		closed = append(closed, s.id)
	}
	return closed
}

// bestStory returns the candidate story most similar to v and the
// similarity; candidates are the stories indexed under v's top terms that
// share the most weight with it.
func (c *Clusterer) bestStory(v docVector) (*story, float64) {
	sc := &c.scratch
	sc.slotsIn = sc.slotsIn[:0]
	sc.query = append(sc.query[:0], v.entries...)
	query := topK(sc.query, c.opts.QueryTerms, func(a, b docEntry) bool {
		return a.w > b.w || a.w == b.w && a.term < b.term
	})
	for _, e := range query {
		if int(e.term) >= len(c.postings) {
			continue // a term no story is indexed under yet
		}
		for _, sl := range c.postings[e.term] {
			if sc.seen[sl] != c.epoch {
				sc.seen[sl], sc.acc[sl] = c.epoch, 0
				sc.slotsIn = append(sc.slotsIn, sl)
			}
			sc.acc[sl] += e.w
		}
	}
	top := topK(sc.slotsIn, c.opts.Candidates, func(a, b int32) bool {
		return sc.acc[a] > sc.acc[b] || sc.acc[a] == sc.acc[b] && sc.ids[a] < sc.ids[b]
	})
	sc.cands = sc.cands[:0]
	for _, sl := range top {
		sc.cands = append(sc.cands, c.slots[sl])
	}
	var best *story
	bestSim := -1.0
	for _, s := range sc.cands {
		c.refresh(s)
		s.sim = c.cosine(s)
		c.stats.Comparisons++
		if s.sim > bestSim || s.sim == bestSim && best != nil && s.id < best.id {
			best, bestSim = s, s.sim
		}
	}
	return best, bestSim
}

// mergeInto folds into s every other candidate of this Add whose
// centroid has converged with s's, and returns the surviving story's id and
// the folds made.
func (c *Clusterer) mergeInto(s *story) (int64, []Fold) {
	var folds []Fold
	c.spread(s)
	for _, o := range c.scratch.cands {
		if o == s || c.stories[o.id] != o {
			continue
		}
		c.refresh(o)
		if c.storyCosine(s, o) < c.opts.MergeThreshold {
			continue
		}
		keep, fold := s, o
		if o.n > s.n || o.n == s.n && o.id < s.id {
			keep, fold = o, s
		}
		c.unspread(s)
		c.fold(keep, fold)
		folds = append(folds, Fold{Into: keep.id, From: fold.id})
		s = keep
		c.spread(s)
	}
	c.unspread(s)
	return s.id, folds
}
