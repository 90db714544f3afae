package storetest

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// testAssignments covers story assignment kept in the store: stories
// created and joined with their centroids, the candidates a query finds
// by term and time, the counts of stories per term, merges, refused
// decisions that leave nothing behind, and the lock, held by one caller
// at a time.
func testAssignments(t *testing.T, open Opener) {
	t.Run("NewAndJoin", func(t *testing.T) { testAssignNewAndJoin(t, open) })
	t.Run("Candidates", func(t *testing.T) { testAssignCandidates(t, open) })
	t.Run("TermCounts", func(t *testing.T) { testAssignTermCounts(t, open) })
	t.Run("Merge", func(t *testing.T) { testAssignMerge(t, open) })
	t.Run("Refused", func(t *testing.T) { testAssignRefused(t, open) })
	t.Run("Reassign", func(t *testing.T) { testAssignReassign(t, open) })
	t.Run("Recent", func(t *testing.T) { testAssignRecent(t, open) })
	t.Run("Lock", func(t *testing.T) { testAssignmentLock(t, newStore(t, open)) })
}

// lockedStore opens a store and holds its assignment lock until t ends,
// as a caller of AssignStory does.
func lockedStore(t *testing.T, open Opener) storyline.Store {
	t.Helper()
	s := newStore(t, open)
	unlock, err := s.LockAssignments(ctx(t))
	if err != nil {
		t.Fatalf("LockAssignments: %v", err)
	}
	t.Cleanup(unlock) // before the store closes
	return s
}

// saveArticles saves n articles with distinct texts and titles named
// after prefix, and returns their IDs.
func saveArticles(t *testing.T, s storyline.Store, prefix string, n int) []int64 {
	t.Helper()
	out := make([]int64, n)
	for i := range out {
		url := fmt.Sprintf("https://%s.example/%d", prefix, i)
		out[i] = save(t, s, article(url, "Outlet", fmt.Sprintf("%s %d", prefix, i), textHarbour+" "+url)).ID
	}
	return out
}

// placement returns the decision that puts an article in story (0: a new
// one) spanning first to last (zero: undated), indexed under index, with
// a centroid of the index terms, heaviest first.
func placement(article, story int64, first, last time.Time, index ...string) *storyline.StoryAssignment {
	terms := make([]storyline.CentroidTerm, len(index))
	for i, k := range index {
		terms[i] = storyline.CentroidTerm{Key: k, Mass: float64(len(index)-i) + 0.25}
	}
	return &storyline.StoryAssignment{
		Analysis: &storyline.Analysis{ArticleID: article, Version: 1, Language: "en"},
		Centroid: storyline.StoryCentroid{StoryID: story, Articles: 1, First: first, Last: last, Terms: terms},
		Index:    index,
	}
}

// assignStory stores a decision, fails the test on error, and returns the
// story's ID.
func assignStory(t *testing.T, s storyline.Store, a *storyline.StoryAssignment) int64 {
	t.Helper()
	if err := s.AssignStory(ctx(t), a); err != nil {
		t.Fatalf("AssignStory(article %d, story %d): %v", a.Analysis.ArticleID, a.Centroid.StoryID, err)
	}
	if a.Centroid.StoryID <= 0 || a.Analysis.StoryID != a.Centroid.StoryID {
		t.Fatalf("AssignStory(article %d) set story %d, analysis story %d", a.Analysis.ArticleID, a.Centroid.StoryID, a.Analysis.StoryID)
	}
	return a.Centroid.StoryID
}

// candidates runs StoryCandidates and fails the test on error.
func candidates(t *testing.T, s storyline.Store, q storyline.CandidateQuery) []storyline.StoryCentroid {
	t.Helper()
	list, err := s.StoryCandidates(ctx(t), q)
	if err != nil {
		t.Fatalf("StoryCandidates(%+v): %v", q, err)
	}
	return list
}

// centroidIDs lists the stories of centroids, in order.
func centroidIDs(list []storyline.StoryCentroid) []int64 {
	out := make([]int64, len(list))
	for i, c := range list {
		out[i] = c.StoryID
	}
	return out
}

// sameCentroid reports how a stored centroid differs from the one saved.
func sameCentroid(got, want storyline.StoryCentroid) error {
	switch {
	case got.StoryID != want.StoryID || got.Articles != want.Articles:
		return fmt.Errorf("story %d with %d articles, want story %d with %d", got.StoryID, got.Articles, want.StoryID, want.Articles)
	case !got.First.Equal(want.First) || !got.Last.Equal(want.Last) || got.First.IsZero() != want.First.IsZero():
		return fmt.Errorf("span %v to %v, want %v to %v", got.First, got.Last, want.First, want.Last)
	case !slices.Equal(got.Terms, want.Terms):
		return fmt.Errorf("terms %+v, want %+v", got.Terms, want.Terms)
	}
	return nil
}

// wantCentroid fails the test unless StoryCentroid(id) is want.
func wantCentroid(t *testing.T, s storyline.Store, what string, id int64, want storyline.StoryCentroid) {
	t.Helper()
	got, err := s.StoryCentroid(ctx(t), id)
	if err != nil {
		t.Errorf("%s: StoryCentroid(%d): %v", what, id, err)
		return
	}
	if err := sameCentroid(*got, want); err != nil {
		t.Errorf("%s: StoryCentroid(%d): %v", what, id, err)
	}
}

// termCounts runs StoryTermCounts and fails the test on error.
func termCounts(t *testing.T, s storyline.Store, terms ...string) (int, map[string]int) {
	t.Helper()
	n, counts, err := s.StoryTermCounts(ctx(t), terms)
	if err != nil {
		t.Fatalf("StoryTermCounts(%q): %v", terms, err)
	}
	return n, counts
}

// wantCounts fails the test unless StoryTermCounts(terms) says stories
// and want.
func wantCounts(t *testing.T, s storyline.Store, what string, stories int, want map[string]int, terms ...string) {
	t.Helper()
	n, counts := termCounts(t, s, terms...)
	if n != stories || !maps.Equal(counts, want) {
		t.Errorf("%s: StoryTermCounts(%q) = %d, %v; want %d, %v", what, terms, n, counts, stories, want)
	}
}

// testAssignNewAndJoin covers a new story made for an article and a
// second article joining it: IDs set, the analysis saved with the
// article in the story, the centroid read back exactly, the index
// rewritten as the story's terms and span change.
func testAssignNewAndJoin(t *testing.T, open Opener) {
	s := lockedStore(t, open)
	arts := saveArticles(t, s, "harbour", 3)
	// A story made with an ID of its own: new stories never take it.
	putInStory(t, s, 100, arts[2])

	entity := "\x00place\x00harbour city"
	first := placement(arts[0], 0, time.Time{}, time.Time{}, "harbour", entity, "ship")
	id := assignStory(t, s, first)
	if id == 100 {
		t.Fatalf("the new story took ID 100, a story's already")
	}
	if x, err := s.Analysis(ctx(t), arts[0]); err != nil || x.StoryID != id || x.Language != "en" || x.Version != 1 {
		t.Errorf("Analysis(first article) = %+v, %v; want it in story %d", x, err, id)
	}
	if st, err := s.Story(ctx(t), id); err != nil || st.ArticleCount != 1 || st.Title != "harbour 0" {
		t.Errorf("Story(%d) = %+v, %v; want the first article's title and 1 article", id, st, err)
	}
	wantCentroid(t, s, "new story", id, first.Centroid)
	for _, other := range []int64{100, 99999} {
		_, err := s.StoryCentroid(ctx(t), other)
		wantCode(t, fmt.Sprintf("StoryCentroid(%d, without a centroid)", other), err, storyline.ENOTFOUND)
	}
	// Undated, the story is a candidate at any date.
	q := storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: entity, Weight: 1}}, Time: day().Add(400 * 24 * time.Hour),
		Window: 24 * time.Hour, Limit: 10}
	got := candidates(t, s, q)
	if len(got) != 1 {
		t.Fatalf("StoryCandidates(entity) = %+v, want story %d", got, id)
	}
	if err := sameCentroid(got[0], first.Centroid); err != nil {
		t.Errorf("candidate of the undated story: %v", err)
	}
	wantCounts(t, s, "one story", 1, map[string]int{"harbour": 1, entity: 1, "ship": 1}, "harbour", entity, "ship", "tug")

	// The second article joins it, dating it; "ship" leaves its index
	// and "tug" joins it.
	second := placement(arts[1], id, day(), day().Add(2*time.Hour), "harbour", "tug", entity)
	second.Centroid.Articles = 2
	if assignStory(t, s, second) != id {
		t.Errorf("joining story %d moved it to %d", id, second.Centroid.StoryID)
	}
	if st, err := s.Story(ctx(t), id); err != nil || st.ArticleCount != 2 {
		t.Errorf("Story(%d) after the join = %+v, %v; want 2 articles", id, st, err)
	}
	wantCentroid(t, s, "after the join", id, second.Centroid)
	if x, err := s.Analysis(ctx(t), arts[1]); err != nil || x.StoryID != id {
		t.Errorf("Analysis(second article) = %+v, %v; want it in story %d", x, err, id)
	}
	q.Time = day().Add(time.Hour)
	got = candidates(t, s, q)
	if len(got) != 1 {
		t.Fatalf("StoryCandidates(entity) after the join = %+v, want story %d", got, id)
	}
	if err := sameCentroid(got[0], second.Centroid); err != nil {
		t.Errorf("candidate after the join: %v", err)
	}
	q.Time = day().Add(400 * 24 * time.Hour)
	if got := candidates(t, s, q); len(got) != 0 {
		t.Errorf("StoryCandidates far from the dated story = %v, want none", centroidIDs(got))
	}
	q.Terms = []storyline.WeightedTerm{{Key: "ship", Weight: 1}}
	q.Time = time.Time{}
	if got := candidates(t, s, q); len(got) != 0 {
		t.Errorf("StoryCandidates(a term the story left) = %v, want none", centroidIDs(got))
	}
	wantCounts(t, s, "after the join", 1, map[string]int{"harbour": 1, entity: 1, "tug": 1}, "harbour", entity, "ship", "tug")

	// Another new story gets an ID of its own.
	other := assignStory(t, s, placement(arts[2], 0, day(), day(), "ferry"))
	if other == id || other == 100 {
		t.Errorf("a second new story took ID %d (first %d)", other, id)
	}
	wantCounts(t, s, "two stories", 2, map[string]int{"ferry": 1}, "ferry")
}

// testAssignCandidates covers the stories StoryCandidates returns: those
// indexed under the query's terms whose span, widened by the window,
// holds the query's date (or all of them for an undated query, and the
// undated ones for any query), ranked by the weight they share, then by
// ID, up to the limit.
func testAssignCandidates(t *testing.T, open Opener) {
	s := lockedStore(t, open)
	arts := saveArticles(t, s, "story", 5)
	d := day()
	dayN := func(n float64) time.Time { return d.Add(time.Duration(n * float64(24*time.Hour))) }
	entity := "\x00org\x00port authority"
	// Stories in ID order: A spans days 0 to 1, B is on day 10, C is
	// undated, D is on day 0 but about something else, E spans days 20
	// to 50.
	A := assignStory(t, s, placement(arts[0], 0, dayN(0), dayN(1), "harbour", "ship", entity))
	B := assignStory(t, s, placement(arts[1], 0, dayN(10), dayN(10), "harbour"))
	C := assignStory(t, s, placement(arts[2], 0, time.Time{}, time.Time{}, "harbour", "storm"))
	D := assignStory(t, s, placement(arts[3], 0, dayN(0), dayN(0), "election"))
	E := assignStory(t, s, placement(arts[4], 0, dayN(20), dayN(50), "harbour"))
	if !slices.IsSorted([]int64{A, B, C, D, E}) {
		t.Fatalf("new stories' IDs %v are not increasing", []int64{A, B, C, D, E})
	}
	terms := func(kv ...any) []storyline.WeightedTerm {
		var out []storyline.WeightedTerm
		for i := 0; i < len(kv); i += 2 {
			out = append(out, storyline.WeightedTerm{Key: kv[i].(string), Weight: kv[i+1].(float64)})
		}
		return out
	}
	window := 2 * 24 * time.Hour
	tests := []struct {
		name string
		q    storyline.CandidateQuery
		want []int64
	}{
		{"shared weight ranks", storyline.CandidateQuery{Terms: terms("harbour", 1.0, "ship", 2.0), Time: dayN(0.5), Window: window, Limit: 10}, []int64{A, C}},
		{"more shared weight first", storyline.CandidateQuery{Terms: terms("storm", 5.0, "harbour", 1.0), Time: dayN(0.5), Window: window, Limit: 10}, []int64{C, A}},
		{"repeated terms add up", storyline.CandidateQuery{Terms: terms("storm", 1.0, "ship", 0.75, "ship", 0.5), Time: dayN(0.5), Window: window, Limit: 10}, []int64{A, C}},
		{"equal weight by ID", storyline.CandidateQuery{Terms: terms("harbour", 1.0), Time: dayN(9), Window: window, Limit: 10}, []int64{B, C}},
		{"limit", storyline.CandidateQuery{Terms: terms("harbour", 1.0, "ship", 2.0), Time: dayN(0.5), Window: window, Limit: 1}, []int64{A}},
		{"date inside the span, no window", storyline.CandidateQuery{Terms: terms("ship", 1.0), Time: dayN(0.5), Limit: 10}, []int64{A}},
		{"window before the span", storyline.CandidateQuery{Terms: terms("ship", 1.0), Time: dayN(-1.5), Window: window, Limit: 10}, []int64{A}},
		{"before the widened span", storyline.CandidateQuery{Terms: terms("ship", 1.0), Time: dayN(-2.5), Window: window, Limit: 10}, nil},
		{"window after the span", storyline.CandidateQuery{Terms: terms("ship", 1.0), Time: dayN(2.5), Window: window, Limit: 10}, []int64{A}},
		{"after the widened span", storyline.CandidateQuery{Terms: terms("ship", 1.0), Time: dayN(3.5), Window: window, Limit: 10}, nil},
		{"inside a long span", storyline.CandidateQuery{Terms: terms("harbour", 1.0), Time: dayN(35), Window: window, Limit: 10}, []int64{C, E}},
		{"undated stories for any date", storyline.CandidateQuery{Terms: terms("storm", 1.0), Time: dayN(-300), Window: window, Limit: 10}, []int64{C}},
		{"undated query: any time", storyline.CandidateQuery{Terms: terms("harbour", 1.0), Limit: 10}, []int64{A, B, C, E}},
		{"undated query ranks", storyline.CandidateQuery{Terms: terms("harbour", 1.0, "ship", 1.0), Window: window, Limit: 2}, []int64{A, B}},
		{"entity key", storyline.CandidateQuery{Terms: terms(entity, 1.0), Time: dayN(1), Window: window, Limit: 10}, []int64{A}},
		{"other terms", storyline.CandidateQuery{Terms: terms("election", 1.0), Time: dayN(0), Window: window, Limit: 10}, []int64{D}},
		{"unknown term", storyline.CandidateQuery{Terms: terms("volcano", 1.0), Time: dayN(0), Window: window, Limit: 10}, nil},
		{"no terms", storyline.CandidateQuery{Time: dayN(0), Window: window, Limit: 10}, nil},
		{"limit 0", storyline.CandidateQuery{Terms: terms("harbour", 1.0), Time: dayN(0), Window: window}, nil},
		{"far past, longest window", storyline.CandidateQuery{Terms: terms("harbour", 1.0), Time: time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC),
			Window: storeutil.MaxStorySpan, Limit: 10}, []int64{C}},
		{"far future", storyline.CandidateQuery{Terms: terms("harbour", 1.0), Time: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
			Window: window, Limit: 10}, []int64{C}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := centroidIDs(candidates(t, s, tt.q)); !equalIDs(got, tt.want) {
				t.Errorf("StoryCandidates = %v, want %v", got, tt.want)
			}
		})
	}
}

// testAssignTermCounts covers StoryTermCounts: the stories indexed and
// the stories under each term, kept as stories are made, change their
// index terms and are merged away.
func testAssignTermCounts(t *testing.T, open Opener) {
	s := lockedStore(t, open)
	wantCounts(t, s, "empty store", 0, map[string]int{}, "harbour")
	wantCounts(t, s, "empty store, no terms", 0, map[string]int{})
	arts := saveArticles(t, s, "count", 6)
	entity := "\x00person\x00jonas berg"
	A := assignStory(t, s, placement(arts[0], 0, day(), day(), "harbour", "ship", entity))
	B := assignStory(t, s, placement(arts[1], 0, day(), day(), "harbour", "storm"))
	assignStory(t, s, placement(arts[2], 0, time.Time{}, time.Time{}, "harbour", entity))
	all := []string{"harbour", "ship", "storm", entity, "tug", "volcano"}
	wantCounts(t, s, "three stories", 3, map[string]int{"harbour": 3, "ship": 1, "storm": 1, entity: 2}, all...)
	wantCounts(t, s, "three stories, no terms", 3, map[string]int{})

	// A's index changes: "ship" and the entity leave, "tug" comes, and a
	// repeated term counts once.
	a := placement(arts[3], A, day(), day().Add(time.Hour), "harbour", "tug", "tug")
	a.Centroid.Articles = 2
	assignStory(t, s, a)
	wantCounts(t, s, "after A's index changed", 3, map[string]int{"harbour": 3, "storm": 1, entity: 1, "tug": 1}, all...)

	// A joined again with the same index: nothing changes.
	a = placement(arts[4], A, day(), day().Add(time.Hour), "tug", "harbour")
	a.Centroid.Articles = 3
	assignStory(t, s, a)
	wantCounts(t, s, "after a join", 3, map[string]int{"harbour": 3, "storm": 1, entity: 1, "tug": 1}, all...)

	// B is merged into A: its terms no longer count, nor does it.
	a = placement(arts[5], A, day(), day().Add(time.Hour), "harbour", "tug", "storm")
	a.Centroid.Articles = 5
	a.Merged = []int64{B}
	assignStory(t, s, a)
	wantCounts(t, s, "after the merge", 2, map[string]int{"harbour": 2, "storm": 1, entity: 1, "tug": 1}, all...)
}

// testAssignMerge covers merges: the stories merged away resolve to the
// survivor, their articles move to it, they leave the index, and
// assigning into one of them is ECONFLICT, storing nothing.
func testAssignMerge(t *testing.T, open Opener) {
	s := lockedStore(t, open)
	arts := saveArticles(t, s, "merge", 6)
	X := assignStory(t, s, placement(arts[0], 0, day(), day(), "flood", "river"))
	Y := assignStory(t, s, placement(arts[1], 0, day().Add(time.Hour), day().Add(time.Hour), "flood", "rain"))
	Z := assignStory(t, s, placement(arts[2], 0, time.Time{}, time.Time{}, "rain", "dam"))
	wantCounts(t, s, "before the merge", 3, map[string]int{"flood": 2, "river": 1, "rain": 2, "dam": 1}, "flood", "river", "rain", "dam")

	a := placement(arts[3], X, day(), day().Add(time.Hour), "flood", "river", "rain", "dam")
	a.Centroid.Articles = 4
	a.Merged = []int64{Y, Z}
	if assignStory(t, s, a) != X {
		t.Fatalf("the merge moved the survivor %d to %d", X, a.Centroid.StoryID)
	}
	for _, id := range []int64{X, Y, Z} {
		if st, err := s.Story(ctx(t), id); err != nil || st.ID != X || st.ArticleCount != 4 {
			t.Errorf("Story(%d) after the merge = %+v, %v; want story %d with 4 articles", id, st, err, X)
		}
	}
	for _, id := range arts[:4] {
		if x, err := s.Analysis(ctx(t), id); err != nil || x.StoryID != X {
			t.Errorf("Analysis(%d) after the merge = %+v, %v; want story %d", id, x, err, X)
		}
	}
	got := candidates(t, s, storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "rain", Weight: 1}, {Key: "dam", Weight: 1}}, Limit: 10})
	if !equalIDs(centroidIDs(got), []int64{X}) {
		t.Fatalf("StoryCandidates(rain, dam) after the merge = %v, want only %d", centroidIDs(got), X)
	}
	if err := sameCentroid(got[0], a.Centroid); err != nil {
		t.Errorf("the survivor's centroid: %v", err)
	}
	for _, id := range []int64{X, Y, Z} {
		wantCentroid(t, s, "after the merge", id, a.Centroid)
	}
	want := map[string]int{"flood": 1, "river": 1, "rain": 1, "dam": 1}
	wantCounts(t, s, "after the merge", 1, want, "flood", "river", "rain", "dam")

	// A decision made from a state in which Y still stood is refused.
	late := placement(arts[4], Y, day(), day(), "flood", "rain", "hail")
	late.Centroid.Articles = 2
	wantCode(t, "AssignStory(into a story merged away)", s.AssignStory(ctx(t), late), storyline.ECONFLICT)
	if _, err := s.Analysis(ctx(t), arts[4]); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Analysis of the refused article: %v, want ENOTFOUND (nothing saved)", err)
	}
	if st, err := s.Story(ctx(t), X); err != nil || st.ArticleCount != 4 {
		t.Errorf("Story(%d) after the refused decision = %+v, %v; want 4 articles", X, st, err)
	}
	wantCounts(t, s, "after the refused decision", 1, want, "flood", "river", "rain", "dam", "hail")
	wantCentroid(t, s, "after the refused decision", X, a.Centroid)

	// Merging a story merged away before changes nothing more.
	b := placement(arts[5], X, day(), day().Add(time.Hour), "flood", "river", "rain", "dam")
	b.Centroid.Articles = 5
	b.Merged = []int64{Y}
	assignStory(t, s, b)
	wantCounts(t, s, "after merging Y again", 1, want, "flood", "river", "rain", "dam")
}

// testAssignRefused covers decisions and queries refused as invalid, an
// unknown article or story, and that a refused decision stores nothing.
func testAssignRefused(t *testing.T, open Opener) {
	s := lockedStore(t, open)
	arts := saveArticles(t, s, "refused", 2)
	d := day()
	kept := placement(arts[0], 0, d, d, "harbour")
	id := assignStory(t, s, kept)
	stored := kept.Centroid
	wantStories, wantTerms := termCounts(t, s, "harbour", "ship")
	refused := arts[1]

	change := func(f func(a *storyline.StoryAssignment)) *storyline.StoryAssignment {
		a := placement(refused, 0, d, d, "harbour", "ship")
		f(a)
		return a
	}
	many := make([]string, 201)
	for i := range many {
		many[i] = fmt.Sprintf("term%d", i)
	}
	decisions := []struct {
		name string
		a    *storyline.StoryAssignment
		code string
	}{
		{"nil", nil, storyline.EINVALID},
		{"no analysis", change(func(a *storyline.StoryAssignment) { a.Analysis = nil }), storyline.EINVALID},
		{"no article", change(func(a *storyline.StoryAssignment) { a.Analysis.ArticleID = 0 }), storyline.EINVALID},
		{"negative story", change(func(a *storyline.StoryAssignment) { a.Centroid.StoryID = -1 }), storyline.EINVALID},
		{"first without last", change(func(a *storyline.StoryAssignment) { a.Centroid.Last = time.Time{} }), storyline.EINVALID},
		{"last before first", change(func(a *storyline.StoryAssignment) { a.Centroid.First = d.Add(time.Hour) }), storyline.EINVALID},
		{"empty centroid term", change(func(a *storyline.StoryAssignment) { a.Centroid.Terms[0].Key = "" }), storyline.EINVALID},
		{"NaN mass", change(func(a *storyline.StoryAssignment) { a.Centroid.Terms[0].Mass = math.NaN() }), storyline.EINVALID},
		{"infinite mass", change(func(a *storyline.StoryAssignment) { a.Centroid.Terms[1].Mass = math.Inf(1) }), storyline.EINVALID},
		{"long term", change(func(a *storyline.StoryAssignment) { a.Index[0] = strings.Repeat("x", 513) }), storyline.EINVALID},
		{"empty index term", change(func(a *storyline.StoryAssignment) { a.Index = append(a.Index, "") }), storyline.EINVALID},
		{"too many index terms", change(func(a *storyline.StoryAssignment) { a.Index = many }), storyline.EINVALID},
		{"merged into itself", change(func(a *storyline.StoryAssignment) { a.Centroid.StoryID, a.Merged = id, []int64{id} }), storyline.EINVALID},
		{"merged story 0", change(func(a *storyline.StoryAssignment) { a.Merged = []int64{0} }), storyline.EINVALID},
		{"unknown article", change(func(a *storyline.StoryAssignment) { a.Analysis.ArticleID = 99999 }), storyline.ENOTFOUND},
		{"unknown article joining", change(func(a *storyline.StoryAssignment) { a.Analysis.ArticleID, a.Centroid.StoryID = 99999, id }), storyline.ENOTFOUND},
		{"new story merging an unknown one", change(func(a *storyline.StoryAssignment) { a.Merged = []int64{id, 99999} }), storyline.ENOTFOUND},
		{"joining, merging an unknown one", change(func(a *storyline.StoryAssignment) { a.Centroid.StoryID, a.Merged = id, []int64{99999} }), storyline.ENOTFOUND},
	}
	for _, tt := range decisions {
		t.Run(tt.name, func(t *testing.T) {
			var story int64
			if tt.a != nil {
				story = tt.a.Centroid.StoryID
			}
			wantCode(t, "AssignStory", s.AssignStory(ctx(t), tt.a), tt.code)
			if tt.a != nil && tt.a.Centroid.StoryID != story {
				t.Errorf("Centroid.StoryID changed from %d to %d", story, tt.a.Centroid.StoryID)
			}
		})
	}
	wantCounts(t, s, "after the refused decisions", wantStories, wantTerms, "harbour", "ship")
	if _, err := s.Analysis(ctx(t), refused); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Analysis of the refused article: %v, want ENOTFOUND (nothing saved)", err)
	}
	if st, err := s.Story(ctx(t), id); err != nil || st.ID != id || st.ArticleCount != 1 {
		t.Errorf("Story(%d) after the refused decisions = %+v, %v; want it unmerged with 1 article", id, st, err)
	}
	wantCentroid(t, s, "after the refused decisions", id, stored)
	if got := candidates(t, s, storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "harbour", Weight: 1}}, Limit: 10}); !equalIDs(centroidIDs(got), []int64{id}) {
		t.Errorf("StoryCandidates after the refused decisions = %v, want %d", centroidIDs(got), id)
	}
	// No story was left behind by the refused decisions.
	next := assignStory(t, s, placement(refused, 0, d, d, "ship"))
	if stories, err := s.Stories(ctx(t), storyline.StoryFilter{}); err != nil || len(stories) != 2 {
		t.Errorf("Stories after the refused decisions = %v, %v; want %d and %d", storyIDs(stories), err, id, next)
	}

	queries := []struct {
		name string
		q    storyline.CandidateQuery
	}{
		{"negative limit", storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "harbour", Weight: 1}}, Limit: -1}},
		{"limit too large", storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "harbour", Weight: 1}}, Limit: 1 << 20}},
		{"negative window", storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "harbour", Weight: 1}}, Time: d, Window: -time.Hour, Limit: 10}},
		{"window too long", storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "harbour", Weight: 1}}, Time: d, Window: time.Duration(math.MaxInt64), Limit: 10}},
		{"too many terms", storyline.CandidateQuery{Terms: make([]storyline.WeightedTerm, 201), Limit: 10}},
	}
	for _, tt := range queries {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.StoryCandidates(ctx(t), tt.q)
			wantCode(t, "StoryCandidates", err, storyline.EINVALID)
		})
	}
}

// testAssignmentLock checks that the lock has one holder at a time.
func testAssignmentLock(t *testing.T, s storyline.Store) {
	unlock, err := s.LockAssignments(ctx(t))
	if err != nil {
		t.Fatalf("LockAssignments: %v", err)
	}
	short, cancel := context.WithTimeout(ctx(t), 200*time.Millisecond)
	defer cancel()
	if again, err := s.LockAssignments(short); err == nil {
		again()
		t.Fatal("LockAssignments succeeded while the lock was held")
	}
	unlock()
	again, err := s.LockAssignments(ctx(t))
	if err != nil {
		t.Fatalf("LockAssignments after unlock: %v", err)
	}
	again()
}
