package storyline

import (
	"context"
	"time"
)

// Source is an outlet: a publisher whose articles Storyline stores.
type Source struct {
	ID           int64
	Name         string // display name, unique (case-insensitive)
	Domain       string // main host, e.g. "apnews.com", or ""
	ArticleCount int    // canonical articles and copies stored for it
}

// Feed is a subscription: a URL polled for new articles.
type Feed struct {
	ID       int64
	URL      string // the feed's own URL
	Title    string
	SiteURL  string // the outlet's homepage
	Source   string // outlet name given to the feed's articles
	Category string // folder, from OPML or set by the user

	LastFetch  time.Time // last poll, zero before the first
	LastError  string    // readable message of the last failure, "" after a success
	ErrorCount int       // failures in a row
	NextPoll   time.Time // when the feed is due
	CreatedAt  time.Time
}

// FeedStore stores feed subscriptions.
type FeedStore interface {
	// AddFeed subscribes to f.URL and sets f.ID; an existing subscription to
	// the same URL is an ECONFLICT error.
	AddFeed(ctx context.Context, f *Feed) error
	// Feed returns one feed, or an ENOTFOUND error.
	Feed(ctx context.Context, id int64) (*Feed, error)
	// Feeds lists all feeds by category, then title.
	Feeds(ctx context.Context) ([]*Feed, error)
	// DeleteFeed removes a feed (its articles stay), or returns ENOTFOUND.
	DeleteFeed(ctx context.Context, id int64) error
}

// SourceStore lists outlets.
type SourceStore interface {
	// Sources lists outlets with their article counts, by name.
	Sources(ctx context.Context) ([]*Source, error)
}
