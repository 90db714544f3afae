package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// search runs a search and fails the test on error.
func search(t *testing.T, s storyline.Store, q storyline.SearchQuery) []storyline.SearchHit {
	t.Helper()
	hits, err := s.Search(ctx(t), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	return hits
}

// testSearch covers full-text search: matching, ranking, snippets,
// filters, paging and queries that are not valid FTS syntax.
func testSearch(t *testing.T, open Opener) {
	s := newStore(t, open)
	type doc struct {
		key, source, title, text string
		published                time.Time
	}
	docs := []doc{
		{"title", "Alpha", "Reservoir levels fall",
			"Officials said the dry summer had left the region short of water. Farmers asked for help.", day()},
		{"body", "Beta", "Dry summer hits farms",
			"Farmers across the region watched the reservoir shrink week after week. The water board met on Monday.", day().AddDate(0, 0, 1)},
		{"marker", "Alpha", "Search engine notes",
			"The index keeps a full-text marker for every page and the AND operator joins terms. A col:term filter is explained, and NEAR(a b) too.", day().AddDate(0, 0, 2)},
		{"accents", "Gamma", "Café culture",
			"The café on the corner reopened; its crème brûlée is famous. Elections are due next spring.", day().AddDate(0, 0, 3)},
		{"stems", "Beta", "Running costs",
			"The council runs three libraries and ran a fourth until last year. Running them costs more each year.", day().AddDate(0, 0, 4)},
	}
	id := map[string]int64{}
	for _, d := range docs {
		a := article("https://search.example/"+d.key, d.source, d.title, d.text)
		a.Published = d.published
		id[d.key] = saveAs(t, s, a, storyline.Added).ID
	}

	t.Run("matches", func(t *testing.T) {
		tests := []struct {
			query string
			want  []string // keys, in any order
		}{
			{"reservoir", []string{"title", "body"}},
			{"RESERVOIR", []string{"title", "body"}},
			{"farmers reservoir", []string{"title", "body"}},
			{"reservoir monday", []string{"body"}},
			{"reservoir café", nil},
			{"cafe", []string{"accents"}},
			{"creme brulee", []string{"accents"}},
			{"election", []string{"accents"}},
			{"run", []string{"stems"}},
			{"libraries", []string{"stems"}},
			{"library", []string{"stems"}},
			{"nonexistentword", nil},
		}
		for _, tt := range tests {
			hits := search(t, s, storyline.SearchQuery{Text: tt.query})
			if !sameKeys(hitIDs(hits), tt.want, id) {
				t.Errorf("Search(%q) = %v, want %v (%v)", tt.query, hitIDs(hits), tt.want, keyIDs(tt.want, id))
			}
		}
	})

	t.Run("title matches rank above body matches", func(t *testing.T) {
		hits := search(t, s, storyline.SearchQuery{Text: "reservoir"})
		if got := hitIDs(hits); !equalIDs(got, []int64{id["title"], id["body"]}) {
			t.Fatalf("Search(reservoir) = %v, want title match %d before body match %d", got, id["title"], id["body"])
		}
		if !(hits[0].Score > hits[1].Score) {
			t.Errorf("scores %v, %v: want the first higher", hits[0].Score, hits[1].Score)
		}
	})

	t.Run("hits are light and marked", func(t *testing.T) {
		hits := search(t, s, storyline.SearchQuery{Text: "farmers shrink"})
		if len(hits) != 1 {
			t.Fatalf("Search = %v, want one hit", hitIDs(hits))
		}
		h := hits[0]
		if h.Article.HTML != "" || h.Article.Text != "" {
			t.Errorf("hit carries HTML %q / Text %q, want neither", h.Article.HTML, h.Article.Text)
		}
		if h.Article.Title != "Dry summer hits farms" || h.Article.Source != "Beta" || h.Article.URL == "" {
			t.Errorf("hit article = %+v, want its metadata", h.Article)
		}
		var matched []string
		for _, p := range h.Snippet {
			if p.Match {
				matched = append(matched, strings.ToLower(p.Text))
			}
		}
		if strings.Join(matched, ",") != "farmers,shrink" {
			t.Errorf("snippet matches = %q, want farmers and shrink; snippet %q", matched, h.Snippet.String("[", "]"))
		}
		if got := h.Snippet.String("[", "]"); !strings.Contains(got, "[Farmers] across the region watched the reservoir [shrink]") {
			t.Errorf("snippet = %q", got)
		}
	})

	t.Run("hostile queries", func(t *testing.T) {
		tests := []struct {
			query string
			want  []string // nil: no hits
		}{
			{`"full-text marker`, []string{"marker"}},
			{`full-text marker"`, []string{"marker"}},
			{`"unbalanced`, nil},
			{`-`, nil},
			{`--`, nil},
			{`AND`, []string{"marker", "stems"}},
			{`and`, []string{"marker", "stems"}},
			{`OR`, nil},
			{`NOT`, nil},
			{`NEAR(`, []string{"marker"}},
			{`NEAR(a b)`, []string{"marker"}},
			{`*`, nil},
			{`reserv*`, nil},
			{`col:term`, []string{"marker"}},
			{`title:reservoir`, nil},
			{`text:reservoir`, nil},
			{`{title text}: reservoir`, nil},
			{`^reservoir`, []string{"title", "body"}},
			{`reservoir + farmers`, []string{"title", "body"}},
			{`"reservoir" OR "café"`, nil},
			{`(reservoir`, []string{"title", "body"}},
			{`)`, nil},
			{`""`, nil},
			{`''`, nil},
			{`'reservoir'`, []string{"title", "body"}},
			{"", nil},
			{"   \t\n", nil},
			{"\x00reservoir\x00", []string{"title", "body"}},
			{"🙂", nil},
			{"\u0301", nil},
			{"reservoir\u0301", []string{"title", "body"}},
			{"%_\\", nil},
			{`; DROP TABLE articles; --`, nil},
			{strings.Repeat("reservoir ", 200), []string{"title", "body"}},
		}
		for _, tt := range tests {
			hits, err := s.Search(ctx(t), storyline.SearchQuery{Text: tt.query})
			if err != nil {
				t.Errorf("Search(%q): %v", tt.query, err)
				continue
			}
			if !sameKeys(hitIDs(hits), tt.want, id) {
				t.Errorf("Search(%q) = %v, want %v (%v)", tt.query, hitIDs(hits), tt.want, keyIDs(tt.want, id))
			}
		}
		if n := count(t, s); n != len(docs) {
			t.Errorf("CountArticles = %d after hostile queries, want %d", n, len(docs))
		}
	})

	t.Run("filters", func(t *testing.T) {
		tests := []struct {
			name string
			q    storyline.SearchQuery
			want []string
		}{
			{"source", storyline.SearchQuery{Text: "reservoir", Source: "Beta"}, []string{"body"}},
			{"source in other case", storyline.SearchQuery{Text: "reservoir", Source: "alpha"}, []string{"title"}},
			{"unknown source", storyline.SearchQuery{Text: "reservoir", Source: "Nobody"}, nil},
			{"since", storyline.SearchQuery{Text: "reservoir", Since: day().Add(time.Hour)}, []string{"body"}},
			{"since excludes all", storyline.SearchQuery{Text: "reservoir", Since: day().AddDate(1, 0, 0)}, nil},
			{"limit", storyline.SearchQuery{Text: "reservoir", Limit: 1}, []string{"title"}},
			{"offset", storyline.SearchQuery{Text: "reservoir", Limit: 1, Offset: 1}, []string{"body"}},
			{"offset past the end", storyline.SearchQuery{Text: "reservoir", Offset: 5}, nil},
		}
		for _, tt := range tests {
			hits := search(t, s, tt.q)
			if !sameKeys(hitIDs(hits), tt.want, id) {
				t.Errorf("%s: Search(%+v) = %v, want %v", tt.name, tt.q, hitIDs(hits), keyIDs(tt.want, id))
			}
		}
		for _, q := range []storyline.SearchQuery{{Text: "reservoir", Limit: -1}, {Text: "reservoir", Offset: -1}} {
			_, err := s.Search(ctx(t), q)
			wantCode(t, fmt.Sprintf("Search(%+v)", q), err, storyline.EINVALID)
		}
	})

	t.Run("languages", func(t *testing.T) { testSearchLanguages(t, open) })

	t.Run("default limit is 20", func(t *testing.T) {
		s := newStore(t, open)
		for i := range 25 {
			saveAs(t, s, article(fmt.Sprintf("https://bulk.example/%d", i), "Bulk", fmt.Sprintf("Bulletin %d", i),
				fmt.Sprintf("Weather bulletin number %d for the coast.", i)), storyline.Added)
		}
		hits := search(t, s, storyline.SearchQuery{Text: "bulletin"})
		if len(hits) != 20 {
			t.Errorf("Search lists %d hits, want 20", len(hits))
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("hit %d scores %v above hit %d's %v", i, hits[i].Score, i-1, hits[i-1].Score)
			}
		}
	})
}

// keyIDs maps document keys to IDs.
func keyIDs(keys []string, id map[string]int64) []int64 {
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = id[k]
	}
	return out
}

// sameKeys reports whether got holds exactly the IDs of keys, in any
// order.
func sameKeys(got []int64, keys []string, id map[string]int64) bool {
	if len(got) != len(keys) {
		return false
	}
	want := map[int64]bool{}
	for _, k := range keys {
		want[id[k]] = true
	}
	for _, g := range got {
		if !want[g] {
			return false
		}
	}
	return true
}
