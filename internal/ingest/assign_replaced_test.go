package ingest

import (
	"context"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// TestAnalyzerKeepsTheStoryOfAReplacedCopy: the same text published
// earlier elsewhere, imported later, becomes the canonical article in the
// same story, without counting the text in it twice; published far
// earlier, it is a republication with a story of its own date.
func TestAnalyzerKeepsTheStoryOfAReplacedCopy(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	later := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0.Add(2*time.Hour))
	if err := an.saved(ctx, later, storyline.SaveResult{ID: later.ID, Outcome: storyline.Added}); err != nil {
		t.Fatal(err)
	}
	first := *later
	first.ID, first.URL, first.Source, first.Published = 0, "https://wire.example/dam", "Wire", t0
	res, err := db.SaveArticle(ctx, &first)
	if err != nil || res.Replaced != later.ID {
		t.Fatalf("SaveArticle(earlier) = %+v, %v; want it to replace %d", res, err, later.ID)
	}
	if err := an.saved(ctx, &first, res); err != nil {
		t.Fatal(err)
	}
	if err := an.Close(ctx); err != nil {
		t.Fatal(err)
	}
	a, err1 := db.Analysis(ctx, later.ID)
	b, err2 := db.Analysis(ctx, res.ID)
	if err1 != nil || err2 != nil || a.StoryID == 0 || b.StoryID != a.StoryID {
		t.Fatalf("analyses = %+v, %+v (%v, %v); want one story", a, b, err1, err2)
	}
	c, err := db.StoryCentroid(ctx, b.StoryID)
	if err != nil || c.Articles != 1 {
		t.Errorf("story centroid = %+v, %v; want the text counted once", c, err)
	}
	if tl, err := db.Timeline(ctx, b.StoryID); err != nil || len(tl) != 2 || tl[0].ArticleID != res.ID || tl[1].CopyOf != res.ID {
		t.Errorf("timeline = %+v, %v; want the wire's article first, the gazette's its copy", tl, err)
	}
}

func TestAnalyzerFilesAFarEarlierCopyOnItsOwnDate(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	later := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	if err := an.saved(ctx, later, storyline.SaveResult{ID: later.ID, Outcome: storyline.Added}); err != nil {
		t.Fatal(err)
	}
	first := *later
	first.ID, first.URL, first.Source, first.Published = 0, "https://wire.example/dam", "Wire", t0.AddDate(-1, 0, 0)
	res, err := db.SaveArticle(ctx, &first)
	if err != nil || res.Replaced != later.ID {
		t.Fatalf("SaveArticle(a year earlier) = %+v, %v; want it to replace %d", res, err, later.ID)
	}
	if err := an.saved(ctx, &first, res); err != nil {
		t.Fatal(err)
	}
	if err := an.Close(ctx); err != nil {
		t.Fatal(err)
	}
	a, err1 := db.Analysis(ctx, later.ID)
	b, err2 := db.Analysis(ctx, res.ID)
	if err1 != nil || err2 != nil || b.StoryID == 0 || b.StoryID == a.StoryID {
		t.Fatalf("analyses = %+v, %+v (%v, %v); want two stories", a, b, err1, err2)
	}
	for _, id := range []int64{a.StoryID, b.StoryID} {
		c, err := db.StoryCentroid(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if span := c.Last.Sub(c.First); span > 24*time.Hour {
			t.Errorf("story %d spans %v", id, span)
		}
	}
}
