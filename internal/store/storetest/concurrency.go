package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/storyline/storyline"
)

// testConcurrency covers concurrent saves: racing goroutines must agree
// on one canonical article per text and one row per URL.
func testConcurrency(t *testing.T, open Opener) {
	const workers = 8
	tests := []struct {
		name string
		url  func(i int) string
		want map[storyline.SaveOutcome]int
		rows int
	}{
		{"same text at different URLs", func(i int) string { return fmt.Sprintf("https://outlet%d.example/floods", i) },
			map[storyline.SaveOutcome]int{storyline.Added: 1, storyline.Copied: workers - 1}, workers},
		{"same text without URL", func(int) string { return "" },
			map[storyline.SaveOutcome]int{storyline.Added: 1, storyline.Unchanged: workers - 1}, 1},
		{"same article", func(int) string { return "https://wire.example/floods" },
			map[storyline.SaveOutcome]int{storyline.Added: 1, storyline.Unchanged: workers - 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, open)
			results := make([]storyline.SaveResult, workers)
			errs := make([]error, workers)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					source := "Wire" // one outlet saving one article, racing itself
					if tt.rows > 1 {
						source = fmt.Sprintf("Outlet %d", i%3)
					}
					a := article(tt.url(i), source, "Floods in the valley", textFloods)
					<-start
					results[i], errs[i] = s.SaveArticle(ctx(t), a)
				}()
			}
			close(start)
			wg.Wait()

			outcomes := map[storyline.SaveOutcome]int{}
			var canonical int64
			for i, res := range results {
				if errs[i] != nil {
					t.Fatalf("worker %d: %v", i, errs[i])
				}
				outcomes[res.Outcome]++
				if res.Outcome == storyline.Added {
					canonical = res.ID
				}
			}
			for o, n := range tt.want {
				if outcomes[o] != n {
					t.Errorf("outcomes = %v, want %v", outcomes, tt.want)
					break
				}
			}
			for i, res := range results {
				switch res.Outcome {
				case storyline.Copied:
					if res.CopyOf != canonical {
						t.Errorf("worker %d: CopyOf = %d, want %d", i, res.CopyOf, canonical)
					}
				case storyline.Unchanged:
					if res.ID != canonical {
						t.Errorf("worker %d: ID = %d, want %d", i, res.ID, canonical)
					}
				}
			}
			if n := count(t, s); n != tt.rows {
				t.Errorf("CountArticles = %d, want %d", n, tt.rows)
			}
			list, err := s.Articles(ctx(t), storyline.ArticleFilter{})
			if err != nil {
				t.Fatalf("Articles: %v", err)
			}
			if len(list) != 1 || list[0].ID != canonical {
				t.Errorf("canonical articles = %v, want exactly [%d]", ids(list), canonical)
			}
		})
	}

	t.Run("many writers and readers", func(t *testing.T) {
		s := newStore(t, open)
		const perWorker = 25
		var wg sync.WaitGroup
		errs := make(chan error, workers*perWorker*2)
		for w := range workers {
			wg.Add(2)
			go func() {
				defer wg.Done()
				for i := range perWorker {
					text := fmt.Sprintf("Report %d from desk %d. %s", i, w, textHarbour)
					a := article(fmt.Sprintf("https://desk%d.example/%d", w, i), fmt.Sprintf("Desk %d", w), "Harbour", text)
					if _, err := s.SaveArticle(ctx(t), a); err != nil {
						errs <- err
					}
				}
			}()
			go func() {
				defer wg.Done()
				for range perWorker {
					if _, err := s.Search(ctx(t), storyline.SearchQuery{Text: "harbour report"}); err != nil {
						errs <- err
					}
					if _, err := s.Articles(ctx(t), storyline.ArticleFilter{Limit: 5}); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := count(t, s); n != workers*perWorker {
			t.Errorf("CountArticles = %d, want %d", n, workers*perWorker)
		}
	})
}
