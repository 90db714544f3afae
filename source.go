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
	// FeedOnly keeps the feed's own entry content instead of fetching each
	// entry's page and extracting the article.
	FeedOnly bool
	// Paused feeds are not polled: the server said the feed is gone (HTTP
	// 410), or a person paused it.
	Paused bool

	LastFetch  time.Time // last poll, zero before the first
	LastError  string    // readable message of the last failure, "" after a success
	ErrorCount int       // failures in a row
	NextPoll   time.Time // when the feed is due; zero: at once
	// RetryUntil is when the server allows the next request (Retry-After);
	// zero when it set no limit.
	RetryUntil time.Time
	// Interval is the polling interval chosen from the feed's publishing
	// rate, 0 before the first successful poll.
	Interval time.Duration
	// ETag and LastModified are the HTTP validators of the last response,
	// sent back so that an unchanged feed costs a 304.
	ETag         string
	LastModified string

	ArticleCount int // entries stored from this feed (filled by Feeds and Feed)
	CreatedAt    time.Time
}

// FeedPoll is what one poll of a feed found out, stored by RecordPoll.
type FeedPoll struct {
	FeedID int64
	At     time.Time // when the poll started
	// Err is the readable reason the poll failed, or "" on success. A
	// failure increments the feed's error count; a success resets it.
	Err string
	// EntryErr, on a successful poll, says which entries could not be
	// stored and why; it becomes the feed's last error without counting as
	// a failure of the feed.
	EntryErr string
	// Gone pauses the feed: the server said it no longer exists.
	Gone bool
	// ETag and LastModified replace the stored validators when set.
	ETag         string
	LastModified string
	// ClearValidators forgets the stored validators instead (a poll that
	// took only part of the feed: the next one must get it whole).
	ClearValidators bool
	NextPoll        time.Time
	RetryUntil      time.Time
	Interval        time.Duration // replaces the stored interval when > 0
	// Title and SiteURL, as the feed gives them, fill a feed's empty ones.
	Title   string
	SiteURL string
}

// FeedStore stores feed subscriptions and what polling them found.
type FeedStore interface {
	// AddFeed subscribes to f.URL and sets f.ID; an existing subscription to
	// the same URL is an ECONFLICT error.
	AddFeed(ctx context.Context, f *Feed) error
	// UpdateFeed saves the settings a person can change — Title, SiteURL,
	// Source, Category, FeedOnly, Paused — of feed f.ID, or returns
	// ENOTFOUND. Un-pausing a feed makes it due at once.
	UpdateFeed(ctx context.Context, f *Feed) error
	// Feed returns one feed, or an ENOTFOUND error.
	Feed(ctx context.Context, id int64) (*Feed, error)
	// FeedByURL returns the feed subscribed at url, or an ENOTFOUND error.
	FeedByURL(ctx context.Context, url string) (*Feed, error)
	// Feeds lists all feeds by category, then title.
	Feeds(ctx context.Context) ([]*Feed, error)
	// DueFeeds lists up to limit feeds that are not paused and due at now
	// (NextPoll and RetryUntil not after it), the longest overdue first.
	DueFeeds(ctx context.Context, now time.Time, limit int) ([]*Feed, error)
	// DeleteFeed removes a feed (its articles stay), or returns ENOTFOUND.
	DeleteFeed(ctx context.Context, id int64) error
	// RecordPolls stores the outcomes of polls in one transaction. A poll
	// of a feed that no longer exists is skipped.
	RecordPolls(ctx context.Context, polls ...FeedPoll) error
	// FeedEntries returns which of the entry GUIDs of a feed are stored,
	// mapped to their article IDs.
	FeedEntries(ctx context.Context, feedID int64, guids []string) (map[string]int64, error)
	// LinkEntry records that entry guid of a feed is the stored article
	// articleID (an entry whose article arrived by another way). Linking a
	// known entry again changes nothing.
	LinkEntry(ctx context.Context, feedID int64, guid string, articleID int64) error
}

// SourceStore lists and renames outlets.
type SourceStore interface {
	// Sources lists outlets with their article counts, by name.
	Sources(ctx context.Context) ([]*Source, error)
	// RenameSource gives outlet id the name name. When another outlet has
	// that name (ignoring case), id's articles become its articles and id
	// is removed. Feeds that gave their articles the old name give the new
	// one. An unknown id is ENOTFOUND, an empty name EINVALID.
	RenameSource(ctx context.Context, id int64, name string) error
}
