package sqlite

import (
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// matchExpr returns an FTS5 query that matches rows containing every word:
// a word matches when any of its alternatives does, an alternative when
// all its terms do — ("a" OR ("b" AND "c")) AND "d". Each term is quoted
// as an FTS5 string, so that it is never read as an operator, column
// filter or prefix query.
func matchExpr(words []text.QueryWord) string {
	ands := make([]string, len(words))
	for i, w := range words {
		ors := make([]string, len(w))
		for j, alt := range w {
			quoted := make([]string, len(alt))
			for k, t := range alt {
				quoted[k] = quoteTerm(t)
			}
			ors[j] = group(quoted, " AND ")
		}
		ands[i] = group(ors, " OR ")
	}
	return strings.Join(ands, " AND ")
}

// group joins parts with op, in parentheses when there are several.
func group(parts []string, op string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, op) + ")"
}

// quoteTerm quotes a term as an FTS5 string.
func quoteTerm(t string) string {
	return `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
}
