package ingest

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// undatedRun analyses, in one shuffled order, real-page fixtures (two
// reports of a dam breach, dated 20 hours apart, the earlier arriving
// last) and generated events spread over days, with or without a third
// fixture that has no date at all. It returns the events' partition into
// stories, the dam story's span and the undated article's story span.
func undatedRun(t *testing.T, withUndated bool) (events [][]int, dam [2]time.Time, undatedSpan [2]time.Time) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	var undated *storyline.Article
	if withUndated {
		undated = storyFixture(t, db, "phone-launch", "Tech Wire", time.Time{})
	}
	gazette := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	courier := storyFixture(t, db, "dam-courier", "Arden Courier", t0.Add(20*time.Hour))
	arts, event := eventArticles(t, db, 8)
	all := append([]*storyline.Article{courier}, arts...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	if undated != nil {
		all = append([]*storyline.Article{undated}, all...) // first, as an import's first page
	}
	all = append(all, gazette)
	for _, a := range all {
		if _, err := an.Article(ctx, a); err != nil {
			t.Fatalf("Article(%d): %v", a.ID, err)
		}
	}
	if err := an.Close(ctx); err != nil {
		t.Fatal(err)
	}
	g, _ := db.Analysis(ctx, gazette.ID)
	c, _ := db.Analysis(ctx, courier.ID)
	if g.StoryID == 0 || g.StoryID != c.StoryID {
		t.Errorf("the late dam report is in story %d, the other in %d", g.StoryID, c.StoryID)
	}
	cen, err := db.StoryCentroid(ctx, g.StoryID)
	if err != nil {
		t.Fatal(err)
	}
	dam = [2]time.Time{cen.First, cen.Last}
	if undated != nil {
		u, _ := db.Analysis(ctx, undated.ID)
		if u.StoryID == 0 || u.StoryID == g.StoryID {
			t.Errorf("the undated phone article is in story %d (dam: %d)", u.StoryID, g.StoryID)
		}
		cu, err := db.StoryCentroid(ctx, u.StoryID)
		if err != nil {
			t.Fatal(err)
		}
		undatedSpan = [2]time.Time{cu.First, cu.Last}
	}
	return partition(t, db, event), dam, undatedSpan
}

// TestUndatedArticleLeavesOtherStoriesAlone: a page with no date takes
// no story's time and changes no other story, and a late report still
// finds its story.
func TestUndatedArticleLeavesOtherStoriesAlone(t *testing.T) {
	without, damWithout, _ := undatedRun(t, false)
	with, dam, undated := undatedRun(t, true)
	if fmt.Sprint(with) != fmt.Sprint(without) {
		t.Errorf("the undated page changed the events' stories:\nwith    %v\nwithout %v", with, without)
	}
	for _, p := range with {
		for _, e := range p[1:] {
			if e != p[0] {
				t.Errorf("a story mixes events %v", p)
			}
		}
	}
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	if dam != damWithout || !dam[0].Equal(t0) || !dam[1].Equal(t0.Add(20*time.Hour)) {
		t.Errorf("dam story spans %v, want its reports' dates", dam)
	}
	if !undated[0].IsZero() || !undated[1].IsZero() {
		t.Errorf("the undated article's story spans %v, want no dates", undated)
	}
}

// TestTermCacheFollowsTheStore: after assignments with joins and merges,
// the counts this process keeps in its cache are the store's.
func TestTermCacheFollowsTheStore(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	arts, _ := eventArticles(t, db, 12)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	for _, a := range arts {
		if _, err := an.Article(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	an.terms.mu.Lock()
	cached := maps.Clone(an.terms.counts)
	stories := an.terms.stories
	an.terms.mu.Unlock()
	keys := slices.Collect(maps.Keys(cached))
	n, counts, err := db.StoryTermCounts(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if stories != n {
		t.Errorf("cache counts %d stories, the store %d", stories, n)
	}
	for _, k := range keys {
		if cached[k] != counts[k] {
			t.Errorf("term %q: cache %d, store %d", k, cached[k], counts[k])
		}
	}
	if len(keys) == 0 {
		t.Error("nothing cached")
	}
}

// TestHostileWordIsAnalysed: a page holding one enormous token (a hash,
// encoded junk) is analysed and put in a story like any other.
func TestHostileWordIsAnalysed(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	text := "The harbour reopened on Friday. " + strings.Repeat("q", 600) + " Fishing boats returned."
	a := &storyline.Article{URL: "https://junk.example/1", Source: "Junk", Title: "Harbour reopens", Text: text,
		ContentHash: storyline.ContentHash(text), Published: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}
	res, err := db.SaveArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = res.ID
	x, err := an.Article(ctx, a)
	if err != nil || x.StoryID == 0 {
		t.Fatalf("Article: %+v, %v", x, err)
	}
}

// TestReanalysisCountsOnce: analysing articles again (analyze --all, an
// updated page) keeps them in their stories without counting them twice.
func TestReanalysisCountsOnce(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	gazette := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	courier := storyFixture(t, db, "dam-courier", "Arden Courier", t0.Add(time.Hour))
	for range 3 {
		for _, a := range []*storyline.Article{gazette, courier} {
			if _, err := an.Article(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	x, err := db.Analysis(ctx, gazette.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.StoryCentroid(ctx, x.StoryID)
	if err != nil || c.Articles != 2 {
		t.Errorf("story %d's centroid counts %v articles (%v), want 2", x.StoryID, c, err)
	}
}

func TestStorySample(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	entries := func(dated, undated int) []storyline.TimelineEntry {
		var out []storyline.TimelineEntry
		for i := range dated {
			out = append(out, storyline.TimelineEntry{ArticleID: int64(i + 1), Published: t0.Add(time.Duration(i) * time.Hour)})
		}
		for i := range undated {
			out = append(out, storyline.TimelineEntry{ArticleID: int64(100 + i)})
		}
		return out
	}
	ids := func(es []storyline.TimelineEntry) []int64 {
		var out []int64
		for _, e := range es {
			out = append(out, e.ArticleID)
		}
		return out
	}
	for _, tc := range []struct {
		dated, undated int
		want           []int64
	}{
		{3, 0, []int64{1, 2, 3}},
		{6, 0, []int64{1, 4, 5, 6}},
		{6, 3, []int64{1, 4, 5, 6}},     // the latest dated, not the undated
		{2, 5, []int64{1, 2, 100, 101}}, // too few dated: undated fill in
		{0, 6, []int64{100, 101, 102, 103}},
	} {
		if got := ids(storySample(entries(tc.dated, tc.undated), 4)); !slices.Equal(got, tc.want) {
			t.Errorf("%d dated, %d undated: %v, want %v", tc.dated, tc.undated, got, tc.want)
		}
	}
	for d := range 8 {
		for u := range 8 {
			for n := 1; n < 10; n++ {
				all := entries(d, u)
				if len(all) == 0 {
					continue
				}
				got := storySample(all, n)
				if len(got) != min(n, len(all)) || got[0] != all[0] {
					t.Errorf("%d dated, %d undated, n %d: %v", d, u, n, ids(got))
				}
			}
		}
	}
}
