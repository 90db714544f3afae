package ask

import "slices"

// Answer bounds.
const (
	// maxAnswerPassages is the most passages an answer quotes.
	maxAnswerPassages = 3
	// closeScore is the share of the best passage's score another must
	// reach to join it in an answer.
	closeScore = 0.6
	// maxOverlap is the largest share of the smaller passage's terms two
	// passages of an answer may share: more, and the second adds little.
	maxOverlap = 0.5
)

// Answer returns the built-in answer to question: whether the coverage
// answers it, and then the best passage with up to two more that score
// close to it (at least 60 % of its score) and add to it (sharing at most
// half of their words with a passage already chosen), in the order the
// coverage tells them: first report first, then sentence order.
func (ix *Index) Answer(question string) (found bool, passages []Passage) {
	hs := ix.hits(question)
	if len(hs) == 0 {
		return false, nil
	}
	chosen := hs[:1:1]
	for _, h := range hs[1:] {
		if len(chosen) == maxAnswerPassages || h.score < closeScore*hs[0].score {
			break
		}
		if !slices.ContainsFunc(chosen, func(c hit) bool { return ix.overlap(c.p, h.p) > maxOverlap }) {
			chosen = append(chosen, h)
		}
	}
	slices.SortFunc(chosen, func(a, b hit) int { return ix.compareOrder(a.p, b.p) })
	passages = make([]Passage, len(chosen))
	for i, h := range chosen {
		passages[i] = ix.passageOf(h)
	}
	return true, passages
}

// overlap returns the share of the terms of the smaller of passages a and
// b that the other has.
func (ix *Index) overlap(a, b int) float64 {
	ta, tb := ix.passages[a].terms, ix.passages[b].terms
	small := min(len(ta), len(tb))
	if small == 0 {
		return 0
	}
	return float64(commonTerms(ta, tb)) / float64(small)
}
