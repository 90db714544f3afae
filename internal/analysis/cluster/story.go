package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// Term is one term of a story's centroid.
type Term struct {
	// Key is the term: a stemmed word, or EntityPrefix and an entity key.
	Key string
	// Mass is the story's summed weight of the term before IDF: each
	// article adds its term frequency divided by its TF-IDF vector's
	// length.
	Mass float64
	// Weight is Mass times the term's IDF when the centroid was made:
	// what articles are compared with, so that comparing a candidate
	// needs no fresh IDF of its terms. 0 means "weigh now".
	Weight float64
}

// Story is a story as the clusterer compares articles with it: its
// centroid and the span of its dated articles.
type Story struct {
	ID       int64 // 0 for a story the Decision starts
	Articles int   // articles in it, merged stories' included
	// First and Last are the dates of its earliest and latest dated
	// articles; both zero when it has none.
	First, Last time.Time
	// Terms is the centroid, at most Options.CentroidTerms, heaviest first.
	Terms []Term
}

// Dated reports whether the story has a dated article.
func (s *Story) Dated() bool { return !s.Last.IsZero() }

// widen widens s's span to include [first, last]; zero times are ignored.
func (s *Story) widen(first, last time.Time) {
	if first.IsZero() || last.IsZero() {
		return
	}
	if s.First.IsZero() || first.Before(s.First) {
		s.First = first
	}
	if s.Last.IsZero() || last.After(s.Last) {
		s.Last = last
	}
}

// gap is how far t lies outside s's span: 0 inside it, and 0 when either
// is undated.
func gap(t time.Time, s *Story) time.Duration {
	switch {
	case t.IsZero() || !s.Dated():
		return 0
	case t.Before(s.First):
		return s.First.Sub(t)
	case t.After(s.Last):
		return t.Sub(s.Last)
	}
	return 0
}

// within reports whether date t lies inside story s's span. The
// cohesion floor, which keeps the first reports of a new event out of a
// close-knit story of an earlier one, does not apply to such an article:
// it was published among the story's own, and only arrived after them
// (a job run again after its worker died, a late feed), so that it joins
// as it would have in publication order.
func within(t time.Time, s *Story) bool {
	return !t.IsZero() && s.Dated() && !t.Before(s.First) && !t.After(s.Last)
}

// widened is the span s would have with an article dated t (its own when
// either is undated).
func widened(s *Story, t time.Time) time.Duration {
	if t.IsZero() || !s.Dated() {
		return s.Last.Sub(s.First)
	}
	first, last := s.First, s.Last
	if t.Before(first) {
		first = t
	}
	if t.After(last) {
		last = t
	}
	return last.Sub(first)
}

// spanGap is the time between two stories' spans: 0 when they overlap or
// either is undated.
func spanGap(a, b *Story) time.Duration {
	switch {
	case !a.Dated() || !b.Dated():
		return 0
	case b.First.After(a.Last):
		return b.First.Sub(a.Last)
	case a.First.After(b.Last):
		return a.First.Sub(b.Last)
	}
	return 0
}

// unionSpan is the span two stories would have together.
func unionSpan(a, b *Story) time.Duration {
	if !a.Dated() || !b.Dated() {
		return max(a.Last.Sub(a.First), b.Last.Sub(b.First))
	}
	first, last := a.First, a.Last
	if b.First.Before(first) {
		first = b.First
	}
	if b.Last.After(last) {
		last = b.Last
	}
	return last.Sub(first)
}

// weights is a centroid weighed with the IDF of the moment.
type weights struct {
	w    map[string]float64
	norm float64
}

// idfCache memoizes IDFs during one assignment.
type idfCache struct {
	df   DocFreq
	memo map[string]float64
}

// of returns the IDF of key.
func (c *idfCache) of(key string) float64 {
	if v, ok := c.memo[key]; ok {
		return v
	}
	v := idf(c.df, key)
	c.memo[key] = v
	return v
}

// weigh returns s's centroid weighed: its stored weights, or the IDF of
// the moment for terms without one.
func (c *idfCache) weigh(s *Story) weights {
	w := weights{w: make(map[string]float64, len(s.Terms))}
	for _, t := range s.Terms {
		x := t.Weight
		if x == 0 {
			x = t.Mass * c.of(t.Key)
		}
		w.w[t.Key] = x
		w.norm += x * x
	}
	w.norm = math.Sqrt(w.norm)
	return w
}

// similarity returns the cosine similarity of an article's unit vector
// doc with s's centroid, weighed as weigh does, and the centroid's
// length, without building the centroid's map.
func (c *idfCache) similarity(doc weights, s *Story) (cos, norm float64) {
	var dot float64
	for _, t := range s.Terms {
		x := t.Weight
		if x == 0 {
			x = t.Mass * c.of(t.Key)
		}
		dot += x * doc.w[t.Key]
		norm += x * x
	}
	norm = math.Sqrt(norm)
	if doc.norm == 0 || norm == 0 {
		return 0, norm
	}
	return dot / (doc.norm * norm), norm
}

// cosine returns the cosine similarity of two weighed centroids (or an
// article's unit vector as a).
func cosine(a, b weights) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	if len(a.w) > len(b.w) {
		a, b = b, a
	}
	var dot float64
	for k, x := range a.w {
		dot += x * b.w[k]
	}
	return dot / (a.norm * b.norm)
}

// minCohesionArticles is the fewest articles a story's cohesion is
// estimated from.
const minCohesionArticles = 4

// memberSimilarity estimates the cosine similarity between a story's
// weighed centroid, of length norm, the sum of its n articles' unit
// vectors, and one more article like them: n unit vectors summing to c
// have a mean
// pairwise cosine p = (|c|² − n) / (n(n − 1)), and an article like them
// has about n·p with c, n·p / |c| as a cosine. 0 for a story of fewer
// than minCohesionArticles articles, whose centroid tells too little of
// how alike its articles are (two or three articles may be a few views of the event, and the estimate then turns on the order they came in).
func memberSimilarity(norm float64, n int) float64 {
	if n < minCohesionArticles || norm == 0 {
		return 0
	}
	fn := float64(n)
	p := (norm*norm - fn) / (fn * (fn - 1))
	return max(0, fn*p/norm)
}

// absorb returns centroid terms holding the masses of base and add,
// weighed with the IDF of the moment: the heaviest n of them, heaviest
// first.
func absorb(base, add []Term, n int, idfs *idfCache) []Term {
	pos := make(map[string]int, len(base)+len(add))
	merged := make([]Term, 0, len(base)+len(add))
	for _, list := range [][]Term{base, add} {
		for _, t := range list {
			if i, ok := pos[t.Key]; ok {
				merged[i].Mass += t.Mass
				continue
			}
			pos[t.Key] = len(merged)
			merged = append(merged, Term{Key: t.Key, Mass: t.Mass})
		}
	}
	type weighed struct {
		t Term
		w float64
	}
	ws := make([]weighed, len(merged))
	for i, t := range merged {
		ws[i] = weighed{t, t.Mass * idfs.of(t.Key)}
	}
	// The language term weighs nothing but is always kept: it says
	// which articles may join.
	var lang []weighed
	ws = slices.DeleteFunc(ws, func(x weighed) bool {
		if strings.HasPrefix(x.t.Key, LanguagePrefix) {
			lang = append(lang, x)
			return true
		}
		return false
	})
	heavier := func(a, b weighed) bool { return a.w > b.w || a.w == b.w && a.t.Key < b.t.Key }
	ws = append(topK(ws, n, heavier), lang...)
	slices.SortFunc(ws, func(a, b weighed) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.t.Key, b.t.Key)
	})
	out := make([]Term, len(ws))
	for i, x := range ws {
		out[i] = Term{Key: x.t.Key, Mass: x.t.Mass, Weight: x.w}
	}
	return out
}

// storyLanguage returns the language term of a story's centroid, "" for
// none (English).
func storyLanguage(s *Story) string {
	for _, t := range s.Terms {
		if strings.HasPrefix(t.Key, LanguagePrefix) {
			return t.Key
		}
	}
	return ""
}

// entitiesAgree reports whether two stories name a common entity, or
// either names none.
func entitiesAgree(a, b *Story) bool {
	var ea []string
	for _, t := range a.Terms {
		if strings.HasPrefix(t.Key, EntityPrefix) {
			ea = append(ea, t.Key)
		}
	}
	if len(ea) == 0 {
		return true
	}
	named := false
	for _, t := range b.Terms {
		if strings.HasPrefix(t.Key, EntityPrefix) {
			named = true
			if slices.Contains(ea, t.Key) {
				return true
			}
		}
	}
	return !named
}
