package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// BenchmarkCompressCachedHome serves the visitors' cached home page
// (the fixtures and 40 more stories) plain, gzip and zstd, in process.
func BenchmarkCompressCachedHome(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	e := &testEnv{db: db, ids: map[string]int64{}}
	e.seed() // fails only by panicking: its t is nil
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range 40 {
		text := fmt.Sprintf("Council report %d: the harbour budget, the new ferry line and the river dam talks.", i)
		a := &storyline.Article{URL: fmt.Sprintf("https://bench.example/%d", i), Source: fmt.Sprintf("Outlet %d", i%7),
			Title: fmt.Sprintf("Harbour budget vote %d", i), Text: text, ContentHash: storyline.ContentHash(text), Published: at.Add(time.Duration(i) * time.Minute)}
		res, err := db.SaveArticle(context.Background(), a)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.SaveAnalysis(context.Background(), &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: int64(1000 + i)}); err != nil {
			b.Fatal(err)
		}
	}
	srv, err := New(Config{Store: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PasswordParams: fastPasswords,
		PageCache: time.Hour, Now: func() time.Time { return testNow }})
	if err != nil {
		b.Fatal(err)
	}
	for _, ae := range []string{"", "gzip", "zstd"} {
		b.Run(cmpName(ae), func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			if ae != "" {
				req.Header.Set("Accept-Encoding", ae)
			}
			var size int
			for range 2 { // rendered and kept, then compressed and kept
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				size = rec.Body.Len()
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || rec.Header().Get("Age") == "" {
					b.Fatalf("status %d, Age %q: not from the cache", rec.Code, rec.Header().Get("Age"))
				}
			}
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
	// The same page compressed on every request, as uncached pages are.
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	page := rec.Body.Bytes()
	for _, ae := range []string{"gzip", "zstd"} {
		b.Run(ae+"-per-request", func(b *testing.B) {
			h := srv.compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				_, _ = w.Write(page)
			}))
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Accept-Encoding", ae)
			var size int
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				size = rec.Body.Len()
			}
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
}

// cmpName names a sub-benchmark by its Accept-Encoding.
func cmpName(ae string) string {
	if ae == "" {
		return "plain"
	}
	return ae
}
