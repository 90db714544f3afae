package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	less := func(a, b int) bool { return a < b }
	for trial := range 2000 {
		n := rng.IntN(60)
		s := make([]int, n)
		for i := range s {
			s[i] = rng.IntN(1000)*1000 + i // distinct: a strict order
		}
		if trial%3 == 0 {
			slices.Sort(s) // sorted and reversed inputs too
		} else if trial%3 == 1 {
			slices.Sort(s)
			slices.Reverse(s)
		}
		k := rng.IntN(n + 2)
		want := slices.Clone(s)
		slices.Sort(want)
		want = want[:min(k, n)]
		got := slices.Clone(topK(s, k, less))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("topK(k=%d) of %d = %v, want %v", k, n, got, want)
		}
	}
}
