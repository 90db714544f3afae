package cluster

import (
	"math"
	"strings"
	"unicode"

	"github.com/clipperhouse/uax29/v2/words"

	"github.com/storyline/storyline/internal/text"
)

// EntityPrefix starts the keys entities have among the terms of a
// snapshot, so that an entity "paris" and the word "paris" stay apart.
const EntityPrefix = "\x00"

// vocabulary interns terms and keeps their document frequencies.
type vocabulary struct {
	ids  map[string]int32
	keys []string
	df   []int32
	docs int
}

// newVocabulary returns an empty vocabulary.
func newVocabulary() vocabulary { return vocabulary{ids: make(map[string]int32)} }

// id returns the id of key, adding it when new.
func (v *vocabulary) id(key string) int32 {
	if id, ok := v.ids[key]; ok {
		return id
	}
	id := int32(len(v.keys))
	v.ids[key] = id
	v.keys = append(v.keys, key)
	v.df = append(v.df, 0)
	return id
}

// idf returns the smoothed inverse document frequency of a term,
// ln((1+N)/(1+df)) + 1, as text.DocFreq defines it.
func (v *vocabulary) idf(id int32) float64 {
	return math.Log(float64(1+v.docs)/float64(1+v.df[id])) + 1
}

// terms returns how many terms the vocabulary holds.
func (v *vocabulary) terms() int { return len(v.keys) }

// docEntry is one term of an article's vector.
type docEntry struct {
	term int32
	w    float64 // TF-IDF weight, the vector normalized to unit length
	m    float64 // w without the IDF: what the article adds to a centroid
}

// docVector is an article as a unit TF-IDF vector.
type docVector struct {
	entries []docEntry
}

// maxCachedWords bounds each language's cache of words' term ids.
const maxCachedWords = 1 << 20

// language is one language's analyzer and the term ids of the words it
// has analyzed (-1: dropped, a stop word or a single letter), so that
// frequent words are folded and stemmed once.
type language struct {
	analyzer *text.Analyzer
	words    map[string]int32
}

// language returns the state of the language of a tag ("en", "en-GB"),
// made on first use.
func (c *Clusterer) language(tag string) *language {
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	base = strings.ToLower(base)
	if base == "" {
		base = "en"
	}
	l, ok := c.languages[base]
	if !ok {
		l = &language{analyzer: text.NewAnalyzer(base), words: make(map[string]int32)}
		c.languages[base] = l
	}
	return l
}

// wordID returns the term id of a word as written, or -1 when the word
// is no term.
func (c *Clusterer) wordID(l *language, word string) int32 {
	if id, ok := l.words[word]; ok {
		return id
	}
	id := int32(-1)
	if t, ok := l.analyzer.Term(word); ok {
		id = c.termID(t)
	}
	if len(l.words) < maxCachedWords {
		l.words[strings.Clone(word)] = id // not a slice of the article
	}
	return id
}

// termID returns the id of a term, adding it to the vocabulary (and room
// for it to the scratch slices) when new.
func (c *Clusterer) termID(key string) int32 {
	id := c.vocab.id(key)
	if sc := &c.scratch; int(id) >= len(sc.docW) {
		n := max(2*len(sc.docW), 1024, int(id)+1)
		sc.docW = append(sc.docW, make([]float64, n-len(sc.docW))...)
		sc.storyW = append(sc.storyW, make([]float64, n-len(sc.storyW))...)
		sc.pos = append(sc.pos, make([]int32, n-len(sc.pos))...)
		sc.count = append(sc.count, make([]int32, n-len(sc.count))...)
	}
	return id
}

// vectorize counts d in the document frequencies and returns its vector,
// valid until the next Add; its weights are left in scratch.docW until
// clearDoc. A term's frequency in a field counts sublinearly (1 + ln n),
// times the field's weight; an entity key counts its weight once.
func (c *Clusterer) vectorize(d Document) docVector {
	l := c.language(d.Lang)
	sc := &c.scratch
	sc.terms = sc.terms[:0] // the article's terms, in order of appearance
	add := func(id int32, tf float64) {
		if sc.docW[id] == 0 {
			sc.terms = append(sc.terms, id)
		}
		sc.docW[id] += tf
	}
	field := func(s string, weight float64) {
		sc.fresh = sc.fresh[:0]
		it := words.FromString(s)
		for it.Next() {
			if w := it.Value(); isWord(w) {
				if id := c.wordID(l, w); id >= 0 {
					if sc.count[id] == 0 {
						sc.fresh = append(sc.fresh, id)
					}
					sc.count[id]++
				}
			}
		}
		for _, id := range sc.fresh {
			add(id, weight*(1+math.Log(float64(sc.count[id]))))
			sc.count[id] = 0
		}
	}
	field(d.Title, c.opts.TitleWeight)
	field(d.Lead, c.opts.LeadWeight)
	field(d.Body, c.opts.BodyWeight)
	for _, e := range d.Entities {
		if e = strings.TrimSpace(e); e != "" {
			if id := c.termID(EntityPrefix + e); sc.docW[id] == 0 {
				add(id, c.opts.EntityWeight)
			}
		}
	}
	c.vocab.docs++
	entries := sc.docEntries[:0]
	var norm float64
	for _, id := range sc.terms {
		c.vocab.df[id]++
		tf := sc.docW[id]
		w := tf * c.vocab.idf(id)
		norm += w * w
		entries = append(entries, docEntry{term: id, w: w, m: tf})
	}
	norm = math.Sqrt(norm)
	for i := range entries {
		entries[i].w /= norm
		entries[i].m /= norm
		sc.docW[entries[i].term] = entries[i].w
	}
	sc.docEntries = entries
	return docVector{entries: entries}
}

// isWord reports whether a word segment holds a letter or a digit: the
// segments text.Words keeps.
func isWord(seg string) bool {
	for _, r := range seg {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// clearDoc zeroes the article's weights in the scratch.
func (c *Clusterer) clearDoc(v docVector) {
	for _, e := range v.entries {
		c.scratch.docW[e.term] = 0
	}
}

// cosine returns the cosine similarity of the article being added and
// story s's centroid.
func (c *Clusterer) cosine(s *story) float64 {
	if s.norm == 0 {
		return 0
	}
	var dot float64
	for _, e := range s.vec {
		dot += c.scratch.docW[e.term] * float64(e.w)
	}
	return dot / s.norm
}

// spread puts s's weights in the scratch, for storyCosine.
func (c *Clusterer) spread(s *story) {
	for _, e := range s.vec {
		c.scratch.storyW[e.term] = float64(e.w)
	}
}

// unspread zeroes s's weights in the scratch.
func (c *Clusterer) unspread(s *story) {
	for _, e := range s.vec {
		c.scratch.storyW[e.term] = 0
	}
}

// storyCosine returns the cosine similarity of the centroids of story s,
// spread in the scratch, and story o.
func (c *Clusterer) storyCosine(s, o *story) float64 {
	if s.norm == 0 || o.norm == 0 {
		return 0
	}
	var dot float64
	for _, e := range o.vec {
		dot += c.scratch.storyW[e.term] * float64(e.w)
	}
	return dot / (s.norm * o.norm)
}

// topK reorders s so that its first k elements are the k first in the
// order before, a strict total order, and returns them (in no particular
// order among themselves): quickselect, linear on average.
func topK[T any](s []T, k int, before func(a, b T) bool) []T {
	if k >= len(s) {
		return s
	}
	if k <= 0 {
		return s[:0]
	}
	lo, hi := 0, len(s)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if before(s[mid], s[lo]) {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if before(s[hi], s[lo]) {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if before(s[hi], s[mid]) {
			s[hi], s[mid] = s[mid], s[hi]
		}
		pivot := s[mid]
		i, j := lo, hi
		for i <= j {
			for before(s[i], pivot) {
				i++
			}
			for before(pivot, s[j]) {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return s[:k]
		}
	}
	return s[:k]
}
