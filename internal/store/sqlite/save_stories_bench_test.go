package sqlite

import (
	"testing"

	"github.com/storyline/storyline/internal/store/storetest"
)

// BenchmarkSaveStories measures SaveStories (see storetest.BenchSaveStories):
//
//	go test ./internal/store/sqlite -run '^$' -bench SaveStories -count 5
func BenchmarkSaveStories(b *testing.B) {
	storetest.BenchSaveStories(b, openBench(b))
}
