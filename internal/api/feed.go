package api

import (
	"time"

	"github.com/storyline/storyline"
)

// Feed is a feed subscription with its polling status.
type Feed struct {
	ID        int64      `json:"id"`
	URL       string     `json:"url"`
	Title     string     `json:"title,omitempty"`
	SiteURL   string     `json:"site_url,omitempty"`
	Source    string     `json:"source,omitempty"`
	Category  string     `json:"category,omitempty"`
	FeedOnly  bool       `json:"feed_only"`
	Paused    bool       `json:"paused"`
	LastFetch *time.Time `json:"last_fetch,omitempty"`
	LastError string     `json:"last_error,omitempty"`
	// ErrorHelp is the last error in plain words with what to do, when
	// the server recognises it.
	ErrorHelp    string     `json:"error_help,omitempty"`
	ErrorCount   int        `json:"error_count"`
	NextPoll     *time.Time `json:"next_poll,omitempty"`
	IntervalSecs int64      `json:"interval_seconds,omitempty"`
	ArticleCount int        `json:"article_count"`
	CreatedAt    time.Time  `json:"created_at"`
}

// NewFeed converts a domain feed.
func NewFeed(f *storyline.Feed) Feed {
	return Feed{
		ID: f.ID, URL: f.URL, Title: f.Title, SiteURL: f.SiteURL, Source: f.Source, Category: f.Category,
		FeedOnly: f.FeedOnly, Paused: f.Paused, LastFetch: timeOrNil(f.LastFetch), LastError: f.LastError,
		ErrorCount: f.ErrorCount, NextPoll: timeOrNil(f.NextPoll), IntervalSecs: int64(f.Interval / time.Second),
		ArticleCount: f.ArticleCount, CreatedAt: f.CreatedAt,
	}
}

// NewFeeds converts a list of feeds.
func NewFeeds(list []*storyline.Feed) []Feed {
	out := make([]Feed, len(list))
	for i, f := range list {
		out[i] = NewFeed(f)
	}
	return out
}

// timeOrNil returns a pointer to t, or nil for the zero time (so that JSON
// leaves it out).
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
