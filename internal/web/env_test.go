package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// fastPasswords keeps the tests quick; the hash format is the real one.
var fastPasswords = auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// testNow is the clock of the test servers: a day after the fixtures.
var testNow = time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)

// xss are the hostile payloads fixtures carry in titles, outlet names,
// article HTML and comments; no page may contain them unescaped.
const (
	xssScript  = `<script>alert(1)</script>`
	xssImg     = `<img src=x onerror=alert(1)>`
	xssJSLink  = `javascript:alert(1)`
	xssOutlet  = `Evil <img src=x onerror=alert(1)> Outlet`
	xssHTML    = `<p>Plain words.</p><script>alert(1)</script><p><a href="javascript:alert(1)">click</a><img src="x" onerror="alert(1)"></p>`
	hostileAny = "alert(1)"
)

// testEnv is a server over a real SQLite store with fixtures: two stories
// (one covered by two outlets), an article with hostile HTML, an
// administrator and a member.
type testEnv struct {
	t      *testing.T
	db     *sqlite.DB
	srv    *Server
	ts     *httptest.Server
	ids    map[string]int64 // fixture articles: "wire", "daily", "copy", "cup", "evil"
	story  int64            // the two-outlet dam story
	other  int64            // the cup story
	admin  *storyline.User
	member *storyline.User
}

// Passwords of the fixture users.
const (
	adminPassword  = "admin-password"
	memberPassword = "member-password"
)

// envOption changes a test server's configuration.
type envOption func(*Config)

// newTestEnv starts a test server with the fixtures.
func newTestEnv(t *testing.T, opts ...envOption) *testEnv {
	t.Helper()
	e := &testEnv{t: t, ids: map[string]int64{}}
	e.db = openTestDB(t)
	e.seed()
	e.start(append([]envOption{func(c *Config) { c.Now = func() time.Time { return testNow } }}, opts...)...)
	return e
}

// start starts e's server over e.db.
func (e *testEnv) start(opts ...envOption) {
	e.t.Helper()
	cfg := Config{Store: e.db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PasswordParams: fastPasswords}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	e.srv = srv
	e.ts = httptest.NewServer(srv)
	e.t.Cleanup(e.ts.Close)
}

// openTestDB opens an empty SQLite store in t's temporary directory.
func openTestDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// seed stores the fixtures.
func (e *testEnv) seed() {
	t, ctx := e.t, context.Background()
	wire := "Negotiators agreed on Monday to resume talks over the river dam.\n\nTalks restart next week in Geneva."
	day := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	arts := []struct {
		key string
		a   *storyline.Article
	}{
		{"wire", &storyline.Article{URL: "https://wire.example.com/dam", Source: "Example Wire", Title: "Dam talks to resume", Byline: "Ana Ruiz", Text: wire, HTML: "<p>Negotiators agreed on Monday to resume talks over the river dam.</p><p>Talks restart next week in Geneva.</p>", Published: day}},
		{"copy", &storyline.Article{URL: "https://mirror.example.net/dam", Source: "Example Mirror", Title: "Dam talks to resume (mirror)", Text: wire, Published: day.Add(30 * time.Minute)}},
		{"daily", &storyline.Article{URL: "https://daily.example.org/dam", Source: "Example Daily", Title: "River dam negotiations restart", Text: "The river dam negotiations restart next week, officials in Geneva said on Monday.", Published: day.Add(time.Hour)}},
		{"cup", &storyline.Article{URL: "https://daily.example.org/cup", Source: "Example Daily", Title: xssScript + " Cup final", Text: "Harbour City won the cup final on Saturday.", Published: day.Add(-14 * time.Hour)}},
		{"evil", &storyline.Article{URL: "https://evil.example/x", Source: xssOutlet, Title: "Harbour City parade " + xssImg, Byline: xssScript, Text: "Plain words. Harbour City held a parade after the cup final.", HTML: xssHTML, Published: day.Add(-13 * time.Hour)}},
	}
	for _, f := range arts {
		f.a.ContentHash = storyline.ContentHash(f.a.Text)
		res, err := e.db.SaveArticle(ctx, f.a)
		if err != nil {
			t.Fatalf("seed %s: %v", f.key, err)
		}
		e.ids[f.key] = res.ID
	}
	kp := func(text, tag string) storyline.Keyphrase {
		return storyline.Keyphrase{Text: text, Hashtag: tag, Score: 1}
	}
	analyses := []*storyline.Analysis{
		{ArticleID: e.ids["wire"], StoryID: 1, Summary: []string{"Negotiators agreed to resume talks over the river dam."},
			Keyphrases: []storyline.Keyphrase{kp("dam talks", "#DamTalks")},
			Entities:   []storyline.Entity{{Name: "Geneva", Kind: storyline.EntityPlace, Count: 1}}},
		{ArticleID: e.ids["copy"], StoryID: 1}, // a syndicated copy is filed in its original's story
		{ArticleID: e.ids["daily"], StoryID: 1, Summary: []string{"The negotiations restart next week."}},
		{ArticleID: e.ids["cup"], StoryID: 2, Summary: []string{"Harbour City won the cup final."}},
		{ArticleID: e.ids["evil"], StoryID: 2, Summary: []string{"A parade " + xssScript},
			Keyphrases: []storyline.Keyphrase{kp(xssScript, "#"+xssImg)}},
	}
	for _, a := range analyses {
		a.Version = 1
		if err := e.db.SaveAnalysis(ctx, a); err != nil {
			t.Fatalf("seed analysis: %v", err)
		}
	}
	e.story, e.other = 1, 2
	dam, err := e.db.Story(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	dam.Title = "Dam talks to resume"
	dam.Brief = &storyline.Brief{Generator: storyline.BuiltInBrief, UpdatedAt: day, Sentences: []storyline.BriefSentence{
		{Text: "Negotiators agreed to resume talks over the river dam; they restart next week in Geneva.", ArticleIDs: []int64{e.ids["wire"], e.ids["daily"]}}},
		Coverage: []storyline.OutletPoints{
			{Source: "Example Wire", ArticleID: e.ids["wire"], Title: "Dam talks to resume", Points: []storyline.BriefSentence{{Text: "Talks restart in Geneva.", ArticleIDs: []int64{e.ids["wire"]}}}},
			{Source: "Example Daily", ArticleID: e.ids["daily"], Title: "Dam negotiations restart", Points: []storyline.BriefSentence{}},
		}}
	dam.Summary = dam.Brief.Text()
	dam.Keyphrases = []storyline.Keyphrase{kp("dam talks", "#DamTalks"), kp("river dam", "#RiverDam")}
	dam.Entities = []storyline.Entity{{Name: "Geneva", Kind: storyline.EntityPlace, Count: 2}, {Name: "River Authority", Kind: storyline.EntityOrganization, Count: 1}}
	cup, err := e.db.Story(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	cup.Title = xssScript + " Cup final"
	cup.Brief = &storyline.Brief{Generator: "model " + xssScript, UpdatedAt: day, Sentences: []storyline.BriefSentence{
		{Text: "Harbour City won the cup final " + xssImg, ArticleIDs: []int64{e.ids["cup"], e.ids["evil"]}}}}
	cup.Summary = cup.Brief.Text()
	cup.Keyphrases = []storyline.Keyphrase{kp(xssScript, "#"+xssImg), kp("cup final", "#CupFinal")}
	cup.Entities = []storyline.Entity{{Name: "Harbour City " + xssScript, Kind: storyline.EntityOrganization, Count: 2}}
	if err := e.db.SaveStories(ctx,
		storyline.StoryUpdate{Story: dam, Terms: map[string]float64{"dam": 2, "geneva": 1, "talks": 1}},
		storyline.StoryUpdate{Story: cup, Terms: map[string]float64{"cup": 2, "harbour": 1, "geneva": 0.1, "talks": 0.1}}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		dst  **storyline.User
		name string
		pw   string
		role storyline.Role
	}{{&e.admin, "admin", adminPassword, storyline.RoleAdmin}, {&e.member, "member", memberPassword, storyline.RoleMember}} {
		hash, err := auth.HashPassword(u.pw, fastPasswords)
		if err != nil {
			t.Fatal(err)
		}
		*u.dst = &storyline.User{Name: u.name, PasswordHash: hash, Role: u.role}
		if err := e.db.AddUser(ctx, *u.dst); err != nil {
			t.Fatal(err)
		}
	}
}

// client returns an HTTP client with a cookie jar that does not follow
// redirects, so tests see them.
func (e *testEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signedIn returns a client signed in as name.
func (e *testEnv) signedIn(name, password string) *http.Client {
	e.t.Helper()
	c := e.client()
	resp := e.post(c, "/login", url.Values{"name": {name}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: status %d", name, resp.StatusCode)
	}
	return c
}

// get fetches path with c (nil: a visitor) and returns the response and
// its body.
func (e *testEnv) get(c *http.Client, path string) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.roundTrip(c, req)
}

// post sends a same-origin form to path with c, as a browser does.
func (e *testEnv) post(c *http.Client, path string, form url.Values) *http.Response {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", e.ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// roundTrip sends req with c (nil: a visitor) and returns the response
// and its body.
func (e *testEnv) roundTrip(c *http.Client, req *http.Request) (*http.Response, string) {
	e.t.Helper()
	if c == nil {
		c = e.client()
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, string(b)
}
