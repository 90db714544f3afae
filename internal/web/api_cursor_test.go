package web

import (
	"net/http"
	"slices"
	"testing"
)

func TestAPICursorWalks(t *testing.T) {
	e := newTestEnv(t)
	e.apiAddStories(7) // seven articles published at one time, a story each
	tests := []struct {
		path, key string
		n         int // items in all
		limits    []string
	}{
		{"/api/v1/stories?", "stories", 9, []string{"1", "2", "3", "9", "10"}},
		{"/api/v1/stories?outlet=Filler+News&", "stories", 7, []string{"2", "7"}},
		{"/api/v1/articles?", "articles", 11, []string{"1", "3", "4", "11", "12"}},
		{"/api/v1/articles?outlet=Filler+News&", "articles", 7, []string{"4"}},
	}
	for _, tt := range tests {
		var all map[string][]struct{ ID int64 }
		e.apiCall(nil, http.MethodGet, tt.path+"limit=200", "").decode(t, &all)
		var want []int64
		for _, it := range all[tt.key] {
			want = append(want, it.ID)
		}
		if len(want) != tt.n {
			t.Fatalf("%s: %d %s, want %d", tt.path, len(want), tt.key, tt.n)
		}
		for _, limit := range tt.limits {
			if got := e.apiWalk(tt.path+"limit="+limit, tt.key); !slices.Equal(got, want) {
				t.Errorf("%slimit=%s: walked %v, want %v", tt.path, limit, got, want)
			}
		}
	}
}

// The cursor is opaque: decoding one the server gave out gives back the
// last item's key.
func TestAPICursorIsTheLastKey(t *testing.T) {
	e := newTestEnv(t)
	var page struct {
		Stories    []struct{ ID int64 }
		NextCursor string `json:"next_cursor"`
	}
	e.apiCall(nil, http.MethodGet, "/api/v1/stories?limit=1", "").decode(t, &page)
	_, id, err := decodeCursor(page.NextCursor)
	if err != nil || len(page.Stories) != 1 || id != page.Stories[0].ID {
		t.Errorf("cursor %q → %d, %v; page %+v", page.NextCursor, id, err, page.Stories)
	}
}
