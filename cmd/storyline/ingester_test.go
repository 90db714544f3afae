package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/web"
)

// servePoller returns the web app's ingester over a new store, built as
// `serve` builds it from its flags (allowPrivate: --allow-private), with
// its analyzer.
func servePoller(t *testing.T, allowPrivate bool) (webIngester, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "storyline.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var net netFlags
	net.register(&cobra.Command{}) // the flags' defaults
	net.allowPrivate = allowPrivate
	p, err := net.poller(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Analyzer, err = ingest.NewAnalyzer(ctx, db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // before the store closes
		if err := p.Analyzer.Close(ctx); err != nil {
			t.Error(err)
		}
	})
	return webIngester{p: p}, db
}

// storedFeeds returns the URLs of the stored feeds.
func storedFeeds(t *testing.T, db *sqlite.DB) []string {
	t.Helper()
	feeds, err := db.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, f := range feeds {
		urls = append(urls, f.URL)
	}
	return urls
}

func TestIngesterRefusesPrivateAddresses(t *testing.T) {
	site := newsSite(t) // a valid feed, on loopback
	ing, db := servePoller(t, false)
	tests := []struct{ url, addr string }{
		{site.URL + "/rss.xml", "127.0.0.1"},
		{"http://10.0.0.1/feed", "10.0.0.1"},
		{"http://[::1]:1/", "::1"},
	}
	for _, tt := range tests {
		f, err := ing.Subscribe(context.Background(), tt.url, "News")
		if err == nil {
			t.Errorf("subscribe %s: subscribed to %+v", tt.url, f)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, tt.addr+" is a private address") || storyline.ErrorCode(err) != storyline.EINVALID {
			t.Errorf("subscribe %s: error %q (%s) does not name the refused address", tt.url, msg, storyline.ErrorCode(err))
		}
	}
	if urls := storedFeeds(t, db); len(urls) != 0 {
		t.Errorf("refused feeds were stored: %q", urls)
	}

	// The same server is fine once private addresses are allowed: the
	// refusal above was the guard's.
	ing, db = servePoller(t, true)
	f, err := ing.Subscribe(context.Background(), site.URL+"/", "News")
	if err != nil || f.URL != site.URL+"/rss.xml" || f.Category != "News" {
		t.Fatalf("subscribe with --allow-private: %+v, %v", f, err)
	}
	if urls := storedFeeds(t, db); len(urls) != 1 {
		t.Errorf("stored feeds %q", urls)
	}
}

func TestIngesterImportOPML(t *testing.T) {
	site := newsSite(t)
	ing, db := servePoller(t, true)
	doc := `<opml version="2.0"><body><outline text="World"><outline text="Valley" xmlUrl="` + site.URL + `/rss.xml"/></outline><outline text="Gone" xmlUrl="` + site.URL + `/gone.xml"/></body></opml>`
	want := []web.OPMLSummary{
		{Added: 1, Failed: []web.OPMLFailure{{URL: site.URL + "/gone.xml", Reason: "the server answered 404 (not found)"}}},
		{Existing: 1, Failed: []web.OPMLFailure{{URL: site.URL + "/gone.xml", Reason: "the server answered 404 (not found)"}}},
	}
	for i, w := range want {
		sum, err := ing.ImportOPML(context.Background(), strings.NewReader(doc))
		if err != nil || !reflect.DeepEqual(sum, w) {
			t.Errorf("import %d: %+v, %v; want %+v", i+1, sum, err, w)
		}
	}
	if urls := storedFeeds(t, db); len(urls) != 1 || urls[0] != site.URL+"/rss.xml" {
		t.Errorf("stored feeds %q", urls)
	}
	if _, err := ing.ImportOPML(context.Background(), strings.NewReader("<rss/>")); storyline.ErrorCode(err) != storyline.EINVALID || !strings.Contains(err.Error(), "not an OPML document") {
		t.Errorf("import of RSS: %v", err)
	}
}

// adminSite serves the web app over db with ing, as `serve` does, and
// returns a client signed in as an administrator.
type adminSite struct {
	t    *testing.T
	base string
	c    *http.Client
}

// newAdminSite starts the web app and signs an administrator in.
func newAdminSite(t *testing.T, ing webIngester, db *sqlite.DB) *adminSite {
	t.Helper()
	fast := auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	hash, err := auth.HashPassword("admin-password", fast)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddUser(context.Background(), &storyline.User{Name: "admin", PasswordHash: hash, Role: storyline.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Ingester: ing, PasswordParams: fast})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	jar, _ := cookiejar.New(nil)
	s := &adminSite{t: t, base: hs.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if code, _ := s.postForm("/login", url.Values{"name": {"admin"}, "password": {"admin-password"}}); code != http.StatusSeeOther {
		t.Fatalf("sign in: %d", code)
	}
	return s
}

// postForm posts an ordinary form to path from the site's own pages.
func (s *adminSite) postForm(path string, form url.Values) (int, string) {
	s.t.Helper()
	return s.post(path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

// post posts body of contentType to path from the site's own pages and
// returns the status and the page.
func (s *adminSite) post(path, contentType string, body io.Reader) (int, string) {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.base+path, body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", s.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := s.c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestWebRefusesPrivateFeed adds a feed on a private address through the
// web app, with the ingester `serve` gives it: the page shows the
// fetcher's refusal and nothing is stored.
func TestWebRefusesPrivateFeed(t *testing.T) {
	site := newsSite(t)
	ing, db := servePoller(t, false)
	admin := newAdminSite(t, ing, db)
	for _, u := range []string{site.URL + "/rss.xml", "http://10.0.0.1/feed"} {
		code, body := admin.postForm("/feeds", url.Values{"url": {u}, "category": {"News"}})
		parsed, _ := url.Parse(u)
		if code != http.StatusBadRequest || !strings.Contains(body, `class="error"`) || !strings.Contains(body, parsed.Hostname()+" is a private address") {
			t.Errorf("POST /feeds %s: status %d, refusal not shown", u, code)
		}
	}
	if urls := storedFeeds(t, db); len(urls) != 0 {
		t.Errorf("refused feeds were stored: %q", urls)
	}
}
