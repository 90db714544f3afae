package storyline

import (
	"context"
	"time"
)

// SearchQuery is a full-text search. Text is what a person typed: plain
// words, never query syntax, so quotes, dashes and operators are matched as
// words and cannot make the search fail.
type SearchQuery struct {
	Text   string
	Source string    // outlet name, exact (case-insensitive); "" for all
	Since  time.Time // published at or after; zero for all time
	Limit  int       // at most this many hits; 0 means a default of 20
	Offset int
}

// SearchHit is one article found by a search, best first.
type SearchHit struct {
	Article *Article // without HTML and Text, to keep result lists light
	Snippet Snippet  // a passage of the text with the matched terms marked
	Score   float64  // relevance; higher is better
}

// Snippet is a short passage of text split into parts, each either a
// matched term or the text between matches. Presenters (CLI, HTML, JSON)
// mark the matches their own way.
type Snippet []SnippetPart

// SnippetPart is one run of a Snippet.
type SnippetPart struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// String returns the snippet's text with matches wrapped in open and close.
func (s Snippet) String(open, close string) string {
	n := 0
	for _, p := range s {
		n += len(p.Text) + len(open) + len(close)
	}
	b := make([]byte, 0, n)
	for _, p := range s {
		if p.Match {
			b = append(b, open...)
			b = append(b, p.Text...)
			b = append(b, close...)
			continue
		}
		b = append(b, p.Text...)
	}
	return string(b)
}

// Searcher searches stored articles.
type Searcher interface {
	// Search returns the canonical articles matching q, best first. Terms
	// in the title weigh more than terms in the body.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
}
