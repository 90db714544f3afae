// Package api defines the JSON representation of Storyline's domain types,
// shared by the HTTP API under /api/v1 and the CLI's --json output, so both
// speak one shape.
package api

import (
	"time"

	"github.com/storyline/storyline"
)

// Article is an article as JSON. Body fields are omitted in lists.
type Article struct {
	ID          int64      `json:"id"`
	URL         string     `json:"url,omitempty"`
	Source      string     `json:"source,omitempty"`
	Title       string     `json:"title"`
	Byline      string     `json:"byline,omitempty"`
	SiteName    string     `json:"site_name,omitempty"`
	Language    string     `json:"language,omitempty"`
	ImageURL    string     `json:"image_url,omitempty"`
	Published   *time.Time `json:"published,omitempty"`
	WordCount   int        `json:"word_count"`
	CopyOf      int64      `json:"copy_of,omitempty"`
	ContentHash string     `json:"content_hash,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	HTML        string     `json:"html,omitempty"`
	Text        string     `json:"text,omitempty"`
	// Truncated, a body field, says html or text was longer than
	// Storyline keeps and was cut at a paragraph: the rest is at url.
	Truncated bool `json:"truncated,omitempty"`
	// AlsoPublishedBy lists the syndicated copies of this article, when
	// asked for one article.
	AlsoPublishedBy []Copy `json:"also_published_by,omitempty"`
	// StoryID and Analysis are set, when asked for one article (or by the
	// CLI), once it has been analysed; a copy not analysed itself has its
	// original's.
	StoryID  int64     `json:"story_id,omitempty"`
	Analysis *Analysis `json:"analysis,omitempty"`
	// Read and Saved are the signed-in reader's state of the article;
	// absent for visitors (see SetReaderState).
	Read  *bool `json:"read,omitempty"`
	Saved *bool `json:"saved,omitempty"`
}

// Copy is a syndicated copy of an article: another outlet's URL for the
// same text.
type Copy struct {
	ID     int64  `json:"id"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	Title  string `json:"title"`
}

// SearchHit is one search result.
type SearchHit struct {
	Article Article                 `json:"article"`
	Snippet []storyline.SnippetPart `json:"snippet"`
	Score   float64                 `json:"score"`
}

// Error is the one error shape of the API.
type Error struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// NewArticle converts a domain article; withBody includes HTML and text.
func NewArticle(a *storyline.Article, withBody bool) Article {
	out := Article{
		ID: a.ID, URL: a.URL, Source: a.Source, Title: a.Title, Byline: a.Byline,
		SiteName: a.SiteName, Language: a.Language, ImageURL: a.ImageURL,
		WordCount: a.WordCount, CopyOf: a.CopyOf, ContentHash: a.ContentHash,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
	if !a.Published.IsZero() {
		p := a.Published
		out.Published = &p
	}
	if withBody {
		out.HTML, out.Text, out.Truncated = a.HTML, a.Text, a.Truncated
	}
	return out
}

// SetAnalysis sets the article's analysis and story; nil (not analysed
// yet) sets neither.
func (a *Article) SetAnalysis(x *storyline.Analysis) {
	if x != nil {
		a.Analysis, a.StoryID = NewAnalysis(x), x.StoryID
	}
}

// NewArticles converts a list of articles without their bodies.
func NewArticles(as []*storyline.Article) []Article {
	out := make([]Article, len(as))
	for i, a := range as {
		out[i] = NewArticle(a, false)
	}
	return out
}

// NewCopies converts syndicated copies.
func NewCopies(as []*storyline.Article) []Copy {
	out := make([]Copy, len(as))
	for i, a := range as {
		out[i] = Copy{ID: a.ID, URL: a.URL, Source: a.Source, Title: a.Title}
	}
	return out
}

// NewSearchHits converts search results.
func NewSearchHits(hits []storyline.SearchHit) []SearchHit {
	out := make([]SearchHit, len(hits))
	for i, h := range hits {
		snippet := h.Snippet
		if snippet == nil {
			snippet = storyline.Snippet{}
		}
		out[i] = SearchHit{Article: NewArticle(h.Article, false), Snippet: snippet, Score: h.Score}
	}
	return out
}

// NewError returns the API error body for err.
func NewError(err error) Error {
	var e Error
	e.Error.Code = storyline.ErrorCode(err)
	e.Error.Message = storyline.ErrorMessage(err)
	return e
}
