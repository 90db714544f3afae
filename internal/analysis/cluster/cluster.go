package cluster

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// QueryTerm is one of an article's top terms, with its weight in the
// article's unit vector.
type QueryTerm struct {
	Key    string
	Weight float64
}

// Query asks an Index for the stories an article may join.
type Query struct {
	// Terms are the article's top terms: a candidate is indexed under at
	// least one of them, and candidates sharing more weight come first.
	Terms []QueryTerm
	// Time is the article's date: a candidate's span, widened by Window on
	// both sides, contains it (undated stories always qualify). Zero for an
	// undated article: candidates from any time, the latest first.
	Time   time.Time
	Window time.Duration
	Limit  int // at most this many candidates
}

// Index finds candidate stories. The store implements it over its tables;
// MemIndex in memory.
type Index interface {
	// Candidates returns up to q.Limit stories indexed under q.Terms whose
	// span qualifies for q.Time, those sharing the most query weight first.
	Candidates(ctx context.Context, q Query) ([]Story, error)
}

// Decision is where Assign puts an article: what the caller stores.
type Decision struct {
	// Story is the story the article is in, after the article and any
	// merges: its centroid, span and count. ID 0 when the article starts
	// a new story (the caller gives it its ID).
	Story Story
	// Index lists the terms Story is to be indexed under: its top
	// Options.IndexTerms.
	Index []string
	// New says the article starts a story.
	New bool
	// Joined is the story the article joined before merges; 0 when New.
	Joined int64
	// Similarity is the article's similarity (time taken into account) to
	// the story it joined; 0 when New.
	Similarity float64
	// Merged lists the stories folded into Story: their articles are
	// Story's now.
	Merged []int64
	// Compared is how many candidate stories the article was compared
	// with.
	Compared int
}

// Clusterer assigns articles to stories. It holds no stories, only
// options and per-language word caches, and is safe for concurrent use.
type Clusterer struct {
	opts      Options
	langMu    sync.Mutex
	languages map[string]*language
}

// New returns a Clusterer, or an error wrapping ErrInvalidOptions.
func New(opts Options) (*Clusterer, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Clusterer{opts: o, languages: make(map[string]*language)}, nil
}

// Options returns the options in effect, defaults filled in.
func (c *Clusterer) Options() Options { return c.opts }

// Assign decides the story of an article: the candidate story most
// similar to v, when the similarity (lowered by the time between them)
// reaches the threshold and the story's cohesion floor, or a new one.
// Candidates that converge with the joined story are merged into it when
// their spans and entities agree.
// Nothing is stored: the caller stores the Decision (and, for a
// MemIndex, applies it).
func (c *Clusterer) Assign(ctx context.Context, idx Index, v Vector, df DocFreq) (Decision, error) {
	cands, err := idx.Candidates(ctx, c.query(v, df))
	if err != nil {
		return Decision{}, fmt.Errorf("find candidate stories: %w", err)
	}
	idfs := &idfCache{df: df, memo: make(map[string]float64)}
	doc := weights{w: make(map[string]float64, len(v.Terms)), norm: 1}
	mass := make([]Term, len(v.Terms))
	for i, t := range v.Terms {
		doc.w[t.Key] = t.Weight
		mass[i] = Term{Key: t.Key, Mass: t.Mass}
	}
	if len(v.Terms) == 0 {
		doc.norm = 0
	}

	best, bestSim := -1, -1.0
	sims := make([]float64, len(cands))
	lang := vectorLanguage(v)
	for i := range cands {
		s := &cands[i]
		g := gap(v.Time, s)
		if g > c.opts.Window || widened(s, v.Time) > c.opts.MaxSpan || storyLanguage(s) != lang {
			sims[i] = -1
			continue
		}
		cos, norm := idfs.similarity(doc, s)
		sim := cos * (1 - c.opts.TimePenalty*float64(g)/float64(c.opts.Window))
		sims[i] = sim
		if !within(v.Time, s) && sim < c.opts.Cohesion*memberSimilarity(norm, s.Articles) {
			continue // far less like the story than its articles are: another event (it may still merge)
		}
		if sim > bestSim || sim == bestSim && best >= 0 && s.ID < cands[best].ID {
			best, bestSim = i, sim
		}
	}
	d := Decision{Compared: len(cands)}
	if best < 0 || bestSim < c.opts.Threshold {
		d.New = true
		d.Story = Story{Articles: 1, Terms: absorb(nil, mass, c.opts.CentroidTerms, idfs)}
		d.Story.widen(v.Time, v.Time)
		d.Index = c.indexTerms(d.Story)
		return d, nil
	}
	if err := load(ctx, df, &cands[best]); err != nil {
		return Decision{}, err
	}
	s := cands[best]
	d.Joined, d.Similarity = s.ID, bestSim
	s.Terms = absorb(s.Terms, mass, c.opts.CentroidTerms, idfs)
	s.Articles++
	s.widen(v.Time, v.Time)
	for i := range cands {
		if i == best || sims[i] < 0 {
			continue
		}
		o := &cands[i]
		if !c.mergeable(&s, o, idfs) {
			continue
		}
		if err := load(ctx, df, o); err != nil {
			return Decision{}, err
		}
		keep, fold := s, *o
		if o.Articles > s.Articles || o.Articles == s.Articles && o.ID < s.ID {
			keep, fold = *o, s
		}
		keep.Terms = absorb(keep.Terms, fold.Terms, c.opts.CentroidTerms, idfs)
		keep.Articles += fold.Articles
		keep.widen(fold.First, fold.Last)
		d.Merged = append(d.Merged, fold.ID)
		s = keep
	}
	d.Story = s
	d.Index = c.indexTerms(s)
	return d, nil
}

// load has a Loader df load the counts of the terms of story s, which
// an assignment is about to weigh anew.
func load(ctx context.Context, df DocFreq, s *Story) error {
	l, ok := df.(Loader)
	if !ok {
		return nil
	}
	keys := make([]string, len(s.Terms))
	for i, t := range s.Terms {
		keys[i] = t.Key
	}
	if err := l.Load(ctx, keys); err != nil {
		return fmt.Errorf("read term counts: %w", err)
	}
	return nil
}

// mergeable reports whether story o has converged with s, the story an
// article just joined: similar centroids, spans that overlap within the
// window and stay within MaxMergeSpan together, and entities that agree.
func (c *Clusterer) mergeable(s, o *Story, idfs *idfCache) bool {
	return spanGap(s, o) <= c.opts.Window &&
		unionSpan(s, o) <= c.opts.MaxMergeSpan &&
		entitiesAgree(s, o) &&
		cosine(idfs.weigh(s), idfs.weigh(o)) >= c.opts.MergeThreshold
}

// query returns the candidate query of v: its top QueryTerms, leaving
// out terms that index more than a MaxQueryShare of the stories (their
// lists are long and tell little; they still count in the comparison).
func (c *Clusterer) query(v Vector, df DocFreq) Query {
	limit := max(minQueryCount, int(c.opts.MaxQueryShare*float64(df.Docs())))
	terms := make([]QueryTerm, 0, len(v.Terms))
	for _, t := range v.Terms {
		if df.Count(t.Key) <= limit {
			terms = append(terms, QueryTerm{Key: t.Key, Weight: t.Weight})
		}
	}
	terms = topK(terms, c.opts.QueryTerms, func(a, b QueryTerm) bool {
		return a.Weight > b.Weight || a.Weight == b.Weight && a.Key < b.Key
	})
	return Query{Terms: terms, Time: v.Time, Window: c.opts.Window, Limit: c.opts.Candidates}
}

// indexTerms returns the keys s is indexed under: its heaviest
// IndexTerms (its terms are heaviest first).
func (c *Clusterer) indexTerms(s Story) []string {
	n := min(c.opts.IndexTerms, len(s.Terms))
	keys := make([]string, n)
	for i := range n {
		keys[i] = s.Terms[i].Key
	}
	return keys
}
