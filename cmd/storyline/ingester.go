package main

import (
	"context"
	"fmt"
	"io"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/opml"
)

// webIngester lets the web app subscribe to feeds through the poller, so
// the fetcher's rules (a private address is refused) apply as they do on
// the command line. It implements web.Ingester.
type webIngester struct{ p *ingest.Poller }

// Subscribe subscribes to the feed at url, or the one the page at url
// leads to, filed under category.
func (w webIngester) Subscribe(ctx context.Context, url, category string) (*storyline.Feed, error) {
	return w.p.Subscribe(ctx, ingest.Subscription{URL: url, Category: category})
}

// ImportOPML subscribes to the feeds of the OPML document read from r, as
// `storyline feeds import` does.
func (w webIngester) ImportOPML(ctx context.Context, r io.Reader) (added, existing int, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return 0, 0, fmt.Errorf("import OPML: %w", err)
	}
	outlines, err := opml.Parse(data)
	if err != nil {
		return 0, 0, storyline.Errorf(storyline.EINVALID, "import OPML: %v", err)
	}
	return addOutlines(ctx, w.p.Store, outlines)
}

// feedAdder stores feed subscriptions.
type feedAdder interface {
	AddFeed(ctx context.Context, f *storyline.Feed) error
}

// addOutlines subscribes to the feeds of OPML outlines and returns how
// many were added and how many were already subscribed. The feeds are
// fetched when they are first polled, under the fetcher's rules.
func addOutlines(ctx context.Context, store feedAdder, outlines []opml.Outline) (added, existing int, err error) {
	for _, o := range outlines {
		f := &storyline.Feed{URL: o.URL, Title: o.Title, SiteURL: o.SiteURL, Category: o.Category}
		switch err := store.AddFeed(ctx, f); storyline.ErrorCode(err) {
		case "":
			added++
		case storyline.ECONFLICT:
			existing++
		default:
			return added, existing, err
		}
	}
	return added, existing, nil
}
