package ask

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// BM25 parameters: term frequency saturation and length normalisation.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Relevance and ranking.
const (
	// relevantShare is the share of the question's weight (the IDF of its
	// content words) the words a passage holds must carry.
	relevantShare = 0.5
	// softWeight scales a generic verb's part of a score.
	softWeight = 0.5
	// allWordsBoost is the gain of a passage holding every content word
	// of a question of two or more.
	allWordsBoost = 0.2
	// leadBoost is the gain of a report's first answerable sentence; its
	// n-th gains leadBoost/n.
	leadBoost = 0.15
	// citeBoost is the gain for each other report carrying a passage, up
	// to maxCiteBoosts of them.
	citeBoost     = 0.05
	maxCiteBoosts = 4
)

// Search returns up to k passages that answer question best, most
// relevant first; none when nothing in the coverage is relevant (see
// the package documentation for the rule).
func (ix *Index) Search(question string, k int) []Passage {
	if k <= 0 {
		return nil
	}
	hs := ix.hits(question)
	if len(hs) > k {
		hs = hs[:k]
	}
	out := make([]Passage, len(hs))
	for i, h := range hs {
		out[i] = ix.passageOf(h)
	}
	return out
}

// hit is a relevant passage and its score.
type hit struct {
	p     int
	score float64
}

// passageOf returns hit h as a Passage.
func (ix *Index) passageOf(h hit) Passage {
	p := &ix.passages[h.p]
	return Passage{Text: p.text, ArticleIDs: slices.Clone(p.ids), Score: h.score}
}

// hits returns the passages relevant to question, best first.
func (ix *Index) hits(question string) []hit {
	if ix == nil || len(ix.passages) == 0 {
		return nil
	}
	qs := ix.questionTerms(question)
	if len(qs) == 0 {
		return nil
	}
	n := len(ix.passages)
	hard := 0 // the question's deciding words, as a bit set
	anyHard := slices.ContainsFunc(qs, func(q qterm) bool { return !q.soft })
	rare := 0 // the deciding words not frequent in the story
	total := 0.0
	idf := make([]float64, len(qs))
	lists := make([][]posting, len(qs))
	for i, q := range qs {
		lists[i] = ix.postingsFor(q.ids)
		// A word the story lacks weighs as much as its rarest one.
		idf[i] = bm25IDF(n, max(len(lists[i]), 1))
		if q.soft && anyHard {
			continue
		}
		hard |= 1 << i
		total += idf[i]
		if df := len(lists[i]); df > 0 && !frequent(df, n) {
			rare |= 1 << i
		}
	}
	if rare == 0 && bits.OnesCount(uint(hard)) < 2 {
		return nil // one word the whole story is about decides nothing
	}
	score := make([]float64, n)
	held := make([]int, n) // by passage: the question's words it holds, as a bit set
	var touched []int32
	for i := range qs {
		w := idf[i]
		if hard&(1<<i) == 0 {
			w *= softWeight
		}
		for _, p := range lists[i] {
			if held[p.passage] == 0 {
				touched = append(touched, p.passage)
			}
			held[p.passage] |= 1 << i
			tf, dl := float64(p.tf), float64(len(ix.passages[p.passage].tokens))
			score[p.passage] += w * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/ix.avgLen))
		}
	}
	var out []hit
	for _, p := range touched {
		h := held[p]
		// A passage must hold a word not frequent in the story, or two of
		// the question's deciding words: "How many stands are recalled?"
		// on a story about a recall of stands.
		if (h&rare == 0 && bits.OnesCount(uint(h&hard)) < 2) || weightOf(h&hard, idf) < relevantShare*total {
			continue
		}
		out = append(out, hit{p: int(p), score: score[p] * ix.boost(int(p), h&hard == hard && bits.OnesCount(uint(hard)) > 1)})
	}
	slices.SortFunc(out, func(a, b hit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return ix.compareOrder(a.p, b.p)
	})
	return out
}

// postingsFor returns the passages any of the terms ids occurs in, in
// passage order, with the sum of their frequencies.
func (ix *Index) postingsFor(ids []int32) []posting {
	switch len(ids) {
	case 0:
		return nil
	case 1:
		return ix.postings[ids[0]]
	}
	tf := make(map[int32]int32)
	for _, id := range ids {
		for _, p := range ix.postings[id] {
			tf[p.passage] += p.tf
		}
	}
	out := make([]posting, 0, len(tf))
	for p, f := range tf {
		out = append(out, posting{passage: p, tf: f})
	}
	slices.SortFunc(out, func(a, b posting) int { return cmp.Compare(a.passage, b.passage) })
	return out
}

// bm25IDF is the inverse document frequency of a term in df of n
// passages.
func bm25IDF(n, df int) float64 {
	return math.Log(1 + (float64(n-df)+0.5)/(float64(df)+0.5))
}

// frequent reports whether a term in df of n passages is frequent in the
// story: in more than a quarter of its passages (and more than two).
func frequent(df, n int) bool {
	return df > 2 && 4*df > n
}

// weightOf returns the sum of the IDFs of the question words in set.
func weightOf(set int, idf []float64) float64 {
	sum := 0.0
	for i, w := range idf {
		if set&(1<<i) != 0 {
			sum += w
		}
	}
	return sum
}

// boost returns the factor a passage's score is multiplied by: for
// holding every word of the question (all), for coming early in its
// report, and for being carried by several reports.
func (ix *Index) boost(p int, all bool) float64 {
	ps := &ix.passages[p]
	f := 1 + leadBoost/float64(1+ps.seq)
	if all {
		f *= 1 + allWordsBoost
	}
	return f * (1 + citeBoost*float64(min(len(ps.ids)-1, maxCiteBoosts)))
}

// compareOrder orders passages as the coverage tells them: by report,
// then by place in the report.
func (ix *Index) compareOrder(a, b int) int {
	pa, pb := &ix.passages[a], &ix.passages[b]
	if c := cmp.Compare(pa.report, pb.report); c != 0 {
		return c
	}
	return cmp.Compare(pa.seq, pb.seq)
}
