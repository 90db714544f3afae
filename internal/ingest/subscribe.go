package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/feed"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/urlx"
)

// Subscription is what a person gives when subscribing.
type Subscription struct {
	URL      string // a feed, or a page (a homepage, say) that leads to one
	Category string
	Source   string // outlet name for the feed's articles; "" to take each page's
	FeedOnly bool
}

// Subscribe subscribes to the feed at s.URL. When s.URL is a page rather
// than a feed, the feed is discovered: first the feeds the page advertises
// (<link rel="alternate">), then the usual places (/feed, /rss.xml, …).
// The new feed is due at once. Subscribing twice to one feed is an
// ECONFLICT error; a URL that leads to no feed is EINVALID.
func (p *Poller) Subscribe(ctx context.Context, s Subscription) (*storyline.Feed, error) {
	raw := strings.TrimSpace(s.URL)
	u, err := urlx.Canonicalize(raw)
	if err != nil || !strings.HasPrefix(u, "http") {
		return nil, storyline.Errorf(storyline.EINVALID, "subscribe %q: not an http(s) URL", raw)
	}
	feedURL, parsed, err := p.findFeed(ctx, u)
	if err != nil {
		return nil, err
	}
	if old, err := p.Store.FeedByURL(ctx, feedURL); err == nil {
		return nil, storyline.Errorf(storyline.ECONFLICT, "already subscribed to %s (feed %d)", feedURL, old.ID)
	}
	f := &storyline.Feed{
		URL: feedURL, Title: parsed.Title, SiteURL: parsed.SiteURL,
		Source: strings.TrimSpace(s.Source), Category: strings.TrimSpace(s.Category), FeedOnly: s.FeedOnly,
	}
	if err := p.Store.AddFeed(ctx, f); err != nil {
		return nil, err
	}
	return f, nil
}

// findFeed returns the URL of the feed that u is or leads to, parsed.
func (p *Poller) findFeed(ctx context.Context, u string) (string, *feed.Feed, error) {
	now := p.now()
	// The person asked for this URL: robots.txt does not apply to it.
	resp, err := p.Fetcher.Get(ctx, fetch.Request{URL: u, Accept: acceptFeed, SkipRobots: true})
	if err != nil {
		return "", nil, storyline.Errorf(storyline.EINVALID, "subscribe %s: %w", u, err)
	}
	parsed, err := p.parseHead(ctx, resp.Body, resp.URL, now)
	if err == nil {
		return u, parsed, nil
	}
	if !errors.Is(err, feed.ErrNotFeed) {
		return "", nil, storyline.Errorf(storyline.EINVALID, "subscribe %s: %w", u, err)
	}
	candidates := append(feed.Discover(resp.Body, resp.URL), feed.CandidatePaths(resp.URL)...)
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		r, err := p.Fetcher.Get(ctx, fetch.Request{URL: c, Accept: acceptFeed, SkipRobots: true})
		if err != nil {
			if ctx.Err() != nil {
				return "", nil, context.Cause(ctx)
			}
			continue
		}
		if parsed, err := p.parseHead(ctx, r.Body, r.URL, now); err == nil {
			if cu, err := urlx.Canonicalize(c); err == nil {
				c = cu
			}
			return c, parsed, nil
		}
	}
	return "", nil, storyline.Errorf(storyline.EINVALID, "subscribe %s: %w: the page advertises none that works, and none is at the usual places (/feed, /rss.xml, …)", u, errNoFeed)
}

// errNoFeed is the cause of the error for a page that leads to no feed.
var errNoFeed = errors.New("no feed found")

// AddPage fetches the article page at url and stores its article (a
// person adding a single page by hand, so robots.txt does not apply).
func (p *Poller) AddPage(ctx context.Context, url string) (*storyline.Article, storyline.SaveResult, error) {
	raw := strings.TrimSpace(url)
	u, err := urlx.Canonicalize(raw)
	if err != nil || !strings.HasPrefix(u, "http") {
		return nil, storyline.SaveResult{}, storyline.Errorf(storyline.EINVALID, "add %q: not an http(s) URL", raw)
	}
	a, err := p.pageArticle(ctx, u, true)
	if err != nil {
		return nil, storyline.SaveResult{}, fmt.Errorf("add %s: %w", u, err)
	}
	if a.Title == "" {
		return nil, storyline.SaveResult{}, fmt.Errorf("add %s: the page has no title", u)
	}
	res, err := p.Store.SaveArticle(ctx, a)
	if err != nil {
		return nil, storyline.SaveResult{}, fmt.Errorf("add %s: %w", u, err)
	}
	if err := p.Analyzer.saved(ctx, a, res); err != nil {
		return nil, storyline.SaveResult{}, fmt.Errorf("add %s: %w", u, err)
	}
	if p.Analyzer != nil {
		if err := p.Analyzer.Flush(ctx); err != nil {
			return nil, storyline.SaveResult{}, fmt.Errorf("add %s: %w", u, err)
		}
	}
	a.ID = res.ID
	return a, res, nil
}
