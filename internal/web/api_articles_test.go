package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestAPISearchCursor(t *testing.T) {
	e := newTestEnv(t)
	e.apiAddStories(5)
	var seen []int64
	cursor := ""
	for page := 0; ; page++ {
		path := "/api/v1/search?q=harbour&limit=3"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		var res struct {
			Query string
			Hits  []struct {
				Article struct{ ID int64 }
				Snippet []storyline.SnippetPart
			}
			NextCursor string `json:"next_cursor"`
		}
		r := e.apiCall(nil, http.MethodGet, path, "")
		r.decode(t, &res)
		if r.status != 200 || res.Query != "harbour" {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		for _, h := range res.Hits {
			if slices.Contains(seen, h.Article.ID) {
				t.Errorf("article %d repeated", h.Article.ID)
			}
			seen = append(seen, h.Article.ID)
		}
		if res.NextCursor == "" {
			break
		}
		if page > 5 {
			t.Fatal("paging does not end")
		}
		cursor = res.NextCursor
	}
	if len(seen) != 7 {
		t.Errorf("found %v, want 7 articles", seen)
	}
	r := e.apiCall(nil, http.MethodGet, "/api/v1/search?q="+url.QueryEscape(xssScript)+"&outlet="+url.QueryEscape(xssOutlet), "")
	if r.status != 200 || strings.Contains(r.body, "<script") || strings.Contains(r.body, "<img") {
		t.Errorf("hostile search: %d %s", r.status, r.body)
	}
}
