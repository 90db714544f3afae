package ask

import (
	"cmp"
	"slices"
)

// minNearTerms is the fewest distinct terms a sentence needs to count as
// a near copy of another; a shorter one repeats only word for word.
const minNearTerms = 4

// Two sentences are the same (a syndicated copy, wire text lightly
// edited) when their sets of terms have a Jaccard similarity of at least
// nearNum/nearDen.
const nearNum, nearDen = 7, 10

// merge makes the passages of cands, in order: a sentence the same or
// nearly the same as one before it (see nearNum) cites its report with
// that one instead of making its own. terms is the number of term ids.
//
// Near copies are found by prefix filtering: terms are ranked rarest
// first, and two sets similar enough must share a term among the first
// few of each (prefixLen), so a sentence is compared only with the
// passages that have one of its first few terms among theirs.
func merge(cands []candidate, reports []Report, terms int) []passage {
	df := make([]int32, terms)
	for i := range cands {
		for _, t := range cands[i].terms {
			df[t]++
		}
	}
	m := merger{
		out:     make([]passage, 0, len(cands)),
		byKey:   make(map[string]int),
		byTerm:  newPrefixLists(terms, len(cands)),
		checked: make([]int, 0, len(cands)),
		rarer: func(a, b int32) int {
			if df[a] != df[b] {
				return cmp.Compare(df[a], df[b])
			}
			return cmp.Compare(a, b)
		},
	}
	byText := make(map[string]int, len(cands))
	for ci := range cands {
		c := &cands[ci]
		p, ok := byText[c.text] // the very sentence, whatever language it was read in
		if !ok {
			p = m.passageFor(c, ci)
			byText[c.text] = p
		}
		m.out[p].cite(reports[c.report].ID)
	}
	return m.out
}

// merger is the state of merge.
type merger struct {
	out     []passage
	byKey   map[string]int // short passages by their folded words
	byTerm  prefixLists
	checked []int // by passage: 1 + the candidate last compared with it
	rarer   func(a, b int32) int
	ranked  []int32 // scratch
}

// passageFor returns the passage candidate c (the ci-th) is a copy of,
// making a new one when it is a copy of none.
func (m *merger) passageFor(c *candidate, ci int) int {
	if c.key != "" {
		if p, ok := m.byKey[c.key]; ok {
			return p
		}
		m.byKey[c.key] = len(m.out)
		return m.add(c)
	}
	m.ranked = append(m.ranked[:0], c.terms...)
	slices.SortFunc(m.ranked, m.rarer)
	prefix := m.ranked[:prefixLen(len(m.ranked))]
	if p := nearest(m.out, &m.byTerm, m.checked, prefix, c.terms, ci+1); p >= 0 {
		return p
	}
	for _, t := range prefix {
		m.byTerm.add(t, int32(len(m.out)))
	}
	return m.add(c)
}

// add makes the passage candidate c starts, and returns its index.
func (m *merger) add(c *candidate) int {
	m.out = append(m.out, passage{text: c.text, report: c.report, seq: c.seq, tokens: c.tokens, terms: c.terms})
	m.checked = append(m.checked, 0)
	return len(m.out) - 1
}

// prefixLists holds, for each term, the passages that have it in their
// prefix, as linked lists in shared arrays (latest first).
type prefixLists struct {
	head    []int32 // by term: the entry of its latest passage, -1 for none
	passage []int32 // by entry
	next    []int32 // by entry: the term's entry before, -1 for none
}

// newPrefixLists returns empty lists for terms term ids, room made for
// about n passages.
func newPrefixLists(terms, n int) prefixLists {
	l := prefixLists{head: make([]int32, terms), passage: make([]int32, 0, 4*n), next: make([]int32, 0, 4*n)}
	for i := range l.head {
		l.head[i] = -1
	}
	return l
}

// add puts passage p in the list of term t.
func (l *prefixLists) add(t, p int32) {
	l.passage = append(l.passage, p)
	l.next = append(l.next, l.head[t])
	l.head[t] = int32(len(l.passage) - 1)
}

// nearest returns the first passage, among those whose prefix shares a
// term with prefix, whose terms are nearly terms; -1 for none. mark
// tells the passages already compared for this sentence in checked.
func nearest(ps []passage, byTerm *prefixLists, checked []int, prefix, terms []int32, mark int) int {
	best := -1
	for _, t := range prefix {
		for e := byTerm.head[t]; e >= 0; e = byTerm.next[e] {
			p := int(byTerm.passage[e])
			if checked[p] == mark || (best >= 0 && p >= best) {
				continue
			}
			checked[p] = mark
			if near(ps[p].terms, terms) {
				best = p
			}
		}
	}
	return best
}

// prefixLen is how many of a sentence's n terms, rarest first, must hold
// one that a sentence with a Jaccard similarity of nearNum/nearDen to it
// has among its own as many: n - ⌈n·nearNum/nearDen⌉ + 1.
func prefixLen(n int) int {
	return n - (n*nearNum+nearDen-1)/nearDen + 1
}

// near reports whether the sorted term sets a and b are near copies:
// Jaccard similarity at least nearNum/nearDen.
func near(a, b []int32) bool {
	small, large := min(len(a), len(b)), max(len(a), len(b))
	if small*nearDen < large*nearNum {
		return false
	}
	common := commonTerms(a, b)
	return common*nearDen >= (len(a)+len(b)-common)*nearNum
}

// commonTerms returns how many terms the sorted sets a and b share.
func commonTerms(a, b []int32) int {
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return common
}

// cite adds article id to the passage's citations, unless it is there.
func (p *passage) cite(id int64) {
	if !slices.Contains(p.ids, id) {
		p.ids = append(p.ids, id)
	}
}
