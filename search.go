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
	// Lang is the language (ISO 639-1 code, or a tag such as "de-AT")
	// the words are normalised for: "Verhandlung" finds "Verhandlungen"
	// in German. "" means every language of the stored articles, each
	// word matching an article when its form in the article's language
	// does; a language restricts the normalisation, not the articles.
	Lang string
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

// SearchReindexer brings the search index of stored articles up to the
// current analysis (terms per language), for an upgrade to run with a
// progress bar.
type SearchReindexer interface {
	// ReindexSearch indexes the search terms of up to batch articles (at
	// least one) that are not yet indexed as this build indexes them, and
	// returns how many it did and how many are left (as the store can
	// count them cheaply: the SQLite store counts article IDs, deleted
	// articles included). remaining 0 means the index is up to date. It is
	// resumable and safe to call beside saves and searches, from several
	// processes; each call is one transaction. Searches work meanwhile,
	// finding not-yet-reindexed articles as the older index did (or not at
	// all, in an SQLite index rebuilt from scratch).
	ReindexSearch(ctx context.Context, batch int) (done, remaining int, err error)
}

// Searcher searches stored articles.
type Searcher interface {
	// Search returns the canonical articles matching q, best first. Terms
	// in the title weigh more than terms in the body.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
}
