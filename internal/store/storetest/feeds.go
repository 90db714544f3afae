package storetest

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testSources covers Sources: one outlet per name whatever its case,
// article counts that include copies, order by name.
func testSources(t *testing.T, open Opener) {
	s := newStore(t, open)
	if list, err := s.Sources(ctx(t)); err != nil || len(list) != 0 {
		t.Fatalf("Sources of an empty store = %v, %v; want none", list, err)
	}
	saveAs(t, s, article("https://www.wire.example/floods", "Wire", "Floods", textFloods), storyline.Added)
	saveAs(t, s, article("https://www.wire.example/vote", "WIRE", "Vote", textElection), storyline.Added)
	saveAs(t, s, article("https://paper.example/floods", "beta Paper", "Floods", textFloods), storyline.Copied)
	saveAs(t, s, article("https://apaper.example/harbour", "Alpha paper", "Harbour", textHarbour), storyline.Added)
	saveAs(t, s, article("", "", "Untitled", "Text from nowhere in particular."), storyline.Added)

	list, err := s.Sources(ctx(t))
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	type row struct {
		name, domain string
		count        int
	}
	want := []row{
		{"Alpha paper", "apaper.example", 1},
		{"beta Paper", "paper.example", 1},
		{"Wire", "wire.example", 2},
	}
	if len(list) != len(want) {
		t.Fatalf("Sources = %d outlets, want %d", len(list), len(want))
	}
	for i, w := range want {
		got := list[i]
		if got.ID == 0 || got.Name != w.name || got.Domain != w.domain || got.ArticleCount != w.count {
			t.Errorf("Sources[%d] = %+v, want %+v", i, *got, w)
		}
	}

	// Counts follow an article that moves to another outlet.
	moved := article("https://apaper.example/harbour", "Wire", "Harbour", textHarbour)
	saveAs(t, s, moved, storyline.Updated)
	counts := map[string]int{}
	list, err = s.Sources(ctx(t))
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	for _, src := range list {
		counts[src.Name] = src.ArticleCount
	}
	if counts["Wire"] != 3 || counts["Alpha paper"] != 0 {
		t.Errorf("after moving an article to Wire: counts %v", counts)
	}
}

// testFeeds covers the feed subscriptions.
func testFeeds(t *testing.T, open Opener) {
	s := newStore(t, open)
	if list, err := s.Feeds(ctx(t)); err != nil || len(list) != 0 {
		t.Fatalf("Feeds of an empty store = %v, %v; want none", list, err)
	}
	next := day().Add(30 * time.Minute)
	feeds := []*storyline.Feed{
		{URL: "https://news.example/world.rss", Title: "World", SiteURL: "https://news.example/", Source: "Example News", Category: "News", NextPoll: next},
		{URL: "https://tech.example/feed", Title: "gadgets", SiteURL: "https://tech.example/", Source: "Tech", Category: "Tech"},
		{URL: "https://news.example/local.rss", Title: "Local", Source: "Example News", Category: "News",
			LastFetch: day(), LastError: "503 Service Unavailable", ErrorCount: 2},
		{URL: "https://blog.example/atom", Title: "Blog", Source: "Blog", Category: ""},
	}
	for _, f := range feeds {
		if err := s.AddFeed(ctx(t), f); err != nil {
			t.Fatalf("AddFeed(%q): %v", f.URL, err)
		}
		if f.ID == 0 {
			t.Fatalf("AddFeed(%q) left ID 0", f.URL)
		}
	}

	t.Run("feed round trip", func(t *testing.T) {
		for _, want := range feeds {
			got, err := s.Feed(ctx(t), want.ID)
			if err != nil {
				t.Fatalf("Feed(%d): %v", want.ID, err)
			}
			if got.ID != want.ID || got.URL != want.URL || got.Title != want.Title || got.SiteURL != want.SiteURL ||
				got.Source != want.Source || got.Category != want.Category || got.LastError != want.LastError ||
				got.ErrorCount != want.ErrorCount || !got.LastFetch.Equal(want.LastFetch) ||
				!got.NextPoll.Equal(want.NextPoll) || got.CreatedAt.IsZero() {
				t.Errorf("Feed(%d) = %+v, want %+v", want.ID, *got, *want)
			}
		}
	})

	t.Run("feeds by category then title", func(t *testing.T) {
		list, err := s.Feeds(ctx(t))
		if err != nil {
			t.Fatalf("Feeds: %v", err)
		}
		var got []string
		for _, f := range list {
			got = append(got, f.Title)
		}
		want := []string{"Blog", "Local", "World", "gadgets"}
		if len(got) != len(want) {
			t.Fatalf("Feeds = %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("Feeds = %q, want %q", got, want)
			}
		}
	})

	t.Run("invalid and duplicate feeds", func(t *testing.T) {
		dup := &storyline.Feed{URL: feeds[0].URL, Title: "Again"}
		wantCode(t, "AddFeed(duplicate)", s.AddFeed(ctx(t), dup), storyline.ECONFLICT)
		wantCode(t, "AddFeed(no URL)", s.AddFeed(ctx(t), &storyline.Feed{Title: "Nameless"}), storyline.EINVALID)
		if list, _ := s.Feeds(ctx(t)); len(list) != len(feeds) {
			t.Errorf("Feeds = %d after refused adds, want %d", len(list), len(feeds))
		}
	})

	t.Run("articles keep a deleted feed's articles", func(t *testing.T) {
		f := feeds[1]
		a := article("https://tech.example/chip", "Tech", "New chip", "A new chip was announced at the fair.")
		a.FeedID = f.ID
		res := saveAs(t, s, a, storyline.Added)
		if got := get(t, s, res.ID).FeedID; got != f.ID {
			t.Errorf("FeedID = %d, want %d", got, f.ID)
		}
		if err := s.DeleteFeed(ctx(t), f.ID); err != nil {
			t.Fatalf("DeleteFeed: %v", err)
		}
		_, err := s.Feed(ctx(t), f.ID)
		wantCode(t, "Feed(deleted)", err, storyline.ENOTFOUND)
		wantCode(t, "DeleteFeed(deleted)", s.DeleteFeed(ctx(t), f.ID), storyline.ENOTFOUND)
		got := get(t, s, res.ID)
		if got.FeedID != 0 {
			t.Errorf("article's FeedID = %d after its feed was deleted, want 0", got.FeedID)
		}
		if list, _ := s.Feeds(ctx(t)); len(list) != len(feeds)-1 {
			t.Errorf("Feeds = %d after delete, want %d", len(list), len(feeds)-1)
		}
		// The URL can be subscribed to again.
		again := &storyline.Feed{URL: f.URL, Title: f.Title}
		if err := s.AddFeed(ctx(t), again); err != nil {
			t.Errorf("AddFeed after delete: %v", err)
		}
	})
}
