package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// testSite serves the files of testdata/site as a small news site, and
// counts the requests for each path and the full (200) responses.
type testSite struct {
	*httptest.Server
	mu    sync.Mutex
	hits  map[string]int
	full  map[string]int
	files map[string][]byte
}

// newTestSite starts the site.
func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := &testSite{hits: map[string]int{}, full: map[string]int{}, files: map[string][]byte{}}
	for path, file := range map[string]string{
		"/":                       "home.html",
		"/feeds/world.rss":        "world.rss",
		"/feeds/truncated.rss":    "truncated.rss",
		"/feeds/page":             "home.html",
		"/articles/harbour.html":  "harbour.html",
		"/articles/empty.html":    "empty.html",
		"/private/harbour.html":   "harbour.html",
		"/plain/no-feeds-at-all/": "empty.html",
	} {
		data, err := os.ReadFile(filepath.Join("testdata/site", file))
		if err != nil {
			t.Fatal(err)
		}
		s.files[path] = data
	}
	modified := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
			return
		case "/feeds/gone.rss":
			http.Error(w, "gone", http.StatusGone)
			return
		case "/feeds/busy.rss":
			w.Header().Set("Retry-After", "120")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		data, ok := s.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasSuffix(r.URL.Path, ".rss"):
			w.Header().Set("Content-Type", "application/rss+xml")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Header().Set("ETag", `"v1"`)
		rec := &statusRecorder{ResponseWriter: w}
		http.ServeContent(rec, r, "", modified, strings.NewReader(string(data)))
		if rec.status == http.StatusOK {
			s.mu.Lock()
			s.full[r.URL.Path]++
			s.mu.Unlock()
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// statusRecorder remembers the status written.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// count returns the requests and full responses for a path so far.
func (s *testSite) count(path string) (hits, full int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path], s.full[path]
}

// newTestPoller returns a poller on a fresh store that may fetch from
// loopback (the test site), unless strict.
func newTestPoller(t *testing.T, strict bool) (*Poller, *sqlite.DB) {
	t.Helper()
	return newTestPollerWith(t, fetch.Options{AllowPrivate: !strict, HostRate: -1})
}

// newTestPollerWith returns a poller on a fresh store fetching with opts.
func newTestPollerWith(t *testing.T, opts fetch.Options) (*Poller, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	client := fetch.New(opts)
	return &Poller{
		Store:    db,
		Fetcher:  client,
		Builder:  Builder{Extractor: extract.New(extract.Options{})},
		Schedule: Schedule{Rand: func() float64 { return 0.5 }},
	}, db
}

// fixClock stops p's clock at a fixed time and returns it, so that a test
// can check the times a poll records exactly, however slow the machine.
func fixClock(p *Poller) time.Time {
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	p.Now = func() time.Time { return now }
	return now
}

// subscribe adds a feed at url directly (no discovery).
func subscribe(t *testing.T, db *sqlite.DB, f *storyline.Feed) *storyline.Feed {
	t.Helper()
	if err := db.AddFeed(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return f
}

// reload returns the stored state of feed f.
func reload(t *testing.T, db *sqlite.DB, f *storyline.Feed) *storyline.Feed {
	t.Helper()
	got, err := db.Feed(context.Background(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestPollFullArticles(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	ctx := context.Background()
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss", Source: "Harbour Herald"})

	rep := p.Poll(ctx, f)
	if rep.Err != nil || len(rep.EntryErrors) > 0 {
		t.Fatalf("Poll: %v, entry errors %v", rep.Err, rep.EntryErrors)
	}
	// The duplicate GUID is one entry; the missing and the empty page and
	// the entry without a link fall back to the feed's content.
	if rep.Entries != 4 || rep.New != 4 || rep.Added != 4 || rep.FromPage != 1 || rep.FromFeed != 3 {
		t.Errorf("report = %+v; want 4 entries added, 1 from its page, 3 from the feed", rep)
	}
	a, err := db.ArticleByURL(ctx, site.URL+"/articles/harbour.html")
	if err != nil {
		t.Fatal(err)
	}
	if a.ContentFrom != storyline.ContentPage || !strings.Contains(a.Text, "divers had checked the main channel") ||
		strings.Contains(a.Text, "Contact") || a.Title != "Harbour reopens after a week of storms" ||
		a.Source != "Harbour Herald" || a.FeedID != f.ID || a.Byline != "Mara Lindqvist" {
		t.Errorf("harbour article = %+v", a)
	}
	if want := time.Date(2026, 11, 23, 8, 15, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published %s, want the feed's %s", a.Published, want)
	}
	fb, err := db.ArticleByURL(ctx, site.URL+"/articles/missing.html")
	if err != nil {
		t.Fatal(err)
	}
	if fb.ContentFrom != storyline.ContentFeed || !strings.Contains(fb.Text, "postponed its vote") || strings.Contains(fb.HTML, "&lt;p") {
		t.Errorf("fallback article = %+v", fb)
	}
	got := reload(t, db, f)
	if got.LastError != "" || got.ErrorCount != 0 || got.ArticleCount != 4 || got.ETag != `"v1"` ||
		got.Title != "Harbour Herald: World" || got.Interval < 30*time.Minute || !got.NextPoll.After(got.LastFetch) {
		t.Errorf("feed after the poll = %+v", got)
	}

	// The second poll is conditional: 304, no body, nothing written.
	_, before := site.count("/feeds/world.rss")
	pagesBefore, _ := site.count("/articles/harbour.html")
	rep = p.Poll(ctx, got)
	if rep.Err != nil || !rep.NotModified || rep.New != 0 {
		t.Errorf("second poll = %+v, want not modified", rep)
	}
	if _, after := site.count("/feeds/world.rss"); after != before {
		t.Errorf("the second poll transferred the feed again (%d full responses, was %d)", after, before)
	}
	if pages, _ := site.count("/articles/harbour.html"); pages != pagesBefore {
		t.Errorf("the second poll fetched a page again")
	}
	if n, _ := db.CountArticles(ctx); n != 4 {
		t.Errorf("%d articles after the second poll, want 4", n)
	}

	// A server without conditional GET: the known entries are skipped.
	got = reload(t, db, f)
	got.ETag, got.LastModified = "", ""
	rep = p.Poll(ctx, got)
	if rep.Err != nil || rep.NotModified || rep.Entries != 4 || rep.New != 0 {
		t.Errorf("unconditional poll = %+v, want 4 entries, none new", rep)
	}
}

func TestPollFeedOnly(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss", FeedOnly: true})
	rep := p.Poll(context.Background(), f)
	if rep.Err != nil || rep.Added != 4 || rep.FromFeed != 4 || rep.FromPage != 0 {
		t.Errorf("report = %+v; want 4 entries from the feed", rep)
	}
	if hits, _ := site.count("/articles/harbour.html"); hits != 0 {
		t.Errorf("a feed-only poll fetched %d pages", hits)
	}
	a, err := db.ArticleByURL(context.Background(), site.URL+"/articles/harbour.html")
	if err != nil || a.Source != "127.0.0.1" || a.ContentFrom != storyline.ContentFeed {
		t.Errorf("article = %+v, %v; want the host as outlet, content from the feed", a, err)
	}
}

func TestPollRobotsFallsBackToFeed(t *testing.T) {
	site := newTestSite(t)
	site.files["/feeds/private.rss"] = []byte(strings.ReplaceAll(string(site.files["/feeds/world.rss"]), "/articles/harbour.html", "/private/harbour.html"))
	p, db := newTestPoller(t, false)
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/private.rss"})
	rep := p.Poll(context.Background(), f)
	if rep.Err != nil || rep.FromPage != 0 || rep.FromFeed != 4 {
		t.Errorf("report = %+v; want every entry from the feed", rep)
	}
	if hits, _ := site.count("/private/harbour.html"); hits != 0 {
		t.Errorf("a page disallowed by robots.txt was fetched")
	}
}

func TestPollLinksStoredArticles(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	ctx := context.Background()
	stored := &storyline.Article{URL: site.URL + "/articles/harbour.html", Title: "Imported", Text: "Imported earlier.", Source: "Import"}
	stored.ContentHash = storyline.ContentHash(stored.Text)
	res, err := db.SaveArticle(ctx, stored)
	if err != nil {
		t.Fatal(err)
	}
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss"})
	rep := p.Poll(ctx, f)
	if rep.Err != nil || rep.Linked != 1 || rep.Added != 3 {
		t.Errorf("report = %+v; want the stored article linked, 3 added", rep)
	}
	if hits, _ := site.count("/articles/harbour.html"); hits != 0 {
		t.Errorf("the page of a stored article was fetched")
	}
	if a, _ := db.Article(ctx, res.ID); a.Title != "Imported" {
		t.Errorf("the stored article changed: %+v", a)
	}
	if known, _ := db.FeedEntries(ctx, f.ID, []string{"herald-1001"}); known["herald-1001"] != res.ID {
		t.Errorf("entry not linked: %v", known)
	}
}

func TestPollFailures(t *testing.T) {
	site := newTestSite(t)
	tests := []struct {
		name, path string
		strict     bool // the default fetcher, refusing private addresses
		wantErr    string
		check      func(t *testing.T, f *storyline.Feed, start time.Time)
	}{
		{name: "gone", path: "/feeds/gone.rss", wantErr: "410", check: func(t *testing.T, f *storyline.Feed, _ time.Time) {
			if !f.Paused {
				t.Error("a gone feed is not paused")
			}
		}},
		{name: "retry after", path: "/feeds/busy.rss", wantErr: "429", check: func(t *testing.T, f *storyline.Feed, start time.Time) {
			if d := f.RetryUntil.Sub(start); d != 120*time.Second {
				t.Errorf("RetryUntil = start + %s, want 120s", d)
			}
			if f.NextPoll.Before(f.RetryUntil) {
				t.Errorf("next poll %s before the server's Retry-After %s", f.NextPoll, f.RetryUntil)
			}
		}},
		{name: "not found", path: "/feeds/nothing.rss", wantErr: "404"},
		{name: "truncated XML", path: "/feeds/truncated.rss", wantErr: "malformed"},
		{name: "private address", path: "/feeds/world.rss", strict: true, wantErr: "private"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, db := newTestPoller(t, tt.strict)
			f := subscribe(t, db, &storyline.Feed{URL: site.URL + tt.path})
			start := fixClock(p)
			rep := p.Poll(context.Background(), f)
			if rep.Err == nil || !strings.Contains(rep.Err.Error(), tt.wantErr) {
				t.Fatalf("Poll error = %v, want one mentioning %q", rep.Err, tt.wantErr)
			}
			got := reload(t, db, f)
			if !strings.Contains(got.LastError, tt.wantErr) || got.ErrorCount != 1 || got.LastFetch.IsZero() {
				t.Errorf("stored feed = %+v; want the error counted", got)
			}
			if !got.NextPoll.After(start) {
				t.Errorf("next poll %s not after the failure", got.NextPoll)
			}
			if tt.check != nil {
				tt.check(t, got, start)
			}
		})
	}
}

func TestPollDiscoversMovedFeed(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/page"})
	rep := p.Poll(context.Background(), f)
	if rep.Err != nil || rep.Added != 4 {
		t.Errorf("report = %+v; want the advertised feed's 4 entries", rep)
	}
}

func TestPollCancelled(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep := p.Poll(ctx, f)
	if rep.Err == nil {
		t.Fatal("a cancelled poll reported no error")
	}
	if got := reload(t, db, f); !got.LastFetch.IsZero() || got.ErrorCount != 0 {
		t.Errorf("a cancelled poll was recorded: %+v", got)
	}
}

func TestSubscribe(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	ctx := context.Background()
	f, err := p.Subscribe(ctx, Subscription{URL: site.URL + "/", Category: "News"})
	if err != nil {
		t.Fatalf("Subscribe(homepage): %v", err)
	}
	if f.URL != site.URL+"/feeds/world.rss" || f.Title != "Harbour Herald: World" || f.Category != "News" {
		t.Errorf("subscribed feed = %+v", f)
	}
	_, err = p.Subscribe(ctx, Subscription{URL: site.URL + "/feeds/world.rss"})
	if storyline.ErrorCode(err) != storyline.ECONFLICT {
		t.Errorf("Subscribe again: %v, want a conflict", err)
	}
	for _, bad := range []string{site.URL + "/plain/no-feeds-at-all/", "ftp://example.com/feed", "not a url"} {
		_, err = p.Subscribe(ctx, Subscription{URL: bad})
		if storyline.ErrorCode(err) != storyline.EINVALID {
			t.Errorf("Subscribe(%q): %v, want EINVALID", bad, err)
		}
	}
	if list, _ := db.Feeds(ctx); len(list) != 1 {
		t.Errorf("%d feeds stored, want 1", len(list))
	}
}

func TestAddPage(t *testing.T) {
	site := newTestSite(t)
	p, _ := newTestPoller(t, false)
	ctx := context.Background()
	a, res, err := p.AddPage(ctx, site.URL+"/articles/harbour.html")
	if err != nil || res.Outcome != storyline.Added || a.Source != "Harbour Herald" {
		t.Fatalf("AddPage = %+v, %+v, %v", a, res, err)
	}
	if _, res, err = p.AddPage(ctx, site.URL+"/articles/harbour.html"); err != nil || res.Outcome != storyline.Unchanged {
		t.Errorf("AddPage again = %+v, %v; want unchanged", res, err)
	}
	// A page a person adds by hand is not subject to robots.txt.
	if _, _, err = p.AddPage(ctx, site.URL+"/private/harbour.html"); err != nil {
		t.Errorf("AddPage(disallowed by robots.txt): %v", err)
	}
	for _, bad := range []string{site.URL + "/articles/empty.html", site.URL + "/articles/missing.html", "mailto:x@example.com"} {
		if _, _, err := p.AddPage(ctx, bad); err == nil {
			t.Errorf("AddPage(%q) succeeded", bad)
		}
	}
}

func TestSchedulerPollAll(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	ctx := context.Background()
	good := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss"})
	bad := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/truncated.rss"})
	waiting := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/busy.rss", RetryUntil: time.Now().Add(time.Hour)})
	var mu sync.Mutex
	polled := 0
	s := &Scheduler{Poller: p, Concurrency: 2, OnPoll: func(PollReport) { mu.Lock(); polled++; mu.Unlock() }}
	reps := s.PollAll(ctx, []*storyline.Feed{good, bad, waiting})
	if len(reps) != 3 || polled != 3 {
		t.Fatalf("PollAll returned %d reports, called OnPoll %d times; want 3", len(reps), polled)
	}
	if reps[0].Err != nil || reps[0].Added != 4 {
		t.Errorf("good feed: %+v", reps[0])
	}
	if reps[1].Err == nil {
		t.Errorf("bad feed: no error")
	}
	if hits, _ := site.count("/feeds/busy.rss"); hits != 0 || reps[2].Err == nil {
		t.Errorf("a feed whose server asked to wait was polled (%d requests, %v)", hits, reps[2].Err)
	}
}

func TestSchedulerRun(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan PollReport, 1)
	s := &Scheduler{Poller: p, Tick: 10 * time.Millisecond, OnPoll: func(r PollReport) {
		select {
		case done <- r:
		default:
		}
	}}
	errc := make(chan error, 1)
	go func() { errc <- s.Run(ctx) }()
	select {
	case r := <-done:
		if r.Err != nil || r.Added != 4 {
			t.Errorf("scheduled poll: %+v", r)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the due feed was not polled")
	}
	cancel()
	if err := <-errc; err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	// Not due again for a while.
	if due, _ := db.DueFeeds(context.Background(), time.Now(), 10); len(due) != 0 {
		t.Errorf("due after polling: %d feeds (next poll %s)", len(due), reload(t, db, f).NextPoll)
	}
}

func TestPollInterruptedThenResumed(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	p.PageWorkers = 1
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss"})
	// Cancel the poll while it fetches the second page.
	ctx, cancel := context.WithCancel(context.Background())
	site.Config.Handler = cancelOn(site.Config.Handler, "/articles/missing.html", cancel)
	rep := p.Poll(ctx, f)
	if rep.Err == nil {
		t.Fatalf("interrupted poll reported no error: %+v", rep)
	}
	n, _ := db.CountArticles(context.Background())
	if n >= 4 {
		t.Fatalf("%d articles stored by the interrupted poll, want fewer than 4", n)
	}
	if got := reload(t, db, f); !got.LastFetch.IsZero() || got.ArticleCount != n {
		t.Errorf("after the interruption: feed %+v, %d articles; want no poll recorded and every article linked", got, n)
	}
	rep = p.Poll(context.Background(), reload(t, db, f))
	if rep.Err != nil || rep.New != 4-n {
		t.Errorf("resumed poll = %+v, want %d new entries", rep, 4-n)
	}
	if n, _ := db.CountArticles(context.Background()); n != 4 {
		t.Errorf("%d articles after resuming, want 4", n)
	}
	if got := reload(t, db, f); got.ArticleCount != 4 || got.LastFetch.IsZero() {
		t.Errorf("after resuming: %+v", got)
	}
}

// cancelOn wraps h to call cancel when path is requested.
func cancelOn(h http.Handler, path string, cancel context.CancelFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path {
			cancel()
		}
		h.ServeHTTP(w, r)
	})
}

// TestPollTakesAPartAtATime: a feed with more new entries than one poll
// takes is stored the newest first, the poll forgets the validators and
// says so, and the next poll takes the rest.
func TestPollTakesAPartAtATime(t *testing.T) {
	site := newTestSite(t)
	p, db := newTestPoller(t, false)
	p.MaxEntries = 2
	f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss", FeedOnly: true})
	rep := p.Poll(context.Background(), f)
	if rep.Err != nil || !rep.Capped || rep.New != 2 || rep.Added != 2 {
		t.Fatalf("first poll = %+v; want the 2 newest of 4", rep)
	}
	if _, err := db.ArticleByURL(context.Background(), site.URL+"/articles/harbour.html"); err != nil {
		t.Errorf("the newest entry was not taken: %v", err)
	}
	got := reload(t, db, f)
	if got.ETag != "" || got.LastModified != "" || !strings.Contains(got.LastError, "the next poll takes the rest") {
		t.Errorf("after a capped poll: ETag %q, Last-Modified %q, last error %q", got.ETag, got.LastModified, got.LastError)
	}
	rep = p.Poll(context.Background(), got)
	if rep.Err != nil || rep.NotModified || rep.Capped || rep.New+rep.Linked < 1 {
		t.Fatalf("second poll = %+v; want the rest", rep)
	}
	if got := reload(t, db, f); got.ETag == "" {
		t.Error("the poll that took the rest kept no validators")
	}
}
