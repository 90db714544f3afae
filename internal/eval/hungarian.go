package eval

import "math"

// Hungarian solves the assignment problem for a rectangular cost matrix
// (rows × columns, every row the same length) with the Kuhn–Munkres
// algorithm, O(n²m) for n = min(rows, columns) and m = max: it pairs every
// row with a distinct column (or, with more rows than columns, every
// column with a distinct row) so that the summed cost is least. It returns
// for each row its column, or -1 for a row left unpaired, and the total
// cost.
func Hungarian(cost [][]float64) ([]int, float64) {
	rows := len(cost)
	if rows == 0 {
		return nil, 0
	}
	cols := len(cost[0])
	assign := make([]int, rows)
	for i := range assign {
		assign[i] = -1
	}
	if cols == 0 {
		return assign, 0
	}
	transposed := rows > cols
	n, m := rows, cols
	at := func(i, j int) float64 { return cost[i][j] }
	if transposed {
		n, m = cols, rows
		at = func(i, j int) float64 { return cost[j][i] }
	}
	// Potentials u (rows) and v (columns), 1-based with 0 as the virtual
	// column; p[j] is the row matched to column j.
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1)
	way := make([]int, m+1)
	minv := make([]float64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = math.Inf(1)
			used[j] = false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				if cur := at(i0-1, j-1) - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	total := 0.0
	for j := 1; j <= m; j++ {
		if p[j] == 0 {
			continue
		}
		r, c := p[j]-1, j-1
		if transposed {
			r, c = c, r
		}
		assign[r] = c
		total += cost[r][c]
	}
	return assign, total
}

// MatchedAccuracy is the clustering accuracy of a contingency table: the
// share of items in cells of a one-to-one matching of gold groups to
// predicted groups that covers the most items (Hungarian-matched; groups
// left over match nothing).
func (c *Contingency) MatchedAccuracy() float64 {
	if c.N == 0 {
		return 1
	}
	cost := make([][]float64, len(c.Gold))
	for i := range cost {
		cost[i] = make([]float64, len(c.Pred))
	}
	for cell, n := range c.Cells {
		cost[cell[0]][cell[1]] = -float64(n)
	}
	_, total := Hungarian(cost)
	return -total / float64(c.N)
}
