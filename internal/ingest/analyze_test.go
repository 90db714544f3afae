package ingest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// storyFixture saves testdata/story/name.txt (first line the title) as an
// article of outlet published at.
func storyFixture(t *testing.T, db *sqlite.DB, name, outlet string, at time.Time) *storyline.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/story", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(data), "\n")
	a := &storyline.Article{
		URL:    "https://" + strings.ToLower(strings.ReplaceAll(outlet, " ", "")) + ".example/" + name,
		Source: outlet, Title: title, Text: strings.TrimSpace(body), Published: at, Language: "en",
	}
	a.ContentHash = storyline.ContentHash(a.Text)
	a.WordCount = len(strings.Fields(a.Text))
	res, err := db.SaveArticle(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = res.ID
	return a
}

// newTestAnalyzer returns an analyzer on a fresh store, closed with the
// test.
func newTestAnalyzer(t *testing.T) (*sqlite.DB, *Analyzer) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	an, err := NewAnalyzer(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return db, an
}

func TestAnalyzerTwoOutletStory(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	gazette := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	phone := storyFixture(t, db, "phone-launch", "Tech Wire", t0.Add(30*time.Minute))
	courier := storyFixture(t, db, "dam-courier", "Arden Courier", t0.Add(time.Hour))
	results := map[int64]*storyline.Analysis{}
	for _, a := range []*storyline.Article{gazette, phone, courier} {
		res, err := an.Article(ctx, a)
		if err != nil {
			t.Fatalf("Article(%d): %v", a.ID, err)
		}
		results[a.ID] = res
	}
	if err := an.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}

	dam, other := results[gazette.ID].StoryID, results[phone.ID].StoryID
	if dam == 0 || results[courier.ID].StoryID != dam {
		t.Fatalf("the two dam reports are in stories %d and %d, want one", dam, results[courier.ID].StoryID)
	}
	if other == dam {
		t.Fatalf("the unrelated article joined the dam story %d", dam)
	}
	story, err := db.Story(ctx, dam)
	if err != nil {
		t.Fatal(err)
	}
	if story.ArticleCount != 2 || len(story.Outlets) != 2 || !slices.Contains(story.Outlets, "Arden Courier") ||
		!slices.Contains(story.Outlets, "Valley Gazette") {
		t.Errorf("dam story = %+v; want two articles from two outlets", story)
	}
	if story.Title != gazette.Title && story.Title != courier.Title {
		t.Errorf("story title %q is not one of its headlines", story.Title)
	}
	if story.Summary == "" || len(story.Keyphrases) == 0 {
		t.Errorf("story without summary or keyphrases: %+v", story)
	}
	// The summary is the story's brief, every sentence citing its
	// articles.
	if story.Brief == nil || story.Brief.Generator != storyline.BuiltInBrief || story.Summary != story.Brief.Text() {
		t.Fatalf("story brief = %+v, summary %q", story.Brief, story.Summary)
	}
	if len(story.Brief.Coverage) != 2 || story.Brief.Coverage[0].Source != "Valley Gazette" || story.Brief.Coverage[1].ArticleID != courier.ID {
		t.Errorf("coverage = %+v; want the two outlets, the first report's first", story.Brief.Coverage)
	}
	for _, s := range story.Brief.Sentences {
		if len(s.ArticleIDs) == 0 {
			t.Errorf("brief sentence %q cites nothing", s.Text)
		}
		for _, id := range s.ArticleIDs {
			if id != gazette.ID && id != courier.ID {
				t.Errorf("brief sentence %q cites article %d, not of the story", s.Text, id)
			}
		}
	}
	if !hasEntity(story.Entities, "Petra Lindholm", storyline.EntityPerson) {
		t.Errorf("story entities %+v lack the governor", story.Entities)
	}
	for _, res := range results {
		if len(res.Summary) == 0 || len(res.Summary) > 3 || res.Language != "en" || len(res.Signature) == 0 {
			t.Errorf("analysis of %d = %+v", res.ArticleID, res)
		}
	}

	// Related coverage of a dam report: the other outlet's report, never
	// led by the unrelated article.
	timeline, err := db.Timeline(ctx, dam)
	if err != nil || len(timeline) != 2 || timeline[0].ArticleID != gazette.ID || timeline[1].ArticleID != courier.ID {
		t.Errorf("timeline = %+v, %v", timeline, err)
	}
	related, err := db.RelatedStories(ctx, dam, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(related) > 0 && related[0].Story.ID == other {
		t.Errorf("the dam story's related list is led by the unrelated story: %+v", related[0])
	}
}

func TestAnalyzerLinksNearCopies(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	original := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	// A syndicated copy: a dateline, the end cut, a sign-off appended.
	data, _ := os.ReadFile("testdata/story/dam-gazette.txt")
	_, body, _ := strings.Cut(string(data), "\n")
	paras := strings.Split(strings.TrimSpace(body), "\n\n")
	copyText := "BRINMOOR (Wire) - " + strings.Join(paras[:len(paras)-1], "\n\n") + "\n\nSign up for our morning newsletter."
	cp := &storyline.Article{URL: "https://reprint.example/dam", Source: "Reprint Daily", Title: "Dam breach floods valley towns",
		Text: copyText, Published: t0.Add(2 * time.Hour), Language: "en"}
	cp.ContentHash = storyline.ContentHash(cp.Text)
	cp.WordCount = len(strings.Fields(cp.Text))
	res, err := db.SaveArticle(ctx, cp)
	if err != nil {
		t.Fatal(err)
	}
	cp.ID = res.ID
	for _, a := range []*storyline.Article{original, cp} {
		if _, err := an.Article(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Article(ctx, cp.ID)
	if err != nil || got.CopyOf != original.ID {
		t.Errorf("the syndicated copy's CopyOf = %d, %v; want the original %d", got.CopyOf, err, original.ID)
	}
	a1, _ := db.Analysis(ctx, original.ID)
	a2, _ := db.Analysis(ctx, cp.ID)
	if a1.StoryID == 0 || a1.StoryID != a2.StoryID {
		t.Errorf("copy in story %d, original in %d; want the same", a2.StoryID, a1.StoryID)
	}
}

// hasEntity reports whether es holds an entity named name of kind k.
func hasEntity(es []storyline.Entity, name string, k storyline.EntityKind) bool {
	for _, e := range es {
		if e.Name == name && e.Kind == k {
			return true
		}
	}
	return false
}
