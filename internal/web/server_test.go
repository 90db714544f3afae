package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// newTestServer returns a test server with the fixtures (see newTestEnv)
// and the IDs of the wire article, its copy and the daily article.
func newTestServer(t *testing.T) (*httptest.Server, []int64) {
	t.Helper()
	e := newTestEnv(t)
	return e.ts, []int64{e.ids["wire"], e.ids["copy"], e.ids["daily"]}
}

// getJSON fetches path and decodes the body into v, returning the status.
func getJSON(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("%s: security headers missing: %v", path, resp.Header)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: decode: %v", path, err)
	}
	return resp.StatusCode
}

type apiError struct {
	Error struct{ Code, Message string } `json:"error"`
}

func TestHealth(t *testing.T) {
	ts, _ := newTestServer(t)
	var body map[string]string
	if code := getJSON(t, ts, "/healthz", &body); code != 200 || body["status"] != "ok" {
		t.Errorf("healthz %d %v", code, body)
	}
}

func TestArticles(t *testing.T) {
	e := newTestEnv(t)
	var list struct {
		Articles []struct {
			ID     int64
			Title  string
			Source string
			Text   string
		}
		NextCursor string `json:"next_cursor"`
	}
	if code := getJSON(t, e.ts, "/api/v1/articles", &list); code != 200 {
		t.Fatalf("status %d", code)
	}
	want := []int64{e.ids["daily"], e.ids["wire"], e.ids["evil"], e.ids["cup"]} // newest first; the copy is not listed
	if len(list.Articles) != len(want) || list.NextCursor != "" {
		t.Fatalf("got %+v, want articles %v and no next cursor", list, want)
	}
	for i, a := range list.Articles {
		if a.ID != want[i] || a.Text != "" {
			t.Errorf("article %d: %+v, want id %d and no body in lists", i, a, want[i])
		}
	}
	for _, param := range []string{"outlet", "source"} {
		getJSON(t, e.ts, "/api/v1/articles?"+param+"=Example+Daily&limit=5", &list)
		if len(list.Articles) != 2 || list.Articles[0].Source != "Example Daily" || list.Articles[1].Source != "Example Daily" {
			t.Errorf("%s filter: %+v", param, list.Articles)
		}
	}
	getJSON(t, e.ts, "/api/v1/articles?since=2026-03-02", &list)
	if len(list.Articles) != 2 {
		t.Errorf("since filter: %+v", list.Articles)
	}
}

func TestArticle(t *testing.T) {
	e := newTestEnv(t)
	var a struct {
		Title           string
		Text            string
		AlsoPublishedBy []struct{ Source, URL string } `json:"also_published_by"`
		StoryID         int64                          `json:"story_id"`
		Analysis        struct {
			Summary    []string
			Keyphrases []struct{ Text, Hashtag string }
			Entities   []struct {
				Name, Kind string
				Mentions   int
			}
		}
	}
	if code := getJSON(t, e.ts, "/api/v1/articles/"+itoa(e.ids["wire"]), &a); code != 200 {
		t.Fatalf("status %d", code)
	}
	if a.Title != "Dam talks to resume" || !strings.Contains(a.Text, "resume talks") {
		t.Errorf("article %+v", a)
	}
	if len(a.AlsoPublishedBy) != 1 || a.AlsoPublishedBy[0].Source != "Example Mirror" {
		t.Errorf("also published by: %+v", a.AlsoPublishedBy)
	}
	if a.StoryID != e.story || len(a.Analysis.Summary) != 1 || len(a.Analysis.Keyphrases) != 1 || a.Analysis.Keyphrases[0].Hashtag != "#DamTalks" ||
		len(a.Analysis.Entities) != 1 || a.Analysis.Entities[0].Kind != "place" {
		t.Errorf("analysis: story %d %+v", a.StoryID, a.Analysis)
	}
	var copyOf struct {
		AlsoPublishedBy []struct{ Source string } `json:"also_published_by"`
	}
	getJSON(t, e.ts, "/api/v1/articles/"+itoa(e.ids["copy"]), &copyOf)
	if len(copyOf.AlsoPublishedBy) != 1 || copyOf.AlsoPublishedBy[0].Source != "Example Wire" {
		t.Errorf("the copy's also published by: %+v", copyOf.AlsoPublishedBy)
	}
}

func TestSearch(t *testing.T) {
	ts, _ := newTestServer(t)
	var res struct {
		Hits []struct {
			Article struct{ Title string }
			Snippet []storyline.SnippetPart
		}
	}
	if code := getJSON(t, ts, "/api/v1/search?q=dam+talks", &res); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(res.Hits) != 1 || res.Hits[0].Article.Title != "Dam talks to resume" {
		t.Fatalf("hits %+v", res.Hits)
	}
	marked := false
	for _, p := range res.Hits[0].Snippet {
		marked = marked || (p.Match && strings.EqualFold(p.Text, "talks"))
	}
	if !marked {
		t.Errorf("snippet marks no match: %+v", res.Hits[0].Snippet)
	}
	for _, q := range []string{`"dam`, "-", "dam AND", "NEAR(", "*", "title:dam", "<script>alert(1)</script>", "'; DROP TABLE articles; --"} {
		if code := getJSON(t, ts, "/api/v1/search?q="+url.QueryEscape(q), &res); code != 200 {
			t.Errorf("hostile query %q: status %d", q, code)
		}
	}
}

func TestErrors(t *testing.T) {
	ts, _ := newTestServer(t)
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/articles/999", 404, storyline.ENOTFOUND},
		{"/api/v1/articles/abc", 400, storyline.EINVALID},
		{"/api/v1/articles/-1", 400, storyline.EINVALID},
		{"/api/v1/articles?limit=0", 400, storyline.EINVALID},
		{"/api/v1/articles?limit=x", 400, storyline.EINVALID},
		{"/api/v1/articles?limit=201", 400, storyline.EINVALID},
		{"/api/v1/articles?cursor=bad", 400, storyline.EINVALID},
		{"/api/v1/articles?since=soon", 400, storyline.EINVALID},
		{"/api/v1/stories?cursor=bad", 400, storyline.EINVALID},
		{"/api/v1/stories?cursor=" + offsetCursor(20), 400, storyline.EINVALID},
		{"/api/v1/stories?kind=animal&entity=x", 400, storyline.EINVALID},
		{"/api/v1/stories?kind=place", 400, storyline.EINVALID},
		{"/api/v1/stories?hashtag=" + strings.Repeat("a", 1001), 400, storyline.EINVALID},
		{"/api/v1/stories/999", 404, storyline.ENOTFOUND},
		{"/api/v1/stories/0", 400, storyline.EINVALID},
		{"/api/v1/stories/top?limit=0", 400, storyline.EINVALID},
		{"/api/v1/stories/999/comments", 404, storyline.ENOTFOUND},
		{"/api/v1/articles/999/comments", 404, storyline.ENOTFOUND},
		{"/api/v1/stories/1/comments?cursor=bad", 400, storyline.EINVALID},
		{"/api/v1/search?q=a&since=soon", 400, storyline.EINVALID},
		{"/api/v1/search?q=a&cursor=bad", 400, storyline.EINVALID},
		{"/api/v1/search?q=a&cursor=" + encodeCursor(testNow, 3), 400, storyline.EINVALID},
		{"/api/v1/search?q=" + strings.Repeat("a", 1001), 400, storyline.EINVALID},
		{"/api/v1/feeds", 401, storyline.EUNAUTHORIZED},
		{"/api/v1/me", 401, storyline.EUNAUTHORIZED},
		{"/api/v1/nothing", 404, storyline.ENOTFOUND},
	}
	for _, tt := range tests {
		var e apiError
		if status := getJSON(t, ts, tt.path, &e); status != tt.status || e.Error.Code != tt.code || e.Error.Message == "" {
			t.Errorf("%s: status %d %+v, want %d %s", tt.path, status, e, tt.status, tt.code)
		}
	}
}

func TestStatusOf(t *testing.T) {
	for code, want := range map[string]int{
		storyline.ENOTFOUND: 404, storyline.EINVALID: 400, storyline.ECONFLICT: 409, storyline.EINTERNAL: 500, "": 500,
		storyline.EUNAUTHORIZED: 401, storyline.EFORBIDDEN: 403, storyline.ETOOMANY: 429,
	} {
		if got := statusOf(code); got != want {
			t.Errorf("statusOf(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestGracefulShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, err := New(Config{Store: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, "127.0.0.1:0", func(a string) { addr <- a }) }()
	resp, err := http.Get("http://" + <-addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop")
	}
	if err := srv.ListenAndServe(context.Background(), "256.0.0.1:99999", nil); err == nil || !strings.Contains(err.Error(), "256.0.0.1:99999") {
		t.Errorf("bad address error %v does not name it", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
