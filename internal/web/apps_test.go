package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// TestFeverMounted checks the Fever API as the server mounts it: open on
// a private site (apps sign in with an app password), never served from
// the visitors' page cache, and what an app marks read shows at once on
// the reader's pages, whose state the server keeps a while.
func TestFeverMounted(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.PageCache = time.Minute })
	e.apiSetPublic(false)
	ctx := context.Background()
	feed := &storyline.Feed{URL: "https://feeds.example/rss", Title: "Example Feed"}
	if err := e.db.AddFeed(ctx, feed); err != nil {
		t.Fatal(err)
	}
	text := "A report that came through a feed, for the apps."
	res, err := e.db.SaveArticle(ctx, &storyline.Article{URL: "https://feeds.example/1", Source: "Example Daily", Title: "From a feed",
		Text: text, FeedID: feed.ID, ContentHash: storyline.ContentHash(text), Published: testNow.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	secret, secretHash, feverHash := auth.NewAppPassword(e.member.Name)
	if err := e.db.AddAppPassword(ctx, &storyline.AppPassword{UserID: e.member.ID, Label: "Reeder", SecretHash: secretHash, FeverHash: feverHash}); err != nil {
		t.Fatal(err)
	}
	key := auth.FeverKey(e.member.Name, secret)
	fever := func(query string, form url.Values) map[string]any {
		t.Helper()
		resp, err := http.PostForm(e.ts.URL+"/fever/?api"+query, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("?api%s: status %d, %s", query, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := fever("", url.Values{"api_key": {"0123456789abcdef0123456789abcdef"}}); got["auth"] != 0.0 {
		t.Fatalf("a wrong key on a private site: %v, want auth 0", got)
	}
	id := strconv.FormatInt(res.ID, 10)
	if got := fever("&unread_item_ids", url.Values{"api_key": {key}}); got["auth"] != 1.0 || got["unread_item_ids"] != id {
		t.Fatalf("unread_item_ids: %v, want %s", got, id)
	}

	m := e.memberPages()
	outlet := "/outlets/Example%20Daily"
	if page := m.page(outlet); !strings.Contains(page, `class="unread" data-kind="article" data-id="`+id+`"`) {
		t.Fatalf("the article is not unread on its outlet page")
	}
	fever("", url.Values{"api_key": {key}, "mark": {"item"}, "as": {"read"}, "id": {id}})
	if page := m.page(outlet); !strings.Contains(page, `class="read" data-kind="article" data-id="`+id+`"`) {
		t.Errorf("marked read by an app, the article is not read on the reader's page")
	}
	// GET with the key in the query, as some apps send it: never cached.
	get := func() string {
		resp, body := e.get(nil, "/fever/?api&unread_item_ids&api_key="+key)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Age") != "" {
			t.Fatalf("GET: status %d, Age %q", resp.StatusCode, resp.Header.Get("Age"))
		}
		return body
	}
	if body := get(); !strings.Contains(body, `"unread_item_ids":""`) {
		t.Errorf("GET after marking read: %s", body)
	}
	fever("", url.Values{"api_key": {key}, "mark": {"item"}, "as": {"unread"}, "id": {id}})
	if body := get(); !strings.Contains(body, `"unread_item_ids":"`+id+`"`) {
		t.Errorf("GET after marking unread again (a cached answer?): %s", body)
	}
}
