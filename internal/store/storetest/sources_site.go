package storetest

import (
	"sort"
	"testing"

	"github.com/storyline/storyline"
)

// testSourcesOfOneSite covers one outlet per site: a site's alias for
// itself ("Gazette" on gazette.example) joins the outlet its pages name
// otherwise, and a declared name joins the site's alias when it has no
// other; the names of an aggregator's host stay apart.
func testSourcesOfOneSite(t *testing.T, open Opener) {
	s := newStore(t, open)
	saveAs(t, s, article("https://www.gazette.example/floods", "The Valley Gazette", "Floods", textFloods), storyline.Added)
	saveAs(t, s, article("https://gazette.example/vote", "Gazette", "Vote", textElection), storyline.Added)
	saveAs(t, s, article("https://herald.example/harbour", "Herald", "Harbour", textHarbour), storyline.Added)
	saveAs(t, s, article("https://herald.example/court", "The Coast Herald", "Court", "The court sat late on Tuesday to hear the appeal of the harbour master."), storyline.Added)
	saveAs(t, s, article("https://portal.example/a", "Wire One", "Dam", "Engineers inspected the dam after the spring floods and found it sound."), storyline.Added)
	saveAs(t, s, article("https://portal.example/b", "Wire Two", "Roads", "The roads department closed the coast road for repairs until May."), storyline.Added)
	saveAs(t, s, article("https://portal.example/c", "Portal", "Weather", "Forecasters expect a dry week across the valley after the storms."), storyline.Added)
	// A page naming no outlet (its host) and the site's alias for itself,
	// in either order: one outlet, known by the alias.
	saveAs(t, s, article("https://truth.example/a", "truth.example", "Check", "The claim about the bridge budget was rated mostly false by the fact checkers."), storyline.Added)
	saveAs(t, s, article("https://www.truth.example/b", "Truth", "Check two", "A second claim, about the harbour tolls, was rated true after a review of the records."), storyline.Added)
	saveAs(t, s, article("https://ledger.example/a", "Ledger", "Markets", "Shares in the shipping firms rose after the harbour reopened to container traffic."), storyline.Added)
	saveAs(t, s, article("https://ledger.example/b", "ledger.example", "Bonds", "The city sold bonds to pay for the new sea wall, at a lower rate than expected."), storyline.Added)

	list, err := s.Sources(ctx(t))
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	got := map[string]int{}
	for _, src := range list {
		got[src.Name] = src.ArticleCount
	}
	want := map[string]int{"The Valley Gazette": 2, "Herald": 2, "Wire One": 1, "Wire Two": 1, "Portal": 1, "Truth": 2, "Ledger": 2}
	if len(got) != len(want) {
		names := make([]string, 0, len(got))
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Fatalf("outlets %v, want %v", names, want)
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("outlet %q has %d articles, want %d (all: %v)", name, got[name], n, got)
		}
	}
}
