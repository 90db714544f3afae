package eval

import "math"

// PartitionScores compares a predicted grouping of items with the gold
// one: pairwise precision and recall of "in the same group" over all pairs
// of items, B-cubed precision and recall (per item, averaged), their F1s,
// and the normalized mutual information.
type PartitionScores struct {
	PairPrecision, PairRecall, PairF1       float64
	BCubedPrecision, BCubedRecall, BCubedF1 float64
	NMI                                     float64
	Items, GoldGroups, PredictedGroups      int
}

// Contingency counts the items of each (gold group, predicted group) cell.
type Contingency struct {
	Gold, Pred []int          // group sizes by index
	Cells      map[[2]int]int // (gold index, predicted index) → items
	N          int
}

// NewContingency builds the table of two line-aligned labelings. It
// panics if their lengths differ: callers compare their own data.
func NewContingency(gold, pred []string) *Contingency {
	if len(gold) != len(pred) {
		panic("eval: labelings of different lengths")
	}
	c := &Contingency{Cells: make(map[[2]int]int), N: len(gold)}
	gi, pi := map[string]int{}, map[string]int{}
	index := func(m map[string]int, sizes *[]int, label string) int {
		i, ok := m[label]
		if !ok {
			i = len(*sizes)
			m[label] = i
			*sizes = append(*sizes, 0)
		}
		(*sizes)[i]++
		return i
	}
	for k := range gold {
		g := index(gi, &c.Gold, gold[k])
		p := index(pi, &c.Pred, pred[k])
		c.Cells[[2]int{g, p}]++
	}
	return c
}

// ScorePartition scores the predicted labels of items against the gold
// labels, line-aligned.
func ScorePartition(gold, pred []string) PartitionScores {
	c := NewContingency(gold, pred)
	s := PartitionScores{Items: c.N, GoldGroups: len(c.Gold), PredictedGroups: len(c.Pred)}
	if c.N == 0 {
		return s
	}
	var tp, predPairs, goldPairs float64
	var bp, br float64
	for cell, n := range c.Cells {
		tp += pairs(n)
		bp += float64(n*n) / float64(c.Pred[cell[1]])
		br += float64(n*n) / float64(c.Gold[cell[0]])
	}
	for _, n := range c.Pred {
		predPairs += pairs(n)
	}
	for _, n := range c.Gold {
		goldPairs += pairs(n)
	}
	s.PairPrecision, s.PairRecall = ratio(tp, predPairs), ratio(tp, goldPairs)
	s.PairF1 = f1(s.PairPrecision, s.PairRecall)
	s.BCubedPrecision, s.BCubedRecall = bp/float64(c.N), br/float64(c.N)
	s.BCubedF1 = f1(s.BCubedPrecision, s.BCubedRecall)
	s.NMI = c.NMI()
	return s
}

// NMI returns the normalized mutual information of the two labelings,
// normalized by the arithmetic mean of their entropies (scikit-learn's
// default); 1 when both put everything in one group.
func (c *Contingency) NMI() float64 {
	n := float64(c.N)
	entropy := func(sizes []int) float64 {
		h := 0.0
		for _, s := range sizes {
			if s > 0 {
				p := float64(s) / n
				h -= p * math.Log(p)
			}
		}
		return h
	}
	hg, hp := entropy(c.Gold), entropy(c.Pred)
	if hg == 0 && hp == 0 {
		return 1
	}
	mi := 0.0
	for cell, k := range c.Cells {
		nij := float64(k)
		mi += nij / n * math.Log(n*nij/(float64(c.Gold[cell[0]])*float64(c.Pred[cell[1]])))
	}
	return mi / ((hg + hp) / 2)
}

// pairs returns n choose 2.
func pairs(n int) float64 { return float64(n) * float64(n-1) / 2 }

// ratio returns a/b, or 1 when b is 0 (nothing claimed, nothing wrong).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

// f1 returns the harmonic mean of p and r.
func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
