package eval

import (
	"strings"
	"unicode"
)

// ShingleSize is the number of consecutive tokens in one shingle.
const ShingleSize = 4

// Scores are the averaged shingle precision, recall and F1 of one system.
type Scores struct {
	Precision float64
	Recall    float64
	F1        float64
	// Docs is how many ground-truth documents were scored.
	Docs int
}

// Counts are the shingle matches of one document: true positives (shingles
// in both), false positives (only predicted) and false negatives (only in
// the ground truth), counted as multisets.
type Counts struct {
	TP, FP, FN int
}

// ScoreExtraction scores predicted texts against gold texts, both keyed by
// document ID. Every gold document is scored; a document missing from pred
// counts as an empty prediction. Precision and recall are the means of the
// per-document ratios over the documents where they are defined, and F1 is
// their harmonic mean.
func ScoreExtraction(gold, pred map[string]string) Scores {
	var sumP, sumR float64
	var nP, nR int
	for id, g := range gold {
		c := CompareTexts(g, pred[id])
		if c.TP+c.FP+c.FN == 0 {
			continue
		}
		if c.TP+c.FP > 0 {
			sumP += float64(c.TP) / float64(c.TP+c.FP)
			nP++
		}
		if c.TP+c.FN > 0 {
			sumR += float64(c.TP) / float64(c.TP+c.FN)
			nR++
		}
	}
	s := Scores{Docs: len(gold)}
	if nP > 0 {
		s.Precision = sumP / float64(nP)
	}
	if nR > 0 {
		s.Recall = sumR / float64(nR)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// CompareTexts counts the shingles that gold and pred share and those that
// only one of them has.
func CompareTexts(gold, pred string) Counts {
	g := Shingles(gold)
	p := Shingles(pred)
	var c Counts
	for s, np := range p {
		ng := g[s]
		m := min(np, ng)
		c.TP += m
		c.FP += np - m
	}
	for s, ng := range g {
		c.FN += ng - min(ng, p[s])
	}
	return c
}

// Shingles returns the multiset of ShingleSize-token shingles of text, each
// shingle being its tokens joined by one space. Text with fewer tokens than
// ShingleSize has none.
func Shingles(text string) map[string]int {
	toks := Tokens(text)
	out := make(map[string]int, max(0, len(toks)-ShingleSize+1))
	for i := 0; i+ShingleSize <= len(toks); i++ {
		out[strings.Join(toks[i:i+ShingleSize], " ")]++
	}
	return out
}

// Tokens splits text into runs of word characters: Unicode letters,
// numbers and the underscore, as Python's `\w+` does.
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}
