package postgres

import (
	"testing"

	"github.com/storyline/storyline/internal/store/storetest"
)

// BenchmarkSaveStories measures SaveStories (see storetest.BenchSaveStories)
// on a database of its own:
//
//	STORYLINE_TEST_POSTGRES=postgres://… go test ./internal/store/postgres -run '^$' -bench SaveStories -count 5
func BenchmarkSaveStories(b *testing.B) {
	storetest.BenchSaveStories(b, openBench(b))
}
