package sqlite

import (
	"strings"
)

// matchExpr returns an FTS5 query that matches rows containing every term:
// each term quoted as an FTS5 string, so that it is never read as an
// operator, column filter or prefix query.
func matchExpr(terms []string) string {
	return strings.Join(quoteTerms(terms), " AND ")
}

// quoteTerms quotes each term as an FTS5 string.
func quoteTerms(terms []string) []string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return quoted
}
