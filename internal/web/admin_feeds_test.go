package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/opml"
)

// fakeIngester stands in for the poller: Subscribe stores a feed at the
// URL (or returns err), ImportOPML stores the outlines, ImportArticles
// counts lines (see fakeImport). It records every call, so tests can
// tell that a refused request reached nothing.
type fakeIngester struct {
	store Store
	err   error // returned by Subscribe and ImportArticles when set

	mu       sync.Mutex
	calls    []string
	uploaded []UploadedFile // the files of the last ImportArticles
}

// Subscribe records the call and stores a feed at url, or returns f.err.
func (f *fakeIngester) Subscribe(ctx context.Context, u, category string) (*storyline.Feed, error) {
	f.record("subscribe " + u)
	if f.err != nil {
		return nil, f.err
	}
	feed := &storyline.Feed{URL: u, Title: "Feed at " + u, Category: category}
	return feed, f.store.AddFeed(ctx, feed)
}

// ImportOPML records the call and stores the OPML's outlines; an
// outline whose URL has "/missing" in it fails as a 404 would.
func (f *fakeIngester) ImportOPML(ctx context.Context, r io.Reader) (OPMLSummary, error) {
	f.record("import")
	data, err := io.ReadAll(r)
	if err != nil {
		return OPMLSummary{}, err
	}
	outlines, err := opml.Parse(data)
	if err != nil {
		return OPMLSummary{}, storyline.Errorf(storyline.EINVALID, "import OPML: %v", err)
	}
	var sum OPMLSummary
	for _, o := range outlines {
		if strings.Contains(o.URL, "/missing") {
			sum.Failed = append(sum.Failed, OPMLFailure{URL: o.URL, Reason: "the server answered 404 (not found)"})
			continue
		}
		if _, err := f.store.FeedByURL(ctx, o.URL); err == nil {
			sum.Existing++
			continue
		}
		if err := f.store.AddFeed(ctx, &storyline.Feed{URL: o.URL, Title: o.Title, SiteURL: o.SiteURL, Category: o.Category}); err != nil {
			return sum, err
		}
		sum.Added++
	}
	return sum, nil
}

// ImportArticles records the call and its files, then returns f.err or
// the files' fakeImport summary.
func (f *fakeIngester) ImportArticles(ctx context.Context, files []UploadedFile) (ImportSummary, error) {
	names := make([]string, len(files))
	for i, file := range files {
		names[i] = file.Name
	}
	f.record("import articles " + strings.Join(names, ","))
	f.mu.Lock()
	f.uploaded = files
	f.mu.Unlock()
	if f.err != nil {
		return ImportSummary{}, f.err
	}
	return fakeImport(files), nil
}

// fakeImport summarises files as if each line were an article: a line
// beginning "bad" fails with an error naming the file and line, the
// others are added.
func fakeImport(files []UploadedFile) ImportSummary {
	sum := ImportSummary{Files: len(files)}
	for _, file := range files {
		for i, line := range strings.Split(strings.TrimSpace(string(file.Data)), "\n") {
			if !strings.HasPrefix(line, "bad") {
				sum.Added++
				continue
			}
			sum.Failed++
			sum.Errors = append(sum.Errors, fmt.Sprintf("%s:%d: not an article", file.Name, i+1))
		}
	}
	return sum
}

// record notes a call.
func (f *fakeIngester) record(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
}

// called returns the calls so far.
func (f *fakeIngester) called() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// newFeedsEnv returns a test server with a fake ingester over its store.
func newFeedsEnv(t *testing.T) (*testEnv, *fakeIngester) {
	t.Helper()
	ing := &fakeIngester{}
	e := newTestEnv(t, func(c *Config) { c.Ingester = ing; ing.store = c.Store })
	return e, ing
}

// addFeed stores a feed directly.
func (e *testEnv) addFeed(f *storyline.Feed) *storyline.Feed {
	e.t.Helper()
	if err := e.db.AddFeed(context.Background(), f); err != nil {
		e.t.Fatal(err)
	}
	return f
}

// feedCount returns how many feeds are stored.
func (e *testEnv) feedCount() int {
	e.t.Helper()
	feeds, err := e.db.Feeds(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return len(feeds)
}

// postBody sends a same-origin form to path with c and returns the
// response and its body.
func (e *testEnv) postBody(c *http.Client, path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	return e.send(c, path, "application/x-www-form-urlencoded", form.Encode(), "same-origin")
}

// send posts body of contentType to path with c, as a browser on the site
// (site "same-origin") or on another one ("cross-site") does.
func (e *testEnv) send(c *http.Client, path, contentType, body, site string) (*http.Response, string) {
	e.t.Helper()
	origin := e.ts.URL
	if site != "same-origin" {
		origin = "https://evil.example"
	}
	a := e.apiCall(c, http.MethodPost, path, body, "Content-Type", contentType, "Sec-Fetch-Site", site, "Origin", origin)
	return &http.Response{StatusCode: a.status, Header: a.header}, a.body
}

// upload posts file as the "file" field of a multipart form to path.
func (e *testEnv) upload(c *http.Client, path, name string, file []byte) (*http.Response, string) {
	e.t.Helper()
	return e.uploadFiles(c, path, "file", "same-origin", UploadedFile{Name: name, Data: file})
}

// uploadFiles posts files in field of a multipart form to path, from site
// (see send).
func (e *testEnv) uploadFiles(c *http.Client, path, field, site string, files ...UploadedFile) (*http.Response, string) {
	e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range files {
		fw, err := mw.CreateFormFile(field, f.Name)
		if err != nil {
			e.t.Fatal(err)
		}
		fw.Write(f.Data)
	}
	mw.Close()
	return e.send(c, path, mw.FormDataContentType(), b.String(), site)
}

func TestFeedsAccess(t *testing.T) {
	e, ing := newFeedsEnv(t)
	f := e.addFeed(&storyline.Feed{URL: "https://a.example/feed", Title: "A feed"})
	id := itoa(f.ID)
	member := e.signedIn("member", memberPassword)
	posts := []struct {
		path string
		form url.Values
	}{
		{"/feeds", url.Values{"url": {"https://b.example/feed"}}},
		{"/feeds/import", nil},
		{"/feeds/articles", nil},
		{"/feeds/" + id + "/delete", nil},
		{"/feeds/" + id + "/pause", url.Values{"paused": {"1"}}},
		{"/feeds/" + id, url.Values{"category": {"Changed"}}},
		{"/settings", url.Values{"site_name": {"Taken over"}}},
		{"/settings/users", url.Values{"name": {"mallory"}, "password": {"mallory-pw"}, "confirm": {"mallory-pw"}, "role": {"admin"}}},
		{"/settings/users/" + itoa(e.member.ID) + "/role", url.Values{"role": {"admin"}}},
		{"/settings/users/" + itoa(e.admin.ID) + "/disabled", url.Values{"disabled": {"true"}}},
	}
	for _, p := range posts {
		if resp, _ := e.postBody(member, p.path, p.form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("member POST %s: status %d, want 403", p.path, resp.StatusCode)
		}
		if resp, _ := e.postBody(e.client(), p.path, p.form); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("visitor POST %s: status %d, want 401", p.path, resp.StatusCode)
		}
	}
	for _, path := range []string{"/feeds", "/feeds/export.opml"} {
		if resp, _ := e.get(member, path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("member GET %s: status %d, want 403", path, resp.StatusCode)
		}
		resp, _ := e.get(nil, path)
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/login?next="+url.QueryEscape(path) {
			t.Errorf("visitor GET %s: status %d to %q, want a redirect to sign in", path, resp.StatusCode, loc)
		}
	}
	if resp, _ := e.get(nil, "/settings"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("visitor GET /settings: status %d, want a redirect to sign in", resp.StatusCode)
	}

	// Nothing changed.
	if calls := ing.called(); len(calls) != 0 {
		t.Errorf("the ingester was called: %q", calls)
	}
	got, err := e.db.Feed(context.Background(), f.ID)
	if err != nil || got.Paused || got.Category != "" || e.feedCount() != 1 {
		t.Errorf("feed changed: %+v %v (%d feeds)", got, err, e.feedCount())
	}
	if users, _ := e.db.Users(context.Background()); len(users) != 2 {
		t.Errorf("%d users, want 2", len(users))
	}
	if u, _ := e.db.User(context.Background(), e.member.ID); u.IsAdmin() {
		t.Error("the member made themselves an administrator")
	}
	if set, _ := e.srv.currentSettings(context.Background()); set.SiteName != "Storyline" {
		t.Errorf("site name changed to %q", set.SiteName)
	}
}

func TestFeedsCrossOrigin(t *testing.T) {
	e, ing := newFeedsEnv(t)
	f := e.addFeed(&storyline.Feed{URL: "https://a.example/feed"})
	admin := e.signedIn("admin", adminPassword)
	for _, path := range []string{"/feeds", "/feeds/articles", "/feeds/" + itoa(f.ID) + "/delete", "/settings", "/settings/users", "/settings/tokens", "/settings/password"} {
		form := url.Values{"url": {"https://b.example/feed"}, "site_name": {"x"}, "name": {"x"}}
		resp, body := e.send(admin, path, "application/x-www-form-urlencoded", form.Encode(), "cross-site")
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "cross-origin") {
			t.Errorf("cross-site POST %s: status %d, want 403", path, resp.StatusCode)
		}
	}
	if calls := ing.called(); len(calls) != 0 || e.feedCount() != 1 {
		t.Errorf("a cross-site request did something: calls %q, %d feeds", calls, e.feedCount())
	}
}

func TestFeedsPage(t *testing.T) {
	e, _ := newFeedsEnv(t)
	ctx := context.Background()
	bad := e.addFeed(&storyline.Feed{URL: "https://bad.example/feed", Title: "Broken " + xssScript, Category: xssImg, Source: xssOutlet})
	e.addFeed(&storyline.Feed{URL: "https://good.example/feed", Title: "Good feed", Category: "World"})
	if err := e.db.RecordPolls(ctx, storyline.FeedPoll{FeedID: bad.ID, At: testNow.Add(-2 * time.Hour), Err: "fetch https://bad.example/feed: HTTP 404 Not Found " + xssScript, NextPoll: testNow.Add(30 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	resp, body := e.get(e.signedIn("admin", adminPassword), "/feeds")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{
		"Good feed", "https://good.example/feed", "World", "2 feeds",
		`<p class="error">Failing (1 time in a row): fetch https://bad.example/feed: HTTP 404 Not Found &lt;script&gt;`,
		"2 hours ago", "in 30 minutes", "due now",
		`action="/feeds"`, `enctype="multipart/form-data"`, `href="/feeds/export.opml"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("feeds page lacks %q", want)
		}
	}
	assertInert(t, "feeds page", body)
}

func TestFeedsAdd(t *testing.T) {
	e, ing := newFeedsEnv(t)
	admin := e.signedIn("admin", adminPassword)
	resp, _ := e.postBody(admin, "/feeds", url.Values{"url": {"https://site.example/"}, "category": {"Local"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/feeds?done=added" {
		t.Fatalf("add: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := e.get(admin, "/feeds?done=added"); !strings.Contains(body, "Feed added") || !strings.Contains(body, "Feed at https://site.example/") {
		t.Errorf("after adding, the page does not say so or list the feed")
	}
	if calls := ing.called(); len(calls) != 1 || calls[0] != "subscribe https://site.example/" {
		t.Errorf("calls %q", calls)
	}

	tests := []struct {
		name   string
		url    string
		err    error
		status int
		want   string
	}{
		{"no feed", "https://nofeed.example/", storyline.Errorf(storyline.EINVALID, "subscribe https://nofeed.example/: no feed found"), 400, "no feed found"},
		{"already", "https://site.example/", storyline.Errorf(storyline.ECONFLICT, "already subscribed to https://site.example/ (feed 1)"), 409, "already subscribed"},
		{"private", "http://10.0.0.1/feed", storyline.Errorf(storyline.EINVALID, "subscribe http://10.0.0.1/feed: fetch http://10.0.0.1/feed: refused: 10.0.0.1 is a private address"), 400, "10.0.0.1 is a private address"},
		{"hostile", `https://x.example/"><script>alert(1)</script>`, storyline.Errorf(storyline.EINVALID, `subscribe https://x.example/"><script>alert(1)</script>: no feed found`), 400, "no feed found"},
		{"empty", "  ", nil, 400, "enter the address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ing.err = tt.err
			defer func() { ing.err = nil }()
			before := e.feedCount()
			resp, body := e.postBody(admin, "/feeds", url.Values{"url": {tt.url}, "category": {xssScript}})
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) || !strings.Contains(body, `class="error"`) {
				t.Errorf("status %d, want %d with %q in .error", resp.StatusCode, tt.status, tt.want)
			}
			assertInert(t, "feeds page after "+tt.name, body)
			if e.feedCount() != before {
				t.Errorf("a feed was stored")
			}
		})
	}
	if resp, body := e.postBody(admin, "/feeds", url.Values{"url": {"https://long.example/"}, "category": {strings.Repeat("c", 101)}}); resp.StatusCode != 400 || !strings.Contains(body, "category: at most 100 bytes") {
		t.Errorf("long category: status %d", resp.StatusCode)
	}
}

func TestFeedsWithoutIngester(t *testing.T) {
	e := newTestEnv(t)
	admin := e.signedIn("admin", adminPassword)
	resp, body := e.get(admin, "/feeds")
	if resp.StatusCode != 200 || !strings.Contains(body, "needs the server's ingester") || strings.Contains(body, `action="/feeds/import"`) || strings.Contains(body, `action="/feeds/articles"`) {
		t.Errorf("feeds page without an ingester: status %d, forms not replaced by the explanation", resp.StatusCode)
	}
	if resp, body := e.postBody(admin, "/feeds", url.Values{"url": {"https://a.example/feed"}}); resp.StatusCode != 400 || !strings.Contains(body, "needs the server's ingester") {
		t.Errorf("add without an ingester: status %d", resp.StatusCode)
	}
	if resp, body := e.upload(admin, "/feeds/import", "f.opml", []byte(opmlDoc)); resp.StatusCode != 400 || !strings.Contains(body, "needs the server's ingester") {
		t.Errorf("import without an ingester: status %d", resp.StatusCode)
	}
	if resp, body := e.uploadFiles(admin, "/feeds/articles", "files", "same-origin", UploadedFile{Name: "a.jsonl", Data: []byte("{}")}); resp.StatusCode != 400 || !strings.Contains(body, "needs the server's ingester") {
		t.Errorf("article import without an ingester: status %d", resp.StatusCode)
	}
	if e.feedCount() != 0 {
		t.Error("a feed was stored")
	}
}

// opmlDoc is an OPML file with a hostile title and category.
const opmlDoc = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="News &lt;script&gt;alert(1)&lt;/script&gt;"><outline type="rss" text="Wire &lt;img src=x onerror=alert(1)&gt;" xmlUrl="https://wire.example.com/rss" htmlUrl="https://wire.example.com/"/></outline>
<outline type="rss" text="Daily" xmlUrl="https://daily.example.org/feed"/>
</body></opml>`

func TestFeedsImportExport(t *testing.T) {
	e, _ := newFeedsEnv(t)
	admin := e.signedIn("admin", adminPassword)
	e.addFeed(&storyline.Feed{URL: "https://daily.example.org/feed", Title: "Daily"})

	resp, body := e.upload(admin, "/feeds/import", "subs.opml", []byte(opmlDoc))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("import: status %d", resp.StatusCode)
	}
	if !strings.Contains(body, "OPML imported: 1 feed added, 1 already subscribed.") {
		t.Errorf("the page does not report the import")
	}
	assertInert(t, "feeds page after import", body)

	errs := []struct {
		name string
		file []byte
		want string
	}{
		{"not OPML", []byte("<rss/>"), "not an OPML document"},
		{"empty", nil, "choose a file first"},
		{"too large", bytes.Repeat([]byte(" "), maxOPMLBytes+1), "larger than 5 MB"},
	}
	for _, tt := range errs {
		name := "f.opml"
		if tt.file == nil {
			name = ""
		}
		resp, body := e.upload(admin, "/feeds/import", name, tt.file)
		if resp.StatusCode != 400 || !strings.Contains(body, tt.want) {
			t.Errorf("import %s: status %d, want 400 with %q", tt.name, resp.StatusCode, tt.want)
		}
	}
	if resp, body := e.postBody(admin, "/feeds/import", url.Values{"file": {opmlDoc}}); resp.StatusCode != 400 || !strings.Contains(body, "multipart/form-data") {
		t.Errorf("import as a plain form: status %d", resp.StatusCode)
	}

	resp, body = e.get(admin, "/feeds/export.opml")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/x-opml") || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: status %d, headers %v", resp.StatusCode, resp.Header)
	}
	if strings.Contains(body, "<script") || strings.Contains(body, "<img") {
		t.Errorf("export carries hostile markup unescaped:\n%s", body)
	}
	outlines, err := opml.Parse([]byte(body))
	if err != nil {
		t.Fatalf("export does not parse: %v\n%s", err, body)
	}
	feeds, _ := e.db.Feeds(context.Background())
	if len(outlines) != len(feeds) || len(feeds) != 2 {
		t.Fatalf("export lists %d outlines for %d feeds", len(outlines), len(feeds))
	}
	byURL := map[string]opml.Outline{}
	for _, o := range outlines {
		byURL[o.URL] = o
	}
	for _, f := range feeds {
		if o := byURL[f.URL]; o.Title != f.Title || o.Category != f.Category {
			t.Errorf("feed %s exported as %+v, stored as %+v", f.URL, o, f)
		}
	}
	if o := byURL["https://wire.example.com/rss"]; o.Title != "Wire "+xssImg || o.Category != "News "+xssScript {
		t.Errorf("round trip changed the hostile names: %+v", o)
	}
}

func TestFeedsEdit(t *testing.T) {
	e, _ := newFeedsEnv(t)
	ctx := context.Background()
	admin := e.signedIn("admin", adminPassword)
	f := e.addFeed(&storyline.Feed{URL: "https://a.example/feed", Title: "A", FeedOnly: true})
	id := itoa(f.ID)
	steps := []struct {
		path   string
		form   url.Values
		status int
		check  func(*storyline.Feed) bool
	}{
		{"/feeds/" + id + "/pause", url.Values{"paused": {"1"}}, 303, func(f *storyline.Feed) bool { return f.Paused }},
		{"/feeds/" + id + "/pause", url.Values{"paused": {"0"}}, 303, func(f *storyline.Feed) bool { return !f.Paused }},
		{"/feeds/" + id + "/pause", url.Values{"paused": {"maybe"}}, 400, func(f *storyline.Feed) bool { return !f.Paused }},
		{"/feeds/" + id, url.Values{"category": {" Science "}, "source": {"A Outlet"}}, 303, func(f *storyline.Feed) bool {
			return f.Category == "Science" && f.Source == "A Outlet" && f.FeedOnly && f.Title == "A"
		}},
		{"/feeds/" + id, url.Values{"category": {xssScript}, "source": {xssOutlet}}, 303, func(f *storyline.Feed) bool { return f.Category == xssScript }},
		{"/feeds/" + id, url.Values{"category": {"a\x00b"}}, 400, func(f *storyline.Feed) bool { return f.Category == xssScript }},
		{"/feeds/999/pause", url.Values{"paused": {"1"}}, 404, nil},
		{"/feeds/x/delete", nil, 404, nil},
	}
	for _, s := range steps {
		resp, body := e.postBody(admin, s.path, s.form)
		if resp.StatusCode != s.status {
			t.Errorf("POST %s %v: status %d, want %d", s.path, s.form, resp.StatusCode, s.status)
		}
		assertInert(t, "POST "+s.path, body)
		if s.check != nil {
			got, err := e.db.Feed(ctx, f.ID)
			if err != nil || !s.check(got) {
				t.Errorf("after POST %s %v: feed %+v %v", s.path, s.form, got, err)
			}
		}
	}
	_, body := e.get(admin, "/feeds")
	assertInert(t, "feeds page with a hostile category", body)
	if resp, _ := e.postBody(admin, "/feeds/"+id+"/delete", nil); resp.StatusCode != 303 || e.feedCount() != 0 {
		t.Errorf("delete: status %d, %d feeds left", resp.StatusCode, e.feedCount())
	}
}
