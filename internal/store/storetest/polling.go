package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testFeedSettings covers FeedByURL, UpdateFeed and the article counts.
func testFeedSettings(t *testing.T, open Opener) {
	s := newStore(t, open)
	f := &storyline.Feed{URL: "https://news.example/rss", Title: "News", ETag: `"v1"`, LastModified: "Thu, 14 Mar 2024 09:00:00 GMT", Interval: time.Hour}
	if err := s.AddFeed(ctx(t), f); err != nil {
		t.Fatalf("AddFeed: %v", err)
	}
	got, err := s.FeedByURL(ctx(t), f.URL)
	if err != nil || got.ID != f.ID || got.ETag != f.ETag || got.LastModified != f.LastModified || got.Interval != time.Hour {
		t.Fatalf("FeedByURL = %+v, %v; want feed %d with its validators", got, err, f.ID)
	}
	_, err = s.FeedByURL(ctx(t), "https://nowhere.example/rss")
	wantCode(t, "FeedByURL(unknown)", err, storyline.ENOTFOUND)

	change := *got
	change.Title, change.Category, change.Source, change.FeedOnly, change.Paused = "Renamed", "World", "Example News", true, true
	change.ETag = "ignored" // not a setting
	if err := s.UpdateFeed(ctx(t), &change); err != nil {
		t.Fatalf("UpdateFeed: %v", err)
	}
	got, err = s.Feed(ctx(t), f.ID)
	if err != nil || got.Title != "Renamed" || got.Category != "World" || got.Source != "Example News" ||
		!got.FeedOnly || !got.Paused || got.ETag != f.ETag {
		t.Fatalf("Feed after UpdateFeed = %+v, %v", got, err)
	}
	wantCode(t, "UpdateFeed(unknown)", s.UpdateFeed(ctx(t), &storyline.Feed{ID: 9999, Title: "x"}), storyline.ENOTFOUND)

	a := article("https://news.example/a", "News", "A", "Text of the first entry, long enough.")
	a.FeedID, a.EntryGUID, a.ContentFrom = f.ID, "guid-a", storyline.ContentFeed
	res := saveAs(t, s, a, storyline.Added)
	if got := get(t, s, res.ID); got.ContentFrom != storyline.ContentFeed {
		t.Errorf("ContentFrom = %q, want %q", got.ContentFrom, storyline.ContentFeed)
	}
	if got, _ := s.Feed(ctx(t), f.ID); got.ArticleCount != 1 {
		t.Errorf("ArticleCount = %d, want 1", got.ArticleCount)
	}
	if list, _ := s.Feeds(ctx(t)); len(list) != 1 || list[0].ArticleCount != 1 {
		t.Errorf("Feeds = %+v, want one feed with one article", list)
	}
}

// testDueFeeds covers DueFeeds and RecordPolls.
func testDueFeeds(t *testing.T, open Opener) {
	s := newStore(t, open)
	now := day()
	feeds := []*storyline.Feed{
		{URL: "https://a.example/rss", Title: "never polled"},
		{URL: "https://b.example/rss", Title: "overdue", NextPoll: now.Add(-time.Hour)},
		{URL: "https://c.example/rss", Title: "later", NextPoll: now.Add(time.Hour)},
		{URL: "https://d.example/rss", Title: "paused", Paused: true},
		{URL: "https://e.example/rss", Title: "retry later", NextPoll: now.Add(-2 * time.Hour), RetryUntil: now.Add(time.Minute)},
	}
	for _, f := range feeds {
		if err := s.AddFeed(ctx(t), f); err != nil {
			t.Fatalf("AddFeed(%q): %v", f.URL, err)
		}
	}
	titles := func(list []*storyline.Feed) []string {
		var out []string
		for _, f := range list {
			out = append(out, f.Title)
		}
		return out
	}
	due, err := s.DueFeeds(ctx(t), now, 10)
	if err != nil {
		t.Fatalf("DueFeeds: %v", err)
	}
	if got, want := titles(due), []string{"never polled", "overdue"}; !slices.Equal(got, want) {
		t.Errorf("DueFeeds = %q, want %q", got, want)
	}
	if due, _ := s.DueFeeds(ctx(t), now, 1); len(due) != 1 || due[0].Title != "never polled" {
		t.Errorf("DueFeeds(limit 1) = %q, want the never polled feed", titles(due))
	}
	_, err = s.DueFeeds(ctx(t), now, 0)
	wantCode(t, "DueFeeds(limit 0)", err, storyline.EINVALID)

	// A failure counts up and keeps the validators; a success resets the
	// count and stores new validators, the interval and a missing title.
	fail := storyline.FeedPoll{FeedID: feeds[0].ID, At: now, Err: "HTTP 503", NextPoll: now.Add(10 * time.Minute)}
	if err := s.RecordPolls(ctx(t), fail, fail); err != nil {
		t.Fatalf("RecordPolls(failures): %v", err)
	}
	got, _ := s.Feed(ctx(t), feeds[0].ID)
	if got.ErrorCount != 2 || got.LastError != "HTTP 503" || !got.LastFetch.Equal(now) || !got.NextPoll.Equal(now.Add(10*time.Minute)) {
		t.Errorf("after two failures: %+v", got)
	}
	ok := storyline.FeedPoll{FeedID: feeds[0].ID, At: now.Add(time.Minute), ETag: `"x"`, LastModified: "yesterday",
		NextPoll: now.Add(time.Hour), Interval: 30 * time.Minute, Title: "from the feed", SiteURL: "https://a.example/"}
	gone := storyline.FeedPoll{FeedID: feeds[1].ID, At: now, Err: "HTTP 410 Gone", Gone: true}
	missing := storyline.FeedPoll{FeedID: 9999, At: now}
	if err := s.RecordPolls(ctx(t), ok, gone, missing); err != nil {
		t.Fatalf("RecordPolls: %v", err)
	}
	got, _ = s.Feed(ctx(t), feeds[0].ID)
	if got.ErrorCount != 0 || got.LastError != "" || got.ETag != `"x"` || got.LastModified != "yesterday" ||
		got.Interval != 30*time.Minute || got.Title != "never polled" || got.SiteURL != "https://a.example/" {
		t.Errorf("after a success: %+v", got)
	}
	// A 304 carries no validators: the stored ones stay.
	if err := s.RecordPolls(ctx(t), storyline.FeedPoll{FeedID: feeds[0].ID, At: now.Add(2 * time.Minute), NextPoll: now.Add(2 * time.Hour)}); err != nil {
		t.Fatalf("RecordPolls(not modified): %v", err)
	}
	if got, _ = s.Feed(ctx(t), feeds[0].ID); got.ETag != `"x"` || got.Interval != 30*time.Minute {
		t.Errorf("after a 304: %+v", got)
	}
	// A poll that took part of the feed forgets them, so the next gets it whole.
	if err := s.RecordPolls(ctx(t), storyline.FeedPoll{FeedID: feeds[0].ID, At: now.Add(3 * time.Minute), NextPoll: now.Add(2 * time.Hour),
		ETag: `"y"`, ClearValidators: true}); err != nil {
		t.Fatalf("RecordPolls(clear validators): %v", err)
	}
	if got, _ = s.Feed(ctx(t), feeds[0].ID); got.ETag != "" || got.LastModified != "" {
		t.Errorf("validators after a partial poll: %q, %q; want none", got.ETag, got.LastModified)
	}
	if got, _ = s.Feed(ctx(t), feeds[1].ID); !got.Paused {
		t.Errorf("a gone feed is not paused: %+v", got)
	}
	if due, _ := s.DueFeeds(ctx(t), now.Add(time.Minute), 10); !slices.Equal(titles(due), []string{"retry later"}) {
		t.Errorf("DueFeeds after the polls = %q, want only the feed whose Retry-After passed", titles(due))
	}

	// Un-pausing makes a feed due at once and forgets its failures.
	p, _ := s.Feed(ctx(t), feeds[1].ID)
	p.Paused = false
	if err := s.UpdateFeed(ctx(t), p); err != nil {
		t.Fatalf("UpdateFeed(unpause): %v", err)
	}
	if got, _ = s.Feed(ctx(t), feeds[1].ID); got.Paused || got.ErrorCount != 0 || !got.NextPoll.IsZero() {
		t.Errorf("after un-pausing: %+v", got)
	}
}

// testFeedEntries covers recording entries with their articles, looking
// them up and linking entries to articles stored before.
func testFeedEntries(t *testing.T, open Opener) {
	s := newStore(t, open)
	f := &storyline.Feed{URL: "https://wire.example/rss", Title: "Wire"}
	other := &storyline.Feed{URL: "https://paper.example/rss", Title: "Paper"}
	for _, feed := range []*storyline.Feed{f, other} {
		if err := s.AddFeed(ctx(t), feed); err != nil {
			t.Fatalf("AddFeed: %v", err)
		}
	}
	a := article("https://wire.example/floods", "Wire", "Floods", textFloods)
	a.FeedID, a.EntryGUID, a.ContentFrom = f.ID, "tag:wire,1", storyline.ContentPage
	ra := saveAs(t, s, a, storyline.Added)
	// The same article again from the same entry writes nothing new.
	saveAs(t, s, clone(a), storyline.Unchanged)
	// A copy arriving through another feed is recorded for that feed.
	c := article("https://paper.example/floods", "Paper", "Floods", textFloods)
	c.FeedID, c.EntryGUID, c.ContentFrom = other.ID, "https://paper.example/floods", storyline.ContentPage
	rc := saveAs(t, s, c, storyline.Copied)

	known, err := s.FeedEntries(ctx(t), f.ID, []string{"tag:wire,1", "tag:wire,2", "https://paper.example/floods"})
	if err != nil {
		t.Fatalf("FeedEntries: %v", err)
	}
	if len(known) != 1 || known["tag:wire,1"] != ra.ID {
		t.Errorf("FeedEntries = %v, want only tag:wire,1 → %d", known, ra.ID)
	}
	if known, _ := s.FeedEntries(ctx(t), other.ID, []string{"https://paper.example/floods"}); known["https://paper.example/floods"] != rc.ID {
		t.Errorf("FeedEntries(other) = %v, want the copy %d", known, rc.ID)
	}
	// Many GUIDs at once.
	many := make([]string, 1200)
	for i := range many {
		many[i] = "guid-" + string(rune('a'+i%26)) + time.Duration(i).String()
	}
	many[1100] = "tag:wire,1"
	if known, err := s.FeedEntries(ctx(t), f.ID, many); err != nil || len(known) != 1 {
		t.Errorf("FeedEntries(1,200 GUIDs) = %v, %v; want one", known, err)
	}

	// Linking an entry to an article that arrived another way.
	if err := s.LinkEntry(ctx(t), other.ID, "tag:wire,1", ra.ID); err != nil {
		t.Fatalf("LinkEntry: %v", err)
	}
	if err := s.LinkEntry(ctx(t), other.ID, "tag:wire,1", ra.ID); err != nil {
		t.Fatalf("LinkEntry again: %v", err)
	}
	if known, _ := s.FeedEntries(ctx(t), other.ID, []string{"tag:wire,1"}); known["tag:wire,1"] != ra.ID {
		t.Errorf("linked entry = %v, want %d", known, ra.ID)
	}
	wantCode(t, "LinkEntry(unknown feed)", s.LinkEntry(ctx(t), 9999, "x", ra.ID), storyline.EINVALID)
	wantCode(t, "LinkEntry(unknown article)", s.LinkEntry(ctx(t), f.ID, "x", 9999), storyline.EINVALID)
	wantCode(t, "LinkEntry(no GUID)", s.LinkEntry(ctx(t), f.ID, "", ra.ID), storyline.EINVALID)

	// Deleting a feed forgets its entries, not the articles.
	if err := s.DeleteFeed(ctx(t), other.ID); err != nil {
		t.Fatalf("DeleteFeed: %v", err)
	}
	get(t, s, rc.ID)
	if known, _ := s.FeedEntries(ctx(t), other.ID, []string{"tag:wire,1"}); len(known) != 0 {
		t.Errorf("entries of a deleted feed = %v", known)
	}
}
