package ingest

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/feed"
	"github.com/storyline/storyline/internal/fetch"
	textpkg "github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/urlx"
)

// entryOutcome is what storing one feed entry did.
type entryOutcome struct {
	id     int64                 // the article stored or linked
	result storyline.SaveOutcome // 0 when linked or failed
	linked bool                  // the article was already stored: only linked
	from   storyline.ContentOrigin
	err    error
}

// addTo counts the outcome into rep.
func (o entryOutcome) addTo(rep *PollReport) {
	switch {
	case o.err != nil:
		rep.EntryErrors = append(rep.EntryErrors, o.err)
		return
	case o.linked:
		rep.Linked++
		return
	}
	switch o.result {
	case storyline.Added:
		rep.Added++
	case storyline.Updated:
		rep.Updated++
	case storyline.Copied:
		rep.Copies++
	default:
		rep.Linked++ // unchanged: the same article was stored already
	}
	switch o.from {
	case storyline.ContentPage:
		rep.FromPage++
	case storyline.ContentFeed:
		rep.FromFeed++
	}
}

// storeEntry stores entry e of feed f: an article stored before under the
// entry's link is only linked to the entry; otherwise the entry's article
// is built (from its page, else the feed's content) and saved with the
// entry recorded in the same transaction.
func (p *Poller) storeEntry(ctx context.Context, f *storyline.Feed, e feed.Entry) entryOutcome {
	name := cmp.Or(e.URL, e.GUID)
	fail := func(err error) entryOutcome {
		return entryOutcome{err: fmt.Errorf("entry %s: %w", name, err)}
	}
	var url string
	if e.URL != "" {
		u, err := urlx.Canonicalize(e.URL)
		if err != nil {
			return fail(fmt.Errorf("invalid link: %w", err))
		}
		url = u
		stored, err := p.Store.ArticleByURL(ctx, url)
		switch {
		case err == nil:
			if err := p.Store.LinkEntry(ctx, f.ID, e.GUID, stored.ID); err != nil {
				return fail(err)
			}
			return entryOutcome{id: stored.ID, linked: true}
		case storyline.ErrorCode(err) != storyline.ENOTFOUND:
			return fail(err)
		}
	}
	a, from, err := p.entryArticle(ctx, f, e, url)
	if err != nil {
		return fail(err)
	}
	a.FeedID, a.EntryGUID, a.ContentFrom = f.ID, e.GUID, from
	if a.Published.IsZero() {
		// Neither the page, its Last-Modified nor the feed gave a date:
		// an entry polled live is dated when it was fetched.
		a.Published = p.now()
	}
	res, err := p.Store.SaveArticle(ctx, a)
	if err != nil {
		return fail(err)
	}
	if err := p.analyse(ctx, a, res); err != nil {
		return fail(err)
	}
	return entryOutcome{id: res.ID, result: reportedOutcome(res), from: from}
}

// analyse analyses article a, saved with result res: behind the saves
// when the poller has a Follower, else now (when it has an Analyzer).
func (p *Poller) analyse(ctx context.Context, a *storyline.Article, res storyline.SaveResult) error {
	if p.Follower != nil {
		return p.Follower.Add(ctx, a, res)
	}
	return p.Analyzer.saved(ctx, a, res)
}

// reportedOutcome is how a save counts in reports: an article that
// replaced the same text stored before as canonical (published earlier)
// is a duplicate found, as a copy is.
func reportedOutcome(res storyline.SaveResult) storyline.SaveOutcome {
	if res.Outcome == storyline.Added && res.Replaced != 0 {
		return storyline.Copied
	}
	return res.Outcome
}

// StoreEntry stores entry e of feed f as a poll does (see Poller) and
// returns the article stored, or the one stored before that the entry was
// linked to, and what the save did (Unchanged when only linked).
func (p *Poller) StoreEntry(ctx context.Context, f *storyline.Feed, e feed.Entry) (int64, storyline.SaveOutcome, error) {
	o := p.storeEntry(ctx, f, e)
	if o.err != nil {
		return 0, 0, o.err
	}
	if o.linked {
		return o.id, storyline.Unchanged, nil
	}
	return o.id, o.result, nil
}

// entryArticle builds the article of entry e, whose canonical link is url
// ("" when it has none): extracted from its page unless the feed keeps
// feed content only, else from the feed's content.
func (p *Poller) entryArticle(ctx context.Context, f *storyline.Feed, e feed.Entry, url string) (*storyline.Article, storyline.ContentOrigin, error) {
	var pageErr error
	if !f.FeedOnly && url != "" {
		a, err := p.pageArticle(ctx, e.URL, false)
		if err == nil {
			applyEntry(a, f, e)
			return a, storyline.ContentPage, nil
		}
		if ctx.Err() != nil {
			return nil, "", context.Cause(ctx)
		}
		pageErr = err
	}
	a := p.feedArticle(f, e, url)
	if a == nil {
		if pageErr != nil {
			return nil, "", fmt.Errorf("%w; the feed has no content for it either", pageErr)
		}
		return nil, "", fmt.Errorf("the feed entry has neither content nor a title")
	}
	if pageErr != nil {
		p.log().Debug("page unusable; stored the feed's content", "url", e.URL, "err", pageErr)
	}
	return a, storyline.ContentFeed, nil
}

// pageArticle fetches the page at url and extracts its article, with its
// canonical URL, outlet and content hash set. byHand skips robots.txt: a
// person asked for this very page.
func (p *Poller) pageArticle(ctx context.Context, url string, byHand bool) (*storyline.Article, error) {
	resp, err := p.Fetcher.Get(ctx, fetch.Request{URL: url, Accept: acceptPage, SkipRobots: byHand})
	if err != nil {
		return nil, err
	}
	a, err := p.Builder.Extractor.Extract(resp.Body, resp.URL, resp.ContentType)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", resp.URL, err)
	}
	if a.Published.IsZero() {
		a.Published = lastModified(resp.LastModified, p.now())
	}
	canonical, err := canonicalURL(resp.URL, a.URL)
	if err != nil {
		return nil, err
	}
	a.URL = canonical
	a.Source = sourceOf(a, p.Builder.DefaultSource)
	a.Title = titleOf(a)
	limitFields(a)
	a.ContentHash = storyline.ContentHash(a.Text)
	return a, nil
}

// applyEntry fills what the feed says about an entry into the article
// extracted from its page: the feed's headline and publication time are
// the publisher's own; the feed's outlet name wins.
func applyEntry(a *storyline.Article, f *storyline.Feed, e feed.Entry) {
	a.Title = firstNonEmpty(e.Title, a.Title)
	if !e.Published.IsZero() {
		a.Published = e.Published
	}
	a.Byline = firstNonEmpty(a.Byline, e.Author)
	a.ImageURL = firstNonEmpty(a.ImageURL, e.ImageURL)
	a.Source = firstNonEmpty(f.Source, a.Source)
	a.Title = titleOf(a)
	limitFields(a)
}

// feedArticle builds the article of entry e from the feed's own content,
// or returns nil when the entry has neither content nor title. url is the
// entry's canonical link, or "".
func (p *Poller) feedArticle(f *storyline.Feed, e feed.Entry, url string) *storyline.Article {
	cleanHTML, text := p.Builder.Extractor.Fragment(cmp.Or(e.Content, e.Summary), cmp.Or(e.URL, f.URL))
	title := strings.Join(strings.Fields(e.Title), " ")
	if text == "" {
		if title == "" {
			return nil
		}
		text, cleanHTML = title, "<p>"+html.EscapeString(title)+"</p>"
	}
	if title == "" {
		title = firstWords(text, 12)
	}
	a := &storyline.Article{
		URL:       url,
		Source:    firstNonEmpty(f.Source, p.Builder.DefaultSource, urlx.Host(cmp.Or(url, f.SiteURL, f.URL))),
		Title:     title,
		Byline:    e.Author,
		ImageURL:  e.ImageURL,
		Published: e.Published,
		HTML:      cleanHTML,
		Text:      text,
		WordCount: textpkg.CountWords(text),
	}
	a.Title = titleOf(a)
	limitFields(a)
	a.ContentHash = storyline.ContentHash(a.Text)
	return a
}

// firstWords returns the first n words of text, with "…" when cut.
func firstWords(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + "…"
}

// lastModified returns the time of a Last-Modified header, as a page's
// date when the page gives none; zero when the header is missing, not a
// date, or later than now.
func lastModified(header string, now time.Time) time.Time {
	if header == "" {
		return time.Time{}
	}
	t, err := http.ParseTime(header)
	if err != nil || t.After(now) || t.Year() < 1990 {
		return time.Time{}
	}
	return t.UTC()
}
