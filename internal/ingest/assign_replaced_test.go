package ingest

import (
	"context"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// replacedCopy stores and analyses a report published at later, then the
// same text at another URL published at first (earlier), which replaces it
// as canonical, and analyses that one too. It returns the store, the
// later article's and the earlier article's analyses.
func replacedCopy(t *testing.T, first, later time.Time) (db *sqlite.DB, a, b *storyline.Analysis) {
	t.Helper()
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	late := storyFixture(t, db, "dam-gazette", "Valley Gazette", later)
	if err := an.saved(ctx, late, storyline.SaveResult{ID: late.ID, Outcome: storyline.Added}); err != nil {
		t.Fatal(err)
	}
	early := *late
	early.ID, early.URL, early.Source, early.Published = 0, "https://wire.example/dam", "Wire", first
	res, err := db.SaveArticle(ctx, &early)
	if err != nil || res.Replaced != late.ID {
		t.Fatalf("SaveArticle(earlier) = %+v, %v; want it to replace %d", res, err, late.ID)
	}
	if err := an.saved(ctx, &early, res); err != nil {
		t.Fatal(err)
	}
	if err := an.Close(ctx); err != nil {
		t.Fatal(err)
	}
	a, err1 := db.Analysis(ctx, late.ID)
	b, err2 := db.Analysis(ctx, res.ID)
	if err1 != nil || err2 != nil {
		t.Fatalf("analyses: %v, %v", err1, err2)
	}
	return db, a, b
}

// TestAnalyzerKeepsTheStoryOfAReplacedCopy: the same text published
// earlier elsewhere, imported later, becomes the canonical article in the
// same story, without counting the text in it twice.
func TestAnalyzerKeepsTheStoryOfAReplacedCopy(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	db, a, b := replacedCopy(t, t0, t0.Add(2*time.Hour))
	if a.StoryID == 0 || b.StoryID != a.StoryID {
		t.Fatalf("analyses = %+v, %+v; want one story", a, b)
	}
	c, err := db.StoryCentroid(ctx, b.StoryID)
	if err != nil || c.Articles != 1 {
		t.Errorf("story centroid = %+v, %v; want the text counted once", c, err)
	}
	if tl, err := db.Timeline(ctx, b.StoryID); err != nil || len(tl) != 2 || tl[0].ArticleID != b.ArticleID || tl[1].CopyOf != b.ArticleID {
		t.Errorf("timeline = %+v, %v; want the wire's article first, the gazette's its copy", tl, err)
	}
}

// TestAnalyzerFilesAFarEarlierCopyOnItsOwnDate: published a year
// earlier, the same text is a republication with a story of its own
// date; no story spans the year.
func TestAnalyzerFilesAFarEarlierCopyOnItsOwnDate(t *testing.T) {
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	db, a, b := replacedCopy(t, t0.AddDate(-1, 0, 0), t0)
	if b.StoryID == 0 || b.StoryID == a.StoryID {
		t.Fatalf("analyses = %+v, %+v; want two stories", a, b)
	}
	for _, id := range []int64{a.StoryID, b.StoryID} {
		c, err := db.StoryCentroid(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if span := c.Last.Sub(c.First); span > 24*time.Hour {
			t.Errorf("story %d spans %v", id, span)
		}
	}
}
