package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/store/storetest"
)

// BenchmarkSaveStories measures SaveStories (see storetest.BenchSaveStories):
//
//	go test ./internal/store/sqlite -run '^$' -bench SaveStories -count 5
func BenchmarkSaveStories(b *testing.B) {
	db, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), Options{IndexWait: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	storetest.BenchSaveStories(b, db)
}
