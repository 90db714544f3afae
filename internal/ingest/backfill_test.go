package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/store/sqlite"
)

func TestBackfillResumes(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	var ids []int64
	for i, name := range []string{"dam-gazette", "phone-launch", "dam-courier"} {
		ids = append(ids, storyFixture(t, db, name, "Outlet "+name, t0.Add(time.Duration(i)*time.Hour)).ID)
	}

	// A run cut short after the first article…
	an, err := NewAnalyzer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cut, cancel := context.WithCancel(ctx)
	n, err := an.Backfill(cut, db, true, func(int) { cancel() })
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Fatalf("interrupted backfill = %d, %v; want 1 and context.Canceled", n, err)
	}
	// …resumes with the rest, in a new process.
	an, err = NewAnalyzer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if n, err = an.Backfill(ctx, db, true, nil); err != nil || n != 2 {
		t.Fatalf("resumed backfill = %d, %v; want the 2 left", n, err)
	}
	for _, id := range ids {
		if a, err := db.Analysis(ctx, id); err != nil || a.StoryID == 0 || a.Version != AnalysisVersion {
			t.Errorf("analysis of %d = %+v, %v", id, a, err)
		}
	}
	// Nothing is left; a new --all run does everything again.
	if n, err = an.Backfill(ctx, db, false, nil); err != nil || n != 0 {
		t.Errorf("backfill with nothing pending = %d, %v", n, err)
	}
	if n, err = an.Backfill(ctx, db, true, nil); err != nil || n != 3 {
		t.Errorf("a new --all run = %d, %v; want 3", n, err)
	}
}
