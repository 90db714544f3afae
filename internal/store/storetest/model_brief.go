package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// storyArticles saves articles from up to to (excluded) of story id, each
// from outlet "Outlet k" and published at at, and puts them in the story
// (created when new).
func storyArticles(t *testing.T, s storyline.Store, id int64, from, to int, at time.Time) {
	t.Helper()
	for k := from; k < to; k++ {
		a := article(fmt.Sprintf("https://outlet%d.example/story%d", k, id), fmt.Sprintf("Outlet %d", k),
			fmt.Sprintf("Story %d", id), fmt.Sprintf("Report %d on story %d. %s", k, id, textHarbour))
		a.Published = at
		res := saveAs(t, s, a, storyline.Added)
		if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: id}); err != nil {
			t.Fatalf("SaveAnalysis(%d into story %d): %v", res.ID, id, err)
		}
	}
}

// builtInBrief returns a built-in brief of one sentence whose coverage
// names outlet.
func builtInBrief(text, outlet string) *storyline.Brief {
	return &storyline.Brief{Generator: storyline.BuiltInBrief, UpdatedAt: day(),
		Sentences: []storyline.BriefSentence{{Text: text, ArticleIDs: []int64{1}}},
		Coverage: []storyline.OutletPoints{{Source: outlet, ArticleID: 1, Title: "First report",
			Points: []storyline.BriefSentence{{Text: outlet + " adds a point.", ArticleIDs: []int64{1}}}}}}
}

// saveBuiltIn saves story id's built-in brief b and its text as the
// summary, as the built-in path does.
func saveBuiltIn(t *testing.T, s storyline.Store, id int64, b *storyline.Brief) {
	t.Helper()
	if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: &storyline.Story{ID: id, Title: "Harbour", Summary: b.Text(), Brief: b}}); err != nil {
		t.Fatalf("SaveStories(%d): %v", id, err)
	}
}

// testModelBriefs covers SaveModelBrief and the brief and summary Story
// returns: the model's brief with the built-in brief's coverage, kept
// when the built-in brief is saved again.
func testModelBriefs(t *testing.T, open Opener) {
	s := newStore(t, open)
	storyArticles(t, s, 10, 0, 2, day())
	storyArticles(t, s, 20, 0, 1, day())
	storyArticles(t, s, 30, 0, 1, day())
	first := builtInBrief("The built-in summary.", "Outlet 0")
	saveBuiltIn(t, s, 10, first)
	saveBuiltIn(t, s, 20, builtInBrief("Story twenty.", "Outlet 0"))

	model := &storyline.Brief{Generator: "test-model", UpdatedAt: day().Add(time.Hour), Sentences: []storyline.BriefSentence{
		{Text: "The model's first sentence.", ArticleIDs: []int64{1, 2}},
		{Text: "Its second.", ArticleIDs: []int64{2}},
	}, Coverage: []storyline.OutletPoints{{Source: "Model's own", ArticleID: 2, Title: "Ignored", Points: []storyline.BriefSentence{}}}}
	if err := s.SaveModelBrief(ctx(t), 10, model, 2); err != nil {
		t.Fatalf("SaveModelBrief: %v", err)
	}
	// want is what Story returns: the model's brief with the coverage of
	// the built-in one, and its text as the summary.
	want := func(builtIn *storyline.Brief) *storyline.Brief {
		b := *model
		b.Coverage = builtIn.Coverage
		return &b
	}
	check := func(when string, id int64, brief *storyline.Brief, summary string) {
		t.Helper()
		st, err := s.Story(ctx(t), id)
		if err != nil {
			t.Fatalf("%s: Story(%d): %v", when, id, err)
		}
		if !reflect.DeepEqual(st.Brief, brief) || st.Summary != summary {
			t.Errorf("%s: story %d has brief %+v and summary %q; want %+v and %q", when, id, st.Brief, st.Summary, brief, summary)
		}
		list, err := s.Stories(ctx(t), storyline.StoryFilter{})
		if err != nil {
			t.Fatalf("%s: Stories: %v", when, err)
		}
		for _, x := range list {
			if x.ID == st.ID && x.Summary != summary {
				t.Errorf("%s: story %d is listed with summary %q, want %q", when, id, x.Summary, summary)
			}
		}
	}
	check("model brief saved", 10, want(first), model.Text())

	// The built-in path brings the built-in brief (and so the coverage)
	// up to date, and leaves the model's summary.
	second := builtInBrief("A newer built-in summary.", "Outlet 1")
	saveBuiltIn(t, s, 10, second)
	check("built-in brief saved again", 10, want(second), model.Text())

	// An attempt without a brief records itself only.
	if err := s.SaveModelBrief(ctx(t), 10, nil, 3); err != nil {
		t.Fatalf("SaveModelBrief(nil): %v", err)
	}
	check("attempt with a model brief", 10, want(second), model.Text())
	if err := s.SaveModelBrief(ctx(t), 20, nil, 1); err != nil {
		t.Fatalf("SaveModelBrief(20, nil): %v", err)
	}
	check("attempt without a model brief", 20, builtInBrief("Story twenty.", "Outlet 0"), "Story twenty.")
	// A story without a built-in brief takes no coverage.
	if err := s.SaveModelBrief(ctx(t), 30, model, 1); err != nil {
		t.Fatalf("SaveModelBrief(30): %v", err)
	}
	check("no built-in brief", 30, want(&storyline.Brief{}), model.Text())

	// A brief saved through a story merged away lands on the live one.
	if err := s.MergeStories(ctx(t), 10, []int64{30}); err != nil {
		t.Fatalf("MergeStories: %v", err)
	}
	other := &storyline.Brief{Generator: "other-model", UpdatedAt: day(), Sentences: []storyline.BriefSentence{{Text: "Merged.", ArticleIDs: []int64{3}}}}
	if err := s.SaveModelBrief(ctx(t), 30, other, 3); err != nil {
		t.Fatalf("SaveModelBrief(merged): %v", err)
	}
	mergedWant := *other
	mergedWant.Coverage = second.Coverage
	check("saved through a merged story", 10, &mergedWant, "Merged.")

	for _, b := range []*storyline.Brief{model, nil} {
		wantCode(t, fmt.Sprintf("SaveModelBrief(unknown, %v)", b != nil), s.SaveModelBrief(ctx(t), 9999, b, 1), storyline.ENOTFOUND)
	}
	wantCode(t, "SaveModelBrief(negative articles)", s.SaveModelBrief(ctx(t), 10, model, -1), storyline.EINVALID)
}

// testModelBriefsDue covers StoriesForModelBrief: which stories are due,
// in which order, and after how many new articles again.
func testModelBriefsDue(t *testing.T, open Opener) {
	s := newStore(t, open)
	due := func(since time.Time, limit int) []storyline.ModelBriefDue {
		t.Helper()
		list, err := s.StoriesForModelBrief(ctx(t), since, limit)
		if err != nil {
			t.Fatalf("StoriesForModelBrief(%v, %d): %v", since, limit, err)
		}
		return list
	}
	// Story 1: one article, the newest; 2: two, older; 3 and 4: three and
	// two, updated together, a little before 1.
	storyArticles(t, s, 1, 0, 1, day().Add(3*time.Hour))
	storyArticles(t, s, 2, 0, 2, day())
	storyArticles(t, s, 3, 0, 3, day().Add(2*time.Hour))
	storyArticles(t, s, 4, 0, 2, day().Add(2*time.Hour))
	// Story 5 lost its only article: nothing to write a brief from.
	storyArticles(t, s, 5, 0, 1, day().Add(4*time.Hour))
	a, err := s.ArticleByURL(ctx(t), "https://outlet0.example/story5")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: a.ID, Version: 1}); err != nil {
		t.Fatal(err)
	}
	all := []storyline.ModelBriefDue{{StoryID: 4, ArticleCount: 2}, {StoryID: 3, ArticleCount: 3}, {StoryID: 2, ArticleCount: 2}, {StoryID: 1, ArticleCount: 1}}
	if got := due(time.Time{}, 10); !slices.Equal(got, all) {
		t.Errorf("due = %+v, want %+v", got, all)
	}
	if got := due(time.Time{}, 2); !slices.Equal(got, all[:2]) {
		t.Errorf("due, limit 2 = %+v, want %+v", got, all[:2])
	}
	if got := due(day().Add(2*time.Hour), 10); !slices.Equal(got, []storyline.ModelBriefDue{all[0], all[1], all[3]}) {
		t.Errorf("due since the third hour = %+v, want stories 4, 3 and 1", got)
	}
	_, err = s.StoriesForModelBrief(ctx(t), time.Time{}, 0)
	wantCode(t, "StoriesForModelBrief(limit 0)", err, storyline.EINVALID)

	// A story merged away is not listed; the one it joined is, with its
	// articles (and its times, which the older story leaves).
	if err := s.MergeStories(ctx(t), 3, []int64{2}); err != nil {
		t.Fatal(err)
	}
	merged := []storyline.ModelBriefDue{{StoryID: 4, ArticleCount: 2}, {StoryID: 3, ArticleCount: 5}, {StoryID: 1, ArticleCount: 1}}
	if got := due(time.Time{}, 10); !slices.Equal(got, merged) {
		t.Errorf("due after merging 2 into 3 = %+v, want %+v", got, merged)
	}
	wantCode(t, "SaveModelBrief(unknown)", s.SaveModelBrief(ctx(t), 9999, nil, 1), storyline.ENOTFOUND)

	// An attempt at n articles makes a story due again at n + max(1, n/4).
	tests := []struct {
		tried int   // articles at the attempt
		more  []int // articles the story grows to, one by one
		due   []bool
	}{
		{1, []int{2}, []bool{true}},
		{3, []int{4}, []bool{true}},
		{4, []int{5}, []bool{true}},
		{8, []int{9, 10}, []bool{false, true}},
		{12, []int{13, 14, 15}, []bool{false, false, true}},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("attempted at %d", tt.tried), func(t *testing.T) {
			id := int64(100 + i)
			at := day().Add(time.Duration(24*(i+1)) * time.Hour)
			storyArticles(t, s, id, 0, tt.tried, at)
			listed := func() bool {
				for _, d := range due(at, 100) {
					if d.StoryID == id {
						return true
					}
				}
				return false
			}
			if !listed() {
				t.Fatalf("story %d of %d articles, never attempted, is not due", id, tt.tried)
			}
			if err := s.SaveModelBrief(ctx(t), id, nil, tt.tried); err != nil {
				t.Fatal(err)
			}
			if listed() {
				t.Errorf("story %d is due right after an attempt at %d articles", id, tt.tried)
			}
			n := tt.tried
			for j, to := range tt.more {
				storyArticles(t, s, id, n, to, at)
				n = to
				if got := listed(); got != tt.due[j] {
					t.Errorf("attempted at %d articles, at %d: due = %v, want %v", tt.tried, to, got, tt.due[j])
				}
			}
		})
	}
}

// testModelTokens covers AddModelTokens and ModelTokens: totals by day,
// invalid input, and concurrent additions.
func testModelTokens(t *testing.T, open Opener) {
	s := newStore(t, open)
	if n, err := s.ModelTokens(ctx(t), "2024-03-14"); err != nil || n != 0 {
		t.Errorf("ModelTokens(unknown day) = %d, %v; want 0", n, err)
	}
	steps := []struct {
		day  string
		n    int64
		want int64
	}{
		{"2024-03-14", 1200, 1200},
		{"2024-03-14", 800, 2000},
		{"2024-03-15", 5, 5},
		{"2024-03-14", 0, 2000},
		{"2024-03-15", 1 << 40, 1<<40 + 5},
	}
	for _, st := range steps {
		if total, err := s.AddModelTokens(ctx(t), st.day, st.n); err != nil || total != st.want {
			t.Errorf("AddModelTokens(%s, %d) = %d, %v; want %d", st.day, st.n, total, err, st.want)
		}
	}
	for d, want := range map[string]int64{"2024-03-14": 2000, "2024-03-15": 1<<40 + 5, "2024-03-16": 0} {
		if n, err := s.ModelTokens(ctx(t), d); err != nil || n != want {
			t.Errorf("ModelTokens(%s) = %d, %v; want %d", d, n, err, want)
		}
	}

	invalid := []struct {
		day  string
		n    int64
		name string // what the message must name
	}{
		{"2024-03-14", -1, "-1"},
		{"", 1, `""`},
		{"2024-3-14", 1, "2024-3-14"},
		{"2024-02-30", 1, "2024-02-30"},
		{"14/03/2024", 1, "14/03/2024"},
		{"2024-03-14T00:00:00Z", 1, "2024-03-14T00:00:00Z"},
	}
	for _, tt := range invalid {
		_, err := s.AddModelTokens(ctx(t), tt.day, tt.n)
		what := fmt.Sprintf("AddModelTokens(%q, %d)", tt.day, tt.n)
		wantCode(t, what, err, storyline.EINVALID)
		if err != nil && !strings.Contains(storyline.ErrorMessage(err), tt.name) {
			t.Errorf("%s: message %q does not name %s", what, storyline.ErrorMessage(err), tt.name)
		}
	}
	_, err := s.ModelTokens(ctx(t), "yesterday")
	wantCode(t, "ModelTokens(yesterday)", err, storyline.EINVALID)
	if n, _ := s.ModelTokens(ctx(t), "2024-03-14"); n != 2000 {
		t.Errorf("invalid additions changed the count to %d", n)
	}

	// Concurrent additions all count, and each sees a total of its own.
	const workers, rounds, each = 20, 5, 7
	totals := make(chan int64, workers*rounds)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range rounds {
				total, err := s.AddModelTokens(ctx(t), "2024-04-01", each)
				if err != nil {
					t.Errorf("AddModelTokens: %v", err)
					return
				}
				totals <- total
			}
		}()
	}
	wg.Wait()
	close(totals)
	seen := map[int64]bool{}
	for total := range totals {
		if seen[total] || total <= 0 || total > workers*rounds*each || total%each != 0 {
			t.Errorf("concurrent AddModelTokens returned total %d (seen before: %v)", total, seen[total])
		}
		seen[total] = true
	}
	if n, err := s.ModelTokens(ctx(t), "2024-04-01"); err != nil || n != workers*rounds*each {
		t.Errorf("ModelTokens after %d concurrent additions of %d = %d, %v; want %d", workers*rounds, each, n, err, workers*rounds*each)
	}
}

// BenchSaveStories measures SaveStories, the built-in path that brings
// stories' aggregates, terms, labels and briefs up to date, in batches
// of 20 of 200 stories of two articles each (built before the timer
// starts). A store keeps the model briefs' summaries on this path, which
// must not slow it down.
func BenchSaveStories(b *testing.B, s storyline.Store) {
	const stories, batch = 200, 20
	ctx := b.Context()
	at := day()
	for i := range stories {
		for j := range 2 {
			text := fmt.Sprintf("Story %d, report %d: the council met on the harbour road about the floods.", i, j)
			res, err := s.SaveArticle(ctx, &storyline.Article{URL: fmt.Sprintf("https://x%d.example/%d", j, i),
				Source: fmt.Sprintf("Outlet %d", j), Title: fmt.Sprintf("Story %d", i), Published: at.Add(time.Duration(i) * time.Minute),
				Text: text, ContentHash: storyline.ContentHash(text)})
			if err != nil {
				b.Fatal(err)
			}
			if err := s.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: int64(i + 1)}); err != nil {
				b.Fatal(err)
			}
		}
	}
	updates := make([]storyline.StoryUpdate, batch)
	b.ReportAllocs()
	b.ResetTimer()
	for n := range b.N {
		for i := range updates {
			id := int64((n*batch+i)%stories + 1)
			brief := &storyline.Brief{Generator: storyline.BuiltInBrief, UpdatedAt: at, Sentences: []storyline.BriefSentence{
				{Text: "The council met about the floods.", ArticleIDs: []int64{2*id - 1, 2 * id}},
				{Text: "The harbour road stays shut.", ArticleIDs: []int64{2 * id}},
			}}
			terms := make(map[string]float64, 20)
			for k := range 20 {
				terms[fmt.Sprintf("term%d", (int(id)+k)%97)] = float64(k+1) / 20
			}
			updates[i] = storyline.StoryUpdate{Story: &storyline.Story{ID: id, Title: fmt.Sprintf("Story %d", id),
				Summary: brief.Text(), Language: "en", Brief: brief,
				Keyphrases: []storyline.Keyphrase{{Text: "harbour road", Hashtag: "#HarbourRoad", Score: 1}},
				Entities:   []storyline.Entity{{Name: "Jonas Berg", Kind: storyline.EntityPerson, Count: 2}}}, Terms: terms}
		}
		if err := s.SaveStories(ctx, updates...); err != nil {
			b.Fatal(err)
		}
	}
}
