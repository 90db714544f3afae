package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// pageStories imports the page fixtures in testdata/pages as `storyline
// import` does (extraction, analysis, stories), with or without the page
// that gives no date, and returns each page's story and the stories'
// times, by page name.
func pageStories(t *testing.T, pages []string) (map[string]int64, map[string][2]time.Time, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	an, err := NewAnalyzer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	files := make([]string, len(pages))
	for i, p := range pages {
		files[i] = filepath.Join("testdata/pages", p+".html")
	}
	im := &Importer{Store: db, Builder: Builder{Extractor: extract.New(extract.Options{})}, Analyzer: an, Workers: 1}
	rep, err := im.Import(ctx, files)
	if err != nil || rep.Added != len(pages) {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	stories := map[string]int64{}
	times := map[string][2]time.Time{}
	for _, p := range pages {
		a, err := db.ArticleByURL(ctx, pageURLs[p])
		if err != nil {
			t.Fatalf("page %s: %v", p, err)
		}
		x, err := db.Analysis(ctx, a.ID)
		if err != nil {
			t.Fatalf("page %s: %v", p, err)
		}
		st, err := db.Story(ctx, x.StoryID)
		if err != nil {
			t.Fatal(err)
		}
		stories[p] = st.ID
		times[p] = [2]time.Time{st.FirstSeen, st.LastUpdated}
	}
	return stories, times, db
}

// pageURLs are the canonical URLs the fixture pages declare.
var pageURLs = map[string]string{
	"dam-gazette":     "https://gazette.example/news/dam-gazette",
	"dam-courier":     "https://courier.example/news/dam-courier",
	"phone-launch":    "https://techwire.example/news/phone-launch",
	"harbour-undated": "https://herald.example/news/harbour-reopens",
}

// TestUndatedPageLeavesStoriesAlone: real-looking pages (navigation,
// related links, comment boxes around the article) of two events and one
// page that gives no date anywhere, imported as files: the undated page is
// stored undated, gets a story of its own, and the other stories — who is
// in them and their times — are what they are without it.
func TestUndatedPageLeavesStoriesAlone(t *testing.T) {
	dated := []string{"dam-gazette", "phone-launch", "dam-courier"}
	without, timesWithout, _ := pageStories(t, dated)
	with, times, db := pageStories(t, append([]string{"harbour-undated"}, dated...))

	if with["dam-gazette"] != with["dam-courier"] || with["phone-launch"] == with["dam-gazette"] {
		t.Errorf("stories %v: want the two dam reports together, the phone apart", with)
	}
	want := [2]time.Time{time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC), time.Date(2026, 11, 18, 2, 0, 0, 0, time.UTC)}
	for _, p := range dated {
		if times[p] != timesWithout[p] {
			t.Errorf("%s's story times %v with the undated page, %v without", p, times[p], timesWithout[p])
		}
		if (with[p] == with["dam-gazette"]) != (without[p] == without["dam-gazette"]) {
			t.Errorf("%s's story changed with the undated page", p)
		}
	}
	if times["dam-gazette"][0] != want[0] || times["dam-gazette"][1] != want[1] {
		t.Errorf("dam story times %v, want %v", times["dam-gazette"], want)
	}
	u := with["harbour-undated"]
	if u == with["dam-gazette"] || u == with["phone-launch"] {
		t.Errorf("the undated harbour page joined story %d", u)
	}
	a, err := db.ArticleByURL(context.Background(), pageURLs["harbour-undated"])
	if err != nil || !a.Published.IsZero() {
		t.Errorf("the undated page was stored as %+v, %v; want no date", a, err)
	}
	if c, err := db.StoryCentroid(context.Background(), u); err != nil || !c.Last.IsZero() {
		t.Errorf("the undated page's story spans %v–%v (%v), want no dates", c.First, c.Last, err)
	}
}
