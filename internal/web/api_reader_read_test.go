package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// addReport files a new article in story id, as ingestion would.
func (e *testEnv) addReport(id int64, url string) int64 {
	e.t.Helper()
	ctx := context.Background()
	text := "A new report on the story at " + url
	res, err := e.db.SaveArticle(ctx, &storyline.Article{URL: url, Source: "Late News", Title: "Late report", Text: text,
		ContentHash: storyline.ContentHash(text), Published: time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC)})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, StoryID: id, Version: 1}); err != nil {
		e.t.Fatal(err)
	}
	return res.ID
}

func TestAPIReadFlags(t *testing.T) {
	e := newReaderEnv(t)
	wire := itoa(e.ids["wire"])
	e.must(e.member, http.MethodPut, "/api/v1/stories/1/read", "", http.StatusNoContent)
	e.must(e.member, http.MethodPut, "/api/v1/articles/"+wire+"/read", "", http.StatusNoContent)
	e.must(e.member, http.MethodPut, "/api/v1/saved/story/2", "", http.StatusNoContent)
	e.must(e.member, http.MethodPut, "/api/v1/saved/article/"+wire, "", http.StatusNoContent)

	article := func(authz, path string) readerItem {
		var it readerItem
		e.must(authz, http.MethodGet, path, "", http.StatusOK).decode(t, &it)
		return it
	}
	articles := func(authz, path, key string) map[int64]readerItem {
		var page map[string]json.RawMessage
		e.must(authz, http.MethodGet, path, "", http.StatusOK).decode(t, &page)
		var list []struct {
			readerItem
			Article *readerItem
		}
		if err := json.Unmarshal(page[key], &list); err != nil {
			t.Fatal(err)
		}
		var items []readerItem
		for _, x := range list {
			if x.Article != nil {
				items = append(items, *x.Article)
			} else {
				items = append(items, x.readerItem)
			}
		}
		return byID(items)
	}
	detail := func(authz string) readerItem {
		var d struct {
			readerItem
			Related []struct{ Story readerItem }
		}
		e.must(authz, http.MethodGet, "/api/v1/stories/1", "", http.StatusOK).decode(t, &d)
		return d.readerItem
	}
	tests := []struct {
		name                    string
		got                     func(authz string) readerItem
		member, admin, visitors string
	}{
		{"stories: read story", func(a string) readerItem { return e.stories(a, "/api/v1/stories")[1] }, "read unsaved 0", "unread unsaved 0", "- - -"},
		{"stories: saved story", func(a string) readerItem { return e.stories(a, "/api/v1/stories")[2] }, "unread saved 0", "unread unsaved 0", "- - -"},
		{"top: read story", func(a string) readerItem { return e.stories(a, "/api/v1/stories/top")[1] }, "read unsaved 0", "unread unsaved 0", "- - -"},
		{"top: saved story", func(a string) readerItem { return e.stories(a, "/api/v1/stories/top")[2] }, "unread saved 0", "unread unsaved 0", "- - -"},
		{"one story", detail, "read unsaved 0", "unread unsaved 0", "- - -"},
		{"articles", func(a string) readerItem { return articles(a, "/api/v1/articles", "articles")[e.ids["wire"]] }, "read saved -", "unread unsaved -", "- - -"},
		{"articles: another", func(a string) readerItem { return articles(a, "/api/v1/articles", "articles")[e.ids["daily"]] }, "unread unsaved -", "unread unsaved -", "- - -"},
		{"one article", func(a string) readerItem { return article(a, "/api/v1/articles/"+wire) }, "read saved -", "unread unsaved -", "- - -"},
		{"search", func(a string) readerItem { return articles(a, "/api/v1/search?q=dam+talks", "hits")[e.ids["wire"]] }, "read saved -", "unread unsaved -", "- - -"},
	}
	for _, tt := range tests {
		for _, who := range []struct{ name, authz, want string }{{"member", e.member, tt.member}, {"admin", e.admin, tt.admin}, {"visitor", "", tt.visitors}} {
			if got := tt.got(who.authz).state(); got != who.want {
				t.Errorf("%s as %s: %s, want %s", tt.name, who.name, got, who.want)
			}
		}
	}

	// A report after the member read the story makes it new to them.
	e.addReport(1, "https://late.example/dam")
	if got := e.stories(e.member, "/api/v1/stories")[1].state(); got != "unread unsaved 1" {
		t.Errorf("story with a new report: %s", got)
	}
	e.must(e.member, http.MethodPut, "/api/v1/stories/1/read", "", http.StatusNoContent)
	if got := e.stories(e.member, "/api/v1/stories")[1].state(); got != "read unsaved 0" {
		t.Errorf("story read again: %s", got)
	}
	e.must(e.member, http.MethodDelete, "/api/v1/stories/1/read", "", http.StatusNoContent)
	e.must(e.member, http.MethodDelete, "/api/v1/articles/"+wire+"/read", "", http.StatusNoContent)
	if got := e.stories(e.member, "/api/v1/stories")[1].state(); got != "unread unsaved 0" {
		t.Errorf("story marked unread: %s", got)
	}
	if got := article(e.member, "/api/v1/articles/"+wire).state(); got != "unread saved -" {
		t.Errorf("article marked unread: %s", got)
	}
}

func TestAPIMarkRead(t *testing.T) {
	e := newReaderEnv(t)
	e.check([]readerCall{
		{"visitor article", "", http.MethodPut, "/api/v1/articles/1/read", 401, storyline.EUNAUTHORIZED},
		{"visitor story", "", http.MethodDelete, "/api/v1/stories/1/read", 401, storyline.EUNAUTHORIZED},
		{"unknown article", e.member, http.MethodPut, "/api/v1/articles/999/read", 404, storyline.ENOTFOUND},
		{"unknown story", e.member, http.MethodDelete, "/api/v1/stories/999/read", 404, storyline.ENOTFOUND},
		{"bad id", e.member, http.MethodPut, "/api/v1/stories/x/read", 400, storyline.EINVALID},
		{"article", e.member, http.MethodPut, "/api/v1/articles/1/read", 204, ""},
		{"article again", e.member, http.MethodPut, "/api/v1/articles/1/read", 204, ""},
		{"story", e.admin, http.MethodPut, "/api/v1/stories/2/read", 204, ""},
		{"story unread", e.admin, http.MethodDelete, "/api/v1/stories/2/read", 204, ""},
		{"wrong method", e.member, http.MethodPost, "/api/v1/stories/2/read", 404, storyline.ENOTFOUND},
	})
}

func TestAPIMarkViewRead(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		status int
		marked int
		read   []int64 // the member's read stories after
		field  string  // named by the error
	}{
		{"latest", `{"view": "latest"}`, 200, 2, []int64{1, 2}, ""},
		{"top", `{"view": "top"}`, 200, 2, []int64{1, 2}, ""},
		{"latest by hashtag", `{"view": "latest", "hashtag": "CupFinal"}`, 200, 1, []int64{2}, ""},
		{"latest by outlet", `{"view": "latest", "outlet": "Example Wire"}`, 200, 1, []int64{1}, ""},
		{"for you, following nothing", `{"view": "foryou"}`, 200, 0, nil, ""},
		{"no view", `{}`, 400, 0, nil, `"view"`},
		{"unknown view", `{"view": "saved"}`, 400, 0, nil, `"view"`},
		{"for you with a filter", `{"view": "foryou", "hashtag": "x"}`, 400, 0, nil, "no filters"},
		{"unknown field", `{"view": "top", "colour": "red"}`, 400, 0, nil, `"colour"`},
		{"bad entity kind", `{"view": "top", "entity": "Geneva", "kind": "planet"}`, 400, 0, nil, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newReaderEnv(t)
			e.must("", http.MethodPost, "/api/v1/read", tt.body, http.StatusUnauthorized)
			r := e.as(e.member, http.MethodPost, "/api/v1/read", tt.body)
			var out struct{ Marked int }
			r.decode(t, &out)
			if r.status != tt.status || out.Marked != tt.marked {
				t.Fatalf("%s: %d %s, want %d marked %d", tt.body, r.status, r.body, tt.status, tt.marked)
			}
			if tt.field != "" && !strings.Contains(errMessage(r), tt.field) {
				t.Errorf("%s: error %s does not name %s", tt.body, r.body, tt.field)
			}
			var read []int64
			for id, s := range e.stories(e.member, "/api/v1/stories") {
				if *s.Read {
					read = append(read, id)
				}
			}
			if !sameIDs(read, tt.read) {
				t.Errorf("%s: read %v, want %v", tt.body, read, tt.read)
			}
			for id, s := range e.stories(e.admin, "/api/v1/stories") {
				if *s.Read {
					t.Errorf("%s: the administrator has read story %d", tt.body, id)
				}
			}
		})
	}
}

// sameIDs reports whether a and b hold the same IDs, in any order.
func sameIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]int{}
	for _, id := range a {
		seen[id]++
	}
	for _, id := range b {
		if seen[id] == 0 {
			return false
		}
		seen[id]--
	}
	return true
}
