package web

import (
	"testing"

	"github.com/storyline/storyline"
)

func TestReaderPath(t *testing.T) {
	for path, want := range map[string]bool{
		"/read": true, "/api/v1/read": true, "/stories/3/read": true, "/api/v1/articles/9/read": true,
		"/saved/story/3": true, "/api/v1/saved/article/2": true, "/follows": true, "/follows/4/delete": true,
		"/api/v1/mutes/2": true, "/stories/3/comments": false, "/settings": false, "/saved": false,
		"/api/v1/feeds": false, "/stories/3/ask": false,
	} {
		if got := readerPath(path); got != want {
			t.Errorf("readerPath(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestTopKeyOfTellsFiltersApart(t *testing.T) {
	filters := []storyline.StoryFilter{
		{},
		{Hashtag: "Dam"},
		{Hashtag: "Flood"},
		{Entity: &storyline.Entity{Name: "Arden"}},
		{Entity: &storyline.Entity{Name: "Arden", Kind: storyline.EntityPlace}},
		{Source: "Valley Gazette"},
		{Category: "world"},
	}
	seen := map[topKey]int{}
	for i, f := range filters {
		k := topKeyOf(f, 30)
		if j, ok := seen[k]; ok {
			t.Errorf("filters %d and %d share the ranking key %+v", j, i, k)
		}
		seen[k] = i
	}
	if topKeyOf(storyline.StoryFilter{Hashtag: "Dam"}, 30) != topKeyOf(storyline.StoryFilter{Hashtag: "Dam"}, 30) {
		t.Error("one filter, two keys")
	}
}
