package storeutil

import (
	"iter"
	"strings"
	"unicode"
)

// MaxQueryTerms bounds the words of a search query that are used.
const MaxQueryTerms = 32

// RankWindow is how many of the most recent matches of a search query
// are ranked: ranking costs time per match, which a query of common words
// (matching most of a large store) cannot afford, so a query ranks the
// RankWindow newest articles that match it (or more, when paging further).
const RankWindow = 2000

// Words yields the byte range [start, end) of each word of text: runs of
// letters and digits, with any combining marks that follow them.
// Everything else separates words.
func Words(text string) iter.Seq2[int, int] {
	return func(yield func(start, end int) bool) {
		start := -1
		for i, r := range text {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if start < 0 {
					start = i
				}
			case unicode.Is(unicode.M, r) && start >= 0:
				// A combining mark belongs to the word it follows.
			default:
				if start >= 0 {
					if !yield(start, i) {
						return
					}
					start = -1
				}
			}
		}
		if start >= 0 {
			yield(start, len(text))
		}
	}
}

// QueryTerms splits what a person typed into a search box into its words
// (see Words): everything else, including quotes, operators and other
// query syntax, separates them. Repeated words (ignoring case) are
// dropped, and at most MaxQueryTerms are kept. The words hold no NUL,
// quote or operator and are valid UTF-8.
func QueryTerms(text string) []string {
	var (
		terms []string
		seen  = map[string]bool{}
	)
	for start, end := range Words(text) {
		if len(terms) >= MaxQueryTerms {
			break
		}
		w := text[start:end]
		key := strings.ToLower(w)
		if seen[key] {
			continue
		}
		seen[key] = true
		terms = append(terms, w)
	}
	return terms
}
