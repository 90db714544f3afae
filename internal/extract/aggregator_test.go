package extract

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// update rewrites golden files with the current output.
var update = flag.Bool("update", false, "rewrite golden files")

// aggregatorParagraphs are the article's own paragraphs in the aggregator
// fixtures; every one must be in the text.
var aggregatorParagraphs = []string{
	"The passenger ferry linking Velmora to the outer islands carried its first travellers in six weeks on Monday morning",
	"About forty commuters, two school classes and a veterinarian with a crate of very loud geese boarded the Marisol Vey at 7:10",
	"“We had people rowing their own dinghies across to get to work,” said harbour master Odile Brannock.",
	"The repairs cost 1.8 million crowns, most of it paid from the regional resilience fund.",
	"Islanders say the six-week gap hit the small bakery and the clinic on Tansy Point hardest.",
	"Season tickets bought before the storm will be extended by six weeks at no charge.",
}

// aggregatorChrome is page chrome of the aggregator fixtures; none of it
// may be in the text.
var aggregatorChrome = []string{
	"Hashtags", "#Velmora", "#Ferries", "AI features", "assistant", "Try AI summaries",
	"Comments", "No comments yet", "Write a comment", "Post comment",
	"Related Articles", "Inland Herald", "35 minutes ago", "Orchard growers", "frost",
	"Metro Ledger", "tool-lending", "Northwind Daily", "Choir from Brask", "bridges",
	"Coastline Courier", "2 hours ago", "Top stories", "Privacy", "All rights reserved",
	"window.__APP__", "line-height",
}

// TestExtractAggregator extracts a news-aggregator page, with and without
// telling class names, and requires the article alone.
func TestExtractAggregator(t *testing.T) {
	for _, name := range []string{"aggregator.html", "aggregator_plain.html"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			a, err := New(Options{}).Extract(raw, "https://newsloop.example/s/123?utm_source=x", "text/html; charset=utf-8")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range aggregatorParagraphs {
				if !strings.Contains(a.Text, p) {
					t.Errorf("text lacks article paragraph %q", p)
				}
			}
			for _, c := range aggregatorChrome {
				if strings.Contains(a.Text, c) {
					t.Errorf("text holds page chrome %q", c)
				}
			}
			want := storyline.Article{
				URL:       "https://newsloop.example/story/velmora-ferry-returns",
				Title:     "Velmora ferry resumes service after storm repairs",
				Byline:    "Ilse Marrow",
				SiteName:  "Newsloop",
				Language:  "en",
				ImageURL:  "https://cdn.newsloop.example/img/velmora-ferry.jpg",
				Published: time.Date(2031, 4, 14, 8, 45, 0, 0, time.FixedZone("", 2*3600)),
			}
			got := storyline.Article{URL: a.URL, Title: a.Title, Byline: a.Byline, SiteName: a.SiteName,
				Language: a.Language, ImageURL: a.ImageURL, Published: a.Published}
			if got.Published.Equal(want.Published) {
				got.Published = want.Published
			}
			if got != want {
				t.Errorf("metadata = %+v, want %+v", got, want)
			}
			if strings.Contains(a.HTML, "Related") || strings.Contains(a.HTML, "#Velmora") {
				t.Errorf("HTML holds page chrome:\n%s", a.HTML)
			}
			if got := strings.Count(a.Text, "\n\n") + 1; got != len(aggregatorParagraphs) {
				t.Errorf("text has %d paragraphs, want %d:\n%s", got, len(aggregatorParagraphs), a.Text)
			}
			checkGolden(t, strings.TrimSuffix(name, ".html")+".golden.txt", a.Text)
		})
	}
}

// checkGolden compares got with testdata/name, or rewrites the file when
// -update is set.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if got+"\n" != string(want) {
		t.Errorf("output differs from %s (run go test -update to accept):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
