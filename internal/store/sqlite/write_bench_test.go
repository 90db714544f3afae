package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/store/storetest"
)

// openBench opens a new database for a benchmark, closed when it ends.
func openBench(b *testing.B) *DB {
	b.Helper()
	db, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), Options{IndexWait: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkSaveAnalysis measures SaveAnalysis (see
// storetest.BenchSaveAnalysis):
//
//	go test ./internal/store/sqlite -run '^$' -bench SaveAnalysis -count 5
func BenchmarkSaveAnalysis(b *testing.B) {
	storetest.BenchSaveAnalysis(b, openBench(b))
}

// BenchmarkPrune measures retention (see storetest.BenchPrune):
//
//	go test ./internal/store/sqlite -run '^$' -bench Prune -benchtime 20x -count 5
func BenchmarkPrune(b *testing.B) {
	storetest.BenchPrune(b, openBench(b))
}
