package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// TestTruncatedArticle: an article cut on the way in says so on its page,
// with a link to the rest at the source, and in the API; one kept whole
// says nothing.
func TestTruncatedArticle(t *testing.T) {
	e := newTestEnv(t)
	text := "The first part of a very long report.\n\nThe second part."
	a := &storyline.Article{URL: "https://long.example/report", Source: "Long Reads", Title: "A very long report",
		Text: text, HTML: "<p>The first part of a very long report.</p><p>The second part.</p>",
		ContentHash: storyline.ContentHash(text), Published: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Truncated: true}
	res, err := e.db.SaveArticle(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	const note = "This article was longer than Storyline keeps"
	tests := []struct {
		name     string
		id       int64
		wantNote bool
	}{
		{"cut", res.ID, true},
		{"whole", e.ids["wire"], false},
	}
	for _, tt := range tests {
		body := e.mustGet(nil, "/articles/"+itoa(tt.id), http.StatusOK)
		if got := strings.Contains(body, note); got != tt.wantNote {
			t.Errorf("%s: page has the note: %v, want %v", tt.name, got, tt.wantNote)
		}
		var out struct{ Truncated *bool }
		if code := getJSON(t, e.ts, "/api/v1/articles/"+itoa(tt.id), &out); code != http.StatusOK {
			t.Fatalf("%s: API %d", tt.name, code)
		}
		if got := out.Truncated != nil && *out.Truncated; got != tt.wantNote || (out.Truncated != nil && !*out.Truncated) {
			t.Errorf("%s: API truncated = %v, want %v (absent when false)", tt.name, out.Truncated, tt.wantNote)
		}
	}
	body := e.mustGet(nil, "/articles/"+itoa(res.ID), http.StatusOK)
	assertContains(t, "cut", body, `<a href="https://long.example/report" rel="noopener noreferrer nofollow">read the rest at the source</a>.`)
}
