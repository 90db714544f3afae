package storetest

import (
	"testing"

	"github.com/storyline/storyline"
)

// testRenameSource covers RenameSource: a plain rename, a rename onto an
// outlet's name that merges the two, the feeds that name the outlet, and
// bad input.
func testRenameSource(t *testing.T, open Opener) {
	s := newStore(t, open)
	saveAs(t, s, article("https://gazette.example/floods", "Copyright 2014", "Floods", textFloods), storyline.Added)
	saveAs(t, s, article("https://gazette.example/vote", "The Valley Gazette", "Vote", textElection), storyline.Added)
	saveAs(t, s, article("https://herald.example/harbour", "Hosted", "Harbour", textHarbour), storyline.Added)
	f := &storyline.Feed{URL: "https://herald.example/feed.xml", Title: "Herald", Source: "hosted"}
	if err := s.AddFeed(ctx(t), f); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	list, err := s.Sources(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range list {
		ids[src.Name] = src.ID
	}

	// Onto another outlet's name, ignoring case: merged.
	if err := s.RenameSource(ctx(t), ids["Copyright 2014"], "the valley gazette"); err != nil {
		t.Fatalf("RenameSource(merge): %v", err)
	}
	// A name of its own: renamed, and the feed follows.
	if err := s.RenameSource(ctx(t), ids["Hosted"], "Coast Herald"); err != nil {
		t.Fatalf("RenameSource: %v", err)
	}
	got := map[string]int{}
	list, _ = s.Sources(ctx(t))
	for _, src := range list {
		got[src.Name] = src.ArticleCount
	}
	if len(got) != 2 || got["The Valley Gazette"] != 2 || got["Coast Herald"] != 1 {
		t.Errorf("outlets after renaming = %v", got)
	}
	if page, _ := s.Articles(ctx(t), storyline.ArticleFilter{Source: "The Valley Gazette"}); len(page) != 2 {
		t.Errorf("the merged outlet lists %d articles, want 2", len(page))
	}
	if got, err := s.Feed(ctx(t), f.ID); err != nil || got.Source != "Coast Herald" {
		t.Errorf("feed source = %q, %v; want Coast Herald", got.Source, err)
	}

	wantCode(t, "RenameSource(unknown)", s.RenameSource(ctx(t), 9999, "X"), storyline.ENOTFOUND)
	wantCode(t, "RenameSource(no name)", s.RenameSource(ctx(t), ids["Hosted"], "  "), storyline.EINVALID)
}
