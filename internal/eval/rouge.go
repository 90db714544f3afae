package eval

import (
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// RougeScore is one ROUGE measure of one summary (or a mean over many):
// precision, recall and their F1.
type RougeScore struct {
	Precision, Recall, F1 float64
}

// Rouge holds ROUGE-1, ROUGE-2 and ROUGE-L of a summary against its
// reference.
type Rouge struct {
	R1, R2, RL RougeScore
}

// RougeScorer computes ROUGE as Google's rouge_score package does with
// use_stemmer=True: text lower-cased, every run of characters other than
// a-z and 0-9 made a token boundary, tokens longer than three characters
// Porter-stemmed; ROUGE-N from clipped n-gram counts; ROUGE-L from the
// longest common subsequence of the two whole token sequences (rouge_score's
// "rougeL", not the newline-split summary-level "rougeLsum"). It stems with
// the original Porter algorithm (Snowball's "porter"), where rouge_score
// uses NLTK's Porter with its extensions; the two differ on a few words
// ("news", "dying", "skies"). It is safe for concurrent use.
type RougeScorer struct {
	stem *text.Analyzer
}

// NewRougeScorer returns a scorer with Porter stemming.
func NewRougeScorer() *RougeScorer {
	return &RougeScorer{stem: text.NewPorterAnalyzer()}
}

// Tokens returns the ROUGE tokens of s.
func (r *RougeScorer) Tokens(s string) []string {
	s = strings.ToLower(s)
	var toks []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isRougeChar(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			tok := s[start:i]
			if len(tok) > 3 {
				tok = r.stem.Stem(tok)
			}
			if tok != "" {
				toks = append(toks, tok)
			}
			start = -1
		}
	}
	return toks
}

// isRougeChar reports whether b is one of the characters rouge_score keeps
// in tokens (a-z, 0-9 after lower-casing). Bytes of multi-byte UTF-8
// sequences are all ≥ 0x80 and so never kept, as Python drops the runes.
func isRougeChar(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9'
}

// Score returns ROUGE-1, ROUGE-2 and ROUGE-L of candidate against
// reference.
func (r *RougeScorer) Score(reference, candidate string) Rouge {
	ref, cand := r.Tokens(reference), r.Tokens(candidate)
	return Rouge{
		R1: rougeN(ref, cand, 1),
		R2: rougeN(ref, cand, 2),
		RL: rougeL(ref, cand),
	}
}

// rougeN scores the n-grams of cand against those of ref, counts clipped.
func rougeN(ref, cand []string, n int) RougeScore {
	refGrams, candGrams := rougeNgrams(ref, n), rougeNgrams(cand, n)
	overlap := 0
	for g, c := range refGrams {
		overlap += min(c, candGrams[g])
	}
	refTotal, candTotal := max(len(ref)-n+1, 0), max(len(cand)-n+1, 0)
	return rougeFromCounts(overlap, candTotal, refTotal)
}

// rougeNgrams counts the n-grams of toks, each joined by one space.
func rougeNgrams(toks []string, n int) map[string]int {
	out := make(map[string]int, max(len(toks)-n+1, 0))
	for i := 0; i+n <= len(toks); i++ {
		if n == 1 {
			out[toks[i]]++
			continue
		}
		out[strings.Join(toks[i:i+n], " ")]++
	}
	return out
}

// rougeL scores the longest common subsequence of ref and cand; either
// being empty scores zero.
func rougeL(ref, cand []string) RougeScore {
	if len(ref) == 0 || len(cand) == 0 {
		return RougeScore{}
	}
	return rougeFromCounts(rougeLCS(ref, cand), len(cand), len(ref))
}

// rougeLCS returns the length of the longest common subsequence of a and
// b, with one row of the dynamic programme kept at a time.
func rougeLCS(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// rougeFromCounts turns matches over candidate and reference totals into
// precision, recall and F1, with rouge_score's guards: a zero total
// counts as one, and F1 is zero when both are.
func rougeFromCounts(match, candTotal, refTotal int) RougeScore {
	s := RougeScore{
		Precision: float64(match) / float64(max(candTotal, 1)),
		Recall:    float64(match) / float64(max(refTotal, 1)),
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}
