package text

import (
	"math"
	"slices"
)

// Limit keeps d to at most max distinct terms: when it holds more, the
// least frequent terms are forgotten until about three quarters of max
// remain, so that the next trim is many documents away. Forgotten terms
// weigh as unseen ones (the highest IDF), which is what a term seen in a
// handful of a large collection's documents nearly weighs anyway. A max
// below 1 means no limit.
func (d *DocFreq) Limit(max int) {
	if max < 1 || len(d.count) <= max {
		return
	}
	counts := make([]int, 0, len(d.count))
	for _, c := range d.count {
		counts = append(counts, c)
	}
	slices.Sort(counts)
	keep := max * 3 / 4
	floor := counts[len(counts)-keep-1] // terms counted this often or less go
	for t, c := range d.count {
		if c <= floor {
			delete(d.count, t)
		}
	}
}

// Shrink scales d to the fraction keep (0 to 1) of its documents, as when
// the oldest documents were deleted without being counted out one by one:
// every count and the number of documents are multiplied by keep and
// rounded, and terms whose count falls to zero are forgotten. IDFs stay
// about what they were, and the counts stop growing with documents no
// longer kept.
func (d *DocFreq) Shrink(keep float64) {
	if math.IsNaN(keep) || keep >= 1 {
		return
	}
	keep = max(keep, 0)
	d.docs = int(math.Round(float64(d.docs) * keep))
	for t, c := range d.count {
		if n := int(math.Round(float64(c) * keep)); n > 0 {
			d.count[t] = n
		} else {
			delete(d.count, t)
		}
	}
}
