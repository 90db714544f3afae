package eval

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestHungarianKnown(t *testing.T) {
	tests := []struct {
		name string
		cost [][]float64
		want float64
	}{
		{"square", [][]float64{{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}, 5},
		{"wide", [][]float64{{1, 2, 3}, {2, 4, 6}}, 4}, // row 0 → column 1, row 1 → column 0
		{"tall", [][]float64{{1, 2}, {2, 4}, {3, 6}}, 4},
		{"negative", [][]float64{{-5, 0}, {0, -5}}, -10},
		{"one row", [][]float64{{7, 3, 9}}, 3},
	}
	for _, tt := range tests {
		assign, total := Hungarian(tt.cost)
		if math.Abs(total-tt.want) > 1e-9 {
			t.Errorf("%s: total %v, want %v (assignment %v)", tt.name, total, tt.want, assign)
		}
		checkAssignment(t, tt.cost, assign, total)
	}
	if a, total := Hungarian(nil); a != nil || total != 0 {
		t.Errorf("empty matrix: %v %v", a, total)
	}
	if a, total := Hungarian([][]float64{{}, {}}); len(a) != 2 || a[0] != -1 || total != 0 {
		t.Errorf("no columns: %v %v", a, total)
	}
}

// checkAssignment fails unless assign pairs min(rows, columns) rows with
// distinct columns and sums to total.
func checkAssignment(t *testing.T, cost [][]float64, assign []int, total float64) {
	t.Helper()
	used := map[int]bool{}
	sum, paired := 0.0, 0
	for r, c := range assign {
		if c < 0 {
			continue
		}
		if used[c] {
			t.Fatalf("column %d used twice: %v", c, assign)
		}
		used[c] = true
		sum += cost[r][c]
		paired++
	}
	if want := min(len(cost), len(cost[0])); paired != want {
		t.Fatalf("%d rows paired, want %d: %v", paired, want, assign)
	}
	if math.Abs(sum-total) > 1e-9 {
		t.Fatalf("assignment sums to %v, reported %v", sum, total)
	}
}

// bruteForce returns the least total cost of pairing every row (rows ≤
// columns) with a distinct column.
func bruteForce(cost [][]float64, row int, used []bool) float64 {
	if row == len(cost) {
		return 0
	}
	best := math.Inf(1)
	for c := range cost[row] {
		if !used[c] {
			used[c] = true
			best = min(best, cost[row][c]+bruteForce(cost, row+1, used))
			used[c] = false
		}
	}
	return best
}

func TestHungarianAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		rows, cols := 1+rng.IntN(6), 1+rng.IntN(6)
		cost := make([][]float64, rows)
		for i := range cost {
			cost[i] = make([]float64, cols)
			for j := range cost[i] {
				cost[i][j] = float64(rng.IntN(20) - 5)
			}
		}
		assign, total := Hungarian(cost)
		checkAssignment(t, cost, assign, total)
		var want float64
		if rows <= cols {
			want = bruteForce(cost, 0, make([]bool, cols))
		} else {
			tr := make([][]float64, cols)
			for j := range tr {
				tr[j] = make([]float64, rows)
				for i := range rows {
					tr[j][i] = cost[i][j]
				}
			}
			want = bruteForce(tr, 0, make([]bool, rows))
		}
		if math.Abs(total-want) > 1e-9 {
			t.Fatalf("%dx%d %v: Hungarian %v, brute force %v", rows, cols, cost, total, want)
		}
	}
}

func TestMatchedAccuracy(t *testing.T) {
	gold := []string{"a", "a", "a", "b", "b"}
	tests := []struct {
		pred []string
		want float64
	}{
		{[]string{"x", "x", "y", "y", "y"}, 4.0 / 5}, // a↔x 2, b↔y 2
		{[]string{"p", "p", "p", "q", "q"}, 1},       // perfect, names aside
		{[]string{"1", "2", "3", "4", "5"}, 2.0 / 5}, // singletons: one item per gold group
		{[]string{"z", "z", "z", "z", "z"}, 3.0 / 5}, // one group: only a matches
		{[]string{"x", "y", "x", "y", "w"}, 3.0 / 5}, // a↔x 2, b↔y 1
	}
	for _, tt := range tests {
		if got := NewContingency(gold, tt.pred).MatchedAccuracy(); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("ACC of %v = %v, want %v", tt.pred, got, tt.want)
		}
	}
	if got := NewContingency(nil, nil).MatchedAccuracy(); got != 1 {
		t.Errorf("ACC of nothing = %v, want 1", got)
	}
}
