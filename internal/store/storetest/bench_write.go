package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// benchArticles saves n short corpus articles and returns their IDs.
func benchArticles(ctx context.Context, b *testing.B, s storyline.Store, c *Corpus, n int) []int64 {
	b.Helper()
	ids := make([]int64, n)
	for i := range ids {
		res, err := s.SaveArticle(ctx, c.Article())
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = res.ID
	}
	return ids
}

// BenchSaveAnalysis measures SaveAnalysis: each operation puts one of
// 1,000 articles (saved before the timer starts) in its story, two
// articles a story: the first pass creates the stories, the later ones
// join them again.
func BenchSaveAnalysis(b *testing.B, s storyline.Store) {
	const articles = 1000
	ctx := b.Context()
	ids := benchArticles(ctx, b, s, NewCorpus(CorpusOptions{Seed: 4, Words: 60}), articles)
	b.ReportAllocs()
	b.ResetTimer()
	for n := range b.N {
		i := n % articles
		if err := s.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: ids[i], Version: 1, Language: "en",
			Summary:    []string{"The council met on the harbour road about the floods."},
			Keyphrases: []storyline.Keyphrase{{Text: "harbour road", Hashtag: "#HarbourRoad", Score: 1}},
			StoryID:    int64(i/2 + 1)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchPrune measures retention: each operation prunes, 100 at a time,
// 400 articles in 200 stories (saved before its timer starts), of which
// the articles of every tenth story stay for a comment on it and pile up
// from one operation to the next, as a store's kept coverage does.
func BenchPrune(b *testing.B, s storyline.Store) {
	const articles, perStory = 400, 2
	ctx := b.Context()
	c := NewCorpus(CorpusOptions{Seed: 5, Words: 60})
	u := &storyline.User{Name: "bench", PasswordHash: "x", Role: storyline.RoleAdmin}
	if err := s.AddUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for n := range b.N {
		b.StopTimer()
		base := int64(n*articles/perStory + 1)
		for i, id := range benchArticles(ctx, b, s, c, articles) {
			story := base + int64(i/perStory)
			if err := s.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: id, Version: 1, StoryID: story}); err != nil {
				b.Fatal(err)
			}
			if i%(10*perStory) == 0 {
				if err := s.AddComment(ctx, &storyline.Comment{UserID: u.ID, StoryID: story, Body: fmt.Sprintf("On story %d.", story)}); err != nil {
					b.Fatal(err)
				}
			}
		}
		cut := time.Now().Add(time.Hour)
		b.StartTimer()
		for {
			p, err := s.Prune(ctx, cut, 100)
			if err != nil {
				b.Fatal(err)
			}
			if !p.More {
				break
			}
		}
	}
}
