package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
)

// BenchmarkAnalyzeFeatures measures what analysing one article costs on
// its own (language, signature, summary, keyphrases, entities), without
// storage: run with -cpu 1 for the per-core figure.
func BenchmarkAnalyzeFeatures(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	an, err := NewAnalyzer(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	g := synth.New(1, 20000)
	articles := make([]*storyline.Article, 256)
	for i := range articles {
		articles[i] = g.Article(i, 400, 50)
	}
	b.ResetTimer()
	for i := range b.N {
		an.features(articles[i%len(articles)])
	}
}

// BenchmarkAnalyzeArticle measures analysing and storing articles one
// after another: features, copy match, story assignment and the saves.
func BenchmarkAnalyzeArticle(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	an, err := NewAnalyzer(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	g := synth.New(1, 20000)
	articles := make([]*storyline.Article, b.N)
	for i := range articles {
		a := g.Article(i, 400, 50)
		a.Language = "en"
		a.ContentHash = storyline.ContentHash(a.Text)
		res, err := db.SaveArticle(ctx, a)
		if err != nil {
			b.Fatal(err)
		}
		a.ID = res.ID
		articles[i] = a
	}
	b.ResetTimer()
	for _, a := range articles {
		if _, err := an.Article(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	if err := an.Flush(ctx); err != nil {
		b.Fatal(err)
	}
}
