package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// BenchSave measures SaveArticle with writers goroutines sharing b.N new
// corpus articles (generated before the timer starts). It reports
// articles/s, the rate of the SaveArticle calls, and searchable/s, the
// rate until a search that follows them has waited for them to be
// searchable (the same for a store that indexes as it saves).
func BenchSave(b *testing.B, s storyline.Store, writers int, opts CorpusOptions) {
	c := NewCorpus(opts)
	articles := make([]*storyline.Article, b.N)
	bytes := 0
	for i := range articles {
		articles[i] = c.Article()
		bytes += len(articles[i].Text)
	}
	b.SetBytes(int64(bytes / max(1, b.N)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	if err := saveAll(b.Context(), s, articles, writers); err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	if _, err := s.Search(b.Context(), storyline.SearchQuery{Text: c.CommonWord(), Limit: 1}); err != nil {
		b.Fatal(err)
	}
	searchable := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/searchable.Seconds(), "searchable/s")
}

// Fill saves n corpus articles into s with writers goroutines, and
// returns how long saving took (generation excluded, though it runs
// alongside).
func Fill(ctx context.Context, s storyline.Store, c *Corpus, n, writers int) (time.Duration, error) {
	const batch = 5000
	var total time.Duration
	for done := 0; done < n; {
		articles := make([]*storyline.Article, min(batch, n-done))
		for i := range articles {
			articles[i] = c.Article()
		}
		start := time.Now()
		if err := saveAll(ctx, s, articles, writers); err != nil {
			return total, err
		}
		total += time.Since(start)
		done += len(articles)
	}
	return total, nil
}

// saveAll saves articles with writers goroutines.
func saveAll(ctx context.Context, s storyline.Store, articles []*storyline.Article, writers int) error {
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr error
		once     sync.Once
	)
	for range max(1, writers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(articles) {
					return
				}
				if _, err := s.SaveArticle(ctx, articles[i]); err != nil {
					once.Do(func() { firstErr = fmt.Errorf("article %d: %w", i, err) })
					return
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// BenchSearch runs the queries round-robin, one at a time, and reports the
// median, 95th and 99th percentile latency and the mean number of hits.
func BenchSearch(b *testing.B, s storyline.Store, queries []storyline.SearchQuery) {
	if len(queries) == 0 {
		b.Fatal("no queries")
	}
	ctx := b.Context()
	// One untimed pass warms the caches the way a running server has them.
	for _, q := range queries[:min(len(queries), 50)] {
		if _, err := s.Search(ctx, q); err != nil {
			b.Fatalf("Search(%q): %v", q.Text, err)
		}
	}
	latencies := make([]time.Duration, 0, b.N)
	hits := 0
	b.ResetTimer()
	for i := range b.N {
		q := queries[i%len(queries)]
		start := time.Now()
		res, err := s.Search(ctx, q)
		latencies = append(latencies, time.Since(start))
		if err != nil {
			b.Fatalf("Search(%q): %v", q.Text, err)
		}
		hits += len(res)
	}
	b.StopTimer()
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		i := min(len(latencies)-1, int(p*float64(len(latencies))))
		return float64(latencies[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}
