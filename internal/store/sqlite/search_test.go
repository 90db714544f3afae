package sqlite

import (
	"fmt"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/text"
)

func TestMatchExpr(t *testing.T) {
	words := []text.QueryWord{{{"a"}, {"b", `c"d`}}, {{"e"}}}
	if got := matchExpr(words); got != `("a" OR ("b" AND "c""d")) AND "e"` {
		t.Errorf("matchExpr = %s", got)
	}
}

// TestAwaitIndex: once AwaitIndex returns, every article saved before it
// is in the index.
func TestAwaitIndex(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	for i := range 50 {
		body := fmt.Sprintf("Ferry number %d crossed the strait in calm weather.", i)
		a := &storyline.Article{URL: fmt.Sprintf("https://news.example/ferry/%d", i), Source: "Example",
			Title: "Ferry", Text: body, ContentHash: storyline.ContentHash(body)}
		if _, err := db.SaveArticle(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AwaitIndex(t.Context()); err != nil {
		t.Fatal(err)
	}
	if lag, err := db.IndexLag(t.Context()); err != nil || lag != 0 {
		t.Errorf("IndexLag after AwaitIndex = %d, %v; want 0", lag, err)
	}
}
