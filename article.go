package storyline

import (
	"context"
	"time"
)

// Article is one report as published by one outlet at one URL, reduced to
// the article itself (no navigation, promotions, comments or link lists).
//
// Syndicated copies are stored as their own rows (their URL, outlet and
// title), linked to the canonical article by CopyOf; the text is stored once,
// on the canonical article.
type Article struct {
	ID  int64
	URL string // canonical URL; empty for imported documents that carry none

	Source    string // outlet name, e.g. "Reuters"
	Title     string
	Byline    string
	SiteName  string
	Language  string    // BCP 47 tag such as "en", or "" when unknown
	ImageURL  string    // lead image
	Published time.Time // zero when unknown; keeps the time of day when the page has it

	HTML      string // sanitized article HTML
	Text      string // plain text, paragraphs separated by a blank line
	WordCount int
	// Truncated says the article's text or HTML was longer than
	// Storyline keeps (2 MiB each) and was cut at a paragraph on the way
	// in: the rest is only at the source. WordCount, ContentHash and the
	// analysis are of the text that was kept.
	Truncated bool

	// ContentHash identifies the normalized text (see NormalizeText); two
	// articles with the same hash are copies of one another.
	ContentHash string
	// CopyOf is the ID of the canonical article this one is a copy of, or 0.
	CopyOf int64
	// FeedID is the feed the article arrived through, or 0.
	FeedID int64
	// EntryGUID is the feed entry the article was built from. With FeedID,
	// SaveArticle records the entry in the same transaction, so that the
	// entry is never fetched again.
	EntryGUID string
	// ContentFrom says where the text of an article that arrived through a
	// feed came from: its page (ContentPage) or the feed entry itself
	// (ContentFeed). Empty for other articles.
	ContentFrom ContentOrigin

	CreatedAt time.Time // first stored
	UpdatedAt time.Time // last changed
}

// ContentOrigin is where an article's text came from.
type ContentOrigin string

// Content origins.
const (
	// ContentPage: extracted from the article's own page.
	ContentPage ContentOrigin = "page"
	// ContentFeed: the feed entry's content, used when the feed is set to
	// feed content only, or the page could not be fetched or had no article.
	ContentFeed ContentOrigin = "feed"
)

// SaveOutcome says what saving an article did.
type SaveOutcome int

// Outcomes of ArticleStore.SaveArticle.
const (
	// Added: a new article was stored.
	Added SaveOutcome = iota + 1
	// Updated: an article with the same canonical URL existed and changed.
	Updated
	// Unchanged: the same article was already stored; nothing was written.
	Unchanged
	// Copied: the same text was stored under another URL; this one was
	// stored as a copy linked to it.
	Copied
)

// String returns the outcome as a lower-case word.
func (o SaveOutcome) String() string {
	switch o {
	case Added:
		return "added"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	case Copied:
		return "copy"
	default:
		return "unknown"
	}
}

// SaveResult reports the outcome of saving one article and the ID it has.
type SaveResult struct {
	ID      int64
	Outcome SaveOutcome
	// CopyOf is the canonical article's ID when Outcome is Copied.
	CopyOf int64
	// Replaced, when Outcome is Added, is the canonical article whose
	// text the new article has and which it replaced as canonical, having
	// been published earlier: that article (with its copies) is now a copy
	// of the new one, which is to be analysed as new. 0 otherwise.
	Replaced int64
}

// ArticleFilter selects articles for listing. Zero fields do not filter.
type ArticleFilter struct {
	Source string    // outlet name, exact (case-insensitive)
	Since  time.Time // published (or stored, when unknown) at or after
	Limit  int       // at most this many; 0 means a default of 50
	Offset int
	// Before continues a listing after its last article: only articles that
	// come after (BeforeTime, BeforeID) in the list's order, which is the
	// published (or stored) time, then ID, both descending. Zero BeforeID:
	// from the top.
	BeforeTime time.Time
	BeforeID   int64
	// IncludeCopies lists syndicated copies too; by default only canonical
	// articles are listed.
	IncludeCopies bool
}

// ArticleStore stores articles. Implementations are safe for concurrent
// use; each SaveArticle is one transaction.
type ArticleStore interface {
	// SaveArticle stores a by canonical URL: a new URL is added, a known
	// URL is updated in place (or left unchanged), and text already stored
	// under another URL makes a linked copy. a.ContentHash must be set.
	SaveArticle(ctx context.Context, a *Article) (SaveResult, error)
	// Article returns the article with the given ID, or an ENOTFOUND error.
	Article(ctx context.Context, id int64) (*Article, error)
	// ArticleByURL returns the article stored under a canonical URL, or an
	// ENOTFOUND error.
	ArticleByURL(ctx context.Context, url string) (*Article, error)
	// Articles lists articles, newest first.
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	// Copies lists the syndicated copies of a canonical article.
	Copies(ctx context.Context, id int64) ([]*Article, error)
	// CountArticles returns how many articles (copies included) are stored.
	CountArticles(ctx context.Context) (int, error)
}
