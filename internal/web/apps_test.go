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

// TestGoogleReaderMounted signs an app in with ClientLogin (an app
// password, never the login password) at the root and under
// /api/greader.php, and walks the calls newsboat's and NetNewsWire's
// sources make: the token, subscription/list, unread-count, a feed as
// Atom, stream/items/ids, stream/items/contents, edit-tag and
// mark-all-as-read; what the app marks read shows on the reader's pages.
func TestGoogleReaderMounted(t *testing.T) {
	// The store stamps articles with the wall clock; mark-all-as-read
	// marks those stored up to the server's now.
	e := newTestEnv(t, func(c *Config) { c.PageCache = time.Minute; c.Now = time.Now })
	e.apiSetPublic(false)
	ctx := context.Background()
	feed := &storyline.Feed{URL: "https://feeds.example/rss", Title: "Example Feed", Category: "World"}
	if err := e.db.AddFeed(ctx, feed); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 2 {
		text := "Report " + strconv.Itoa(i) + " that came through a feed, for the apps."
		res, err := e.db.SaveArticle(ctx, &storyline.Article{URL: "https://feeds.example/" + strconv.Itoa(i), Source: "Example Daily",
			Title: "From a feed " + strconv.Itoa(i), Text: text, FeedID: feed.ID, ContentHash: storyline.ContentHash(text)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strconv.FormatInt(res.ID, 10))
	}
	secret, secretHash, feverHash := auth.NewAppPassword(e.member.Name)
	if err := e.db.AddAppPassword(ctx, &storyline.AppPassword{UserID: e.member.ID, Label: "newsboat", SecretHash: secretHash, FeverHash: feverHash}); err != nil {
		t.Fatal(err)
	}
	call := func(method, path, token string, form url.Values, want int) string {
		t.Helper()
		req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if token != "" {
			req.Header.Set("Authorization", "GoogleLogin auth="+token)
		}
		resp, body := e.roundTrip(&http.Client{}, req)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, body)
		}
		return body
	}
	if body := call("POST", "/accounts/ClientLogin", "", url.Values{"Email": {e.member.Name}, "Passwd": {memberPassword}}, 401); !strings.Contains(body, "BadAuthentication") {
		t.Errorf("the login password signs an app in: %s", body)
	}
	login := call("POST", "/api/greader.php/accounts/ClientLogin", "", url.Values{"Email": {e.member.Name}, "Passwd": {secret}}, 200)
	_, token, ok := strings.Cut(login, "Auth=")
	if !ok {
		t.Fatalf("ClientLogin: %s", login)
	}
	token = strings.TrimSpace(token)
	call("GET", "/reader/api/0/subscription/list?output=json", "", nil, 401)
	call("GET", "/reader/api/0/subscription/list?output=json", "1/2/3", nil, 401)
	if subs := call("GET", "/reader/api/0/subscription/list?output=json", token, nil, 200); !strings.Contains(subs, `"feed/`+strconv.FormatInt(feed.ID, 10)+`"`) ||
		!strings.Contains(subs, "World") {
		t.Errorf("subscription/list: %s", subs)
	}
	if tok := call("GET", "/api/greader.php/reader/api/0/token", token, nil, 200); len(tok) < 20 {
		t.Errorf("token %q", tok)
	}
	if n := call("GET", "/reader/api/0/unread-count?output=json", token, nil, 200); !strings.Contains(n, `"max":2`) {
		t.Errorf("unread-count: %s", n)
	}
	atom := call("GET", "/reader/atom/feed%2F"+strconv.FormatInt(feed.ID, 10)+"?n=20", token, nil, 200)
	if strings.Count(atom, "<entry") != 2 || strings.Count(atom, `label="fresh"`) != 2 || !strings.Contains(atom, "tag:google.com,2005:reader/item/") {
		t.Errorf("the feed as Atom:\n%s", atom)
	}
	refs := call("GET", "/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=1", token, nil, 200)
	if !strings.Contains(refs, `"id":"`+ids[1]+`"`) || !strings.Contains(refs, `"continuation"`) {
		t.Errorf("stream/items/ids, one a page: %s", refs)
	}
	contents := call("POST", "/reader/api/0/stream/items/contents?output=json", token, url.Values{"i": {ids[0]}}, 200)
	if !strings.Contains(contents, "From a feed 0") {
		t.Errorf("stream/items/contents: %s", contents)
	}

	m := e.memberPages()
	outlet := "/outlets/Example%20Daily"
	m.page(outlet)
	if ok := call("POST", "/reader/api/0/edit-tag", token, url.Values{"i": {ids[0]}, "a": {"user/-/state/com.google/read"}, "T": {"x"}}, 200); ok != "OK" {
		t.Errorf("edit-tag answered %q", ok)
	}
	if page := m.page(outlet); !strings.Contains(page, `class="read" data-kind="article" data-id="`+ids[0]+`"`) {
		t.Errorf("marked read by an app, the article is not read on the reader's page")
	}
	call("POST", "/reader/api/0/mark-all-as-read", token, url.Values{"s": {"user/-/label/World"}}, 200)
	if n := call("GET", "/reader/api/0/unread-count?output=json", token, nil, 200); !strings.Contains(n, `"max":0`) {
		t.Errorf("unread-count after mark-all-as-read: %s", n)
	}
	call("POST", "/reader/api/0/subscription/edit", token, url.Values{"ac": {"unsubscribe"}, "s": {"feed/1"}}, 403)
}
