package ingest

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
)

// eventArticles saves the coverage of n generated events, interleaved,
// and returns the articles with the event each covers.
func eventArticles(t *testing.T, db storyline.ArticleStore, n int) ([]*storyline.Article, map[int64]int) {
	t.Helper()
	g := synth.New(7, 20000)
	t0 := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	var events [][]*storyline.Article
	for i := range n {
		events = append(events, g.Event(i, 2+i%4, 12, t0.Add(time.Duration(i)*time.Hour)).Articles)
	}
	event := map[int64]int{}
	var all []*storyline.Article
	for k := 0; ; k++ {
		added := false
		for i, arts := range events {
			if k >= len(arts) {
				continue
			}
			a := arts[k]
			a.ContentHash = storyline.ContentHash(a.Text)
			res, err := db.SaveArticle(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			a.ID = res.ID
			event[a.ID] = i
			all = append(all, a)
			added = true
		}
		if !added {
			break
		}
	}
	return all, event
}

// partition returns the articles of each story, as sorted lists of the
// events they cover, so that two runs with other story ids compare.
func partition(t *testing.T, db storyline.StoryStore, event map[int64]int) [][]int {
	t.Helper()
	byStory := map[int64][]int{}
	for id, e := range event {
		x, err := db.Analysis(context.Background(), id)
		if err != nil {
			t.Fatalf("article %d: %v", id, err)
		}
		byStory[x.StoryID] = append(byStory[x.StoryID], e)
	}
	var out [][]int
	for es := range maps.Values(byStory) {
		slices.Sort(es)
		out = append(out, es)
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

// TestAnalyzersShareTheClustering runs three analyzers on one store at
// once, as three worker processes do: each catches up with the others'
// assignments before its own, so every event ends in one story, as with
// one analyzer.
func TestAnalyzersShareTheClustering(t *testing.T) {
	ctx := context.Background()
	single, _ := newTestAnalyzer(t)
	arts, event := eventArticles(t, single, 30)
	an, err := NewAnalyzer(ctx, single)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if _, err := an.Article(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	want := partition(t, single, event)

	shared, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "shared.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	arts, event = eventArticles(t, shared, 30)
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for w := range 3 {
		an, err := NewAnalyzer(ctx, shared)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			for i := w; i < len(arts); i += 3 {
				if _, err := an.ArticleOnce(ctx, arts[i]); err != nil {
					errs <- fmt.Errorf("analyzer %d, article %d: %w", w, arts[i].ID, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := partition(t, shared, event); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("three analyzers made stories %v\none made %v", got, want)
	}
	for _, es := range want {
		if es[0] != es[len(es)-1] {
			t.Errorf("a story mixes events %v", es)
		}
	}
	if len(want) != 30 {
		t.Errorf("%d stories for 30 events", len(want))
	}

	// A restart resumes from the log: the next article of an event joins
	// its story.
	restarted, err := NewAnalyzer(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	again := *arts[0]
	again.URL += "-again"
	again.Text += " More details emerged later."
	again.ContentHash = storyline.ContentHash(again.Text)
	res, err := shared.SaveArticle(ctx, &again)
	if err != nil {
		t.Fatal(err)
	}
	again.ID = res.ID
	x, err := restarted.Article(ctx, &again)
	first, _ := shared.Analysis(ctx, arts[0].ID)
	if err != nil || x.StoryID != first.StoryID {
		t.Errorf("after a restart, a follow-up went to story %d (%v), want %d", x.StoryID, err, first.StoryID)
	}
}

// TestUpdateOfMergedStory checks that bringing up to date a story merged
// into another leaves the survivor's aggregates alone.
func TestUpdateOfMergedStory(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	gazette := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	phone := storyFixture(t, db, "phone-launch", "Tech Wire", t0.Add(time.Hour))
	for _, a := range []struct {
		id, story int64
	}{{gazette.ID, 1}, {phone.ID, 2}} {
		if err := db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: a.id, Version: AnalysisVersion, StoryID: a.story}); err != nil {
			t.Fatal(err)
		}
	}
	survivor := &storyline.Story{ID: 2, Title: "The survivor's title", Summary: "Its summary."}
	if err := db.SaveStories(ctx, storyline.StoryUpdate{Story: survivor, Terms: map[string]float64{"phone": 1}}); err != nil {
		t.Fatal(err)
	}
	if err := db.MergeStories(ctx, 2, []int64{1}); err != nil {
		t.Fatal(err)
	}
	if err := an.UpdateStories(ctx, []int64{1}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Story(ctx, 2)
	if err != nil || got.Title != survivor.Title || got.Summary != survivor.Summary {
		t.Errorf("survivor after the merged story's update: %+v, %v", got, err)
	}
}

// TestAssignmentWaitEndsWithContext checks that an analysis waiting for
// another's assignment gives up when its context ends.
func TestAssignmentWaitEndsWithContext(t *testing.T) {
	_, an := newTestAnalyzer(t)
	unlock, err := an.lock(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if again, err := an.lock(ctx); err == nil {
		again()
		t.Fatal("a second lock was taken while the first was held")
	}
}
