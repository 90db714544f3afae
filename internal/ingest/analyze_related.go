package ingest

import "github.com/storyline/storyline"

// centroidIDFs returns the IDF of every term of snaps in the articles
// analysed (the document frequencies keyphrases use, whose terms are the
// clustering's). A story's related terms are its centroid weighed with
// them: weighed by the masses alone, a story's top terms are its most
// frequent words ("said", "Thursday"), and stories that share them look
// related. The story index's counts would not do: a common word is rarely
// among a story's top index terms, so it would count as rare.
func (an *Analyzer) centroidIDFs(snaps map[int64]storyline.StoryCentroid) map[string]float64 {
	idfs := make(map[string]float64)
	an.dfMu.RLock()
	defer an.dfMu.RUnlock()
	for _, s := range snaps {
		for _, t := range s.Terms {
			if _, done := idfs[t.Key]; !done {
				idfs[t.Key] = an.df.IDF(t.Key)
			}
		}
	}
	return idfs
}

// weighted returns a story's centroid weighed with idfs: each term's mass
// times its IDF (1 for a term idfs lacks).
func weighted(s storyline.StoryCentroid, idfs map[string]float64) map[string]float64 {
	w := make(map[string]float64, len(s.Terms))
	for _, t := range s.Terms {
		f, ok := idfs[t.Key]
		if !ok {
			f = 1
		}
		w[t.Key] = t.Mass * f
	}
	return w
}
