package keyphrase

import (
	"math"
	"sort"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// Story returns the top n keyphrases of a story from the keyphrases of its
// articles (each list best first, as Extract returns them). A phrase weighs
// its score relative to its article's best, summed over the articles that
// name it, so phrases many articles share come first; phrases with the
// same hashtag (case aside) are one, shown in the form most articles use,
// and a phrase whose words are all in a better one is left out.
func (e *Extractor) Story(docs [][]Phrase, n int) []Phrase {
	if n <= 0 {
		return nil
	}
	type agg struct {
		words  []string       // folded
		score  float64        // summed weights
		forms  map[string]int // written forms by use
		first  int            // order of first appearance, for ties
		lastAt int            // index of the last document counted
	}
	byKey := make(map[string]*agg)
	var order []*agg
	for di, ps := range docs {
		top := 0.0
		for _, p := range ps {
			if !math.IsInf(p.Score, 0) && !math.IsNaN(p.Score) {
				top = max(top, p.Score)
			}
		}
		for rank, p := range ps {
			tag := Hashtag(p.Text) // not p.Hashtag: the text is what is shown
			if tag == "" {
				continue
			}
			k := strings.ToLower(tag)
			w := 1 / float64(rank+1) // scores unusable: weigh by rank
			if top > 0 && p.Score > 0 && p.Score <= top {
				w = p.Score / top
			}
			a, ok := byKey[k]
			if !ok {
				a = &agg{words: foldedWords(p.Text), forms: make(map[string]int), first: len(order), lastAt: -1}
				byKey[k] = a
				order = append(order, a)
			}
			if a.lastAt == di {
				continue // a document counts once per phrase
			}
			a.lastAt = di
			a.score += w
			a.forms[p.Text]++
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].score != order[j].score {
			return order[i].score > order[j].score
		}
		return order[i].first < order[j].first
	})
	var chosen []*agg
	out := make([]Phrase, 0, min(n, len(order)))
	for _, a := range order {
		if len(out) == n {
			break
		}
		redundant := false
		for _, c := range chosen {
			if containsAll(c.words, a.words) {
				redundant = true
				break
			}
		}
		if redundant {
			continue
		}
		chosen = append(chosen, a)
		form := bestForm(a.forms)
		out = append(out, Phrase{Text: form, Score: a.score, Hashtag: Hashtag(form)})
	}
	return out
}

// foldedWords returns the folded words of a phrase.
func foldedWords(s string) []string {
	ws := text.Words(s)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = text.Fold(w.Text)
	}
	return out
}

// containsAll reports whether every word of sub is in words.
func containsAll(words, sub []string) bool {
	if len(sub) == 0 {
		return false
	}
	for _, s := range sub {
		found := false
		for _, w := range words {
			if w == s {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// bestForm returns the most used form, the smallest string on a tie.
func bestForm(forms map[string]int) string {
	best, bn := "", -1
	for f, n := range forms {
		if n > bn || (n == bn && f < best) {
			best, bn = f, n
		}
	}
	return best
}
