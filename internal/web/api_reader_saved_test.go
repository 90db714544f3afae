package web

import (
	"net/http"
	"slices"
	"testing"

	"github.com/storyline/storyline"
)

// savedItems lists the saved items at path (a GET /api/v1/saved) as
// authz: "kind id" each, in order, and the cursor of the next page.
func (e *readerEnv) savedItems(authz, path string) ([]string, string) {
	e.t.Helper()
	var page struct {
		Items []struct {
			Kind    string
			ID      int64
			Article *readerItem
			Story   *readerItem
		}
		NextCursor string `json:"next_cursor"`
	}
	e.must(authz, http.MethodGet, path, "", http.StatusOK).decode(e.t, &page)
	out := []string{}
	for _, it := range page.Items {
		obj := it.Article
		if it.Kind == "story" {
			obj = it.Story
		}
		if obj == nil || obj.ID != it.ID || obj.Saved == nil || !*obj.Saved {
			e.t.Errorf("%s: item %+v: its object %+v, want it saved", path, it, obj)
		}
		out = append(out, it.Kind+" "+itoa(it.ID))
	}
	return out, page.NextCursor
}

func TestAPISave(t *testing.T) {
	e := newReaderEnv(t)
	cup := itoa(e.ids["cup"])
	e.check([]readerCall{
		{"visitor", "", http.MethodPut, "/api/v1/saved/story/1", 401, storyline.EUNAUTHORIZED},
		{"visitor, bad kind", "", http.MethodPut, "/api/v1/saved/comment/1", 401, storyline.EUNAUTHORIZED},
		{"visitor list", "", http.MethodGet, "/api/v1/saved", 401, storyline.EUNAUTHORIZED},
		{"bad kind", e.member, http.MethodPut, "/api/v1/saved/comment/1", 400, storyline.EINVALID},
		{"bad kind, delete", e.member, http.MethodDelete, "/api/v1/saved/stories/1", 400, storyline.EINVALID},
		{"bad id", e.member, http.MethodPut, "/api/v1/saved/story/0", 400, storyline.EINVALID},
		{"unknown story", e.member, http.MethodPut, "/api/v1/saved/story/999", 404, storyline.ENOTFOUND},
		{"unknown article", e.member, http.MethodDelete, "/api/v1/saved/article/999", 404, storyline.ENOTFOUND},
		{"list, bad kind", e.member, http.MethodGet, "/api/v1/saved?kind=comment", 400, storyline.EINVALID},
		{"list, bad cursor", e.member, http.MethodGet, "/api/v1/saved?cursor=x", 400, storyline.EINVALID},
		{"list, bad limit", e.member, http.MethodGet, "/api/v1/saved?limit=0", 400, storyline.EINVALID},
		{"story", e.member, http.MethodPut, "/api/v1/saved/story/1", 204, ""},
		{"article", e.member, http.MethodPut, "/api/v1/saved/article/" + cup, 204, ""},
		{"story again", e.member, http.MethodPut, "/api/v1/saved/story/1", 204, ""},
		{"another story", e.member, http.MethodPut, "/api/v1/saved/story/2", 204, ""},
		{"admin's", e.admin, http.MethodPut, "/api/v1/saved/story/2", 204, ""},
		{"admin unsaves theirs", e.admin, http.MethodDelete, "/api/v1/saved/story/2", 204, ""},
		{"admin unsaves what they did not save", e.admin, http.MethodDelete, "/api/v1/saved/story/1", 204, ""},
	})
	// The member's saved items stay theirs; the administrator has none.
	lists := []struct {
		authz, path string
		want        []string
	}{
		{e.member, "/api/v1/saved", []string{"article " + cup, "story 2", "story 1"}}, // saved at one time: articles first
		{e.member, "/api/v1/saved?kind=story", []string{"story 2", "story 1"}},
		{e.member, "/api/v1/saved?kind=article", []string{"article " + cup}},
		{e.admin, "/api/v1/saved", []string{}},
	}
	for _, l := range lists {
		got, next := e.savedItems(l.authz, l.path)
		if !slices.Equal(got, l.want) || next != "" {
			t.Errorf("%s: %q next %q, want %q", l.path, got, next, l.want)
		}
	}
	// Pages follow next_cursor, as other listings do.
	var walked []string
	for path := "/api/v1/saved?limit=2"; path != ""; {
		got, next := e.savedItems(e.member, path)
		walked = append(walked, got...)
		path = ""
		if next != "" {
			path = "/api/v1/saved?limit=2&cursor=" + next
		}
	}
	if want := []string{"article " + cup, "story 2", "story 1"}; !slices.Equal(walked, want) {
		t.Errorf("walked %q, want %q", walked, want)
	}
	e.must(e.member, http.MethodDelete, "/api/v1/saved/story/2", "", http.StatusNoContent)
	if got, _ := e.savedItems(e.member, "/api/v1/saved?kind=story"); !slices.Equal(got, []string{"story 1"}) {
		t.Errorf("after unsaving: %q", got)
	}
}
