package sqlite

import (
	"testing"

	"github.com/storyline/storyline/internal/text"
)

func TestMatchExpr(t *testing.T) {
	words := []text.QueryWord{{{"a"}, {"b", `c"d`}}, {{"e"}}}
	if got := matchExpr(words); got != `("a" OR ("b" AND "c""d")) AND "e"` {
		t.Errorf("matchExpr = %s", got)
	}
}
