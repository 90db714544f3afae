package eval

import (
	"math"
	"testing"
)

func TestScorePartition(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	// gold: {1,2,3} {4,5}; predicted: {1,2} {3,4,5}
	gold := []string{"a", "a", "a", "b", "b"}
	pred := []string{"x", "x", "y", "y", "y"}
	s := ScorePartition(gold, pred)
	// Pairs: predicted (1,2) (3,4) (3,5) (4,5); gold (1,2) (1,3) (2,3) (4,5).
	// Shared: (1,2) (4,5).
	if !near(s.PairPrecision, 0.5) || !near(s.PairRecall, 0.5) || !near(s.PairF1, 0.5) {
		t.Errorf("pairwise = %v %v %v, want 0.5", s.PairPrecision, s.PairRecall, s.PairF1)
	}
	// B-cubed precision: items 1,2: 2/2; item 3: 1/3; items 4,5: 2/3 → (1+1+1/3+2/3+2/3)/5.
	if want := (1 + 1 + 1.0/3 + 2.0/3 + 2.0/3) / 5; !near(s.BCubedPrecision, want) {
		t.Errorf("B-cubed precision = %v, want %v", s.BCubedPrecision, want)
	}
	// B-cubed recall: items 1,2: 2/3; item 3: 1/3; items 4,5: 2/2.
	if want := (2.0/3 + 2.0/3 + 1.0/3 + 1 + 1) / 5; !near(s.BCubedRecall, want) {
		t.Errorf("B-cubed recall = %v, want %v", s.BCubedRecall, want)
	}
	if s.GoldGroups != 2 || s.PredictedGroups != 2 || s.Items != 5 {
		t.Errorf("counts = %+v", s)
	}
	perfect := ScorePartition(gold, []string{"p", "p", "p", "q", "q"})
	if !near(perfect.PairF1, 1) || !near(perfect.BCubedF1, 1) || !near(perfect.NMI, 1) {
		t.Errorf("a perfect labeling scores %+v", perfect)
	}
	singletons := ScorePartition(gold, []string{"1", "2", "3", "4", "5"})
	if !near(singletons.PairPrecision, 1) || !near(singletons.PairRecall, 0) || !near(singletons.BCubedPrecision, 1) {
		t.Errorf("singletons score %+v", singletons)
	}
	if got := ScorePartition(nil, nil); got.Items != 0 {
		t.Errorf("empty: %+v", got)
	}
}
