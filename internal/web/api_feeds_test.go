package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
)

// apiIngester stands in for the poller in API tests: Subscribe stores a
// feed at the URL, and counts its calls.
type apiIngester struct {
	store Store
	mu    sync.Mutex
	calls int
}

// Subscribe stores a feed at url; "private" in url is refused as the
// fetcher's guard refuses private addresses.
func (f *apiIngester) Subscribe(ctx context.Context, url, category string) (*storyline.Feed, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	if strings.Contains(url, "private") {
		return nil, storyline.Errorf(storyline.EINVALID, "feed %s: a private address", url)
	}
	feed := &storyline.Feed{URL: url, Title: "Feed at " + url, Category: category}
	return feed, f.store.AddFeed(ctx, feed)
}

// ImportOPML is not used by the API.
func (f *apiIngester) ImportOPML(context.Context, io.Reader) (OPMLSummary, error) {
	return OPMLSummary{}, nil
}

// ImportArticles is not used by the API.
func (f *apiIngester) ImportArticles(context.Context, []UploadedFile) (ImportSummary, error) {
	return ImportSummary{}, nil
}

// feedJSON is a feed as the API gives it.
type feedJSON struct {
	ID           int64
	URL          string
	Category     string
	Paused       bool
	LastFetch    *time.Time `json:"last_fetch"`
	LastError    string     `json:"last_error"`
	ErrorHelp    string     `json:"error_help"`
	ErrorCount   int        `json:"error_count"`
	NextPoll     *time.Time `json:"next_poll"`
	ArticleCount int        `json:"article_count"`
}

func TestAPIFeeds(t *testing.T) {
	var ing *apiIngester
	e := newTestEnv(t, func(c *Config) {
		ing = &apiIngester{store: c.Store}
		c.Ingester = ing
	})
	ctx := context.Background()
	failing := &storyline.Feed{URL: "https://down.example.com/rss", Category: "World"}
	if err := e.db.AddFeed(ctx, failing); err != nil {
		t.Fatal(err)
	}
	if err := e.db.RecordPolls(ctx, storyline.FeedPoll{FeedID: failing.ID, At: testNow, Err: "HTTP 500", NextPoll: testNow.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	member, admin := e.signedIn("member", memberPassword), e.signedIn("admin", adminPassword)
	adminToken, memberToken := e.apiToken(e.admin), e.apiToken(e.member)

	for _, tt := range []struct {
		name   string
		who    *http.Client
		header []string
		status int
	}{
		{"visitor", nil, nil, 401},
		{"member", member, nil, 403},
		{"member token", nil, []string{"Authorization", memberToken}, 403},
		{"admin", admin, nil, 200},
		{"admin token", nil, []string{"Authorization", adminToken}, 200},
	} {
		if r := e.apiCall(tt.who, http.MethodGet, "/api/v1/feeds", "", tt.header...); r.status != tt.status {
			t.Errorf("%s lists feeds: %d %s", tt.name, r.status, r.body)
		}
		if r := e.apiCall(tt.who, http.MethodPost, "/api/v1/feeds", `{"url":"https://`+strings.ReplaceAll(tt.name, " ", "-")+`.example.com/rss"}`, tt.header...); (r.status == 201) != (tt.status == 200) {
			t.Errorf("%s adds a feed: %d %s", tt.name, r.status, r.body)
		}
	}
	if ing.calls != 2 {
		t.Errorf("the ingester was called %d times, want 2 (administrators only)", ing.calls)
	}

	var list struct{ Feeds []feedJSON }
	e.apiCall(admin, http.MethodGet, "/api/v1/feeds", "").decode(t, &list)
	if len(list.Feeds) != 3 {
		t.Fatalf("feeds %+v", list.Feeds)
	}
	var down *feedJSON
	for i := range list.Feeds {
		if list.Feeds[i].ID == failing.ID {
			down = &list.Feeds[i]
		}
	}
	if down == nil || down.LastError != "HTTP 500" || down.ErrorHelp != feedSentence(fetch.KindStatus, false) || down.ErrorCount != 1 || down.LastFetch == nil || down.NextPoll == nil || down.Category != "World" {
		t.Errorf("feed status: %+v", down)
	}

	r := e.apiCall(admin, http.MethodPost, "/api/v1/feeds", `{"url":"https://new.example.com/","category":"Tech"}`)
	var added feedJSON
	r.decode(t, &added)
	if r.status != http.StatusCreated || added.ID == 0 || added.Category != "Tech" {
		t.Errorf("add: %d %s", r.status, r.body)
	}
	for _, tt := range []struct{ body, says string }{
		{`{"url":""}`, "feed URL"},
		{`{"category":"x"}`, "feed URL"},
		{`{"url":"https://x.example/` + strings.Repeat("x", 2048) + `"}`, "longer than 2048"},
		{`{"url":"https://x.example/","category":"a\u0000b"}`, "category"},
		{`{"url":"https://x.example/","tags":[]}`, `"tags"`},
		{`{"url":"http://private.example/"}`, "private"},
	} {
		r := e.apiCall(admin, http.MethodPost, "/api/v1/feeds", tt.body)
		var er apiError
		r.decode(t, &er)
		if r.status != 400 || !strings.Contains(er.Error.Message, tt.says) {
			t.Errorf("add %s: %d %s", tt.body, r.status, r.body)
		}
	}
	if r := e.apiCall(admin, http.MethodPost, "/api/v1/feeds", `{"url":"https://new.example.com/"}`); r.status != http.StatusConflict {
		t.Errorf("add twice: %d %s", r.status, r.body)
	}

	del := "/api/v1/feeds/" + itoa(failing.ID)
	if r := e.apiCall(member, http.MethodDelete, del, ""); r.status != 403 {
		t.Errorf("member deletes: %d", r.status)
	}
	if r := e.apiCall(admin, http.MethodDelete, del, ""); r.status != http.StatusNoContent {
		t.Errorf("admin deletes: %d %s", r.status, r.body)
	}
	if r := e.apiCall(admin, http.MethodDelete, del, ""); r.status != 404 {
		t.Errorf("delete twice: %d", r.status)
	}
	if r := e.apiCall(admin, http.MethodDelete, "/api/v1/feeds/abc", ""); r.status != 400 {
		t.Errorf("delete a bad id: %d", r.status)
	}
}

func TestAPIAddFeedWithoutIngester(t *testing.T) {
	e := newTestEnv(t)
	admin := e.signedIn("admin", adminPassword)
	r := e.apiCall(admin, http.MethodPost, "/api/v1/feeds", `{"url":"https://feeds.example.com/rss"}`)
	if r.status != 400 || r.errCode() != storyline.EINVALID || !strings.Contains(r.body, "ingester") {
		t.Errorf("no ingester: %d %s", r.status, r.body)
	}
}

func TestAPIMe(t *testing.T) {
	e := newTestEnv(t)
	if r := e.apiCall(nil, http.MethodGet, "/api/v1/me", ""); r.status != 401 || r.errCode() != storyline.EUNAUTHORIZED {
		t.Errorf("visitor: %d %s", r.status, r.body)
	}
	var me struct {
		ID   int64
		Name string
		Role string
	}
	r := e.apiCall(e.signedIn("member", memberPassword), http.MethodGet, "/api/v1/me", "")
	r.decode(t, &me)
	if r.status != 200 || me.ID != e.member.ID || me.Name != "member" || me.Role != "member" {
		t.Errorf("member: %d %s", r.status, r.body)
	}
	r = e.apiCall(nil, http.MethodGet, "/api/v1/me", "", "Authorization", e.apiToken(e.admin))
	r.decode(t, &me)
	if r.status != 200 || me.Name != "admin" || me.Role != "admin" {
		t.Errorf("admin token: %d %s", r.status, r.body)
	}
	if strings.Contains(strings.ToLower(r.body), "hash") || strings.Contains(r.body, "argon2") {
		t.Errorf("the password hash leaks: %s", r.body)
	}
	for _, bad := range []string{"Bearer nope", "Basic YWRtaW46eA==", "Bearer "} {
		if r := e.apiCall(nil, http.MethodGet, "/api/v1/me", "", "Authorization", bad); r.status != 401 {
			t.Errorf("Authorization %q: %d %s", bad, r.status, r.body)
		}
	}
}

func TestAPIPrivateReading(t *testing.T) {
	e := newTestEnv(t)
	e.apiSetPublic(false)
	token := e.apiToken(e.member)
	for _, path := range []string{"/api/v1/stories", "/api/v1/stories/top", "/api/v1/stories/1", "/api/v1/articles", "/api/v1/articles/1",
		"/api/v1/search?q=dam", "/api/v1/stories/1/comments", "/api/v1/articles/1/comments"} {
		if r := e.apiCall(nil, http.MethodGet, path, ""); r.status != 401 || r.errCode() != storyline.EUNAUTHORIZED {
			t.Errorf("visitor %s: %d %s", path, r.status, r.body)
		}
		if r := e.apiCall(nil, http.MethodGet, path, "", "Authorization", token); r.status != 200 {
			t.Errorf("token %s: %d %s", path, r.status, r.body)
		}
	}
}
