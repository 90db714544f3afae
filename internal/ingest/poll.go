package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/feed"
	"github.com/storyline/storyline/internal/fetch"
)

// Fetcher gets URLs over the network; *fetch.Client is the one to use.
type Fetcher interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// PollStore is what polling feeds needs from storage.
type PollStore interface {
	SaveArticle(ctx context.Context, a *storyline.Article) (storyline.SaveResult, error)
	ArticleByURL(ctx context.Context, url string) (*storyline.Article, error)
	AddFeed(ctx context.Context, f *storyline.Feed) error
	Feed(ctx context.Context, id int64) (*storyline.Feed, error)
	FeedByURL(ctx context.Context, url string) (*storyline.Feed, error)
	Feeds(ctx context.Context) ([]*storyline.Feed, error)
	DueFeeds(ctx context.Context, now time.Time, limit int) ([]*storyline.Feed, error)
	RecordPolls(ctx context.Context, polls ...storyline.FeedPoll) error
	FeedEntries(ctx context.Context, feedID int64, guids []string) (map[string]int64, error)
	LinkEntry(ctx context.Context, feedID int64, guid string, articleID int64) error
}

// Poller polls feeds: it fetches a feed (conditionally), finds the entries
// it has not stored yet, fetches each one's page and extracts the article
// — or takes the feed's own content when the feed is set to that, or when
// the page is blocked or holds no article — and stores them, each entry
// exactly once. Then it records the poll and when the feed is due next.
type Poller struct {
	Store    PollStore
	Fetcher  Fetcher
	Builder  Builder // its Extractor extracts pages and cleans feed content
	Schedule Schedule
	// PageWorkers is how many entries of one feed are fetched and stored
	// at once; 0 means 4. The fetcher caps requests per host and in all.
	PageWorkers int
	// Analyzer, when set, analyses every article stored: as it is
	// stored, or, with Follower set too, behind the saves.
	Analyzer *Analyzer
	// Follower, when set, is handed every article stored, to analyse
	// behind the saves (Analyzer.Follow), so that polls store at full
	// speed; whoever set it waits for it (Follower.Wait).
	Follower *Follower
	// Enqueue, when set, is handed a poll's new entries instead of the
	// poll storing them: the job queue stores each (StoreEntry) in a job
	// of its own.
	Enqueue func(ctx context.Context, f *storyline.Feed, entries []feed.Entry) error
	// MaxEntries is the most new entries one poll stores; 0 means
	// MaxPollEntries.
	MaxEntries int
	// Budget, when set, bounds the memory that parsing feeds takes at once
	// across the polls sharing it; nil parses without waiting.
	Budget *ParseBudget
	// Retain, when set, returns the retention age in force (0 keeps
	// everything): new entries published longer ago are not stored, since
	// retention would delete them within the hour and the next poll
	// would bring them back.
	Retain func(ctx context.Context) (time.Duration, error)
	Log    *slog.Logger     // nil: no logging
	Now    func() time.Time // nil: time.Now
}

// PollReport says what one poll did.
type PollReport struct {
	Feed        *storyline.Feed
	NotModified bool // the server said nothing changed (HTTP 304)
	Entries     int  // entries in the feed
	New         int  // entries not stored before this poll
	// Capped: more entries were new than one poll takes (MaxEntries); the
	// newest of them were taken, and the next poll takes the rest.
	Capped bool
	// Expired: of the new entries, those published before the retention
	// age (see Poller.Retain), not stored.
	Expired  int
	Queued   int // of the new entries: handed to the job queue (Enqueue)
	Added    int
	Updated  int
	Copies   int // stored as copies of an article with the same text
	Linked   int // already stored (another feed, an import): linked only
	FromPage int // of the stored entries: extracted from their page
	FromFeed int // … or taken from the feed's content
	// EntryErrors lists the entries that could not be stored, each naming
	// the entry's URL or GUID.
	EntryErrors []error
	// Err is the failure of the poll itself (the feed could not be fetched
	// or parsed); nil on success. A cancelled poll has Err set and records
	// nothing.
	Err error
}

// Stored is how many entries the poll stored or linked.
func (r PollReport) Stored() int { return r.Added + r.Updated + r.Copies + r.Linked }

// now returns the current time.
func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// log returns the logger, or one that discards.
func (p *Poller) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}

// Accept header values.
const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// Poll polls feed f once and records the outcome. When ctx is cancelled
// the poll is abandoned: entries already stored stay stored, the others
// are fetched by the next poll, and the poll itself is not recorded.
func (p *Poller) Poll(ctx context.Context, f *storyline.Feed) PollReport {
	rep := PollReport{Feed: f}
	start := p.now()
	resp, err := p.Fetcher.Get(ctx, fetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified, Accept: acceptFeed})
	if err != nil {
		return p.failed(ctx, rep, start, err)
	}
	if resp.NotModified {
		rep.NotModified = true
		interval := cmp.Or(f.Interval, p.Schedule.withDefaults().Default)
		interval = max(interval, resp.MaxAge)
		return p.record(ctx, rep, storyline.FeedPoll{
			FeedID: f.ID, At: start, ETag: resp.ETag, LastModified: resp.LastModified,
			NextPoll: p.Schedule.Next(start, interval), Interval: interval,
		})
	}
	parsed, resp, err := p.parseOrDiscover(ctx, f, resp, start)
	if err != nil {
		return p.failed(ctx, rep, start, err)
	}
	rep.Entries = parsed.total
	p.storeEntries(ctx, f, parsed.Entries, &rep)
	rep.Capped = rep.Capped || parsed.capped
	if ctx.Err() != nil {
		rep.Err = context.Cause(ctx)
		return rep
	}
	if rep.Err != nil { // the entries could not be queued: poll again later, unconditionally
		return p.failed(ctx, rep, start, rep.Err)
	}
	interval := p.Schedule.Interval(parsed.dates, start, parsed.TTL, resp.MaxAge)
	poll := storyline.FeedPoll{
		FeedID: f.ID, At: start, EntryErr: entrySummary(rep.EntryErrors, rep.New),
		ETag: resp.ETag, LastModified: resp.LastModified,
		NextPoll: p.Schedule.Next(start, interval), Interval: interval,
		Title: parsed.Title, SiteURL: parsed.SiteURL,
	}
	if rep.Capped {
		// Without validators the next poll gets the whole feed again, and
		// with it the entries this one left.
		poll.ETag, poll.LastModified, poll.ClearValidators = "", "", true
		poll.EntryErr = cmp.Or(poll.EntryErr, fmt.Sprintf("more than %d new entries: the newest %d were taken, the next poll takes the rest", rep.New, rep.New))
	}
	return p.record(ctx, rep, poll)
}

// parseOrDiscover parses the feed in resp for a poll of f (see
// parseForPoll). When resp is an HTML page (the site moved its feed,
// say), it tries the feeds the page advertises and parses the first that
// works; resp is then that feed's response.
func (p *Poller) parseOrDiscover(ctx context.Context, f *storyline.Feed, resp *fetch.Response, now time.Time) (*polledFeed, *fetch.Response, error) {
	parsed, err := p.parseForPoll(ctx, f, resp.Body, resp.URL, now)
	if err == nil || !errors.Is(err, feed.ErrNotFeed) {
		return parsed, resp, err
	}
	for _, u := range feed.Discover(resp.Body, resp.URL) {
		r, ferr := p.Fetcher.Get(ctx, fetch.Request{URL: u, Accept: acceptFeed})
		if ferr != nil {
			continue
		}
		if parsed, perr := p.parseForPoll(ctx, f, r.Body, r.URL, now); perr == nil {
			p.log().Info("feed URL serves a page; used the feed it advertises", "url", resp.URL, "feed", r.URL)
			return parsed, r, nil
		}
	}
	return nil, nil, fmt.Errorf("%s serves an HTML page, not a feed, and advertises no working feed: %w", resp.URL, err)
}

// failed records a poll that could not fetch or parse the feed: the error,
// and a next poll after a back-off or when the server asked.
func (p *Poller) failed(ctx context.Context, rep PollReport, start time.Time, err error) PollReport {
	rep.Err = err
	if ctx.Err() != nil {
		return rep
	}
	f := rep.Feed
	poll := storyline.FeedPoll{FeedID: f.ID, At: start, Err: err.Error()}
	var fe *fetch.Error
	if errors.As(err, &fe) {
		if fe.Kind == fetch.KindGone {
			poll.Gone = true
			poll.Err = err.Error() + " (the feed is gone; polling is paused)"
		}
		if fe.RetryAfter > 0 {
			poll.RetryUntil = start.Add(fe.RetryAfter)
		}
	}
	poll.NextPoll = p.Schedule.Next(start, p.Schedule.Backoff(f.ErrorCount+1))
	if poll.RetryUntil.After(poll.NextPoll) {
		poll.NextPoll = poll.RetryUntil
	}
	return p.record(ctx, rep, poll)
}

// record stores a poll's outcome; a failure to store it becomes rep.Err.
func (p *Poller) record(ctx context.Context, rep PollReport, poll storyline.FeedPoll) PollReport {
	if err := p.Store.RecordPolls(ctx, poll); err != nil {
		rep.Err = errors.Join(rep.Err, err)
	}
	if rep.Err != nil && ctx.Err() == nil {
		p.log().Warn("poll failed", "feed", rep.Feed.URL, "err", rep.Err)
	}
	return rep
}

// storeEntries stores the entries of feed f that are not stored yet, with
// up to PageWorkers at once, counting into rep.
func (p *Poller) storeEntries(ctx context.Context, f *storyline.Feed, entries []feed.Entry, rep *PollReport) {
	guids := make([]string, len(entries))
	for i, e := range entries {
		guids[i] = e.GUID
	}
	known, err := p.Store.FeedEntries(ctx, f.ID, guids)
	if err != nil {
		rep.EntryErrors = append(rep.EntryErrors, err)
		return
	}
	var fresh []feed.Entry
	for _, e := range entries {
		if _, ok := known[e.GUID]; !ok {
			fresh = append(fresh, e)
		}
	}
	fresh, rep.Capped = newestEntries(fresh, cmp.Or(p.MaxEntries, MaxPollEntries))
	fresh, rep.Expired = p.dropExpired(ctx, fresh)
	rep.New = len(fresh)
	if len(fresh) == 0 {
		return
	}
	if p.Enqueue != nil {
		if err := p.Enqueue(ctx, f, fresh); err != nil {
			rep.Err = fmt.Errorf("queue %d entries: %w", len(fresh), err)
			return
		}
		rep.Queued = len(fresh)
		return
	}
	workers := min(cmp.Or(p.PageWorkers, 4), len(fresh))
	jobs := make(chan feed.Entry)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for e := range jobs {
				out := p.storeEntry(ctx, f, e)
				mu.Lock()
				out.addTo(rep)
				mu.Unlock()
			}
		})
	}
	for _, e := range fresh {
		if ctx.Err() != nil {
			break
		}
		jobs <- e
	}
	close(jobs)
	wg.Wait()
}

// entrySummary describes the entries that failed out of n, or "" when none.
func entrySummary(errs []error, n int) string {
	switch len(errs) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("1 of %d new entries failed: %v", n, errs[0])
	default:
		return fmt.Sprintf("%d of %d new entries failed; first: %v", len(errs), n, errs[0])
	}
}
