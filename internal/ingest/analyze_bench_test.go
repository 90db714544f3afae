package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
)

// BenchmarkAnalyzeFeatures measures what analysing one article costs on
// its own (language, signature, summary, keyphrases, entities), without
// storage, per language of the generated articles: run with -cpu 1 for
// the per-core figure.
func BenchmarkAnalyzeFeatures(b *testing.B) {
	for _, lang := range []string{"en", "de", "zh"} {
		b.Run("lang="+lang, func(b *testing.B) {
			db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "s.db"), sqlite.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			an, err := NewAnalyzer(context.Background(), db)
			if err != nil {
				b.Fatal(err)
			}
			g, err := synth.NewIn(lang, 1, 20000)
			if err != nil {
				b.Fatal(err)
			}
			articles := make([]*storyline.Article, 256)
			for i := range articles {
				articles[i] = g.Article(i, 400, 50)
			}
			an.features(articles[0]) // tables a language loads on first use
			b.ResetTimer()
			for i := range b.N {
				an.features(articles[i%len(articles)])
			}
		})
	}
}

// benchAnalyzer returns an analyzer on a fresh SQLite store, both closed
// when b ends.
func benchAnalyzer(b *testing.B) (*sqlite.DB, *Analyzer) {
	b.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	an, err := NewAnalyzer(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	return db, an
}

// saveGenerated stores generated article i (~400 words) and returns it
// with its ID.
func saveGenerated(b *testing.B, db *sqlite.DB, g *synth.Generator, i int) *storyline.Article {
	b.Helper()
	a := g.Article(i, 400, 50)
	a.Language = "en"
	a.ContentHash = storyline.ContentHash(a.Text)
	res, err := db.SaveArticle(context.Background(), a)
	if err != nil {
		b.Fatal(err)
	}
	a.ID = res.ID
	return a
}

// BenchmarkAnalyzeArticle measures analysing and storing articles one
// after another: features, copy match, story assignment and the saves.
func BenchmarkAnalyzeArticle(b *testing.B) {
	ctx := context.Background()
	db, an := benchAnalyzer(b)
	g := synth.New(1, 20000)
	articles := make([]*storyline.Article, b.N)
	for i := range articles {
		articles[i] = saveGenerated(b, db, g, i)
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

// BenchmarkAnalyzeArticleFollowed is BenchmarkAnalyzeArticle on the path
// fetch takes: the articles handed to a Follower (one feature worker),
// which reads them back, computes their features and decides their
// stories in batches, then the stories' update.
func BenchmarkAnalyzeArticleFollowed(b *testing.B) {
	ctx := context.Background()
	db, an := benchAnalyzer(b)
	g := synth.New(1, 20000)
	articles := make([]*storyline.Article, b.N)
	for i := range articles {
		articles[i] = saveGenerated(b, db, g, i)
	}
	b.ResetTimer()
	fl := an.Follow(FollowOptions{Workers: 1})
	for _, a := range articles {
		if err := fl.Add(ctx, a, storyline.SaveResult{ID: a.ID, Outcome: storyline.Added}); err != nil {
			b.Fatal(err)
		}
	}
	if err := fl.Close(ctx); err != nil {
		b.Fatal(err)
	}
	if err := an.Flush(ctx); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAssign measures the serialized part of analysing an article:
// the store's candidates and counts, the decision and its save, under the
// assignment lock, on a store that already holds a number of stories
// (generated articles a minute apart, each its own event). The features
// are computed before the timer starts. The cost per article should not
// grow with the stories held.
func BenchmarkAssign(b *testing.B) {
	for _, held := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("stories=%d", held), func(b *testing.B) {
			ctx := context.Background()
			db, an := benchAnalyzer(b)
			g := synth.New(1, 20000)
			save := func(i int) (*storyline.Article, features) {
				a := saveGenerated(b, db, g, i)
				f := an.features(a)
				f.republished = true // no near-copy matching: assignment alone
				return a, f
			}
			assign := func(a *storyline.Article, f features) {
				res := &storyline.Analysis{ArticleID: a.ID, Version: AnalysisVersion, Language: f.lang}
				unlock, err := an.lock(ctx)
				if err != nil {
					b.Fatal(err)
				}
				defer unlock()
				if err := an.assign(ctx, a, f, res); err != nil {
					b.Fatal(err)
				}
			}
			for i := range held {
				assign(save(i))
			}
			arts := make([]*storyline.Article, b.N)
			feats := make([]features, b.N)
			for i := range b.N {
				arts[i], feats[i] = save(held + i)
			}
			b.ResetTimer()
			for i := range b.N {
				assign(arts[i], feats[i])
			}
		})
	}
}
