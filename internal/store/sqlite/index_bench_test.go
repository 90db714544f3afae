package sqlite

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storetest"
)

// BenchmarkIndexRebuild measures how fast the search index is built from
// the articles: a store of 5,000 generated articles has its index file
// removed, and each iteration opens it (starting the rebuild) and waits
// until a search sees every article.
//
//	go test ./internal/store/sqlite -run '^$' -bench IndexRebuild -benchtime 3x
func BenchmarkIndexRebuild(b *testing.B) {
	const n = 5000
	ctx := b.Context()
	path := filepath.Join(b.TempDir(), "rebuild.db")
	db, err := Open(ctx, path, Options{IndexWait: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	corpus := storetest.NewCorpus(storetest.CorpusOptions{Seed: 4, CopyRate: 0.05})
	if _, err := storetest.Fill(ctx, db, corpus, n, 2); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + "-search" + suffix)
		}
		b.StartTimer()
		db, err := Open(ctx, path, Options{IndexWait: time.Hour})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Search(ctx, storyline.SearchQuery{Text: "zzzunfound"}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}
