package web

import (
	"net/http"
	"slices"
	"testing"
)

// entryLinks are the pages an Atom feed's entries link to, as paths.
func (e *readerEnv) entryLinks(path string, header ...string) []string {
	e.t.Helper()
	doc := e.getAtom(path, header...)
	links := []string{}
	for _, en := range doc.Entries {
		links = append(links, en.Links[0].Href[len(e.ts.URL):])
	}
	return links
}

func TestAtomReaderFeeds(t *testing.T) {
	e := newReaderEnv(t)
	e.follow(e.member, "/api/v1/follows", `{"kind": "hashtag", "value": "CupFinal"}`)
	e.follow(e.member, "/api/v1/mutes", `{"kind": "word", "value": "cup"}`)
	e.follow(e.admin, "/api/v1/follows", `{"kind": "entity", "value": "Geneva"}`)
	e.must(e.member, http.MethodPut, "/api/v1/saved/article/"+itoa(e.ids["daily"]), "", 204)
	e.must(e.member, http.MethodPut, "/api/v1/saved/story/1", "", 204)
	daily := "/articles/" + itoa(e.ids["daily"])
	tests := []struct {
		path                   string
		visitor, member, admin []string // entries' pages; nil: 401
	}{
		{"/top/feed", []string{"/stories/1", "/stories/2"}, []string{"/stories/1"}, []string{"/stories/1", "/stories/2"}},
		{"/top/feed?outlet=Example+Wire", []string{"/stories/1"}, []string{"/stories/1"}, []string{"/stories/1"}},
		{"/latest/feed", []string{"/stories/1", "/stories/2"}, []string{"/stories/1"}, []string{"/stories/1", "/stories/2"}},
		{"/latest/feed?hashtag=CupFinal", []string{"/stories/2"}, []string{}, []string{"/stories/2"}},
		// The member follows #CupFinal but mutes "cup"; the administrator
		// follows Geneva.
		{"/foryou/feed", nil, []string{}, []string{"/stories/1"}},
		{"/saved/feed", nil, []string{daily, "/stories/1"}, []string{}},
	}
	for _, tt := range tests {
		for _, who := range []struct {
			name, authz string
			want        []string
		}{{"visitor", "", tt.visitor}, {"member", e.member, tt.member}, {"admin", e.admin, tt.admin}} {
			var header []string
			if who.authz != "" {
				header = []string{"Authorization", who.authz}
			}
			if who.want == nil {
				if r := e.apiCall(nil, http.MethodGet, tt.path, "", header...); r.status != http.StatusUnauthorized {
					t.Errorf("%s as %s: %d, want 401", tt.path, who.name, r.status)
				}
				continue
			}
			if got := e.entryLinks(tt.path, header...); !slices.Equal(got, who.want) {
				t.Errorf("%s as %s: %q, want %q", tt.path, who.name, got, who.want)
			}
		}
	}
	r := e.apiCall(nil, http.MethodGet, "/saved/feed", "", "Authorization", e.member)
	if cc := r.header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("a reader's feed: Cache-Control %q", cc)
	}
	if r := e.apiCall(nil, http.MethodGet, "/latest/feed?since=soon", ""); r.status != 400 {
		t.Errorf("bad filter: %d", r.status)
	}
}
