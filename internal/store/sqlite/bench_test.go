package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storetest"
)

// Benchmarks. The acceptance figures of the store:
//
//	go test ./internal/store/sqlite -run '^$' -bench SaveArticle -benchtime 20000x
//	STORYLINE_BENCH_ARTICLES=100000 go test ./internal/store/sqlite -run '^$' -bench Search -benchtime 2000x -timeout 1h
//
// STORYLINE_BENCH_ARTICLES sets the size of the search benchmark's store
// (default 10,000, which builds in seconds). STORYLINE_BENCH_DB names a
// database file to build once and reuse across runs; by default the store
// is built in a temporary directory for each run.

func BenchmarkSaveArticle(b *testing.B) {
	for _, writers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			db, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), Options{IndexWait: time.Hour})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			storetest.BenchSave(b, db, writers, storetest.CorpusOptions{Seed: 1, CopyRate: 0.05})
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	n := 10000
	if v := os.Getenv("STORYLINE_BENCH_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("STORYLINE_BENCH_ARTICLES=%q: want a positive number", v)
		}
	}
	path := os.Getenv("STORYLINE_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "search.db")
	}
	db, err := Open(b.Context(), path, Options{IndexWait: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	corpus := storetest.NewCorpus(storetest.CorpusOptions{Seed: 2, CopyRate: 0.05})
	have, err := db.CountArticles(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	if have < n {
		if have > 0 {
			b.Fatalf("%s holds %d articles, fewer than %d: remove it to rebuild", path, have, n)
		}
		took, err := storetest.Fill(b.Context(), db, corpus, n, 2)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("built a store of %d articles in %v (%.0f articles/s)", n, took.Round(time.Millisecond), float64(n)/took.Seconds())
	}

	queries := func(count int, gen func(i int) storyline.SearchQuery) []storyline.SearchQuery {
		qs := make([]storyline.SearchQuery, count)
		for i := range qs {
			qs[i] = gen(i)
		}
		return qs
	}
	qc := storetest.NewCorpus(storetest.CorpusOptions{Seed: 3})
	outlets := qc.Outlets()
	cases := []struct {
		name    string
		queries []storyline.SearchQuery
	}{
		{"mixed", queries(500, func(int) storyline.SearchQuery { return storyline.SearchQuery{Text: qc.Query()} })},
		{"common", queries(200, func(int) storyline.SearchQuery { return storyline.SearchQuery{Text: qc.CommonWord()} })},
		{"rare", queries(200, func(int) storyline.SearchQuery { return storyline.SearchQuery{Text: qc.RareWord()} })},
		{"source", queries(200, func(i int) storyline.SearchQuery {
			return storyline.SearchQuery{Text: qc.Query(), Source: outlets[i%len(outlets)]}
		})},
		{"since", queries(200, func(i int) storyline.SearchQuery {
			since := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n*(i%10)/10) * time.Minute)
			return storyline.SearchQuery{Text: qc.Query(), Since: since}
		})},
		{"page3", queries(200, func(int) storyline.SearchQuery { return storyline.SearchQuery{Text: qc.Query(), Offset: 40} })},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { storetest.BenchSearch(b, db, c.queries) })
	}
}
