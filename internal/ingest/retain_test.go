package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// TestRetentionDeletesOldCoverage: with a 30-day retention, the articles
// stored 40 days ago go with their story (which leaves the analyzer's story
// mirror, still loaded) and the copy index forgets them
// (a new copy of one is an article of its own), while those stored since
// stay; the document frequencies shrink with what was deleted, and with
// no age in force nothing is deleted.
func TestRetentionDeletesOldCoverage(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	an, err := NewAnalyzerWith(ctx, db, AnalyzerOptions{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	an.mirror.minPatience, an.mirror.patience = 1, 1 // load the story mirror at once
	analyse := func(a *storyline.Article) *storyline.Analysis {
		t.Helper()
		x, err := an.Article(ctx, a)
		if err != nil {
			t.Fatalf("analyse %s: %v", a.URL, err)
		}
		return x
	}
	gazette := storyFixture(t, db, "dam-gazette", "Valley Gazette", now)
	courier := storyFixture(t, db, "dam-courier", "Courier", now.Add(time.Hour))
	oldStory := analyse(gazette).StoryID
	analyse(courier)

	now = now.Add(40 * 24 * time.Hour)
	harbour := storyFixture(t, db, "harbour-reopens", "Harbour News", now)
	analyse(harbour)
	if err := an.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	docs := an.df.Docs()

	var age time.Duration
	r := &Retention{Store: db, Analyzer: an, Now: clock,
		Age: func(context.Context) (time.Duration, error) { return age, nil }}
	if p, err := r.Run(ctx); err != nil || p.Articles != 0 {
		t.Fatalf("Run with no retention = %+v, %v; want nothing deleted", p, err)
	}
	age = 30 * 24 * time.Hour
	p, err := r.Run(ctx)
	if err != nil || p.Articles != 2 || p.Stories != 1 {
		t.Fatalf("Run = %+v, %v; want 2 articles and their story deleted", p, err)
	}
	for _, id := range []int64{gazette.ID, courier.ID} {
		if _, err := db.Article(ctx, id); storyline.ErrorCode(err) != storyline.ENOTFOUND {
			t.Errorf("Article(%d) = %v, want ENOTFOUND", id, err)
		}
	}
	if _, err := db.Story(ctx, oldStory); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Story(%d) = %v, want ENOTFOUND", oldStory, err)
	}
	// The analyzer's copy of the story index followed the deletion instead
	// of being dropped and loaded again.
	version, err := db.StoryIndexVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, kept := an.mirror.stories[oldStory]; !an.mirror.valid || kept || an.mirror.version != version {
		t.Errorf("story mirror after retention: valid %v, deleted story kept %v, version %d (index %d)",
			an.mirror.valid, kept, an.mirror.version, version)
	}
	if _, err := db.Article(ctx, harbour.ID); err != nil {
		t.Errorf("the recent article: %v", err)
	}
	if got := an.df.Docs(); got >= docs {
		t.Errorf("document frequencies count %d documents after deleting 2 of %d", got, docs)
	}

	// A copy of a deleted article is analysed as an article of its own.
	again := storyFixture(t, db, "dam-gazette", "Gazette Mirror", now)
	if x := analyse(again); x.StoryID == 0 || x.StoryID == oldStory {
		t.Errorf("a copy of a deleted article got story %d", x.StoryID)
	}
}
