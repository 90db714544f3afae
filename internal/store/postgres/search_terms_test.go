package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/text"
)

var _ storyline.SearchReindexer = (*DB)(nil)

func TestSearchLiteral(t *testing.T) {
	db := openTest(t)
	defer db.Close()
	ctx := context.Background()
	vec := searchLiteral([]string{"don't", `a\b`, "x"}, []string{"x", "u.s", "col:term", "x"})
	var got string
	if err := db.pool.QueryRow(ctx, `SELECT $1::tsvector::text`, vec).Scan(&got); err != nil {
		t.Fatalf("%s: %v", vec, err)
	}
	if want := `'a\\b':2A 'col:term':6B 'don''t':1A 'u.s':5B 'x':3A,4B,7B`; got != want {
		t.Errorf("tsvector = %s, want %s", got, want)
	}
	for _, tt := range []struct {
		words []text.QueryWord
		want  bool
	}{
		{[]text.QueryWord{{{"don't"}}}, true},
		{[]text.QueryWord{{{"nope"}, {`a\b`, "u.s"}}, {{"x"}}}, true},
		{[]text.QueryWord{{{"nope"}, {`a\b`, "nope"}}}, false},
		{[]text.QueryWord{{{"'"}, {"&|!():*"}}}, false},
	} {
		var match bool
		q := tsqueryText(tt.words)
		if err := db.pool.QueryRow(ctx, `SELECT $1::tsvector @@ $2::tsquery`, vec, q).Scan(&match); err != nil {
			t.Errorf("%s: %v", q, err)
		} else if match != tt.want {
			t.Errorf("%s matches: %v, want %v", q, match, tt.want)
		}
	}
	// Long texts stay within the type's limits.
	long := make([]string, 40000)
	for i := range long {
		long[i] = fmt.Sprintf("w%d", i%500)
	}
	if err := db.pool.QueryRow(ctx, `SELECT length($1::tsvector)::text`, searchLiteral(nil, long)).Scan(&got); err != nil || got != "500" {
		t.Errorf("long text: %s lexemes, %v", got, err)
	}
}

func TestReindexSearch(t *testing.T) {
	db := openTest(t)
	defer db.Close()
	ctx := context.Background()
	for i := range 5 {
		body := fmt.Sprintf("Die Verhandlungen über den Hafen gehen weiter, Nummer %d.", i)
		if _, err := db.SaveArticle(ctx, &storyline.Article{URL: fmt.Sprintf("https://de.example/%d", i), Source: "DE",
			Language: "de", Title: "Hafen", Text: body, ContentHash: storyline.ContentHash(body)}); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		hits, err := db.Search(ctx, storyline.SearchQuery{Text: "Verhandlung"})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	if n := count(); n != 5 {
		t.Fatalf("hits = %d, want 5", n)
	}
	// The articles as migration 0012 leaves them: old terms, version 0.
	if _, err := db.pool.Exec(ctx, `UPDATE articles SET search = to_tsvector('simple', title), search_version = 0`); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Fatalf("hits before reindexing = %d, want 0", n)
	}
	var calls, total int
	for {
		done, left, err := db.ReindexSearch(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		total += done
		if calls++; left == 0 || calls > 5 {
			break
		}
	}
	if total != 5 || calls != 3 {
		t.Errorf("ReindexSearch did %d articles in %d calls, want 5 in 3", total, calls)
	}
	if n := count(); n != 5 {
		t.Errorf("hits after reindexing = %d, want 5", n)
	}
	if done, left, err := db.ReindexSearch(ctx, 10); done != 0 || left != 0 || err != nil {
		t.Errorf("ReindexSearch when done = %d, %d, %v", done, left, err)
	}
	var langs string
	if err := db.pool.QueryRow(ctx, `SELECT string_agg(lang, ',' ORDER BY lang) FROM search_languages`).Scan(&langs); err != nil || !strings.Contains(langs, "de") {
		t.Errorf("search_languages = %s, %v; want de among them", langs, err)
	}
}
