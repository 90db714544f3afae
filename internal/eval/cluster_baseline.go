package eval

import (
	"math"

	"github.com/storyline/storyline/internal/text"
)

// DefaultBaselineThreshold is the reference baseline's cosine threshold:
// of 0.05 to 0.95 in steps of 0.05, then 0.08 to 0.20 in steps of 0.01,
// the one with the highest NMI + ACC on GoogleNews-TS, so that the
// baseline is shown at its best.
const DefaultBaselineThreshold = 0.12

// BaselineCluster is the reference the story clusterer is measured
// against: plain single-pass TF-IDF clustering. Each text, in order, is a
// unit TF-IDF vector (raw term frequency, smoothed IDF from the texts seen
// so far, itself included); it joins the cluster whose centroid (the sum of
// its members' vectors as they were when added) is most similar by cosine,
// when that similarity reaches threshold, and starts a new cluster
// otherwise. Every cluster is compared (exactly, through an inverted
// index); there are no merges, no field weights and no truncation. It
// returns one label per text, clusters numbered from 0 in order of
// creation.
func BaselineCluster(texts []string, threshold float64) []int {
	an := text.NewAnalyzer("en")
	df := text.NewDocFreq()
	index := make(map[string][]int) // term → clusters holding it
	var centroids []map[string]float64
	var norms2 []float64 // squared centroid norms
	labels := make([]int, len(texts))
	dot := make(map[int]float64)
	for i, s := range texts {
		terms := an.Terms(s)
		df.Add(terms)
		tf := make(map[string]float64, len(terms))
		for _, t := range terms {
			tf[t]++
		}
		var norm float64
		for t, f := range tf {
			w := f * df.IDF(t)
			tf[t] = w
			norm += w * w
		}
		if norm == 0 { // nothing to compare: a cluster of its own
			labels[i] = len(centroids)
			centroids = append(centroids, map[string]float64{})
			norms2 = append(norms2, 0)
			continue
		}
		norm = math.Sqrt(norm)
		clear(dot)
		for t, w := range tf {
			tf[t] = w / norm
			for _, c := range index[t] {
				dot[c] += tf[t] * centroids[c][t]
			}
		}
		best, bestSim := -1, -1.0
		for c, d := range dot {
			sim := d / math.Sqrt(norms2[c])
			if sim > bestSim || sim == bestSim && c < best {
				best, bestSim = c, sim
			}
		}
		if best < 0 || bestSim < threshold {
			best = len(centroids)
			centroids = append(centroids, make(map[string]float64, len(tf)))
			norms2 = append(norms2, 0)
		}
		cen := centroids[best]
		for t, w := range tf {
			old, ok := cen[t]
			if !ok {
				index[t] = append(index[t], best)
			}
			cen[t] = old + w
			norms2[best] += (old+w)*(old+w) - old*old
		}
		labels[i] = best
	}
	return labels
}
