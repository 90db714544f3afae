package postgres

import (
	"testing"

	"github.com/storyline/storyline/internal/store/postgres/pgtest"
	"github.com/storyline/storyline/internal/store/storetest"
)

// openBench opens a database of its own for a benchmark, closed when it
// ends.
func openBench(b *testing.B) *DB {
	b.Helper()
	db, err := Open(b.Context(), pgtest.URL(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkSaveAnalysis measures SaveAnalysis (see
// storetest.BenchSaveAnalysis):
//
//	STORYLINE_TEST_POSTGRES=postgres://… go test ./internal/store/postgres -run '^$' -bench SaveAnalysis -count 5
func BenchmarkSaveAnalysis(b *testing.B) {
	storetest.BenchSaveAnalysis(b, openBench(b))
}

// BenchmarkPrune measures retention (see storetest.BenchPrune):
//
//	STORYLINE_TEST_POSTGRES=postgres://… go test ./internal/store/postgres -run '^$' -bench Prune -benchtime 20x -count 5
func BenchmarkPrune(b *testing.B) {
	storetest.BenchPrune(b, openBench(b))
}
