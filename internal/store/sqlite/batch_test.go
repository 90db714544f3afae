package sqlite

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/storyline/storyline"
)

// batchArticle is a small article for the batch tests.
func batchArticle(url, text string) *storyline.Article {
	return &storyline.Article{URL: url, Source: "Batch Times", Title: "A title", Text: text, ContentHash: storyline.ContentHash(text)}
}

// TestBatch runs writes and reads in one Batch: the reads see the writes
// before them, a write that fails is undone alone, and the rest is
// committed together; a Batch whose function fails stores nothing.
func TestBatch(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	var first, second int64
	err := db.Batch(ctx, func(ctx context.Context) error {
		res, err := db.SaveArticle(ctx, batchArticle("https://batch.example/1", "The first article of the batch."))
		if err != nil {
			return err
		}
		first = res.ID
		if a, err := db.Article(ctx, first); err != nil || a.Title != "A title" {
			t.Errorf("reading the batch's own write: %+v, %v", a, err)
		}
		// A write that fails (no such article) is undone alone.
		if err := db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: 9999, Version: 1, StoryID: 1}); err == nil {
			t.Error("SaveAnalysis of an unknown article did not fail")
		}
		res, err = db.SaveArticle(ctx, batchArticle("https://batch.example/2", "The second article of the batch."))
		second = res.ID
		return err
	})
	if err != nil {
		t.Fatalf("Batch: %v", err)
	}
	for _, id := range []int64{first, second} {
		if _, err := db.Article(ctx, id); err != nil {
			t.Errorf("article %d after the batch: %v", id, err)
		}
	}

	failed := errors.New("the batch's function failed")
	var third int64
	err = db.Batch(ctx, func(ctx context.Context) error {
		res, err := db.SaveArticle(ctx, batchArticle("https://batch.example/3", "The third article, never committed."))
		third = res.ID
		if err != nil {
			return err
		}
		// A Batch inside a Batch is part of it.
		return db.Batch(ctx, func(context.Context) error { return failed })
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Batch with a failing function = %v, want %v", err, failed)
	}
	if _, err := db.Article(ctx, third); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("article %d of the failed batch: %v, want not found", third, err)
	}
	// Writes outside a batch go on as before.
	if _, err := db.SaveArticle(ctx, batchArticle("https://batch.example/4", "An article after the batches.")); err != nil {
		t.Errorf("a write after the batches: %v", err)
	}
}

// TestBatchTakesInOtherWrites has another writer save an article while a
// batch runs: the batch runs it at its next write, in a savepoint, and
// its caller returns once the batch is committed — or, when the batch is
// rolled back, once it has been run again on its own: another's failure
// loses nothing.
func TestBatchTakesInOtherWrites(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for _, tt := range []struct {
		name string
		fail error
	}{{"committed", nil}, {"rolled back", errors.New("the batch failed")}} {
		t.Run(tt.name, func(t *testing.T) {
			url := "https://other.example/" + tt.name
			other := make(chan error, 1)
			err := db.Batch(ctx, func(bctx context.Context) error {
				go func() {
					_, err := db.SaveArticle(ctx, batchArticle(url, "Saved by another writer while a batch ran: "+tt.name))
					other <- err
				}()
				for waiting := false; !waiting; runtime.Gosched() {
					db.writer.mu.Lock()
					waiting = len(db.writer.pending) > 0
					db.writer.mu.Unlock()
				}
				// The batch's next write takes the other one in first.
				if _, err := db.SaveArticle(bctx, batchArticle(url+"/batch", "The batch's own article: "+tt.name)); err != nil {
					return err
				}
				select {
				case err := <-other:
					t.Errorf("the other writer returned before the batch was committed: %v", err)
				default:
				}
				return tt.fail
			})
			if !errors.Is(err, tt.fail) {
				t.Fatalf("Batch = %v, want %v", err, tt.fail)
			}
			otherErr := <-other
			_, getErr := db.ArticleByURL(ctx, url)
			if otherErr != nil || getErr != nil {
				t.Errorf("the other write: %v, then %v; want it stored", otherErr, getErr)
			}
			if _, err := db.ArticleByURL(ctx, url+"/batch"); (tt.fail == nil) != (err == nil) {
				t.Errorf("the batch's own article: %v", err)
			}
		})
	}
}
