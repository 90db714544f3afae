package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// putInStory puts articles into story id (created when new) and fails the
// test on error.
func putInStory(t *testing.T, s storyline.Store, id int64, articles ...int64) {
	t.Helper()
	for _, a := range articles {
		if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: a, Version: 1, StoryID: id}); err != nil {
			t.Fatalf("SaveAnalysis(article %d, story %d): %v", a, id, err)
		}
	}
}

// saveStory saves a story's aggregates and fails the test on error.
func saveStory(t *testing.T, s storyline.Store, st *storyline.Story) {
	t.Helper()
	if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: st}); err != nil {
		t.Fatalf("SaveStories(%d): %v", st.ID, err)
	}
}

// addFeed subscribes to a feed of a category and fails the test on error.
func addFeed(t *testing.T, s storyline.Store, url, category string) int64 {
	t.Helper()
	f := &storyline.Feed{URL: url, Title: category, Category: category}
	if err := s.AddFeed(ctx(t), f); err != nil {
		t.Fatalf("AddFeed(%q): %v", url, err)
	}
	return f.ID
}

// walkPages reads a whole listing page by page: page(nil) returns the
// first page, page(&last) the one after the page that ended with last,
// and an empty page ends the listing. It returns the IDs in the order
// read, failing the test on an error or on an ID read twice.
func walkPages[T any](t *testing.T, id func(T) int64, page func(last *T) ([]T, error)) []int64 {
	t.Helper()
	var got []int64
	seen := map[int64]bool{}
	var last *T
	for range 1000 {
		list, err := page(last)
		if err != nil {
			t.Fatalf("page after %v: %v", got, err)
		}
		if len(list) == 0 {
			return got
		}
		for _, x := range list {
			if seen[id(x)] {
				t.Fatalf("ID %d listed again after %v", id(x), got)
			}
			seen[id(x)] = true
			got = append(got, id(x))
		}
		last = &list[len(list)-1]
	}
	t.Fatalf("the listing did not end after 1000 pages: %v", got)
	return nil
}

// storyPages lists the stories f selects by pages of n, each continuing
// after the last story of the one before.
func storyPages(t *testing.T, s storyline.Store, f storyline.StoryFilter, n int) []int64 {
	t.Helper()
	return walkPages(t, func(st *storyline.Story) int64 { return st.ID }, func(last **storyline.Story) ([]*storyline.Story, error) {
		f.Limit = n
		if last != nil {
			f.BeforeTime, f.BeforeID = (*last).LastUpdated, (*last).ID
		}
		return s.Stories(ctx(t), f)
	})
}

// testStoryFilters covers listing stories by category, hashtag and
// entity, alone and together with the other filters.
func testStoryFilters(t *testing.T, open Opener) {
	s := newStore(t, open)
	world := addFeed(t, s, "https://wire.example/world.rss", "World")
	tech := addFeed(t, s, "https://wire.example/tech.rss", "Tech")
	eco := addFeed(t, s, "https://journal.example/eco.rss", "Économie")
	plain := addFeed(t, s, "https://blog.example/feed", "")
	mk := func(i int, source string, feed int64) int64 {
		a := article(fmt.Sprintf("https://%s.example/%d", source, i), source, fmt.Sprintf("Report %d", i),
			fmt.Sprintf("Report number %d. %s", i, textHarbour))
		a.Published = day().Add(time.Duration(i) * time.Hour)
		a.FeedID = feed
		return saveAs(t, s, a, storyline.Added).ID
	}
	// Stories 1 to 4, updated in that order, so listed 4, 3, 2, 1.
	putInStory(t, s, 1, mk(0, "wire", world))
	putInStory(t, s, 2, mk(1, "paper", tech), mk(2, "paper", 0))
	putInStory(t, s, 3, mk(3, "wire", tech), mk(4, "journal", eco))
	putInStory(t, s, 4, mk(5, "blog", plain))
	saveStory(t, s, &storyline.Story{ID: 1, Title: "Coast road",
		Keyphrases: []storyline.Keyphrase{{Text: "coast road", Hashtag: "#CoastRoad", Score: 1}},
		Entities:   []storyline.Entity{{Name: "Jonas Berg", Kind: storyline.EntityPerson, Count: 2}, {Name: "Zoë Ångström", Kind: storyline.EntityPerson, Count: 1}}})
	saveStory(t, s, &storyline.Story{ID: 2, Title: "Storm",
		Keyphrases: []storyline.Keyphrase{{Text: "storm", Hashtag: "#Storm", Score: 2}, {Text: "coast road", Hashtag: "#coastroad", Score: 1}},
		Entities:   []storyline.Entity{{Name: "Paris", Kind: storyline.EntityPlace, Count: 3}}})
	saveStory(t, s, &storyline.Story{ID: 3, Title: "Anger",
		Keyphrases: []storyline.Keyphrase{{Text: "Ärger", Hashtag: "#Ärger", Score: 1}},
		Entities:   []storyline.Entity{{Name: "paris", Kind: storyline.EntityPerson, Count: 1}}})

	list := func(f storyline.StoryFilter) []int64 {
		t.Helper()
		got, err := s.Stories(ctx(t), f)
		if err != nil {
			t.Fatalf("Stories(%+v): %v", f, err)
		}
		return storyIDs(got)
	}
	entity := func(name string, kind storyline.EntityKind) *storyline.Entity {
		return &storyline.Entity{Name: name, Kind: kind}
	}
	tests := []struct {
		name string
		f    storyline.StoryFilter
		want []int64
	}{
		{"no filter", storyline.StoryFilter{}, []int64{4, 3, 2, 1}},
		{"category", storyline.StoryFilter{Category: "World"}, []int64{1}},
		{"category in other case", storyline.StoryFilter{Category: "wORLD"}, []int64{1}},
		{"category of several stories", storyline.StoryFilter{Category: "tech"}, []int64{3, 2}},
		{"category with accents", storyline.StoryFilter{Category: "ÉCONOMIE"}, []int64{3}},
		{"unknown category", storyline.StoryFilter{Category: "Sport"}, nil},
		{"hashtag", storyline.StoryFilter{Hashtag: "#CoastRoad"}, []int64{2, 1}},
		{"hashtag without #", storyline.StoryFilter{Hashtag: "coastroad"}, []int64{2, 1}},
		{"hashtag in capitals", storyline.StoryFilter{Hashtag: "#COASTROAD"}, []int64{2, 1}},
		{"hashtag of one story", storyline.StoryFilter{Hashtag: "storm"}, []int64{2}},
		{"hashtag with accents", storyline.StoryFilter{Hashtag: "#äRGER"}, []int64{3}},
		{"unknown hashtag", storyline.StoryFilter{Hashtag: "#Nothing"}, nil},
		{"entity of any kind", storyline.StoryFilter{Entity: entity("PARIS", "")}, []int64{3, 2}},
		{"entity of a kind", storyline.StoryFilter{Entity: entity("paris", storyline.EntityPlace)}, []int64{2}},
		{"entity of another kind", storyline.StoryFilter{Entity: entity("Paris", storyline.EntityPerson)}, []int64{3}},
		{"entity with accents", storyline.StoryFilter{Entity: entity("ZOË ÅNGSTRÖM", storyline.EntityPerson)}, []int64{1}},
		{"entity of a kind it is not", storyline.StoryFilter{Entity: entity("Jonas Berg", storyline.EntityOrganization)}, nil},
		{"category and hashtag", storyline.StoryFilter{Category: "tech", Hashtag: "storm"}, []int64{2}},
		{"category and another story's hashtag", storyline.StoryFilter{Category: "world", Hashtag: "storm"}, nil},
		{"source and hashtag", storyline.StoryFilter{Source: "wire", Hashtag: "coastroad"}, []int64{1}},
		{"hashtag and entity", storyline.StoryFilter{Hashtag: "coastroad", Entity: entity("jonas berg", "")}, []int64{1}},
		{"entity and since", storyline.StoryFilter{Entity: entity("paris", ""), Since: day().Add(150 * time.Minute)}, []int64{3}},
	}
	for _, tt := range tests {
		if got := list(tt.f); !equalIDs(got, tt.want) {
			t.Errorf("Stories(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
	_, err := s.Stories(ctx(t), storyline.StoryFilter{Entity: entity("", storyline.EntityPerson)})
	wantCode(t, "Stories(entity without a name)", err, storyline.EINVALID)

	// Saving a story replaces what it is found by.
	saveStory(t, s, &storyline.Story{ID: 2, Title: "Flood",
		Keyphrases: []storyline.Keyphrase{{Text: "flood", Hashtag: "#Flood", Score: 1}}})
	for _, tt := range []struct {
		name string
		f    storyline.StoryFilter
		want []int64
	}{
		{"old hashtag", storyline.StoryFilter{Hashtag: "storm"}, nil},
		{"new hashtag", storyline.StoryFilter{Hashtag: "flood"}, []int64{2}},
		{"old entity", storyline.StoryFilter{Entity: entity("paris", "")}, []int64{3}},
	} {
		if got := list(tt.f); !equalIDs(got, tt.want) {
			t.Errorf("Stories(%s) after SaveStories = %v, want %v", tt.name, got, tt.want)
		}
	}

	// A merge moves the articles, and so the categories; the story merged
	// away is never listed.
	if err := s.MergeStories(ctx(t), 1, []int64{3}); err != nil {
		t.Fatalf("MergeStories: %v", err)
	}
	if got := list(storyline.StoryFilter{Category: "économie"}); !equalIDs(got, []int64{1}) {
		t.Errorf("Stories(category of a merged article) = %v, want [1]", got)
	}
	for _, f := range []storyline.StoryFilter{{Hashtag: "ärger"}, {Entity: entity("paris", storyline.EntityPerson)}, {Category: "tech"}} {
		if got := list(f); slices.Contains(got, 3) {
			t.Errorf("Stories(%+v) = %v, lists the merged story 3", f, got)
		}
	}
}

// testStoryPages covers continuing a story listing after its last story,
// with stories updated at the same time.
func testStoryPages(t *testing.T, open Opener) {
	s := newStore(t, open)
	world := addFeed(t, s, "https://wire.example/world.rss", "World")
	hours := []int{0, 1, 1, 1, 2, 3, 3, 1}
	for i, h := range hours {
		a := article(fmt.Sprintf("https://wire.example/%d", i), "Wire", fmt.Sprintf("Report %d", i),
			fmt.Sprintf("Report number %d. %s", i, textFloods))
		a.Published = day().Add(time.Duration(h) * time.Hour)
		if i%2 == 0 {
			a.FeedID = world
		}
		putInStory(t, s, int64(100+i), saveAs(t, s, a, storyline.Added).ID)
	}
	all, err := s.Stories(ctx(t), storyline.StoryFilter{Limit: 500})
	if err != nil || len(all) != len(hours) {
		t.Fatalf("Stories = %d stories, %v; want %d", len(all), err, len(hours))
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.LastUpdated.Before(b.LastUpdated) || a.LastUpdated.Equal(b.LastUpdated) && a.ID < b.ID {
			t.Fatalf("Stories not by LastUpdated, then ID, descending: %d (%v) before %d (%v)", a.ID, a.LastUpdated, b.ID, b.LastUpdated)
		}
	}
	inWorld, err := s.Stories(ctx(t), storyline.StoryFilter{Category: "world"})
	if err != nil || len(inWorld) != 4 {
		t.Fatalf("Stories(category) = %v, %v; want 4", storyIDs(inWorld), err)
	}
	for _, tt := range []struct {
		name string
		f    storyline.StoryFilter
		want []int64
	}{
		{"all", storyline.StoryFilter{}, storyIDs(all)},
		{"by category", storyline.StoryFilter{Category: "World"}, storyIDs(inWorld)},
	} {
		for _, n := range []int{1, 2, 3, 500} {
			if got := storyPages(t, s, tt.f, n); !equalIDs(got, tt.want) {
				t.Errorf("%s in pages of %d = %v, want %v", tt.name, n, got, tt.want)
			}
		}
	}
	// Only BeforeID says where a listing goes on.
	if got, err := s.Stories(ctx(t), storyline.StoryFilter{BeforeTime: day()}); err != nil || len(got) != len(all) {
		t.Errorf("Stories(BeforeTime without BeforeID) = %v, %v; want all", storyIDs(got), err)
	}
}
