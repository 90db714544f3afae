package storeutil

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/storyline/storyline"
)

// Limits of what a story assignment may hold.
const (
	MaxCentroidTerms  = 1000 // terms in one centroid
	MaxIndexTerms     = 200  // terms one story is indexed under
	MaxTermBytes      = 512  // bytes of one term
	MaxCandidateTerms = 200  // terms of one candidate query
	MaxCandidates     = 1000 // candidates one query may ask for
	// UndatedPerTerm is how many of each term's latest stories a query
	// for an undated article considers.
	UndatedPerTerm = 200
	// MaxStorySpan is how long a story may span and still be found by an
	// article dated before its last article: the index is searched by the
	// stories' last dates, from the article's date less the window to its
	// date plus the window and this. The clusterer's MaxSpan keeps joins
	// within it.
	MaxStorySpan = 60 * 24 * time.Hour
)

// centroidVersion starts every encoded centroid.
const centroidVersion = 1

// EncodeCentroid encodes centroid terms for a blob column: a version
// byte, the count, then each term's length, bytes, mass and weight
// (float64 bits).
func EncodeCentroid(terms []storyline.CentroidTerm) []byte {
	b := make([]byte, 0, 1+binary.MaxVarintLen64+len(terms)*28)
	b = append(b, centroidVersion)
	b = binary.AppendUvarint(b, uint64(len(terms)))
	for _, t := range terms {
		b = binary.AppendUvarint(b, uint64(len(t.Key)))
		b = append(b, t.Key...)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.Mass))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.Weight))
	}
	return b
}

// errCentroid is wrapped by DecodeCentroid's errors.
var errCentroid = errors.New("stored centroid is damaged")

// DecodeCentroid decodes what EncodeCentroid wrote.
func DecodeCentroid(b []byte) ([]storyline.CentroidTerm, error) {
	if len(b) == 0 || b[0] != centroidVersion {
		return nil, fmt.Errorf("%w: unknown version", errCentroid)
	}
	b = b[1:]
	n, k := uvarint(b)
	if k <= 0 || n > MaxCentroidTerms {
		return nil, fmt.Errorf("%w: bad count", errCentroid)
	}
	b = b[k:]
	terms := make([]storyline.CentroidTerm, 0, n)
	for range n {
		l, k := uvarint(b)
		if k <= 0 || l > MaxTermBytes || uint64(len(b)-k) < l+16 {
			return nil, fmt.Errorf("%w: bad term", errCentroid)
		}
		b = b[k:]
		key := string(b[:l])
		mass := math.Float64frombits(binary.LittleEndian.Uint64(b[l:]))
		weight := math.Float64frombits(binary.LittleEndian.Uint64(b[l+8:]))
		if !finite(mass) || !finite(weight) {
			return nil, fmt.Errorf("%w: bad mass or weight", errCentroid)
		}
		terms = append(terms, storyline.CentroidTerm{Key: key, Mass: mass, Weight: weight})
		b = b[l+16:]
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%w: trailing bytes", errCentroid)
	}
	return terms, nil
}

// uvarint is binary.Uvarint refusing (k = 0) a number written in more
// bytes than it needs, which EncodeCentroid never writes: one centroid has
// one encoding.
func uvarint(b []byte) (v uint64, k int) {
	v, k = binary.Uvarint(b)
	if k > 0 && k != len(binary.AppendUvarint(nil, v)) {
		return 0, 0
	}
	return v, k
}

// finite reports whether x is a number, not NaN or infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// CheckStoryAssignment checks a decision before it is stored.
func CheckStoryAssignment(a *storyline.StoryAssignment) error {
	invalid := func(format string, args ...any) error {
		return storyline.Errorf(storyline.EINVALID, "assign story: "+format, args...)
	}
	switch {
	case a == nil || a.Analysis == nil || a.Analysis.ArticleID <= 0:
		return invalid("no article")
	case a.Centroid.StoryID < 0:
		return invalid("story %d", a.Centroid.StoryID)
	case len(a.Centroid.Terms) > MaxCentroidTerms:
		return invalid("%d centroid terms, more than %d", len(a.Centroid.Terms), MaxCentroidTerms)
	case len(a.Index) > MaxIndexTerms:
		return invalid("%d index terms, more than %d", len(a.Index), MaxIndexTerms)
	case a.Centroid.First.IsZero() != a.Centroid.Last.IsZero() || a.Centroid.Last.Before(a.Centroid.First):
		return invalid("span %v to %v", a.Centroid.First, a.Centroid.Last)
	}
	for _, t := range a.Centroid.Terms {
		if t.Key == "" || len(t.Key) > MaxTermBytes || !finite(t.Mass) || !finite(t.Weight) {
			return invalid("bad centroid term %q", t.Key)
		}
	}
	for _, k := range a.Index {
		if k == "" || len(k) > MaxTermBytes {
			return invalid("bad index term %q", k)
		}
	}
	for _, id := range a.Merged {
		if id <= 0 || id == a.Centroid.StoryID {
			return invalid("merged story %d", id)
		}
	}
	return nil
}

// CheckCandidateQuery checks a candidate query.
func CheckCandidateQuery(q storyline.CandidateQuery) error {
	switch {
	case len(q.Terms) > MaxCandidateTerms:
		return storyline.Errorf(storyline.EINVALID, "story candidates: %d terms, more than %d", len(q.Terms), MaxCandidateTerms)
	case q.Limit < 0 || q.Limit > MaxCandidates:
		return storyline.Errorf(storyline.EINVALID, "story candidates: limit %d", q.Limit)
	case q.Window < 0 || q.Window > MaxStorySpan:
		return storyline.Errorf(storyline.EINVALID, "story candidates: window %v", q.Window)
	}
	return nil
}

// UniqueTerms returns the distinct keys of index terms, sorted.
func UniqueTerms(keys []string) []string {
	out := slices.Clone(keys)
	slices.Sort(out)
	return slices.Compact(out)
}

// TermChanges returns the terms in after but not before (added) and in
// before but not after (removed); both inputs sorted and distinct.
func TermChanges(before, after []string) (added, removed []string) {
	i, j := 0, 0
	for i < len(before) || j < len(after) {
		switch {
		case j == len(after) || i < len(before) && before[i] < after[j]:
			removed = append(removed, before[i])
			i++
		case i == len(before) || after[j] < before[i]:
			added = append(added, after[j])
			j++
		default:
			i++
			j++
		}
	}
	return added, removed
}

// CandidateRanker ranks the stories posting rows name by the query weight
// they share. Weights are summed in fixed point, so that the ranking does
// not depend on the order the rows come in.
type CandidateRanker struct {
	weight map[string]int64
	acc    map[int64]int64
}

// rankerScale is the fixed point of CandidateRanker: a query weight (at
// most 1 for a unit vector's term) counts in units of 2^-40.
const rankerScale = 1 << 40

// NewCandidateRanker returns a ranker for q's terms.
func NewCandidateRanker(q storyline.CandidateQuery) *CandidateRanker {
	r := &CandidateRanker{weight: make(map[string]int64, len(q.Terms)), acc: make(map[int64]int64)}
	for _, t := range q.Terms {
		w := t.Weight
		if !(w > 0) { // NaN too
			w = 0
		}
		r.weight[t.Key] += int64(math.Round(min(w, 1) * rankerScale))
	}
	return r
}

// Add counts one posting: story id is indexed under term.
func (r *CandidateRanker) Add(term string, id int64) { r.acc[id] += r.weight[term] }

// Top returns the limit stories sharing the most weight, then by ID.
func (r *CandidateRanker) Top(limit int) []int64 {
	type scored struct {
		id int64
		w  int64
	}
	order := func(a, b scored) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.id, b.id)) }
	// A bounded min-heap would do too; keeping the best limit in a small
	// sorted slice is as fast for the few dozen asked for.
	best := make([]scored, 0, limit+1)
	for id, w := range r.acc {
		x := scored{id, w}
		if len(best) == limit && (limit == 0 || order(x, best[limit-1]) >= 0) {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, x, order)
		best = slices.Insert(best, i, x)
		if len(best) > limit {
			best = best[:limit]
		}
	}
	ids := make([]int64, len(best))
	for i, x := range best {
		ids[i] = x.id
	}
	return ids
}

// OrderByIDs puts centroids in the order of ids.
func OrderByIDs(cs []storyline.StoryCentroid, ids []int64) []storyline.StoryCentroid {
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	slices.SortFunc(cs, func(a, b storyline.StoryCentroid) int { return cmp.Compare(pos[a.StoryID], pos[b.StoryID]) })
	return cs
}

// QueryKeys returns the distinct keys of a query's terms.
func QueryKeys(q storyline.CandidateQuery) []string {
	keys := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		keys[i] = t.Key
	}
	return UniqueTerms(keys)
}
