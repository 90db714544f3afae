package sqlite

import (
	"path/filepath"
	"testing"
)

// openAt opens the store at path and fails the test on error.
func openAt(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestIndexRebuildResumes(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "storyline.db")
	db := openAt(t, path)
	saveN(t, db, 30, "lighthouse")
	if n := hitCount(t, db, "lighthouse"); n != 30 {
		t.Fatalf("hits = %d, want 30", n)
	}
	// A rebuild cut short after its first batch, as by a crash.
	if _, err := db.index.startRebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if done, left, err := db.index.rebuildStep(ctx, 10); err != nil || done != 10 || left != 20 {
		t.Fatalf("rebuildStep = %d, %d, %v; want 10, 20", done, left, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openAt(t, path)
	defer db.Close()
	if n := hitCount(t, db, "lighthouse"); n != 30 {
		t.Errorf("hits after the rebuild resumed = %d, want 30", n)
	}
	if done, left, err := db.ReindexSearch(ctx, 100); err != nil || done != 0 || left != 0 {
		t.Errorf("ReindexSearch after the rebuild = %d, %d, %v; want 0, 0", done, left, err)
	}
}

func TestReindexSearch(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "storyline.db")
	db := openAt(t, path)
	defer db.Close()
	saveN(t, db, 25, "lighthouse")
	if _, err := db.index.startRebuild(ctx); err != nil {
		t.Fatal(err)
	}
	total, calls := 0, 0
	for {
		done, left, err := db.ReindexSearch(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		total += done
		if calls++; left == 0 {
			break
		}
		if calls > 10 {
			t.Fatalf("ReindexSearch has %d left after %d calls", left, calls)
		}
	}
	if total != 25 || calls != 3 {
		t.Errorf("ReindexSearch indexed %d articles in %d calls, want 25 in 3", total, calls)
	}
	if n := hitCount(t, db, "lighthouse"); n != 25 {
		t.Errorf("hits = %d, want 25", n)
	}
}
