package summarize

import (
	"math"
	"sort"
)

// vector is a sparse term-weight vector: term IDs ascending, with their
// weights, and its Euclidean norm.
type vector struct {
	ids  []int
	w    []float64
	norm float64
}

// newVector builds a vector from weights by term ID.
func newVector(weights map[int]float64) vector {
	v := vector{ids: make([]int, 0, len(weights))}
	for id := range weights {
		v.ids = append(v.ids, id)
	}
	sort.Ints(v.ids)
	v.w = make([]float64, len(v.ids))
	var sq float64
	for i, id := range v.ids {
		v.w[i] = weights[id]
		sq += v.w[i] * v.w[i]
	}
	v.norm = math.Sqrt(sq)
	return v
}

// dot returns the dot product of a and b.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			s += a.w[i] * b.w[j]
			i++
			j++
		}
	}
	return s
}

// cosine returns the cosine similarity of a and b, 0 when either is
// empty.
func cosine(a, b vector) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	return dot(a, b) / (a.norm * b.norm)
}
