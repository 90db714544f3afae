package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/feed"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/opml"
	"github.com/storyline/storyline/internal/urlx"
)

// OPMLResult is what importing the feeds of an OPML file did.
type OPMLResult struct {
	Added    int // feeds subscribed to
	Existing int // feeds already subscribed to
	// Failed lists the feeds not subscribed to, in the file's order.
	Failed []FeedFailure
}

// FeedFailure is a feed of an OPML file that was not subscribed to, and
// why.
type FeedFailure struct {
	URL    string
	Reason string // in plain words, e.g. "the server answered 404 (not found)"
}

// OPMLOptions are the settings an OPML import gives every feed it
// subscribes to; feeds already subscribed to keep theirs.
type OPMLOptions struct {
	// FeedOnly makes each new feed keep its own entry content, as
	// Subscription.FeedOnly does.
	FeedOnly bool
}

// opmlWorkers is how many feeds of an OPML file are checked at once; the
// fetcher caps the requests to each host besides.
const opmlWorkers = 8

// ImportOPML subscribes to the feeds of an OPML file's outlines, with
// their titles, sites and folders (as categories). Each feed not yet
// subscribed to is fetched first, as Subscribe does (a page leads to the
// feed it advertises), so that a feed that cannot be reached or is not a
// feed is reported, in plain words, rather than added. The error is only
// for a cancelled context or a failing store.
func (p *Poller) ImportOPML(ctx context.Context, outlines []opml.Outline) (OPMLResult, error) {
	return p.ImportOPMLWith(ctx, outlines, OPMLOptions{})
}

// ImportOPMLWith is ImportOPML giving each feed it subscribes to the
// settings of opts.
func (p *Poller) ImportOPMLWith(ctx context.Context, outlines []opml.Outline, opts OPMLOptions) (OPMLResult, error) {
	type outcome struct {
		existing bool
		reason   string
		err      error
	}
	outcomes := make([]outcome, len(outlines))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(opmlWorkers, len(outlines)) {
		wg.Go(func() {
			for i := range next {
				o := &outcomes[i]
				o.existing, o.reason, o.err = p.importOutline(ctx, outlines[i], opts)
			}
		})
	}
feed:
	for i := range outlines {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return OPMLResult{}, fmt.Errorf("import OPML: %w", err)
	}

	var res OPMLResult
	for i, o := range outcomes {
		switch {
		case o.err != nil:
			return res, fmt.Errorf("import OPML: %s: %w", outlines[i].URL, o.err)
		case o.reason != "":
			res.Failed = append(res.Failed, FeedFailure{URL: outlines[i].URL, Reason: o.reason})
		case o.existing:
			res.Existing++
		default:
			res.Added++
		}
	}
	return res, nil
}

// importOutline subscribes to one outline's feed with the settings of
// opts: it reports whether the feed was already there, or the reason it
// could not be subscribed to; the error is the store's.
func (p *Poller) importOutline(ctx context.Context, o opml.Outline, opts OPMLOptions) (existing bool, reason string, err error) {
	u, err := urlx.Canonicalize(strings.TrimSpace(o.URL))
	if err != nil || !strings.HasPrefix(u, "http") {
		return false, "not a web address", nil
	}
	if known, err := p.known(ctx, u); known || err != nil {
		return known, "", err
	}
	feedURL, parsed, err := p.findFeed(ctx, u)
	if err != nil {
		return false, failureReason(err), nil
	}
	if feedURL != u {
		if known, err := p.known(ctx, feedURL); known || err != nil {
			return known, "", err
		}
	}
	f := &storyline.Feed{
		URL: feedURL, Title: cmpOr(o.Title, parsed.Title), SiteURL: cmpOr(o.SiteURL, parsed.SiteURL),
		Category: strings.TrimSpace(o.Category), FeedOnly: opts.FeedOnly,
	}
	switch err := p.Store.AddFeed(ctx, f); storyline.ErrorCode(err) {
	case "":
		return false, "", nil
	case storyline.ECONFLICT: // added meanwhile, by this import or another
		return true, "", nil
	case storyline.EINVALID:
		return false, storyline.ErrorMessage(err), nil
	default:
		return false, "", err
	}
}

// known reports whether the feed at url is already subscribed to.
func (p *Poller) known(ctx context.Context, url string) (bool, error) {
	_, err := p.Store.FeedByURL(ctx, url)
	switch storyline.ErrorCode(err) {
	case "":
		return true, nil
	case storyline.ENOTFOUND:
		return false, nil
	default:
		return false, err
	}
}

// cmpOr returns the first of a and b that is not blank.
func cmpOr(a, b string) string {
	if a = strings.TrimSpace(a); a != "" {
		return a
	}
	return strings.TrimSpace(b)
}

// failureReason says in plain words why subscribing failed, from the
// fetcher's kind of failure or the parser's.
func failureReason(err error) string {
	var fe *fetch.Error
	if !errors.As(err, &fe) {
		switch {
		case errors.Is(err, errNoFeed):
			return "not a feed, and the page links to none"
		case errors.Is(err, feed.ErrNotFeed):
			return "not a feed"
		case errors.Is(err, feed.ErrEmpty):
			return "the server answered with an empty page"
		}
		var se *storyline.Error
		if errors.As(err, &se) && se.Err != nil {
			err = se.Err // without the "subscribe URL:" the list says already
		}
		return "not a feed that can be read (" + err.Error() + ")"
	}
	switch fe.Kind {
	case fetch.KindNotFound, fetch.KindGone, fetch.KindStatus:
		return "the server answered " + statusWords(fe.Status)
	case fetch.KindRateLimited:
		return "the server asked to slow down; try again later"
	case fetch.KindDNS:
		return "could not be reached: no such host"
	case fetch.KindRefused:
		return "could not be reached: the connection was refused"
	case fetch.KindTimeout:
		return "could not be reached: no answer in time"
	case fetch.KindTLS:
		return "could not be reached: its secure connection (TLS) failed"
	case fetch.KindBlocked:
		return "the address is on a private network, which is refused unless allowed (--allow-private, or STORYLINE_ALLOW_PRIVATE=1 for the server)"
	case fetch.KindTooLarge:
		return "the feed is too large"
	case fetch.KindRedirects:
		return "too many redirects"
	case fetch.KindInvalid:
		return "not a web address"
	default:
		return "could not be reached"
	}
}

// statusWords is an HTTP status in words: "404 (not found)".
func statusWords(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d (%s)", code, strings.ToLower(t))
	}
	return fmt.Sprint(code)
}
