package sqlite

import (
	"strings"
	"unicode"
)

// maxQueryTerms bounds the words of a search query that are used.
const maxQueryTerms = 32

// queryTerms splits what a person typed into words: runs of letters and
// digits (with any combining marks that follow them). Everything else,
// including FTS5 syntax such as quotes, "-", "*", "(" and ":", separates
// words. Repeated words are dropped.
func queryTerms(text string) []string {
	var (
		terms []string
		seen  = map[string]bool{}
		start = -1
	)
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		key := strings.ToLower(w)
		if seen[key] || len(terms) >= maxQueryTerms {
			return
		}
		seen[key] = true
		terms = append(terms, w)
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		case unicode.Is(unicode.M, r) && start >= 0:
			// A combining mark belongs to the word it follows.
		default:
			flush(i)
		}
	}
	flush(len(text))
	return terms
}

// matchExpr returns an FTS5 query that matches rows containing every term:
// each term quoted as an FTS5 string, so that it is never read as an
// operator, column filter or prefix query.
func matchExpr(terms []string) string {
	return strings.Join(quoteTerms(terms), " AND ")
}

// anyExpr returns an FTS5 query that matches rows containing any term.
func anyExpr(terms []string) string {
	return strings.Join(quoteTerms(terms), " OR ")
}

// quoteTerms quotes each term as an FTS5 string.
func quoteTerms(terms []string) []string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return quoted
}
