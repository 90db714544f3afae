package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/store/sqlite"
)

// TestSweepAnalysesWhatWasLeftBehind: articles stored without analysis (a
// crash between save and analysis) are analysed by Sweep once they are
// ten minutes old; younger ones are left to the path that stored them,
// and a second sweep finds nothing.
func TestSweepAnalysesWhatWasLeftBehind(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	left := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	a, err := db.Article(ctx, left.ID)
	if err != nil {
		t.Fatal(err)
	}
	stored := a.CreatedAt
	now := stored.Add(5 * time.Minute)
	an, err := NewAnalyzerWith(ctx, db, AnalyzerOptions{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := an.Sweep(ctx, db, SweepAge); err != nil || n != 0 {
		t.Fatalf("sweep of a young article = %d, %v; want it left alone", n, err)
	}
	now = stored.Add(11 * time.Minute)
	if n, err := an.Sweep(ctx, db, SweepAge); err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1", n, err)
	}
	x, err := db.Analysis(ctx, left.ID)
	if err != nil || x.StoryID == 0 {
		t.Fatalf("analysis after the sweep = %+v, %v", x, err)
	}
	if st, err := db.Story(ctx, x.StoryID); err != nil || st.Summary == "" {
		t.Errorf("the story was not brought up to date: %+v, %v", st, err)
	}
	if n, err := an.Sweep(ctx, db, SweepAge); err != nil || n != 0 {
		t.Errorf("second Sweep = %d, %v; want 0", n, err)
	}
	// At start a process sweeps with no minimum age: an article stored a
	// moment ago by an import killed since is analysed at once.
	young := storyFixture(t, db, "harbour-reopens", "Harbour News", t0)
	if n, err := an.Sweep(ctx, db, 0); err != nil || n != 1 {
		t.Errorf("Sweep at start = %d, %v; want 1", n, err)
	}
	if x, err := db.Analysis(ctx, young.ID); err != nil || x.StoryID == 0 {
		t.Errorf("analysis of the young article = %+v, %v", x, err)
	}
}
