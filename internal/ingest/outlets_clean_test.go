package ingest

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

func TestOutletRenames(t *testing.T) {
	list := []*storyline.Source{
		{ID: 1, Name: "Copyright 2014", Domain: "gazette.example"},
		{ID: 2, Name: "LinkNaija | Nigeria's news", Domain: "linknaija.example"},
		{ID: 3, Name: "NYTimes", Domain: "nytimes.com"},
		{ID: 4, Name: "The New York Times", Domain: "nytimes.com"},
		{ID: 5, Name: "Hosted", Domain: ""},             // no site to fall back to: left
		{ID: 6, Name: "Reuters", Domain: "reuters.com"}, // fine
		{ID: 7, Name: "https://facebook.com/x", Domain: "facebook.com"},
		{ID: 8, Name: "Autoracing | F1 | Indy | MotoGP", Domain: "racing.example"},
		{ID: 9, Name: "Portal", Domain: "portal.example"}, // an aggregator's names stay apart
		{ID: 10, Name: "Wire One", Domain: "portal.example"},
		{ID: 11, Name: "Wire Two", Domain: "portal.example"},
		{ID: 12, Name: "politifact.com", Domain: "politifact.com"},
		{ID: 13, Name: "PolitiFact", Domain: "politifact.com"},
	}
	want := []OutletRename{
		{1, "Copyright 2014", "gazette.example"},
		{2, "LinkNaija | Nigeria's news", "LinkNaija"},
		{3, "NYTimes", "The New York Times"},
		{7, "https://facebook.com/x", "facebook.com"},
		{8, "Autoracing | F1 | Indy | MotoGP", "racing.example"},
		{12, "politifact.com", "PolitiFact"},
	}
	if got := outletRenames(list); !slices.Equal(got, want) {
		t.Errorf("outletRenames =\n%v\nwant\n%v", got, want)
	}
}

func TestCleanOutletsOnce(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, a := range []*storyline.Article{
		{URL: "https://www.nytimes.com/a", Source: "The New York Times", Title: "A", Text: "First text."},
		{URL: "https://gazette.example/b", Source: "Experience", Title: "B", Text: "Second text."},
		{URL: "https://gazette.example/c", Source: "Copyright 2014", Title: "C", Text: "Third text."},
	} {
		a.ContentHash = storyline.ContentHash(a.Text)
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	done, err := CleanOutlets(ctx, db)
	if err != nil || len(done) != 2 {
		t.Fatalf("CleanOutlets = %v, %v; want two changes", done, err)
	}
	list, _ := db.Sources(ctx)
	got := map[string]int{}
	for _, s := range list {
		got[s.Name] = s.ArticleCount
	}
	if len(got) != 2 || got["The New York Times"] != 1 || got["gazette.example"] != 2 {
		t.Errorf("outlets = %v", got)
	}
	// Once: a name the rules refuse, stored afterwards, is not cleaned again.
	a := &storyline.Article{URL: "https://other.example/d", Source: "Hosted", Title: "D", Text: "Fourth text."}
	a.ContentHash = storyline.ContentHash(a.Text)
	if _, err := db.SaveArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if done, err := CleanOutlets(ctx, db); err != nil || len(done) != 0 {
		t.Errorf("second CleanOutlets = %v, %v; want nothing", done, err)
	}
}
